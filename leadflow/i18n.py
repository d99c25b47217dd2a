"""English or Polish for every page: each label's Polish, and numbers and dates per language."""

from __future__ import annotations

import re

from leadflow import format, metric_definitions
from leadflow.i18n_pages import PAGES_PL, VALUES_PL

LANGUAGES = {"en": "English", "pl": "Polski"}
DEFAULT = "en"
KEY = "lang"  # the widget key, and so the URL's query parameter: ?lang=pl

NBSP = format.NBSP

MONTHS_PL = format.MONTHS_PL

# English is the key; a label missing in Polish falls back to English, so nothing goes blank.
DRIFT_NOTE = (
    "Each channel, campaign and rep with at least 10 decided (or SLA-due) handoffs this week "
    "and in the 8 weeks before, its rate this week against those 8 weeks by Fisher's exact "
    "test, with the Benjamini–Hochberg correction over every test of the week at a 5 % false "
    "discovery rate; only those are listed."
)
DRIFT_NOTE_PL = (
    "Każdy kanał, kampania i handlowiec z co najmniej 10 rozstrzygniętymi (lub objętymi SLA) "
    "przekazaniami w tym tygodniu i w 8 tygodniach wcześniej: odsetek z tego tygodnia wobec "
    "tych 8 tygodni, dokładnym testem Fishera, z poprawką Benjaminiego–Hochberga na wszystkie "
    "testy tygodnia przy 5 % odsetku fałszywych odkryć; wymienione są tylko te."
)

