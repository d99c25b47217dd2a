"""The Polish of the sidebar, the landing page and the funnel, conversion, SLA and rejection
pages, and of the values the app and the demo data write into cells."""

from __future__ import annotations

PAGES_PL: dict[str, str] = {
    "Monday of the week; the default is the last full week (Monday–Sunday) of the data, or the "
    "week of its last lead when the data stops earlier.": (
        "Poniedziałek tygodnia; domyślnie ostatni pełny tydzień (poniedziałek–niedziela) danych, "
        "a gdy dane kończą się wcześniej, tydzień ich ostatniego leada."
    ),
    "The period before ({previous}) lies before the data's first lead ({first}): no change is "
    "shown.": (
        "Poprzedni okres ({previous}) przypada przed pierwszym leadem w danych ({first}): zmiana "
        "nie jest pokazana."
    ),
    "The period before starts before the data's first lead ({first}): it holds only {covered} "
    "of its {days} days, so a change against it overstates growth.": (
        "Poprzedni okres zaczyna się przed pierwszym leadem w danych ({first}): obejmuje tylko "
        "{covered} z {days} dni, więc zmiana względem niego zawyża wzrost."
    ),
    "The data has no handoff dates: no lead says when it was passed to sales, so there is "
    "nothing to measure here. Map the column of your export that holds that date to "
    "handoff_at on the Import data page.": (
        "Dane nie mają dat przekazania: żaden lead nie mówi, kiedy trafił do sprzedaży, więc "
        "nie ma tu czego mierzyć. Przypisz kolumnę eksportu z tą datą do handoff_at na "
        "stronie Import danych."
    ),
    "The won deals are in several currencies: each is shown on its own.": (
        "Wygrane umowy są w kilku walutach: każda jest pokazana osobno."
    ),
    # The sidebar: page links, filters, the data's date, notices about the address.
    "Overview": "Przegląd",
    "Funnel": "Lejek",
    "Conversion": "Konwersja",
    "SLA": "SLA",
    "Rejections": "Odrzucenia",
    "What if": "Symulacja",
    "KPIs": "KPI",
    "Weekly report": "Raport tygodniowy",
    "Import data": "Import danych",
    "Settings": "Ustawienia",
    "Data as of {last}: {source}, leads from {first}.": (
        "Stan danych na {last}: {source}, leady od {first}."
    ),
    "Period": "Okres",
    "Quick period": "Szybki wybór okresu",
    "This month, last quarter…": "Ten miesiąc, poprzedni kwartał…",
    "This month": "Ten miesiąc",
    "Last month": "Poprzedni miesiąc",
    "This quarter": "Ten kwartał",
    "Last quarter": "Poprzedni kwartał",
    "Year to date": "Od początku roku",
    "Last 12 months": "Ostatnie 12 miesięcy",
    "Counted from the data's last day, {day}.": "Liczone od ostatniego dnia danych, {day}.",
    "Each page says which date it counts by: the funnel by when leads were created, the "
    "overview by the day each event happened, the conversion, SLA and rejection pages by the "
    "handoff to sales. A typed date applies when you press Enter or leave the field.": (
        "Każda strona podaje, według jakiej daty liczy: lejek wg daty utworzenia leadów, "
        "przegląd wg dnia każdego zdarzenia, strony konwersji, SLA i odrzuceń wg przekazania "
        "handlowcom. Wpisana data obowiązuje po naciśnięciu Enter lub wyjściu z pola."
    ),
    "Industry": "Branża",
    "Company size (employees)": "Wielkość firmy (pracownicy)",
    "All channels": "Wszystkie kanały",
    "All industries": "Wszystkie branże",
    "All sizes": "Wszystkie wielkości",
    "All reps": "Wszyscy handlowcy",
    "Reps are assigned at handoff: choosing one leaves out leads never handed off.": (
        "Handlowca przypisuje się przy przekazaniu: wybór handlowca pomija leady nigdy "
        "nieprzekazane."
    ),
    "Filters are kept in the page address: copy it to share this view.": (
        "Filtry są zapisane w adresie strony: skopiuj go, aby udostępnić ten widok."
    ),
    "channel": "kanał",
    "industry": "branża",
    "company size": "wielkość firmy",
    "size band": "przedział wielkości",
    "rep": "handlowiec",
    "{link}: a period needs a start and an end date (YYYY-MM-DD).": (
        "{link}: okres wymaga daty początkowej i końcowej (RRRR-MM-DD)."
    ),
    "{link}: the period ends before it starts.": "{link}: okres kończy się, zanim się zaczyna.",
    "{link}: the data holds leads from {first} to {last} only.": (
        "{link}: dane obejmują tylko leady od {first} do {last}."
    ),
    "{link}: the data holds leads from {first} to {last} only, so the period is {period}.": (
        "{link}: dane obejmują tylko leady od {first} do {last}, więc okres to {period}."
    ),
    "{link}: no {field} by that name.": "{link}: brak takiej wartości ({field}).",
    "{key}={raw}: not a number from {low} to {high}.": (
        "{key}={raw}: to nie jest liczba od {low} do {high}."
    ),
    "Ignored in the link, so {instead}:": "Pominięte w linku, więc {instead}:",
    "the page shows the filters in the sidebar": "strona pokazuje filtry z panelu bocznego",
    "the page shows its default": "strona pokazuje wartość domyślną",
    "First start: creating the demo database…": "Pierwsze uruchomienie: tworzę bazę demo…",
    "Only managers can use this page.": "Z tej strony mogą korzystać tylko menedżerowie.",
    " and ": " i ",
    "This page needs {listed}, and none is set: a manager sets it in Settings.": (
        "Ta strona potrzebuje: {listed}, a nic nie ustawiono: ustawia to menedżer w Ustawieniach."
    ),
    "This page needs {listed}, and the data loaded has none. Import a file that holds them on "
    "the Import data page; the other pages work with what is there.": (
        "Ta strona potrzebuje: {listed}, a wczytane dane ich nie zawierają. Zaimportuj plik, "
        "który je zawiera, na stronie Import danych; pozostałe strony działają na tym, co jest."
    ),
    "touchpoints (each lead's e-mail opens, downloads, webinars, demo requests…)": (
        "punkty styku (otwarcia e-maili, pobrania, webinary, prośby o demo każdego leada…)"
    ),
    "deals (opportunities with their stage and amount)": "umowy (szanse z etapem i kwotą)",
    "campaigns": "kampanie",
    "campaign costs per month": "koszty kampanii w miesiącu",
    "monthly SQL targets": "miesięczne cele SQL",
    "scoring rules": "reguły scoringu",
    "an MQL threshold": "próg MQL",
    "an SLA policy": "polityka SLA",
    # Who is looking (leadflow/app/access.py).
    "Sign in to see your company's leads and deals.": (
        "Zaloguj się, aby zobaczyć leady i umowy swojej firmy."
    ),
    "Sign in": "Zaloguj się",
    "Sign out": "Wyloguj się",
    "Open to anyone who can reach this address: no login is configured (docs/deploying.md, "
    "Login and per-rep access).": (
        "Dostępne dla każdego, kto ma ten adres: logowanie nie jest skonfigurowane "
        "(docs/deploying.md, Login and per-rep access)."
    ),
    "everything": "wszystko",
    "the leads of {rep}": "leady handlowca {rep}",
    "nothing": "nic",
    "sees {seen}": "widzi: {seen}",
    "You are signed in as {email}, but your identity provider has not verified this address, "
    "or it is written with look-alike characters, so there is nothing to show. Sign in with "
    "your verified company address (docs/deploying.md).": (
        "Zalogowano jako {email}, ale dostawca tożsamości nie zweryfikował tego adresu albo "
        "zapisano go podobnie wyglądającymi znakami, więc nie ma nic do pokazania. Zaloguj się "
        "zweryfikowanym adresem firmowym (docs/deploying.md)."
    ),
    "You are signed in as {email}, but you are not on the list of users, so there is nothing "
    "to show. Ask a manager to add you (docs/deploying.md).": (
        "Zalogowano jako {email}, ale nie ma Cię na liście użytkowników, więc nie ma nic do "
        "pokazania. Poproś menedżera o dodanie (docs/deploying.md)."
    ),
    # The landing page.
    "Which leads are worth a salesperson's time? This period at a glance.": (
        "Które leady są warte czasu handlowca? Ten okres w skrócie."
    ),
    "**{period}**, compared with the {days} days before ({previous}). Each stage is counted on "
    "the day the lead reached it: a lead created in March and accepted in April is an April "
    "SQL.": (
        "**{period}** w porównaniu z {days} dniami wcześniej ({previous}). Każdy etap liczymy "
        "w dniu, w którym lead go osiągnął: lead utworzony w marcu i zaakceptowany w kwietniu "
        "to kwietniowy SQL."
    ),
    "{awaiting} of the {handoffs} leads handed off in the period still await a decision from "
    "sales.": (
        "{awaiting} z {handoffs} leadów przekazanych w okresie wciąż czeka na decyzję handlowca."
    ),
    "Where to look next": "Gdzie patrzeć dalej",
    "Funnel: how far the leads created in the period got, by stage, month and segment": (
        "Lejek: jak daleko doszły leady utworzone w okresie, wg etapu, miesiąca i segmentu"
    ),
    "MQL→SQL conversion: how many handoffs sales accepted, by week, month and segment": (
        "Konwersja MQL→SQL: ile przekazań zaakceptowali handlowcy, wg tygodnia, miesiąca i segmentu"
    ),
    "SLA compliance: how fast sales answered, per rep and week, and every breach": (
        "Zgodność z SLA: jak szybko odpowiadali handlowcy, wg handlowca i tygodnia, i każde "
        "naruszenie"
    ),
    "Rejection reasons: why sales said no, which sources cause it, who came back": (
        "Powody odrzuceń: dlaczego handlowcy odmówili, które źródła to powodują, kto wrócił"
    ),
    "What-if: replay history under another MQL threshold and other scoring weights": (
        "Symulacja: historia odtworzona przy innym progu MQL i innych wagach scoringu"
    ),
    "Management KPIs: each KPI month by month, against target, last month and last year": (
        "KPI dla zarządu: każdy KPI miesiąc po miesiącu, wobec celu, poprzedniego miesiąca i roku"
    ),
    "Weekly calibration report: the week against the last, and a threshold proposal": (
        "Raport tygodniowy z kalibracji: tydzień wobec poprzedniego i propozycja progu"
    ),
    "Import data: your own CRM export (HubSpot, Salesforce, Pipedrive, a spreadsheet)": (
        "Import danych: własny eksport z CRM (HubSpot, Salesforce, Pipedrive, arkusz)"
    ),
    # Shared by the pages.
    "Split": "Podział",
    "Break down by": "Podziel wg",
    "(all)": "(wszystkie)",
    "(all reasons)": "(wszystkie powody)",
    " in {segment}": " w segmencie {segment}",
    "; the newest {rows} are shown": "; pokazano {rows} najnowszych",
    "; the latest {rows} are shown": "; pokazano {rows} najnowszych",
    ". The download holds all of them.": ". Plik do pobrania zawiera wszystkie.",
    "No leads were handed off to sales in the period with these filters. Widen the period or "
    "clear a filter in the sidebar.": (
        "W tym okresie przy tych filtrach nie przekazano handlowcom żadnych leadów. Poszerz "
        "okres lub wyczyść filtr w panelu bocznym."
    ),
    "Company size": "Wielkość firmy",
    "Seniority": "Stanowisko (poziom)",
    "Month": "Miesiąc",
    "Lead": "Lead",
    "Created": "Utworzono",
    "Employees": "Pracownicy",
    "Size band": "Przedział wielkości",
    "Job title": "Stanowisko",
    "Rejection reason": "Powód odrzucenia",
    "MQL": "MQL",
    "SQL": "SQL",
    "Accepted (SQL)": "Zaakceptowane (SQL)",
    "Opportunity": "Szansa sprzedaży",
    "Opportunities": "Szanse sprzedaży",
    "Won": "Wygrane",
    "Lost": "Przegrane",
    "Won amount": "Kwota wygranej",
    "Cohort": "Kohorta",
    "Lead→MQL": "Lead→MQL",
    "MQLs / leads": "MQL-e / leady",
    "MQL→SQL": "MQL→SQL",
    "Accepted / (accepted + rejected)": "Zaakceptowane / (zaakceptowane + odrzucone)",
    "Win rate": "Odsetek wygranych",
    "Won / (won + lost); open deals are not decided yet": (
        "Wygrane / (wygrane + przegrane); otwarte umowy nie są jeszcze rozstrzygnięte"
    ),
    "When": "Kiedy",
    "What happened": "Co się stało",
    "Detail": "Szczegóły",
    "Still open": "Wciąż otwarte",
    "Sales has not decided yet: not counted in the rate": (
        "Handlowiec jeszcze nie zdecydował: nie liczy się do wskaźnika"
    ),
    "Decided": "Rozstrzygnięte",
    "Accepted + rejected: the rate's denominator": "Zaakceptowane + odrzucone: mianownik wskaźnika",
    "Of the decided handoffs": "Spośród rozstrzygniętych przekazań",
    "95% range": "Przedział 95%",
    "Wilson interval: where the rate probably lies, given the counts": (
        "Przedział Wilsona: gdzie przy tych liczbach prawdopodobnie leży wskaźnik"
    ),
    "Note": "Uwaga",
    "too few to judge": "za mało, by ocenić",
    "too few": "za mało",
    "Recycled": "Zawrócone do nurturingu",
    "Decided at": "Decyzja",
    "Touchpoints before handoff": "Punkty styku przed przekazaniem",
    "Touchpoints after decision": "Punkty styku po decyzji",
    "Last touchpoint": "Ostatni punkt styku",
    "Since recycling": "Od zawrócenia",
    "Outcome": "Wynik",
    "First response": "Pierwsza odpowiedź",
    "Status": "Status",
    "Response time": "Czas reakcji",
    "Clock time": "Czas zegarowy",
    "The same in plain clock hours": "To samo w zwykłych godzinach zegarowych",
    "Overdue by": "Przekroczenie o",
    "Business hours over the SLA": "Godziny robocze ponad SLA",
    "Business hours to the first response, or waited so far": (
        "Godziny robocze do pierwszej odpowiedzi albo dotychczasowego oczekiwania"
    ),
    "Waited": "Czeka",
    "Waited (clock)": "Czeka (zegarowo)",
    "Business hours since the handoff": "Godziny robocze od przekazania",
    "Plain clock hours": "Zwykłe godziny zegarowe",
    "Past the SLA": "Po terminie SLA",
    "week of {day}": "tydzień od {day}",
    "{part} of {whole}": "{part} z {whole}",
    "healthy": "norma",
    "handoffs": "przekazania",
    "days": "dni",
    # The funnel page.
    "How far did the leads created in the period get? Every lead counts once, in its creation "
    "month, at each stage it reached.": (
        "Jak daleko doszły leady utworzone w okresie? Każdy lead liczy się raz, w miesiącu "
        "utworzenia, na każdym etapie, który osiągnął."
    ),
    "No leads were created in the period with these filters. Widen the period or clear a "
    "filter in the sidebar.": (
        "W tym okresie przy tych filtrach nie utworzono żadnych leadów. Poszerz okres lub "
        "wyczyść filtr w panelu bocznym."
    ),
    "Accepted / (accepted + rejected): {accepted} accepted, {rejected} rejected; handoffs "
    "still awaiting a decision are left out.": (
        "Zaakceptowane / (zaakceptowane + odrzucone): {accepted} zaakceptowanych, {rejected} "
        "odrzuconych; przekazania czekające na decyzję są pominięte."
    ),
    "Won / (won + lost): {won} won, {lost} lost. Open deals are not decided yet.": (
        "Wygrane / (wygrane + przegrane): {won} wygranych, {lost} przegranych. Otwarte umowy "
        "nie są jeszcze rozstrzygnięte."
    ),
    "Stage": "Etap",
    "From previous stage": "Z poprzedniego",
    "From all leads": "Ze wszystkich",
    "Stage velocity": "Tempo przechodzenia etapów",
    "Median time between consecutive stages, over the leads that reached both.": (
        "Mediana czasu między kolejnymi etapami, wśród leadów, które osiągnęły oba."
    ),
    "median days": "mediana dni",
    "Cohorts by creation month": "Kohorty wg miesiąca utworzenia",
    "Cohorts younger than {days} days are still maturing: their leads are still being "
    "accepted, turned into deals and closed, so their later stages will grow.": (
        "Kohorty młodsze niż {days} dni wciąż dojrzewają: ich leady są jeszcze akceptowane, "
        "zamieniane w umowy i zamykane, więc ich dalsze etapy jeszcze urosną."
    ),
    "still maturing": "dojrzewa",
    "mature": "dojrzała",
    "Month created": "Miesiąc utworzenia",
    "Split the funnel by": "Podziel lejek wg",
    "MQL→SQL rate by {split}": "Konwersja MQL→SQL wg: {split}",
    "Leads behind a number": "Leady stojące za liczbą",
    "Stage reached": "Osiągnięty etap",
    "{leads} “{stage}”": "{leads} etap „{stage}”",
    "lead reached": "lead osiągnął",
    "leads reached": "leadów osiągnęło",
    "leads reached (2–4)": "leady osiągnęły",
    # The conversion page.
    "MQL→SQL conversion": "Konwersja MQL→SQL",
    "Of the leads marketing handed to sales, how many did sales accept as SQLs, and where does "
    "that differ? Healthy is 20–30 %.": (
        "Ile z leadów przekazanych przez marketing handlowcy zaakceptowali jako SQL i gdzie to "
        "się różni? Zdrowy poziom to 20–30 %."
    ),
    "Leads **handed off to sales** between {period}: on this page the sidebar's dates select "
    "the handoff date. A rate counts only the handoffs sales has decided (accepted or "
    "rejected); those still open are shown on their own, never as failures.": (
        "Leady **przekazane handlowcom** w okresie {period}: na tej stronie daty z panelu "
        "bocznego wybierają datę przekazania. Wskaźnik liczy tylko przekazania, o których "
        "handlowiec zdecydował (zaakceptowane lub odrzucone); otwarte pokazujemy osobno, nigdy "
        "jako porażki."
    ),
    "{n} of them without a reason.": "{n} z nich bez podanego powodu.",
    "Handed off, not yet accepted or rejected: not counted in the rate.": (
        "Przekazane, jeszcze niezaakceptowane ani nieodrzucone: nie liczą się do wskaźnika."
    ),
    "Of the decided handoffs, accepted: {accepted} of {decided}. 95% range {range}. Once every "
    "handoff is decided this equals accepted / handed off.": (
        "Spośród rozstrzygniętych przekazań zaakceptowano {accepted} z {decided}. Przedział "
        "95%: {range}. Gdy wszystkie przekazania zostaną rozstrzygnięte, równa się to "
        "zaakceptowane / przekazane."
    ),
    "Over time, by handoff cohort": "W czasie, wg kohorty przekazania",
    "Cohorts by": "Kohorty wg",
    "Each point is the leads handed off in that week or month; the whisker is its 95% range "
    "(Wilson). Pale points rest on fewer than {few} decided handoffs: too few to judge. The "
    "green band is the healthy 20–30 % (DOMAIN). Below, what became of each cohort: the grey "
    "part is still waiting for sales to decide.": (
        "Każdy punkt to leady przekazane w danym tygodniu lub miesiącu; wąs to przedział 95% "
        "(Wilsona). Blade punkty opierają się na mniej niż {few} rozstrzygniętych "
        "przekazaniach: za mało, by ocenić. Zielony pas to zdrowe 20–30 %. Poniżej, co stało "
        "się z każdą kohortą: szara część wciąż czeka na decyzję handlowca."
    ),
    "MQL→SQL rate (decided)": "Konwersja MQL→SQL (rozstrzygnięte)",
    "MQL→SQL rate (decided) by {split}": "Konwersja MQL→SQL (rozstrzygnięte) wg: {split}",
    "{accepted} of {decided} decided; 95% range {range}": (
        "{accepted} z {decided} rozstrzygniętych; przedział 95% {range}"
    ),
    "{sqls} of {handoffs} handoffs": "{sqls} z {handoffs} przekazań",
    "No handoff in the period has been decided yet, so there is no rate to split.": (
        "Żadne przekazanie z tego okresu nie zostało jeszcze rozstrzygnięte, więc nie ma "
        "wskaźnika do podziału."
    ),
    "Time from handoff to decision": "Czas od przekazania do decyzji",
    "Median, all decisions": "Mediana, wszystkie decyzje",
    "Over {decisions} decided handoffs; half of them took between {p25} and {p75}.": (
        "Z {decisions} rozstrzygniętych przekazań; połowa trwała od {p25} do {p75}."
    ),
    "Median to accept": "Mediana do akceptacji",
    "Median to reject": "Mediana do odrzucenia",
    "Over {n} handoffs.": "Z {n} przekazań.",
    "time from handoff to decision": "czas od przekazania do decyzji",
    "decisions": "decyzje",
    "Clock time from the handoff to sales' accept or reject, nights and weekends included.": (
        "Czas zegarowy od przekazania do akceptacji lub odrzucenia, z nocami i weekendami."
    ),
    "Leads behind a rate": "Leady stojące za wskaźnikiem",
    " “{outcome}”": " „{outcome}”",
    "handed-off lead is": "przekazany lead ma wynik",
    "handed-off leads are (2–4)": "przekazane leady mają wynik",
    "handed-off leads are": "przekazanych leadów ma wynik",
    # The SLA page.
    "Did sales answer the handed-off leads within the agreed time, who breached it and by how "
    "much, and which leads are still waiting?": (
        "Czy handlowcy odpowiedzieli na przekazane leady w uzgodnionym czasie, kto przekroczył "
        "termin i o ile, i które leady wciąż czekają?"
    ),
    " The policy changed over time ({n} versions); each handoff is measured against the "
    "version in effect on its day.": (
        " Polityka zmieniała się w czasie ({n} wersje); każde przekazanie mierzymy wersją "
        "obowiązującą w jego dniu."
    ),
    "Leads **handed off to sales** between {period} (the sidebar's dates select the handoff "
    "date on this page). The SLA: {policy}. Response time counts business hours only, so a "
    "Friday-evening handoff answered on Monday at 10:00 took 1 hour, not 60.": (
        "Leady **przekazane handlowcom** w okresie {period} (na tej stronie daty z panelu "
        "bocznego wybierają datę przekazania). SLA: {policy}. Czas reakcji liczy tylko "
        "godziny robocze, więc przekazanie w piątek wieczorem z odpowiedzią w poniedziałek o "
        "10:00 trwało 1 godzinę, nie 60."
    ),
    "first response within {hours} business hours ({days} {start}–{end}, {zone}, public "
    "holidays off)": (
        "pierwsza odpowiedź w ciągu {hours} godz. roboczych ({days} {start}–{end}, {zone}, "
        "bez świąt)"
    ),
    "{within} of {due} handoffs that are due: answered, or waiting past the SLA. Handoffs "
    "still waiting within the SLA are not counted either way.": (
        "{within} z {due} wymagalnych przekazań: z odpowiedzią albo czekających po terminie "
        "SLA. Przekazania czekające jeszcze w terminie SLA nie liczą się w żadną stronę."
    ),
    "{late} answered late, {waiting} still waiting past the SLA. Half of the breaches are over "
    "by more than {overdue} (business hours).": (
        "{late} z odpowiedzią po terminie, {waiting} wciąż czeka po terminie SLA. Połowa "
        "naruszeń przekracza termin o ponad {overdue} (godziny robocze)."
    ),
    "Median first response": "Mediana pierwszej odpowiedzi",
    "In business hours, over the answered handoffs. In plain clock time: {clock}.": (
        "W godzinach roboczych, wśród przekazań z odpowiedzią. W zwykłym czasie zegarowym: {clock}."
    ),
    "Still waiting": "Wciąż czeka",
    "Handoffs with no first response yet; {past} of them past the SLA already.": (
        "Przekazania jeszcze bez pierwszej odpowiedzi; {past} z nich już po terminie SLA."
    ),
    "Rejected, no reason": "Odrzucone bez powodu",
    "Of {n} rejections. The SLA requires a reason for every rejection: each one without is a "
    "feedback breach.": (
        "Z {n} odrzuceń. SLA wymaga powodu każdego odrzucenia: każde bez powodu to naruszenie "
        "obowiązku informacji zwrotnej."
    ),
    "Per sales rep": "Wg handlowca",
    "Within SLA": "W terminie SLA",
    "Answered within the SLA / due (answered, or waiting past the SLA)": (
        "Odpowiedzi w terminie SLA / wymagalne (z odpowiedzią lub czekające po terminie)"
    ),
    "Breaches": "Naruszenia",
    "Answered late + still waiting past the SLA": (
        "Odpowiedzi po terminie + wciąż czekające po terminie SLA"
    ),
    "Answered late": "Odpowiedź po terminie",
    "Waiting, past SLA": "Czeka, po terminie SLA",
    "Overdue by (median)": "Przekroczenie o (mediana)",
    "Business hours over the SLA, the median of the rep's breaches": (
        "Godziny robocze ponad SLA, mediana naruszeń handlowca"
    ),
    "Waiting, within SLA": "Czeka, w terminie SLA",
    "Median response": "Mediana odpowiedzi",
    "Business hours from handoff to first response": (
        "Godziny robocze od przekazania do pierwszej odpowiedzi"
    ),
    "Median response (clock)": "Mediana odpowiedzi (zegarowo)",
    "Plain clock hours, nights and weekends included": (
        "Zwykłe godziny zegarowe, z nocami i weekendami"
    ),
    "Without a reason": "Bez powodu",
    "Rejections without a reason: feedback breaches of the SLA": (
        "Odrzucenia bez powodu: naruszenia SLA w informacji zwrotnej"
    ),
    "Compliance per rep and week": "Zgodność wg handlowca i tygodnia",
    "Share of each rep's due handoffs of that week (by handoff date, weeks from Monday) "
    "answered within the SLA. Hover a cell for the counts; an empty cell had nothing due.": (
        "Odsetek wymagalnych przekazań handlowca z danego tygodnia (wg daty przekazania, "
        "tygodnie od poniedziałku) z odpowiedzią w terminie SLA. Najedź na komórkę, by zobaczyć "
        "liczby; pusta komórka: nic nie było wymagalne."
    ),
    "All reps together, per week of handoff.": "Wszyscy handlowcy razem, wg tygodnia przekazania.",
    "{rep}, week of {day}: ": "{rep}, tydzień od {day}: ",
    "{share} within the SLA ({breaches} breaches of {due} due)": (
        "{share} w terminie SLA ({breaches} naruszeń z {due} wymagalnych)"
    ),
    "nothing due": "nic wymagalnego",
    "within SLA": "w terminie SLA",
    "week of {day}: {share} within the SLA ({within} of {due} due; {breaches} breaches)": (
        "tydzień od {day}: {share} w terminie SLA ({within} z {due} wymagalnych; {breaches} "
        "naruszeń)"
    ),
    "How long the first response took": "Ile trwała pierwsza odpowiedź",
    "**In {measure}**": "**W {measure}**",
    "business hours (what the SLA counts)": "godzinach roboczych (to liczy SLA)",
    "clock hours (nights, weekends and holidays included)": (
        "godzinach zegarowych (z nocami, weekendami i świętami)"
    ),
    "clock hours": "godziny zegarowe",
    "responses": "odpowiedzi",
    "{hours} h or more": "{hours} h lub więcej",
    "No handoff in the period has been answered yet.": (
        "Na żadne przekazanie z tego okresu nie ma jeszcze odpowiedzi."
    ),
    "Reps with breaches: ": "Handlowcy z naruszeniami: ",
    "none": "brak",
    "No SLA breach among the leads handed off in the period.": (
        "Brak naruszeń SLA wśród leadów przekazanych w okresie."
    ),
    "No SLA breach by {rep} among the leads handed off in the period.": (
        "{rep}: brak naruszeń SLA wśród leadów przekazanych w okresie."
    ),
    "breach": "naruszenie",
    "breaches (2–4)": "naruszenia",
    "breaches": "naruszeń",
    " by {rep}": " – {rep}",
    ", latest handoff first": ", od najnowszego przekazania",
    ". Overdue by = business hours over the SLA; for a lead still waiting it keeps growing. "
    "Click a column header to sort, e.g. by Overdue by.": (
        ". Przekroczenie o = godziny robocze ponad SLA; dla leada, który wciąż czeka, rośnie. "
        "Kliknij nagłówek kolumny, by posortować, np. wg Przekroczenie o."
    ),
    "{hours} over": "{hours} po terminie",
    "Open a lead": "Otwórz leada",
    "Still waiting for a first response": "Wciąż czekają na pierwszą odpowiedź",
    "Every lead handed off in the period has had a first response.": (
        "Każdy lead przekazany w okresie dostał już pierwszą odpowiedź."
    ),
    "As of {moment}, the moment the data describes; longest waiting first. {past} of {waiting} "
    "are past the SLA.": (
        "Stan na {moment}, chwilę, którą opisują dane; najdłużej czekające najpierw. {past} z "
        "{waiting} jest po terminie SLA."
    ),
    # The rejections page.
    "Rejection reasons": "Powody odrzuceń",
    "Why did sales reject the leads marketing handed over, which sources produce which "
    "rejections, and what became of the rejected leads? The input for re-tuning the scoring.": (
        "Dlaczego handlowcy odrzucili leady przekazane przez marketing, które źródła dają które "
        "odrzucenia i co stało się z odrzuconymi leadami? Materiał do ponownego strojenia "
        "scoringu."
    ),
    "Leads **handed off to sales** between {period} (the sidebar's dates select the handoff "
    "date on this page) and rejected by sales.": (
        "Leady **przekazane handlowcom** w okresie {period} (na tej stronie daty z panelu "
        "bocznego wybierają datę przekazania) i odrzucone przez handlowców."
    ),
    "Sales rejected none of the {n} leads handed off in the period with these filters. Widen "
    "the period or clear a filter to compare reasons.": (
        "Handlowcy nie odrzucili żadnego z {n} leadów przekazanych w okresie przy tych "
        "filtrach. Poszerz okres lub wyczyść filtr, by porównać powody."
    ),
    "Rejected / decided: {rejected} of {decided}; 95% range {range}. {open} handoffs still open "
    "are not counted.": (
        "Odrzucone / rozstrzygnięte: {rejected} z {decided}; przedział 95% {range}. {open} "
        "wciąż otwartych przekazań nie jest liczonych."
    ),
    "Rejections sales gave no reason for: a breach of the SLA, and no input for marketing.": (
        "Odrzucenia, dla których handlowiec nie podał powodu: naruszenie SLA i brak informacji "
        "dla marketingu."
    ),
    "Rejected leads sales sent back to marketing's nurture.": (
        "Odrzucone leady, które handlowcy odesłali do nurturingu marketingu."
    ),
    "Top reason: **{reason}**, {rejections} ({share} of all).": (
        "Najczęstszy powód: **{reason}**, {rejections} ({share} wszystkich)."
    ),
    "rejection": "odrzucenie",
    "rejections (2–4)": "odrzucenia",
    "rejections": "odrzuceń",
    "Reasons, most frequent first": "Powody, od najczęstszego",
    "of rejections so far": "odrzuceń dotąd",
    "cumulative share": "udział skumulowany",
    "The line is the cumulative share: the few reasons left of where it crosses 80 % explain "
    "most rejections. Rejections without a reason are red. Click a bar to see its leads below.": (
        "Linia to udział skumulowany: nieliczne powody na lewo od miejsca, gdzie przekracza "
        "80 %, wyjaśniają większość odrzuceń. Odrzucenia bez powodu są czerwone. Kliknij "
        "słupek, by zobaczyć jego leady poniżej."
    ),
    "Trend by week of handoff": "Trend wg tygodnia przekazania",
    "Rejection rate by segment": "Odsetek odrzuceń wg segmentu",
    "Rejection rate (decided) by {split}": "Odsetek odrzuceń (rozstrzygnięte) wg: {split}",
    "Rejected / decided handoffs, with the 95% range; pale bars rest on fewer than {few} "
    "decided handoffs, too few to judge.": (
        "Odrzucone / rozstrzygnięte przekazania, z przedziałem 95%; blade słupki opierają się na "
        "mniej niż {few} rozstrzygniętych przekazaniach, za mało, by ocenić."
    ),
    "Which sources produce which rejections": "Które źródła dają które odrzucenia",
    "Source": "Źródło",
    "of the source's rejections": "odrzuceń tego źródła",
    "share of<br>source": "udział<br>źródła",
    "Each row is a {source}: its rejections by reason, the colour the share of that source's "
    "rejections. A dark cell is what that source should fix.": (
        "Każdy wiersz to {source}: jego odrzucenia wg powodu, kolor to udział w odrzuceniach "
        "tego źródła. Ciemna komórka to to, co to źródło powinno poprawić."
    ),
    "Leads behind a bar": "Leady stojące za słupkiem",
    " with “{reason}”": " z powodem „{reason}”",
    " from {source}": " ze źródła {source}",
    ", latest rejection first": ", od najnowszego odrzucenia",
    "rejected lead": "odrzucony lead",
    "rejected leads (2–4)": "odrzucone leady",
    "rejected leads": "odrzuconych leadów",
    "No rejected lead matches this reason and source. Pick another reason or source.": (
        "Żaden odrzucony lead nie pasuje do tego powodu i źródła. Wybierz inny powód lub źródło."
    ),
    "Touchpoints since rejection": "Punkty styku od odrzucenia",
    "Touchpoint history of": "Historia punktów styku leada",
    "Recycled leads: did they come back?": "Leady zawrócone do nurturingu: czy wróciły?",
    "Rejected leads sales sent back to marketing's nurture, and what each has done since: a "
    "buying signal (demo request, contact form, pricing page, ROI calculator) means it may be "
    "worth handing to sales again.": (
        "Odrzucone leady, które handlowcy odesłali do nurturingu marketingu, i co każdy zrobił "
        "od tego czasu: sygnał zakupowy (prośba o demo, formularz kontaktowy, strona cennika, "
        "kalkulator ROI) oznacza, że może warto ponownie przekazać go handlowcom."
    ),
    "Of {n} rejected leads.": "Z {n} odrzuconych leadów.",
    "Buying signal since": "Sygnał zakupowy od tego czasu",
    "Active again, no buying signal": "Znów aktywny, bez sygnału zakupowego",
    "No activity since": "Bez aktywności od tego czasu",
}

