"""The metric registry: every number a page shows, defined once with its date, unit and words.

Each metric names the query column it comes from, the date it is counted by, how it is shown,
and its label and help text in English and Polish. Tiles, KPI rows, weekly-report lines and
docs/definitions.md read them from here (`python -m leadflow.metric_definitions` prints the
doc), so two pages showing one label show one definition. Pure Python: no Streamlit, no duckdb.
"""

from __future__ import annotations

from dataclasses import dataclass

# The date each metric is counted by: the period (or month, or week) selects a lead by it.
# Stage dates are funnel_leads' columns in queries/macros.sql (implied stages included).
COUNTED_BY: dict[str, tuple[str, str]] = {
    "created_at": ("the day the lead was created", "dzień utworzenia leada"),
    "mql_reached_at": (
        "the day the lead became an MQL (or, without mql_at, was handed off)",
        "dzień, w którym lead stał się MQL-em (bez mql_at: dzień przekazania)",
    ),
    "handoff_at": ("the day the lead was handed off to sales", "dzień przekazania leada"),
    "sql_at": (
        "the day sales accepted the lead (or, without accepted_at, its first deal was created)",
        "dzień akceptacji leada (bez accepted_at: dzień utworzenia pierwszej umowy)",
    ),
    "decided_at": ("the day sales accepted or rejected the lead", "dzień decyzji handlowca"),
    "disqualified_at": (
        "the day marketing or an SDR disqualified the lead, before any handoff",
        "dzień dyskwalifikacji leada przez marketing lub SDR-a, przed przekazaniem",
    ),
    "won_at": ("the day the lead's first deal was won", "dzień wygrania pierwszej umowy leada"),
    "closed_at": ("the day the deal closed, won or lost", "dzień zamknięcia umowy"),
    "month": ("the calendar month", "miesiąc kalendarzowy"),
}

UNITS = ("count", "pct", "pln", "days", "hours")

NOT_MEASURED = {"en": "not measured", "pl": "nie mierzono"}

# Why a metric is not measured, when a setting it needs is missing: said beside the empty value.
MISSING_SETTING: dict[str, tuple[str, str]] = {
    "sla_policy": (
        "no SLA policy in the data (table sla_policy is empty)",
        "brak polityki SLA w danych (tabela sla_policy jest pusta)",
    ),
    "sql_targets": ("no SQL target for the month", "brak celu SQL na ten miesiąc"),
    "campaign_costs": (
        "no campaign costs in the data (table campaign_costs is empty)",
        "brak kosztów kampanii w danych (tabela campaign_costs jest pusta)",
    ),
    "scores": (
        "no handoff of these weeks has a score at handoff",
        "żadne przekazanie z tych tygodni nie ma scoringu przy przekazaniu",
    ),
}


@dataclass(frozen=True)
class Metric:
    key: str
    label: str  # English; the short name, as the KPI table and weekly report list it
    label_pl: str
    counted_by: str  # a COUNTED_BY key
    unit: str  # a UNITS value: how it is shown and how its change is told
    help: str  # what it is, with its formula, in English
    help_pl: str
    basis: str = ""  # English: which leads, when the label must say it ("in the period")
    basis_pl: str = ""
    needs: str = ""  # a MISSING_SETTING key: without that setting it is not measured
    shown_on: tuple[str, ...] = ()

    def name(self, lang: str = "en") -> str:
        return self.label_pl if lang == "pl" else self.label

    def title(self, lang: str = "en") -> str:
        """The label with the leads it counts, as a tile shows it: 'SQLs (accepted in the
        period)'."""
        basis = self.basis_pl if lang == "pl" else self.basis
        return f"{self.name(lang)} ({basis})" if basis else self.name(lang)

    def describe(self, lang: str = "en") -> str:
        return self.help_pl if lang == "pl" else self.help

    def date(self, lang: str = "en") -> str:
        en, pl = COUNTED_BY[self.counted_by]
        return pl if lang == "pl" else en


def why_not_measured(setting: str, lang: str = "en") -> str:
    """'not measured: no SLA policy in the data (…)', for a value a missing setting leaves
    empty."""
    en, pl = MISSING_SETTING[setting]
    return f"{NOT_MEASURED[lang]}: {pl if lang == 'pl' else en}"