PL: dict[str, str] = {
    "Language": "Język",
    "Management KPIs": "KPI dla zarządu",
    "KPI": "KPI",
    "Months shown": "Liczba miesięcy",
    "Last month shown": "Ostatni miesiąc",
    "vs previous month": "vs poprzedni miesiąc",
    "vs same month last year": "vs ten sam miesiąc rok temu",
    "Trend": "Trend",
    "Target": "Cel",
    "How each KPI is computed": "Jak liczymy każdy KPI",
    "Download CSV": "Pobierz CSV",
    "Download Excel": "Pobierz Excel",
    "Explained on": "Wyjaśnienie na stronie",
    "days": "dni",
    "No handoffs in these weeks.": "Brak przekazań w tych tygodniach.",
    "no filters": "bez filtrów",
    "to": "do",
    "Weekly calibration report": "Raport tygodniowy z kalibracji",
    "This week": "Ten tydzień",
    "Previous week": "Poprzedni tydzień",
    "8-week average": "Średnia z 8 tygodni",
    "Measure": "Miara",
    "Change": "Zmiana",
    "MQL→SQL rate (handoffs of the week)": "Konwersja MQL→SQL (przekazania z tygodnia)",
    "Reason": "Powód",
    "(no reason)": "(bez powodu)",
    "Sales rep": "Handlowiec",
    "Handoffs this week": "Przekazania w tym tygodniu",
    "Channel": "Kanał",
    "Company": "Firma",
    "Score at handoff": "Scoring przy przekazaniu",
    "Handed off": "Przekazano",
    "Over the SLA": "Ponad SLA",
    "Week by week (weeks named by their Monday)": "Tydzień po tygodniu (tygodnie wg poniedziałku)",
    "PROPOSAL: the last 8 weeks brought {now} handoffs a week, within the capacity of "
    "{capacity}: no change to the threshold is needed.": (
        "PROPOZYCJA: ostatnie 8 tygodni przyniosło {now} przekazań tygodniowo, w granicach "
        "możliwości {capacity}: zmiana progu nie jest potrzebna."
    ),
    "PROPOSAL: to keep handoffs within {capacity} a week, hand off only leads scored "
    "{threshold} or more. Over the last 8 weeks that would have meant {after} handoffs a "
    "week instead of {now}: {lost} fewer handoffs, of which {accepted} were accepted as SQL "
    "and {won} became won deals worth {revenue}.": (
        "PROPOZYCJA: aby utrzymać przekazania w granicach {capacity} tygodniowo, przekazuj "
        "tylko leady ze scoringiem {threshold} lub wyższym. W ostatnich 8 tygodniach dałoby to "
        "{after} przekazań tygodniowo zamiast {now}: o {lost} mniej, z czego {accepted} "
        "zaakceptowano jako SQL, a {won} zakończyło się wygraną umową o wartości {revenue}."
    ),
    "Week": "Tydzień",
    "PROPOSAL": "PROPOZYCJA",
    "The week in numbers": "Tydzień w liczbach",
    "Rejections by reason": "Odrzucenia wg powodu",
    "SLA breaches per rep": "Naruszenia SLA wg handlowca",
    "MQL→SQL by channel": "MQL→SQL wg kanału",
    "Drift alerts": "Alerty zmian",
    "Campaign": "Kampania",
    "MQL→SQL of decided handoffs": "MQL→SQL rozstrzygniętych przekazań",
    "Rejection rate": "Odsetek odrzuceń",
    "SLA compliance": "Zgodność z SLA",
    "this week against": "w tym tygodniu wobec",
    "in the 8 weeks before": "w 8 tygodniach wcześniej",
    "adjusted": "skorygowane",
    "No channel, campaign or rep moved significantly this week.": "Żaden kanał, kampania ani "
    "handlowiec nie zmienił się istotnie w tym tygodniu.",
    DRIFT_NOTE: DRIFT_NOTE_PL,
    "Leads that need a decision": "Leady czekające na decyzję",
    "Proposal: the MQL threshold for the sales capacity": "Propozycja: próg MQL dla możliwości "
    "działu sprzedaży",
    "Sales capacity (handoffs a week)": "Możliwości sprzedaży (przekazań tygodniowo)",
    "Download the report (HTML)": "Pobierz raport (HTML)",
    "What happened in the week against the week before and the 8-week average, which leads "
    "wait for a decision, and which threshold would fit sales capacity?": (
        "Co wydarzyło się w tygodniu wobec poprzedniego tygodnia i średniej z 8 tygodni, które "
        "leady czekają na decyzję i jaki próg pasowałby do możliwości sprzedaży?"
    ),
    "Weeks run Monday to Sunday (Europe/Warsaw). Each event counts in its own week: MQLs "
    "when they became MQL, handoffs when handed off, accepted and rejected when sales "
    "decided; SLA breaches and MQL→SQL by handoff week. The 8-week average is over the 8 "
    "weeks before this one. The sidebar's period is not used here; its other filters are.": (
        "Tygodnie od poniedziałku do niedzieli (Europe/Warsaw). Każde zdarzenie liczy się w "
        "swoim tygodniu: MQL-e w dniu uzyskania statusu MQL, przekazania w dniu przekazania, "
        "akceptacje i odrzucenia w dniu decyzji handlowca; naruszenia SLA i MQL→SQL wg "
        "tygodnia przekazania. Średnia z 8 tygodni obejmuje 8 tygodni przed wybranym. Okres z "
        "panelu bocznego nie jest tu używany; pozostałe filtry tak."
    ),
    "Handoffs neither accepted nor rejected yet, handed off by the end of the week and past "
    "the response SLA, as of the data's date.": (
        "Przekazania jeszcze bez akceptacji ani odrzucenia, przekazane do końca tygodnia i po "
        "terminie SLA, według stanu danych."
    ),
    "A proposal, not a decision: from the scores at handoff of the last 8 weeks, the lowest "
    "threshold that keeps handoffs per week within the capacity, and the handoffs, SQLs and "
    "won deals it would have cost.": (
        "Propozycja, nie decyzja: na podstawie scoringu przy przekazaniu z ostatnich 8 "
        "tygodni najniższy próg, który utrzymuje liczbę przekazań w granicach możliwości, oraz "
        "przekazania, SQL-e i wygrane umowy, które by przepadły."
    ),
    "No leads need a decision.": "Żaden lead nie czeka na decyzję.",
    "No rejections in these weeks.": "Brak odrzuceń w tych tygodniach.",
    "Filters": "Filtry",
    "Data as of": "Stan danych na",
    "How is the business doing month by month: SQLs against target, conversion, cost per lead "
    "and per SQL, deals won, response times and return on lead generation?": (
        "Jak idzie biznes miesiąc po miesiącu: SQL-e wobec celu, konwersja, koszt leada i SQL-a, "
        "wygrane umowy, czas reakcji i zwrot z generowania leadów?"
    ),
    "Number of months in the table; the last one is the month of the period's end date.": (
        "Liczba miesięcy w tabeli; ostatni to miesiąc daty końcowej okresu."
    ),
    "Each KPI is counted in the month of its own event: SQLs in the month they were "
    "accepted, conversion, rejections, response time and SLA by the handoff month, deals by "
    "the month they closed, costs by campaign month. The sidebar's end date picks the last "
    "month; its start date is not used here. The channel filter applies to costs too; "
    "industry, company size and rep filters cannot split campaign costs, so CPL, CPL-Q and "
    "ROI always use the full cost of the chosen channels.": (
        "Każdy KPI liczymy w miesiącu jego zdarzenia: SQL-e w miesiącu akceptacji, konwersję, "
        "odrzucenia, czas reakcji i SLA wg miesiąca przekazania leada, umowy wg miesiąca "
        "zamknięcia, koszty wg miesiąca kampanii. Data końcowa z panelu bocznego wyznacza "
        "ostatni miesiąc; data początkowa nie jest tu używana. Filtr kanału dotyczy też "
        "kosztów; filtrów branży, wielkości firmy i handlowca nie da się zastosować do kosztów "
        "kampanii, więc CPL, CPL-Q i ROI zawsze liczą pełny koszt wybranych kanałów."
    ),
    "of target": "celu",
    "no target": "brak celu",
    "of pro-rated target": "celu proporcjonalnego",
    "pro-rated to as many days": "proporcjonalnie do tylu samych dni",
    "{month} is counted to day {days} of {of}, the data's last day, and pro-rated rather "
    "than judged as a full month: its SQL target is {days}/{of} of the month's ({target} → "
    "{prorated}), and its SQLs are compared with the earlier months' SQLs per day × {days} "
    "days. Rates, costs per lead and times are compared as they are.": (
        "Miesiąc {month} liczymy do dnia {days} z {of}, ostatniego dnia danych, "
        "proporcjonalnie, a nie jak pełny miesiąc: cel SQL to {days}/{of} celu miesiąca "
        "({target} → {prorated}), a SQL-e porównujemy z SQL-ami wcześniejszych miesięcy na "
        "dzień × {days} dni. Wskaźniki procentowe, koszty na leada i czasy porównujemy bez "
        "zmian."
    ),
    "Target met": "Cel osiągnięty",
    "Below target": "Poniżej celu",
    "against": "wobec",
    "Months newest first, so the latest stay in sight on a narrow screen; the trend reads "
    "oldest to newest. Changes compare the newest month with the month before it and with the "
    "same month a year earlier: rates in percentage points, everything else relative.": (
        "Miesiące od najnowszego, aby ostatnie były widoczne także na wąskim ekranie; trend "
        "biegnie od najstarszego do najnowszego. Zmiany porównują najnowszy miesiąc z "
        "poprzednim i z tym samym miesiącem rok wcześniej: wskaźniki procentowe w punktach "
        "procentowych, pozostałe względnie."
    ),
    "The database has no campaign costs: CPL, CPL-Q and ROI stay empty.": (
        "Baza nie zawiera kosztów kampanii: CPL, CPL-Q i ROI pozostają puste."
    ),
    "business hours": "godz. robocze",
}