# Links and drill-down: the notice on what of a link was ignored, the leads behind a click.
PAGES_PL.update(
    {
        "Ignored {link} from the link: {why}; {instead}.": (
            "Pominięto {link} z linku: {why}; {instead}."
        ),
        "showing “{value}”": "pokazano „{value}”",
        "showing {period}": "pokazano okres {period}",
        "showing {values}": "pokazano: {values}",
        "showing the default": "pokazano wartość domyślną",
        "a period needs a start and an end date (YYYY-MM-DD)": (
            "okres wymaga daty początkowej i końcowej (RRRR-MM-DD)"
        ),
        "the period ends before it starts": "okres kończy się, zanim się zaczyna",
        "the data holds leads from {first} to {last} only": (
            "dane obejmują tylko leady od {first} do {last}"
        ),
        "not a number from {low} to {high}": "to nie liczba od {low} do {high}",
        "no such channel": "nie ma takiego kanału",
        "showing all channels": "pokazano wszystkie kanały",
        "no such industry": "nie ma takiej branży",
        "showing all industries": "pokazano wszystkie branże",
        "no such company size": "nie ma takiej wielkości firmy",
        "showing all company sizes": "pokazano wszystkie wielkości firm",
        "no such sales rep": "nie ma takiego handlowca",
        "showing all sales reps": "pokazano wszystkich handlowców",
        "no such split": "nie ma takiego podziału",
        "no such stage": "nie ma takiego etapu",
        "no such outcome": "nie ma takiego wyniku",
        "no such value among these leads": "nie ma takiej wartości wśród tych leadów",
        "no such sales rep among these handoffs": "nie ma takiego handlowca wśród tych przekazań",
        "not a week of this period": "to nie jest tydzień tego okresu",
        "not among the leads listed": "nie ma go wśród pokazanych leadów",
        "cohorts are by week or by month": "kohorty są tygodniowe albo miesięczne",
        "sources are channels or campaigns": "źródła to kanały albo kampanie",
        "no rejection with that reason in the period": (
            "w tym okresie nie ma odrzuceń z takim powodem"
        ),
        "Click a bar to list its leads below; click it again to list all.": (
            "Kliknij słupek, by poniżej pokazać jego leady; kliknij go ponownie, by pokazać "
            "wszystkie."
        ),
        "Or click a stage of the funnel above.": "Albo kliknij etap lejka powyżej.",
        "Or click a bar of the split above.": "Albo kliknij słupek podziału powyżej.",
        "Or click a bar of the reasons above, or a cell of the sources.": (
            "Albo kliknij słupek powodów powyżej lub komórkę źródeł."
        ),
        "Or click a row of the list.": "Albo kliknij wiersz listy.",
        "Click a rep's row, or a cell of the heatmap, to list the breaches below.": (
            "Kliknij wiersz handlowca lub komórkę mapy cieplnej, by poniżej pokazać naruszenia."
        ),
        "Week of handoff": "Tydzień przekazania",
        "Weeks start on Monday, as in the heatmap.": (
            "Tygodnie zaczynają się w poniedziałek, jak na mapie cieplnej."
        ),
        " in the week of {day}": " w tygodniu od {day}",
        "History of a lead": "Historia leada",
        "History of {lead}, oldest first.": "Historia: {lead}, od najstarszych zdarzeń.",
        "Handoff cohort": "Kohorta przekazania",
        "no such cohort in the period": "w tym okresie nie ma takiej kohorty",
        "Or click a point or a bar of the cohorts above.": (
            "Albo kliknij punkt lub słupek kohort powyżej."
        ),
        "Click a point or a bar to list its leads below.": (
            "Kliknij punkt lub słupek, by poniżej pokazać jego leady."
        ),
        ", handed off in {cohort}": ", przekazane: {cohort}",
    }
)