# The handoff pages' measures in words, for docs/definitions.md (their numbers are computed by
# the handoffs and sla_handoffs macros and leadflow/conversion.py, sla.py, rejections.py).
HANDOFF_DEFINITIONS = """\
The conversion, SLA and rejection pages follow the leads **handed off** in the period. Handoffs
are defined once, in the `handoffs` and `sla_handoffs` macros of `queries/macros.sql`:

| metric | formula |
| --- | --- |
| outcome of a handoff | accepted (an SQL, as the funnel defines it), rejected, or still open while sales has not decided |
| rejection rate | rejected / (accepted + rejected) |
| 95 % range | the Wilson score interval of a rate; a group with fewer than 30 decided handoffs (`conversion.MIN_DECIDED`) is drawn pale, "too few to judge" |
| time to decision | clock time from handoff to acceptance or rejection |
| response time | first sales response − handoff, in **business hours** of the `sla_policy` version in effect on the handoff day (its working weekdays and hours, without `public_holidays`), and in plain clock hours. Where an export lacks `first_response_at`, the decision counts as the response |
| SLA compliance | answered within the SLA / due; a handoff is due once answered or once it has waited longer than the SLA (one still within its SLA counts neither way). Exactly at the SLA is within |
| SLA breach, overdue by | answered later than the SLA, or still waiting past it; overdue by = business hours over the SLA (growing while it waits) |
| feedback breach | a rejection without a reason (shown as "(no reason given)") |
| recycled lead | a rejected lead sent back to nurture (`recycled_at`); since then: a buying signal (demo request, contact form, pricing page, ROI calculator), other activity only, or nothing |
| score band | `score_at_handoff` in 10-point bands (`90-99`) |

A monthly cohort is **still maturing** while its youngest leads are under 90 days old
(`metrics.MATURING_DAYS`): its later stages will still grow.
"""  # noqa: E501 (markdown table rows)

_LANDING = "app.py"
_FUNNEL = "pages/1_Funnel.py"
_CONVERSION = "pages/2_Conversion.py"
_SLA = "pages/3_SLA.py"
_REJECTIONS = "pages/4_Rejections.py"
_KPIS = "pages/6_KPIs.py"
_WEEKLY = "pages/7_Weekly_report.py"