# Every metric's label in Polish comes from the registry, not from a second list here.
PL[
    "Revenue, revenue per deal and ROI count the won deals in PLN, the currency of the "
    "campaign costs; won deals in other currencies are left out, never added up:"
] = (
    "Przychód, przychód na umowę i ROI liczą wygrane umowy w PLN, walucie kosztów kampanii; "
    "wygrane umowy w innych walutach są pominięte, nigdy nie sumowane:"
)
# Words of the disqualification, lead status and currency sections on the Funnel, Conversion and
# Rejections pages, for when those pages speak Polish.
PL.update(
    {
        "Disqualified before handoff: reasons": "Dyskwalifikacje przed przekazaniem: powody",
        "Disqualified by": "Zdyskwalifikował(a)",
        "Disqualified": "Zdyskwalifikowane",
        "Lead status": "Status leada",
        "Currency": "Waluta",
        "Won amount": "Kwota wygranych",
        "The won deals are in several currencies: each is shown on its own.": (
            "Wygrane umowy są w kilku walutach: każda jest pokazana osobno."
        ),
        "Leads marketing or an SDR closed before any handoff: not sales rejections, so not in "
        "the numbers above. A lead recycled and handed off since is not counted here.": (
            "Leady zamknięte przez marketing lub SDR-a przed przekazaniem: to nie odrzucenia "
            "przez handlowców, więc nie ma ich w liczbach powyżej. Lead zawrócony do "
            "nurturingu i przekazany później nie jest tu liczony."
        ),
    }
)
PL.update({m.label: m.label_pl for m in metric_definitions.METRICS.values()})
PL.update(PAGES_PL)

# English texts asked for in Polish that have no Polish entry: a test runs every page in Polish
# and fails on any, so no English label slips into the Polish app.
MISSING: set[str] = set()


_POLISH = set(PL.values())


def t(text: str, lang: str) -> str:
    if lang != "pl":
        return text
    if text not in PL and text not in _POLISH:  # a text already in Polish stays as it is
        MISSING.add(text)
    return PL.get(text, text)


def value(text: str, lang: str) -> str:
    """A value from the data (a channel, a reason, an event) in Polish where the app knows it:
    the app's own values and the demo data's; a value from a CRM export stays as it is, but
    for a snake_case spelling, shown in words in either language (format.label)."""
    if lang != "pl":
        return format.label(text) if isinstance(text, str) else text
    demo = re.fullmatch(r"demo data: ([\d,]+) leads, seed (\d+)", text)
    if demo:
        leads = format.count(int(demo[1].replace(",", "")), lang)
        return f"dane demonstracyjne: {leads} leadów, ziarno {demo[2]}"
    return VALUES_PL.get(text) or (format.label(text) if isinstance(text, str) else text)


number = format.number
count = format.count
points = format.points
change = format.change
pln = format.pln
pln_short = format.pln_short
period = format.period
_missing = format._missing
# The KPI and weekly pages' formats, kept as they were under these names.
days = format.days_exact
hours = format.business_hours
day = format.numeric_day
month = format.month


def pct(value: float | None, lang: str, digits: int = 1) -> str:
    return format.pct(value, digits, lang)