# Values the app's queries and the demo data write into cells; a value from a CRM export that
# is not here stays as it is.
VALUES_PL: dict[str, str] = {
    # Stage steps (stage_velocity.sql), decision-time buckets, outcomes, statuses.
    "lead → MQL": "lead → MQL",
    "MQL → handoff": "MQL → przekazanie",
    "handoff → SQL": "przekazanie → SQL",
    "SQL → opportunity": "SQL → szansa",
    "opportunity → won": "szansa → wygrana",
    "under 4 h": "poniżej 4 h",
    "4–8 h": "4–8 h",
    "8–24 h": "8–24 h",
    "1–2 days": "1–2 dni",
    "2–3 days": "2–3 dni",
    "3–7 days": "3–7 dni",
    "1–2 weeks": "1–2 tygodnie",
    "over 2 weeks": "ponad 2 tygodnie",
    "accepted": "zaakceptowany",
    "rejected": "odrzucony",
    "open": "otwarty",
    "Answered within SLA": "Odpowiedź w terminie SLA",
    "Answered late": "Odpowiedź po terminie",
    "Still waiting, past the SLA": "Wciąż czeka, po terminie SLA",
    "Still waiting, within the SLA": "Wciąż czeka, w terminie SLA",
    "buying signal since": "sygnał zakupowy od tego czasu",
    "active again, no buying signal": "znów aktywny, bez sygnału zakupowego",
    "no activity since": "bez aktywności od tego czasu",
    "(no reason given)": "(nie podano powodu)",
    "(no reason)": "(bez powodu)",
    "(no score)": "(bez scoringu)",
    "(unknown)": "(nieznane)",
    "(none)": "(brak)",
    "(no campaign)": "(bez kampanii)",
    "(not handed off)": "(nieprzekazane)",
    "all decided": "wszystkie rozstrzygnięte",
    "other reasons": "inne powody",
    "unknown": "nieznana",
    # Events of a lead's history (lead_history.sql).
    "lead created": "utworzenie leada",
    "became an MQL": "lead stał się MQL-em",
    "handed off to sales": "przekazanie handlowcowi",
    "first response from sales": "pierwsza odpowiedź handlowca",
    "accepted as SQL": "akceptacja jako SQL",
    "sent back to nurture": "zawrócenie do nurturingu",
    "deal opened": "otwarcie umowy",
    "deal won": "umowa wygrana",
    "deal lost": "umowa przegrana",
    "email open": "otwarcie e-maila",
    "email click": "kliknięcie w e-mailu",
    "newsletter signup": "zapis na newsletter",
    "ebook download": "pobranie e-booka",
    "case study download": "pobranie case study",
    "webinar attended": "udział w webinarze",
    "pricing page visit": "wizyta na stronie cennika",
    "roi calculator": "kalkulator ROI",
    "demo request": "prośba o demo",
    "contact form": "formularz kontaktowy",
    "trade fair": "targi",
    "cold reply": "odpowiedź na cold mailing",
    # The demo data's channels, industries, seniorities and rejection reasons.
    "linkedin_ads": "LinkedIn Ads",
    "google_ads": "Google Ads",
    "content": "treści",
    "cold_email": "cold mailing",
    "organic": "ruch organiczny",
    "referral": "polecenie",
    "webinar": "webinar",
    "trade_fair": "targi",
    "IT & software": "IT i oprogramowanie",
    "Manufacturing": "Produkcja",
    "manufacturing": "produkcja",
    "Logistics": "Logistyka",
    "Finance": "Finanse",
    "Professional services": "Usługi profesjonalne",
    "Retail": "Handel detaliczny",
    "Healthcare": "Ochrona zdrowia",
    "Construction": "Budownictwo",
    "Energy": "Energetyka",
    "Education": "Edukacja",
    "Public sector": "Sektor publiczny",
    "C-level": "zarząd",
    "director": "dyrektor",
    "manager": "kierownik",
    "specialist": "specjalista",
    "student": "student",
    "company too small": "firma za mała",
    "student or researcher": "student lub naukowiec",
    "outside ICP industry": "branża poza ICP",
    "not the decision maker": "nie decydent",
    "no budget": "brak budżetu",
    "wrong timing / no project": "zły moment / brak projektu",
    "competitor": "konkurencja",
    "duplicate": "duplikat",
    "bad contact data": "błędne dane kontaktowe",
    "already a customer": "już jest klientem",
    "test fixture": "dane testowe",
}
# A CRM export writes industries in lower case as often as not (the test fixture does).
VALUES_PL.update({k.lower(): v.lower() for k, v in list(VALUES_PL.items()) if k[:1].isupper()})