_ALL: tuple[Metric, ...] = (
    Metric(
        "leads", "Leads", "Leady", "created_at", "count",
        "Leads created in the period (every page counts leads by their creation).",
        "Leady utworzone w okresie (każda strona liczy leady wg daty utworzenia).",
        shown_on=(_LANDING, _FUNNEL),
    ),
    Metric(
        "mqls", "MQLs", "MQL-e", "mql_reached_at", "count",
        "Leads that became MQLs in the period: their score crossed the MQL threshold (mql_at), "
        "or, where an export lacks mql_at, they were handed off (a handoff implies an MQL).",
        "Leady, które w okresie stały się MQL-ami: ich scoring przekroczył próg (mql_at), a gdy "
        "eksport nie ma mql_at, zostały przekazane handlowcom (przekazanie oznacza MQL).",
        "became MQL in the period", "MQL w okresie",
        shown_on=(_LANDING, _WEEKLY),
    ),
    Metric(
        "handoffs", "Handoffs", "Przekazania", "handoff_at", "count",
        "Leads handed off to sales in the period (handoff_at).",
        "Leady przekazane handlowcom w okresie (handoff_at).",
        "handed off in the period", "przekazane w okresie",
        shown_on=(_CONVERSION, _WEEKLY),
    ),
    Metric(
        "sqls", "SQLs", "SQL-e", "sql_at", "count",
        "Leads that became SQLs in the period: accepted by sales (accepted_at), or, where an "
        "export lacks accepted_at, the day their first deal was created (a deal implies an SQL).",
        "Leady, które w okresie stały się SQL-ami: zaakceptowane przez handlowca (accepted_at), "
        "a gdy eksport nie ma accepted_at, w dniu utworzenia pierwszej umowy (umowa oznacza SQL).",
        "accepted in the period", "zaakceptowane w okresie",
        shown_on=(_LANDING, _KPIS),
    ),
    Metric(
        "accepted", "Accepted", "Zaakceptowane", "decided_at", "count",
        "Handoffs sales accepted in the period, counted on the day of the decision.",
        "Przekazania zaakceptowane przez handlowców w okresie, w dniu decyzji.",
        shown_on=(_WEEKLY,),
    ),
    Metric(
        "rejected", "Rejected", "Odrzucone", "decided_at", "count",
        "Handoffs sales rejected in the period, counted on the day of the decision.",
        "Przekazania odrzucone przez handlowców w okresie, w dniu decyzji.",
        shown_on=(_WEEKLY,),
    ),
    Metric(
        "won_deals", "Won deals", "Wygrane umowy", "won_at", "count",
        "Leads whose first won deal closed in the period (a lead with several won deals counts "
        "once).",
        "Leady, których pierwsza wygrana umowa zamknęła się w okresie (lead z kilkoma wygranymi "
        "umowami liczy się raz).",
        "won in the period", "wygrane w okresie",
        shown_on=(_LANDING,),
    ),
    Metric(
        "revenue_won", "Revenue won", "Przychód z wygranych", "won_at", "pln",
        "Sum of the won amounts of the leads won in the period (all their won deals), in their "
        "currency: several currencies are shown side by side, never added up.",
        "Suma kwot wygranych umów leadów wygranych w okresie (wszystkich ich umów), w ich "
        "walucie: kilka walut pokazuje się obok siebie, nigdy zsumowanych.",
        "deals won in the period", "umowy wygrane w okresie",
        shown_on=(_LANDING, _KPIS),
    ),
    Metric(
        "mql_to_sql_rate", "MQL→SQL rate", "Konwersja MQL→SQL", "handoff_at", "pct",
        "Of the leads handed off in the period that sales has decided on, the share accepted: "
        "accepted / (accepted + rejected). A handoff still awaiting a decision is neither a "
        "success nor a failure: it is left out and counted beside the rate.",
        "Spośród leadów przekazanych w okresie, o których handlowiec już zdecydował, odsetek "
        "zaakceptowanych: zaakceptowane / (zaakceptowane + odrzucone). Przekazania bez decyzji "
        "są pominięte i pokazane obok.",
        "handoffs of the period", "przekazania z okresu",
        shown_on=(_LANDING, _CONVERSION, _KPIS, _WEEKLY),
    ),
    Metric(
        "cohort_mql_to_sql_rate", "MQL→SQL among leads created in the period",
        "MQL→SQL wśród leadów utworzonych w okresie", "created_at", "pct",
        "Of the leads created in the period that sales has decided on, the share accepted: "
        "SQLs / (SQLs + rejected), whenever the decision came.",
        "Spośród leadów utworzonych w okresie, o których handlowiec zdecydował, odsetek "
        "zaakceptowanych: SQL-e / (SQL-e + odrzucone), bez względu na datę decyzji.",
        shown_on=(_FUNNEL,),
    ),
    Metric(
        "cohort_win_rate", "Win rate among leads created in the period",
        "Odsetek wygranych wśród leadów utworzonych w okresie", "created_at", "pct",
        "Won / (won + lost) over the leads created in the period; open deals are not decided.",
        "Wygrane / (wygrane + przegrane) wśród leadów utworzonych w okresie; otwarte pominięte.",
        shown_on=(_FUNNEL,),
    ),
    Metric(
        "cohort_revenue_won", "Revenue won by leads created in the period",
        "Przychód z leadów utworzonych w okresie", "created_at", "pln",
        "Sum of the won amounts of the leads created in the period, whenever they were won, "
        "per currency: amounts in different currencies are shown side by side, never added up.",
        "Suma kwot wygranych umów leadów utworzonych w okresie, bez względu na datę wygranej, "
        "osobno dla każdej waluty: kwot w różnych walutach nigdy się nie sumuje.",
        shown_on=(_FUNNEL,),
    ),
    Metric(
        "cohort_disqualified", "Disqualified before handoff",
        "Zdyskwalifikowane przed przekazaniem", "created_at", "count",
        "Leads created in the period that marketing or an SDR closed before handing them to "
        "sales (disqualified_at), whenever that was. Not a stage of the funnel: they left it. "
        "A lead recycled and handed off since counts as handed off.",
        "Leady utworzone w okresie, które marketing lub SDR zamknął przed przekazaniem "
        "handlowcom (disqualified_at), bez względu na datę. To nie etap lejka: lead z niego "
        "wypadł. Lead zawrócony do nurturingu i przekazany później liczy się jako przekazany.",
        "leads created in the period", "leady utworzone w okresie",
        shown_on=(_FUNNEL,),
    ),
    Metric(
        "disqualified", "Disqualified before handoff", "Zdyskwalifikowane przed przekazaniem",
        "disqualified_at", "count",
        "Leads marketing or an SDR closed in the period before they reached sales, with the "
        "reason given (bad contact data, no need, unsubscribed, abandoned, competitor). Not "
        "sales rejections: those come after a handoff and are counted apart.",
        "Leady zamknięte w okresie przez marketing lub SDR-a, zanim trafiły do handlowców, z "
        "podanym powodem (złe dane kontaktowe, brak potrzeby, wypisanie, porzucenie, "
        "konkurencja). To nie odrzucenia przez handlowców: te następują po przekazaniu i są "
        "liczone osobno.",
        "disqualified in the period", "zdyskwalifikowane w okresie",
        shown_on=(_REJECTIONS,),
    ),
    Metric(
        "sql_target", "SQL target", "Cel SQL", "month", "count",
        "The month's target from the sql_targets table.",
        "Cel miesiąca z tabeli sql_targets.",
        needs="sql_targets",
        shown_on=(_KPIS,),
    ),
    Metric(
        "sql_vs_target", "SQLs vs target", "SQL-e vs cel", "sql_at", "pct",
        "SQLs of the month / target of the month.",
        "SQL-e w miesiącu / cel na miesiąc.",
        needs="sql_targets",
        shown_on=(_KPIS,),
    ),
    Metric(
        "rejection_rate", "SQL rejection rate", "Odsetek odrzuconych leadów", "handoff_at", "pct",
        "Rejected / (accepted + rejected) among the leads handed off in the period.",
        "Odrzucone / (zaakceptowane + odrzucone) spośród leadów przekazanych w okresie.",
        "handoffs of the period", "przekazania z okresu",
        shown_on=(_KPIS, _REJECTIONS),
    ),
    Metric(
        "win_rate", "Win rate SQL→deal", "Odsetek wygranych SQL→umowa", "closed_at", "pct",
        "Won / (won + lost), by the month the deal closed; open deals are not decided yet.",
        "Wygrane / (wygrane + przegrane), wg miesiąca zamknięcia umowy; otwarte pominięte.",
        shown_on=(_KPIS,),
    ),
    Metric(
        "revenue_per_deal", "Average revenue per won deal", "Średni przychód z wygranej umowy",
        "won_at", "pln",
        "Sum of won amounts / won deals, by the month the deal was won, over the deals in PLN "
        "(the currency of campaign costs; others are left out, never converted).",
        "Suma kwot wygranych umów / liczba wygranych, wg miesiąca wygranej, z umów w PLN "
        "(walucie kosztów kampanii; inne waluty pominięte, nie przeliczane).",
        shown_on=(_KPIS,),
    ),
    Metric(
        "cpl", "CPL", "CPL", "created_at", "pln",
        "Campaign cost of the month / leads created that month that came from a campaign "
        "(leads without a campaign, e.g. referrals, cost nothing and are left out).",
        "Koszt kampanii w miesiącu / leady z kampanii utworzone w tym miesiącu (leady bez "
        "kampanii, np. z poleceń, nie mają kosztu i są pominięte).",
        needs="campaign_costs",
        shown_on=(_KPIS,),
    ),
    Metric(
        "cplq", "CPL-Q", "CPL-Q", "sql_at", "pln",
        "Campaign cost of the month / SQLs from campaigns accepted that month.",
        "Koszt kampanii w miesiącu / SQL-e z kampanii zaakceptowane w tym miesiącu.",
        needs="campaign_costs",
        shown_on=(_KPIS,),
    ),
    Metric(
        "time_to_close", "Median time to close", "Mediana czasu do zamknięcia", "won_at", "days",
        "Median days from lead creation to the won deal, by the month it was won.",
        "Mediana dni od utworzenia leada do wygranej umowy, wg miesiąca wygranej.",
        shown_on=(_KPIS,),
    ),
    Metric(
        "response_time", "Median lead-response time", "Mediana czasu reakcji na lead",
        "handoff_at", "hours",
        "Median business hours from handoff to the first sales response, by handoff month "
        "(answered handoffs).",
        "Mediana godzin roboczych od przekazania do pierwszej reakcji handlowca, wg miesiąca "
        "przekazania (leady z odpowiedzią).",
        needs="sla_policy",
        shown_on=(_KPIS, _SLA),
    ),
    Metric(
        "sla_compliance", "SLA compliance", "Zgodność z SLA", "handoff_at", "pct",
        "Answered within the SLA / handoffs due (answered, or waiting past the SLA), by "
        "handoff date, as on the SLA page. Without an SLA policy nothing is due: not measured.",
        "Odpowiedzi w czasie SLA / przekazania, których termin minął (z odpowiedzią lub "
        "czekające po terminie), wg daty przekazania, jak na stronie SLA. Bez polityki SLA nic "
        "nie jest wymagalne: nie mierzono.",
        "handoffs of the period", "przekazania z okresu",
        needs="sla_policy",
        shown_on=(_KPIS, _SLA, _WEEKLY),
    ),
    Metric(
        "sla_breaches", "SLA breaches", "Naruszenia SLA", "handoff_at", "count",
        "Handoffs answered later than the SLA, or still waiting past it.",
        "Przekazania z odpowiedzią po terminie SLA lub wciąż czekające po terminie.",
        needs="sla_policy",
        shown_on=(_SLA, _WEEKLY),
    ),
    Metric(
        "roi", "Lead-gen ROI", "ROI z generowania leadów", "month", "pct",
        "(Revenue won in the month − campaign cost of the month) / campaign cost of the month; "
        "revenue of the deals in PLN, the costs' currency.",
        "(Przychód z umów wygranych w miesiącu − koszt kampanii w miesiącu) / koszt kampanii; "
        "przychód z umów w PLN, walucie kosztów.",
        needs="campaign_costs",
        shown_on=(_KPIS,),
    ),
)  # fmt: skip

METRICS: dict[str, Metric] = {m.key: m for m in _ALL}


def get(key: str) -> Metric:
    return METRICS[key]


def markdown() -> str:
    """docs/definitions.md: every metric, its date, unit and formula; the stage rule."""
    lines = [
        "# Definitions",
        "",
        "Generated from `leadflow/metric_definitions.py` by "
        "`python -m leadflow.metric_definitions > docs/definitions.md`; do not edit by hand "
        "(`tests/test_consistency.py` fails when this file is stale).",
        "",
        "## Stages",
        "",
        "Each stage is decided once, in the `funnel_leads` macro of `queries/macros.sql`, with "
        "the moment the lead reached it. A lead that reached a later stage reached the earlier "
        "ones, at the latest when it reached the later one:",
        "",
        "| stage | reached when | on the day |",
        "| --- | --- | --- |",
        "| MQL | `mql_at` is set, or it reached a later stage | `mql_reached_at` = "
        "`mql_at`, else the handoff |",
        "| handed off | `handoff_at` is set, or it became an SQL | `handoff_reached_at` = "
        "`handoff_at`, else `sql_at` |",
        "| SQL | sales accepted it, or it has a deal | `sql_at` = `accepted_at`, else the first "
        "deal's creation |",
        "| opportunity | it has a deal | the first deal's creation |",
        "| won | any of its deals was won | `won_at`: the first won deal's close |",
        "| lost | every deal it had was lost | the last deal's close |",
        "| rejected | sales rejected it and it is no SQL | `rejected_at` |",
        "| disqualified before handoff (beside the funnel, not a step of it) | marketing or an "
        "SDR closed it and it was never handed off | `disqualified_at` |",
        "",
        "The period is one macro, `in_period(t, $start, $end)`: `t` on a day from the start "
        "date to the end date, both included. Pages that follow handoffs (conversion, SLA, "
        "rejections, weekly) select by `handoff_at` as recorded: a lead without a handoff date "
        "cannot be placed in a handoff period. Stage velocity measures only the recorded dates.",
        "",
        "A metric that needs a setting the data lacks is not measured (an empty value and "
        "the reason), never 0:",
        "",
    ]
    lines += [f"- {en}." for en, _ in MISSING_SETTING.values()]
    lines += [
        "",
        "## Metrics",
        "",
        "| key | label | counted by | unit | definition | pages |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for m in _ALL:
        pages = ", ".join(f"`{p}`" for p in m.shown_on)
        lines.append(f"| `{m.key}` | {m.title()} | {m.date()} | {m.unit} | {m.help} | {pages} |")
    lines += ["", "## Handoffs, SLA and rejections", "", HANDOFF_DEFINITIONS]
    lines += [
        "Where two pages show the same label they show the same number for the same leads and "
        "period (`tests/test_consistency.py`). A label with no basis in brackets is counted by "
        "its date in the page's own period (a KPI month, a report week).",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(), end="")
