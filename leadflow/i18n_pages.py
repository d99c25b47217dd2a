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

# Axis titles of the funnel, conversion, SLA and rejection charts, and the conversion page's
# caption without the internal reference it used to carry.
PAGES_PL.update(
    {
        "leads": "leady",
        "step between stages": "przejście między etapami",
        "month created": "miesiąc utworzenia",
        "month of handoff": "miesiąc przekazania",
        "week of handoff": "tydzień przekazania",
        "share of decided handoffs": "odsetek rozstrzygniętych przekazań",
        "number of rejections": "liczba odrzuceń",
        "rejection reason": "powód odrzucenia",
        "source": "źródło",
        "Each point is the leads handed off in that week or month; the whisker is its 95% range "
        "(Wilson). Pale points rest on fewer than {few} decided handoffs: too few to judge. The "
        "green band is the healthy 20–30 %. Below, what became of each cohort: the grey part is "
        "still waiting for sales to decide.": (
            "Każdy punkt to leady przekazane w danym tygodniu lub miesiącu; wąs to przedział 95% "
            "(Wilsona). Blade punkty opierają się na mniej niż {few} rozstrzygniętych "
            "przekazaniach: za mało, by ocenić. Zielony pas to zdrowe 20–30 %. Poniżej, co stało "
            "się z każdą kohortą: szara część wciąż czeka na decyzję handlowca."
        ),
    }
)

# The Settings page (pages/9_Settings.py); the settings' names, checks and defaults are in
# leadflow/team_settings.py.
PAGES_PL.update(
    {
        "What the pages measure against: the SLA, public holidays, scoring rules and MQL "
        "threshold, monthly SQL targets and campaign costs. Each is edited as CSV, checked before "
        "anything is written, versioned by its date and logged.": (
            "Względem czego mierzą strony: SLA, dni wolne, reguły scoringu i próg MQL, miesięczne "
            "cele SQL i koszty kampanii. Każde ustawienie edytuje się jako CSV, sprawdza przed "
            "zapisem, wersjonuje datą obowiązywania i zapisuje w dzienniku zmian."
        ),
        "Nothing was written.": "Nic nie zapisano.",
        "Saved: {change}.": "Zapisano: {change}.",
        "The default.": "Wartość domyślna.",
        "Columns: {columns}. A new version: add rows with a later date; older rows keep "
        "history's numbers (docs/settings.md).": (
            "Kolumny: {columns}. Nowa wersja: dodaj wiersze z późniejszą datą; starsze wiersze "
            "zachowują liczby z przeszłości (docs/settings.md)."
        ),
        "Rows (CSV)": "Wiersze (CSV)",
        "Save": "Zapisz",
        "Download as CSV": "Pobierz jako CSV",
        "Import a CSV file": "Importuj plik CSV",
        "Import the file": "Importuj plik",
        "Changes": "Zmiany",
        "By": "Kto",
        "Setting": "Ustawienie",
        "Default": "Domyślne",
        "The value a new database starts with": "Wartość, z którą startuje nowa baza",
    }
)
VALUES_PL["open app"] = "aplikacja bez logowania"
VALUES_PL["defaults"] = "wartości domyślne"
VALUES_PL["command line"] = "wiersz poleceń"


# The Import data page (pages/8_Import_data.py); the importer's own messages are put in Polish by
# leadflow/importer/polish.py.
PAGES_PL.update(
    {
        "Bring in your own CRM export (HubSpot, Salesforce, Pipedrive or a spreadsheet): map its "
        "columns to ours, check every row, then import the good rows, or nothing.": (
            "Wczytaj własny eksport z CRM (HubSpot, Salesforce, Pipedrive lub arkusz): przypisz "
            "jego kolumny do naszych, sprawdź każdy wiersz, a potem zaimportuj poprawne wiersze "
            "albo nic."
        ),
        "Suggested from the column names": "Zaproponowane na podstawie nazw kolumn",
        "A mapping file you upload (JSON)": "Plik mapowania, który wgrasz (JSON)",
        "1. Your files": "1. Twoje pliki",
        "CSV (any delimiter, UTF-8, UTF-16 or Windows-1250), Excel (.xlsx) or Parquet; several "
        "files of one export at once, e.g. contacts and deals": (
            "CSV (dowolny separator, UTF-8, UTF-16 lub Windows-1250), Excel (.xlsx) lub Parquet; "
            "kilka plików jednego eksportu naraz, np. kontakty i umowy"
        ),
        "Earlier imports into this database ({n})": "Wcześniejsze importy do tej bazy ({n})",
        "Mapping": "Mapowanie",
        "Files": "Pliki",
        "Mode": "Tryb",
        "update": "aktualizacja",
        "replace": "zastąpienie",
        "Rows imported": "Zaimportowane wiersze",
        "Set aside": "Odłożone",
        "Nothing uploaded yet. Bigger exports import faster from the command line, with the "
        "app stopped: `python -m leadflow.importer --mapping mappings/<name>.json file.csv …` "
        "(add `--dry-run` to check only).": (
            "Nic jeszcze nie wgrano. Większe eksporty importują się szybciej z wiersza poleceń, "
            "przy zatrzymanej aplikacji: `python -m leadflow.importer --mapping "
            "mappings/<name>.json file.csv …` (dodaj `--dry-run`, by tylko sprawdzić)."
        ),
        "UTF-8": "UTF-8",
        "UTF-8 with BOM": "UTF-8 z BOM",
        "UTF-16": "UTF-16",
        "Windows-1250": "Windows-1250",
        ", {delimiter}-delimited": ", separator: {delimiter}",
        "comma": "przecinek",
        "semicolon": "średnik",
        "tab": "tabulator",
        "vertical bar": "pionowa kreska",
        "File": "Plik",
        "Kind": "Rodzaj",
        "Read as": "Odczytany jako",
        "Columns": "Kolumny",
        "2. Which column is which": "2. Która kolumna jest którą",
        "A preset for HubSpot, Salesforce, Pipedrive or one of the sample datasets, one you "
        "saved or downloaded from this page, or one suggested from the column names.": (
            "Gotowe mapowanie dla HubSpot, Salesforce, Pipedrive lub jednego z przykładowych "
            "zbiorów, zapisane lub pobrane z tej strony albo zaproponowane na podstawie nazw "
            "kolumn."
        ),
        "The files' columns match the **{name}** mapping.": (
            "Kolumny plików pasują do mapowania **{name}**."
        ),
        "Your mapping (JSON), as downloaded from this page or saved for the command line": (
            "Twoje mapowanie (JSON), pobrane z tej strony lub zapisane dla wiersza poleceń"
        ),
        "Upload the mapping's JSON file; its columns are then shown here to check.": (
            "Wgraj plik JSON mapowania; jego kolumny pojawią się tu do sprawdzenia."
        ),
        "{file} cannot be used as a mapping:": "{file} nie może posłużyć jako mapowanie:",
        "{file}: cannot be read ({why})": "{file}: nie da się odczytać ({why})",
        "{file} holds": "{file} zawiera",
        "(not imported)": "(nie importować)",
        "{table}: no uploaded file like {patterns}: not imported.": (
            "{table}: brak wgranego pliku pasującego do {patterns}: nie importowane."
        ),
        "{column} is {values}": "{column} to {values}",
        "{column} is not {values}": "{column} to nie {values}",
        " or ": " lub ",
        "Rows left out by the mapping: {rules}.": "Wiersze pominięte przez mapowanie: {rules}.",
        "Our column": "Nasza kolumna",
        "Holds": "Zawiera",
        "Their column": "Ich kolumna",
        "The column of your file that fills it": "Kolumna Twojego pliku, która ją wypełnia",
        "Or a fixed value": "Albo stała wartość",
        "The same value on every row, when your file lacks it": (
            "Ta sama wartość w każdym wierszu, gdy Twój plik jej nie ma"
        ),
        "Date format": "Format daty",
        "Date columns only (those named …_at): how your file writes them, in strptime codes, "
        "e.g. %Y%m%d for 20260105 or %m/%d/%Y %I:%M %p, or excel for Excel's serial day "
        "numbers. Empty: ISO dates (2026-01-05) and the usual formats.": (
            "Tylko kolumny dat (o nazwach …_at): jak zapisuje je Twój plik, w kodach strptime, "
            "np. %Y%m%d dla 20260105 lub %m/%d/%Y %I:%M %p, albo excel dla numerów seryjnych dni "
            "Excela. Puste: daty ISO (2026-01-05) i zwykłe formaty."
        ),
        "Also": "Ponadto",
        "**{column}**: the file's column is empty; nothing to map": (
            "**{column}**: kolumna pliku jest pusta; nie ma czego przypisać"
        ),
        "**{column}**: their values → ours": "**{column}**: ich wartości → nasze",
        "Their value": "Ich wartość",
        "Rows": "Wiersze",
        "Ours": "Nasza",
        "Save this mapping for next time, or for the command line": (
            "Zapisz to mapowanie na następny raz lub dla wiersza poleceń"
        ),
        "Name": "Nazwa",
        "Save mapping": "Zapisz mapowanie",
        "Saved as {file}. Import with it from the command line: {command}": (
            "Zapisano jako {file}. Importuj z nim z wiersza poleceń: {command}"
        ),
        "Download the mapping (JSON)": "Pobierz mapowanie (JSON)",
        "3. Check": "3. Sprawdzenie",
        "The data already loaded": "Dane już wczytane",
        "Replace it ({source}) with these files": "Zastąp je ({source}) tymi plikami",
        "Keep it ({leads}): add the new ids, update the ones it has": (
            "Zachowaj je ({leads}): dodaj nowe identyfikatory, zaktualizuj istniejące"
        ),
        "Check the files": "Sprawdź pliki",
        "Reading and checking every row…": "Czytam i sprawdzam każdy wiersz…",
        "Nothing is written until you choose to import, after the check.": (
            "Nic nie zostanie zapisane, dopóki po sprawdzeniu nie wybierzesz importu."
        ),
        "{table}: good rows": "{table}: poprawne wiersze",
        "of {rows} the mapping took": "z {rows} pobranych przez mapowanie",
        "Rows with problems": "Wiersze z problemami",
        "Line": "Wiersz",
        "Table": "Tabela",
        "Column": "Kolumna",
        "Value": "Wartość",
        "What is wrong": "Co jest nie tak",
        "Download all {problems} as CSV": "Pobierz wszystkie ({problems}) jako CSV",
        "Nothing can be imported until the files fit the mapping.": (
            "Nic nie da się zaimportować, dopóki pliki nie pasują do mapowania."
        ),
        "No row can be imported: every row has a problem (listed above). Fix the file, or "
        "the mapping in step 2, and check again. Nothing has been written.": (
            "Żadnego wiersza nie można zaimportować: każdy ma problem (lista powyżej). Popraw "
            "plik albo mapowanie w kroku 2 i sprawdź ponownie. Nic nie zapisano."
        ),
        "4. What your data will give": "4. Co dadzą Twoje dane",
        "Counted over the good rows of these files, as the pages will count them": (
            "Policzone z poprawnych wierszy tych plików, tak jak policzą je strony"
        ),
        "; the data already loaded adds to them.": "; dane już wczytane dochodzą do nich.",
        "5. Import": "5. Import",
        "Some rows have problems": "Niektóre wiersze mają problemy",
        "Import the good ones ({good}) and set the bad ones aside ({bad}, kept in the "
        "import_rejects table and in the CSV above)": (
            "Zaimportuj poprawne ({good}) i odłóż błędne ({bad}, zachowane w tabeli "
            "import_rejects i w pliku CSV powyżej)"
        ),
        "Import nothing": "Nie importuj niczego",
        "Replaces the data loaded now with {what}": "Zastępuje obecnie wczytane dane: {what}",
        "Adds or updates {what}": "Dodaje lub aktualizuje: {what}",
        ", in one transaction: every page shows the data as it was until the import is done, "
        "and the new data after.": (
            ", w jednej transakcji: do końca importu każda strona pokazuje dane jak dotąd, a "
            "potem nowe."
        ),
        "Replace: the 1 lead now in the database is removed": (
            "Zastąp: jedyny lead w bazie zostanie usunięty"
        ),
        "Replace: the {leads} now in the database are removed": (
            "Zastąp: wszystkie leady w bazie ({leads}) zostaną usunięte"
        ),
        ", with the touchpoints, deals, campaigns and campaign costs": (
            ", razem z punktami styku, umowami, kampaniami i kosztami kampanii"
        ),
        "Tick the box to replace the data loaded now, or keep it (step 3).": (
            "Zaznacz pole, aby zastąpić obecnie wczytane dane, albo je zachowaj (krok 3)."
        ),
        "Import": "Importuj",
        "Importing in one transaction: the pages show the old data until it is done…": (
            "Importuję w jednej transakcji: do końca strony pokazują stare dane…"
        ),
        "Imported {rows}": "Zaimportowano: {rows}",
        "; {n} set aside": "; odłożono: {n}",
        ". Every page now shows the new data.": ". Wszystkie strony pokazują teraz nowe dane.",
        "See the funnel of your data": "Zobacz lejek swoich danych",
        "Nothing was written: {why}.": "Nic nie zapisano: {why}.",
        "a dry run: nothing was written": "próba na sucho: nic nie zapisano",
        "a file cannot be read": "nie da się odczytać pliku",
        "a file does not fit the mapping": "plik nie pasuje do mapowania",
        "no row to import": "brak wierszy do importu",
        "the database ran out of memory": "w bazie zabrakło pamięci",
        "the files do not match the mapping": "pliki nie pasują do mapowania",
    }
)
VALUES_PL["no data yet"] = "jeszcze brak danych"


# The What-if page (pages/5_What_if.py, leadflow/app/whatif_view.py) and the words of its charts
# and of the replay's comparison table (leadflow/whatif.py writes them in English).
PAGES_PL.update(
    {
        "What-if": "Symulacja",
        "What if the MQL threshold or the scoring weights had been different? The leads created "
        "in the period, replayed touchpoint month by touchpoint month under the current rules "
        "and under your candidate, with what sales really did with the leads it saw.": (
            "Co by było, gdyby próg MQL lub wagi scoringu były inne? Leady utworzone w okresie, "
            "odtworzone miesiąc po miesiącu punktów styku według obecnych reguł i według Twojej "
            "propozycji, z tym, co handlowcy naprawdę zrobili z leadami, które widzieli."
        ),
        "Channel, industry and company-size filters apply; the rep filter does not (leads a "
        "candidate would newly pass have no rep yet). A lead becomes an MQL in the first month "
        "its score (fit points + touchpoint points so far) reaches the threshold. Outcomes are "
        "history only for leads sales saw: leads sales never saw are **untested**, and what they "
        "might have brought is shown as an **estimate** from leads sales saw with similar "
        "scores.": (
            "Filtry kanału, branży i wielkości firmy działają; filtr handlowca nie (leady, które "
            "propozycja przepuściłaby po raz pierwszy, nie mają jeszcze handlowca). Lead staje "
            "się MQL-em w pierwszym miesiącu, w którym jego scoring (punkty za dopasowanie + "
            "dotychczasowe punkty styku) osiąga próg. Wyniki są historią tylko dla leadów, które "
            "widzieli handlowcy: leady, których nigdy nie widzieli, są **nieprzetestowane**, a "
            "to, co mogłyby przynieść, pokazujemy jako **szacunek** na podstawie leadów o "
            "podobnym scoringu, które handlowcy widzieli."
        ),
        "Candidate rules": "Proponowane reguły",
        "Suggested weights": "Sugerowane wagi",
        "Scenarios": "Scenariusze",
        "Recommended threshold for a capacity": "Zalecany próg dla możliwości sprzedaży",
        # The candidate's controls.
        "Current rules: {points} points": "Obecne reguły: {points} pkt",
        " (no rule: scores 0)": " (brak reguły: 0 pkt)",
        "**Touchpoints** (points per touchpoint)": "**Punkty styku** (punkty za punkt styku)",
        "**{group}** (fit points)": "**{group}** (punkty za dopasowanie)",
        "seniority": "poziom stanowiska",
        "country": "kraj",
        "job title": "stanowisko",
        "Points per touchpoint and fit attribute (the candidate's weights)": (
            "Punkty za punkt styku i atrybut dopasowania (wagi propozycji)"
        ),
        "Each weight starts at the current rules' points; ● marks one you changed. A changed "
        "weight is written to the page address, so a copied link carries the candidate.": (
            "Każda waga zaczyna od punktów obecnych reguł; ● oznacza zmienioną. Zmieniona waga "
            "trafia do adresu strony, więc skopiowany link niesie propozycję."
        ),
        "Decay: half-life of touchpoint points": "Wygasanie: okres półtrwania punktów styku",
        "Touchpoints lose half their points after this long (aged by whole months).": (
            "Po tym czasie punkty styku tracą połowę punktów (starzeją się całymi miesiącami)."
        ),
        "Reset to the current rules": "Przywróć obecne reguły",
        "Candidate weights: ": "Wagi propozycji: ",
        "the same as the current rules": "takie same jak w obecnych regułach",
        # Tiles and the comparison.
        "{change} vs current": "{change} wobec obecnych",
        "MQLs": "MQL-e",
        "Leads whose score reaches the threshold. {untested} of them were never shown to sales "
        "(untested).": (
            "Leady, których scoring osiąga próg. {untested} z nich nigdy nie trafiło do "
            "handlowców (nieprzetestowane)."
        ),
        "Per rep per week": "Na handlowca tygodniowo",
        "over capacity ({capacity})": "ponad możliwości ({capacity})",
        "within capacity ({capacity})": "w granicach możliwości ({capacity})",
        "Handoffs per sales rep per week in the busiest month of the replay, against the "
        "capacity you set.": (
            "Przekazania na handlowca tygodniowo w najbardziej obciążonym miesiącu symulacji, "
            "wobec ustawionych możliwości."
        ),
        "Won deals missed": "Utracone wygrane umowy",
        "Won deals whose leads the candidate would not pass: {won} of {total} kept ({recall} "
        "recall).": (
            "Wygrane umowy, których leadów propozycja by nie przepuściła: zachowane {won} z "
            "{total} (czułość {recall})."
        ),
        "Revenue missed": "Utracony przychód",
        "Revenue of the won deals whose leads the candidate would not pass.": (
            "Przychód z wygranych umów, których leadów propozycja by nie przepuściła."
        ),
        "Rejections avoided": "Uniknięte odrzucenia",
        "Leads sales rejected under the current rules ({now}) that the candidate would not "
        "pass, less the rejected leads it adds ({then} rejections in all).": (
            "Leady odrzucone przez handlowców przy obecnych regułach ({now}), których propozycja "
            "by nie przepuściła, minus odrzucone leady, które dodaje (łącznie {then})."
        ),
        "Candidate MQL threshold (current rules: {threshold})": (
            "Proponowany próg MQL (obecne reguły: {threshold})"
        ),
        "Sales capacity: handoffs per rep per week": (
            "Możliwości sprzedaży: przekazania na handlowca tygodniowo"
        ),
        "How many new leads one rep can take per week.": (
            "Ile nowych leadów jeden handlowiec może przyjąć tygodniowo."
        ),
        "Current rules (threshold {threshold})": "Obecne reguły (próg {threshold})",
        "Candidate (threshold {threshold})": "Propozycja (próg {threshold})",
        "MQLs (leads whose score reaches the threshold)": "MQL-e (leady ze scoringiem od progu)",
        "… seen by sales: outcome known": "… widziane przez handlowców: wynik znany",
        "… never shown to sales: untested": "… nigdy nie pokazane handlowcom: nieprzetestowane",
        "Handoffs per rep per week, busiest month": (
            "Przekazania na handlowca tygodniowo, najbardziej obciążony miesiąc"
        ),
        "SQLs among leads sales saw": "SQL-e wśród leadów widzianych przez handlowców",
        "Rejected by sales": "Odrzucone przez handlowców",
        "Won deals kept (recall)": "Zachowane wygrane umowy (czułość)",
        "Win rate among passed leads sales saw (precision)": (
            "Odsetek wygranych wśród przepuszczonych leadów widzianych przez handlowców (precyzja)"
        ),
        "Revenue kept": "Zachowany przychód",
        "Marketing cost per SQL": "Koszt marketingu na SQL",
        "ESTIMATE · SQLs from untested leads": "SZACUNEK · SQL-e z nieprzetestowanych leadów",
        "ESTIMATE · won deals from untested leads": (
            "SZACUNEK · wygrane umowy z nieprzetestowanych leadów"
        ),
        "ESTIMATE · revenue from untested leads": "SZACUNEK · przychód z nieprzetestowanych leadów",
        "ESTIMATE · cost per SQL, untested leads included": (
            "SZACUNEK · koszt na SQL z nieprzetestowanymi leadami"
        ),
        "**Estimate, not history:** {leads} the candidate passes were never shown to sales. "
        "From leads sales saw with similar scores (bands of {band} points), they might have "
        "brought the SQLs, won deals and revenue in the ESTIMATE rows (95% range of the "
        "expected value).": (
            "**Szacunek, nie historia:** propozycja przepuszcza leady, które nigdy nie trafiły "
            "do handlowców: {leads}. Na podstawie leadów o podobnym scoringu, które handlowcy "
            "widzieli (przedziały po {band} pkt), mogłyby przynieść SQL-e, wygrane umowy i "
            "przychód z wierszy SZACUNEK (przedział 95% wartości oczekiwanej)."
        ),
        " {borrowed} of them score where fewer than {few} leads were seen by sales: their "
        "rates are borrowed from the nearest higher band, likely optimistic.": (
            " {borrowed} z nich ma scoring tam, gdzie handlowcy widzieli mniej niż {few} leadów: "
            "ich wskaźniki pochodzą z najbliższego wyższego przedziału, zapewne optymistycznie."
        ),
        # Charts and tabs.
        "**MQLs per month**, by the month the score first reaches the threshold": (
            "**MQL-e w miesiącu**, wg miesiąca, w którym scoring po raz pierwszy osiąga próg"
        ),
        "**Sales workload**: handoffs per rep per week, month by month": (
            "**Obciążenie sprzedaży**: przekazania na handlowca tygodniowo, miesiąc po miesiącu"
        ),
        "Every MQL is handed off in the month it qualifies, and a month's handoffs are shared "
        "by the reps who received handoffs that month. Only the period's leads count, so the "
        "first months read low (older leads kept sales busy too).": (
            "Każdy MQL jest przekazywany w miesiącu kwalifikacji, a przekazania miesiąca dzielą "
            "handlowcy, którzy w nim je otrzymali. Liczą się tylko leady z okresu, więc pierwsze "
            "miesiące wypadają nisko (starsze leady też zajmowały handlowców)."
        ),
        "Threshold curves": "Krzywe progu",
        "Lift by score decile": "Lift wg decyla scoringu",
        "Rejections avoided by reason": "Uniknięte odrzucenia wg powodu",
        "For the candidate's weights at every threshold: recall = won deals whose leads pass / "
        "all won deals; precision = won deals / passed leads sales saw.": (
            "Dla wag propozycji przy każdym progu: czułość = wygrane umowy, których leady "
            "przechodzą / wszystkie wygrane umowy; precyzja = wygrane umowy / przepuszczone leady "
            "widziane przez handlowców."
        ),
        "Decile (1 = highest scores)": "Decyl (1 = najwyższy scoring)",
        "Leads sales saw": "Leady widziane przez handlowców",
        "Score from": "Scoring od",
        "Accepted": "Zaakceptowane",
        "SQLs / leads sales saw in the decile": "SQL-e / leady widziane przez handlowców w decylu",
        "Won deals / leads sales saw in the decile": (
            "Wygrane umowy / leady widziane przez handlowców w decylu"
        ),
        "Lift": "Lift",
        "The decile's won rate / that of all of them": (
            "Odsetek wygranych w decylu / ten odsetek dla wszystkich"
        ),
        "Current rules": "Obecne reguły",
        "Candidate": "Propozycja",
        "Avoided": "Uniknięte",
        "Negative: the candidate adds rejections": "Ujemne: propozycja dodaje odrzuceń",
        "current rules": "obecne reguły",
        "candidate: seen by sales": "propozycja: widziane przez handlowców",
        "candidate: untested": "propozycja: nieprzetestowane",
        "recorded MQLs (history)": "zapisane MQL-e (historia)",
        "candidate": "propozycja",
        "per rep per week": "na handlowca tygodniowo",
        "recall: won deals kept": "czułość: zachowane wygrane umowy",
        "precision: won per lead sales saw": "precyzja: wygrane na lead widziany przez handlowców",
        "MQL threshold": "Próg MQL",
        "share": "udział",
        "current": "obecny",
        "current = candidate": "obecny = propozycja",
        "perfect calibration": "idealna kalibracja",
        "deciles of held-out leads": "decyle leadów testowych",
        "predicted": "przewidywane",
        "observed": "obserwowane",
        "every threshold": "każdy próg",
        "recommended": "zalecany",
        "expected won revenue": "oczekiwany przychód z wygranych",
        "expected SQLs": "oczekiwane SQL-e",
        "handoffs per rep per week, busiest month": (
            "przekazania na handlowca tygodniowo, najbardziej obciążony miesiąc"
        ),
        # Suggested weights.
        "Fit weights to history: a logistic regression of sales' decisions": (
            "Dopasuj wagi do historii: regresja logistyczna decyzji handlowców"
        ),
        "Fit to": "Dopasuj do",
        "accepted by sales": "akceptacji przez handlowców",
        "won deals": "wygranych umów",
        "Held-out AUC, model": "AUC na danych testowych, model",
        "Chance that a lead with the outcome scores above one without it (0.5 = a coin toss), "
        "on leads the model did not see.": (
            "Szansa, że lead z tym wynikiem ma wyższy scoring niż lead bez niego (0,5 = rzut "
            "monetą), na leadach, których model nie widział."
        ),
        "Held-out AUC, current score": "AUC na danych testowych, obecny scoring",
        "The same for the current rules' score at handoff, on the same leads.": (
            "To samo dla scoringu obecnych reguł przy przekazaniu, na tych samych leadach."
        ),
        "Brier score": "Wynik Briera",
        "Mean squared error of the predicted probabilities (lower is better).": (
            "Średni błąd kwadratowy przewidywanych prawdopodobieństw (niższy jest lepszy)."
        ),
        "Weight": "Waga",
        "Current points": "Obecne punkty",
        "Suggested": "Sugerowane",
        "95% interval": "Przedział 95%",
        "From the model's coefficient interval": "Z przedziału współczynnika modelu",
        "Leads with it": "Leady z tą cechą",
        "Among the leads fitted on": "Wśród leadów, na których dopasowano model",
        "Basis": "Podstawa",
        "fitted: its own coefficient; reference: the attribute's most common value, the others "
        "are relative to it; kept: too few leads or only one outcome among them, so the current "
        "points stay": (
            "dopasowana: własny współczynnik; odniesienie: najczęstsza wartość atrybutu, "
            "pozostałe są względem niej; zachowana: za mało leadów lub tylko jeden wynik wśród "
            "nich, więc zostają obecne punkty"
        ),
        "fitted": "dopasowana",
        "reference": "odniesienie",
        "kept": "zachowana",
        "**Calibration** on held-out leads": "**Kalibracja** na leadach testowych",
        "Apply to the candidate, with threshold {threshold} ": (
            "Zastosuj w propozycji, z progiem {threshold} "
        ),
        "(today's MQL volume)": "(dzisiejsza liczba MQL-i)",
        "(the leads sales received)": "(leady, które dostali handlowcy)",
        # Scenarios.
        "Saved “{name}”": "Zapisano „{name}”",
        "Save this candidate as": "Zapisz tę propozycję jako",
        "e.g. ROI 40, threshold 90": "np. ROI 40, próg 90",
        "Share with the team": "Udostępnij zespołowi",
        "Shared scenarios are listed for everyone who signs in; others stay yours. Only you can "
        "replace or delete your scenarios.": (
            "Udostępnione scenariusze widzi każdy zalogowany; pozostałe są tylko Twoje. Tylko Ty "
            "możesz zastąpić lub usunąć swoje scenariusze."
        ),
        "Without login every scenario is everyone's.": (
            "Bez logowania każdy scenariusz należy do wszystkich."
        ),
        "Save scenario": "Zapisz scenariusz",
        "You already have a scenario called “{name}”. Replace it?": (
            "Masz już scenariusz o nazwie „{name}”. Zastąpić go?"
        ),
        "Replace it": "Zastąp",
        "Keep the saved one": "Zachowaj zapisany",
        "{scenario} (shared by {owner})": "{scenario} (udostępnia {owner})",
        "No saved scenarios yet.": "Nie ma jeszcze zapisanych scenariuszy.",
        "Saved scenarios": "Zapisane scenariusze",
        "Load into the candidate": "Wczytaj do propozycji",
        "Delete": "Usuń",
        "**Compare scenarios**": "**Porównaj scenariusze**",
        "(current rules)": "(obecne reguły)",
        "Scenario A": "Scenariusz A",
        "Scenario B": "Scenariusz B",
        "A: {scenario} (threshold {threshold})": "A: {scenario} (próg {threshold})",
        "B: {scenario} (threshold {threshold})": "B: {scenario} (próg {threshold})",
        "The page address holds the whole candidate: copy it to share this view.": (
            "Adres strony zawiera całą propozycję: skopiuj go, aby udostępnić ten widok."
        ),
        # The recommendation.
        "What one rep can take in a week; compared with the busiest month, unrounded.": (
            "Ile jeden handlowiec przyjmie w tygodniu; porównywane z najbardziej obciążonym "
            "miesiącem, bez zaokrągleń."
        ),
        "Make the most of": "Maksymalizuj",
        "Count untested leads at their estimate": "Licz nieprzetestowane leady wg szacunku",
        "Off: history only, so the threshold is never lowered on the strength of estimates "
        "(leads scoring below every band sales saw borrow its rates: optimistic).": (
            "Wyłączone: tylko historia, więc próg nigdy nie spada na podstawie szacunków (leady "
            "ze scoringiem poniżej każdego przedziału widzianego przez handlowców pożyczają jego "
            "wskaźniki: optymistycznie)."
        ),
        "For the candidate's weights (today's rules unless you changed them): the threshold "
        "with the most expected won revenue (or SQLs) whose **busiest month** stays within the "
        "capacity, counted as that month's MQLs / the reps who received handoffs that month / "
        "its weeks (a mean per rep: which rep a newly passed lead would go to is unknown). "
        "Expected = history for leads sales saw + the estimate for untested ones. Among "
        "thresholds worth the same, the highest. It lowers the threshold as readily as it "
        "raises it.": (
            "Dla wag propozycji (dzisiejszych reguł, jeśli ich nie zmieniono): próg z największym "
            "oczekiwanym przychodem z wygranych (lub liczbą SQL-i), przy którym **najbardziej "
            "obciążony miesiąc** mieści się w możliwościach, liczony jako MQL-e tego miesiąca / "
            "handlowcy, którzy otrzymali w nim przekazania / jego tygodnie (średnio na "
            "handlowca: nie wiadomo, do którego trafiłby nowo przepuszczony lead). Oczekiwane = "
            "historia dla leadów widzianych przez handlowców + szacunek dla nieprzetestowanych. "
            "Spośród progów wartych tyle samo – najwyższy. Obniża próg równie chętnie, jak go "
            "podnosi."
        ),
        "Bootstrap over leads…": "Bootstrap po leadach…",
        "AUC, tested forward in time": "AUC, test na późniejszych danych",
        "Fitted on {train} earlier decided handoffs, tested on the {test} of the latest months.": (
            "Dopasowane na {train} wcześniejszych rozstrzygniętych przekazaniach, sprawdzone na "
            "{test} z ostatnich miesięcy."
        ),
        "AUC, random 30 % split": "AUC, losowy podział 30 %",
        "The figure the suggested weights above show: test leads drawn at random.": (
            "Wartość pokazana przy sugerowanych wagach powyżej: leady testowe losowane."
        ),
        "AUC, current score (later handoffs)": "AUC, obecny scoring (późniejsze przekazania)",
        "Today's rules' score at handoff, on the same later handoffs.": (
            "Scoring dzisiejszych reguł przy przekazaniu, na tych samych późniejszych "
            "przekazaniach."
        ),
        "A random split lets the model learn from handoffs later than those it is tested on; "
        "tested forward, it is judged as it will be used. Where the forward figure is well "
        "below the random one, the weights fit the past better than they predict.": (
            "Losowy podział pozwala modelowi uczyć się na przekazaniach późniejszych niż te, na "
            "których jest sprawdzany; sprawdzany na późniejszych danych jest oceniany tak, jak "
            "będzie używany. Gdy ta wartość jest wyraźnie niższa od losowej, wagi lepiej opisują "
            "przeszłość, niż przewidują."
        ),
        "Suggested weights tested forward in time: fitted on earlier handoffs, tested on later": (
            "Sugerowane wagi sprawdzone w czasie: dopasowane na wcześniejszych przekazaniach, "
            "sprawdzone na późniejszych"
        ),
        "Fitting on earlier handoffs…": "Dopasowuję na wcześniejszych przekazaniach…",
        "Backtest: had we followed the recommendation made at the start of each month…": (
            "Test wsteczny: gdybyśmy stosowali zalecenie z początku każdego miesiąca…"
        ),
        "For each of the last 12 months with 3 months before and 3 after it: the threshold "
        "recommended from what was known before that month only (touchpoints, handoffs, "
        "acceptances and wins before it), then what the leads it would have passed in the next "
        "3 months brought in the end, beside the handoffs sales really received in those months "
        "(the threshold in force). Months, not weeks: the replay counts by month. Only the "
        "period's leads count, so its first months know little: a longer period gives the "
        "early recommendations more to go on.": (
            "Dla każdego z ostatnich 12 miesięcy z 3 miesiącami przed i 3 po: próg zalecony "
            "tylko na podstawie tego, co było wiadomo przed tym miesiącem (punkty styku, "
            "przekazania, akceptacje i wygrane wcześniej), potem to, co ostatecznie przyniosły "
            "leady, które przepuściłby w kolejnych 3 miesiącach, obok przekazań, które handlowcy "
            "naprawdę dostali w tych miesiącach (obowiązujący próg). Miesiące, nie tygodnie: "
            "symulacja liczy miesiącami. Liczą się tylko leady z okresu, więc jego pierwsze "
            "miesiące wiedzą niewiele: dłuższy okres daje wczesnym zaleceniom więcej danych."
        ),
        "Backtesting month by month…": "Test wsteczny miesiąc po miesiącu…",
        "Too few months in the period for a backtest (3 before a month and 3 after it): widen "
        "the period.": (
            "Za mało miesięcy w okresie na test wsteczny (3 przed miesiącem i 3 po nim): poszerz "
            "okres."
        ),
        "Recommended at the start of": "Zalecane na początku",
        "Threshold": "Próg",
        "none fits": "żaden nie pasuje",
        "Per rep per week (recommended)": "Na handlowca tygodniowo (zalecany)",
        "Per rep per week (in force)": "Na handlowca tygodniowo (obowiązujący)",
        "SQLs (recommended)": "SQL-e (zalecany)",
        "SQLs (in force)": "SQL-e (obowiązujący)",
        "Won revenue (recommended)": "Przychód z wygranych (zalecany)",
        "Won revenue (in force)": "Przychód z wygranych (obowiązujący)",
        "Untested (recommended)": "Nieprzetestowane (zalecany)",
        "Passed but never shown to sales: no outcome": (
            "Przepuszczone, ale nigdy nie pokazane handlowcom: brak wyniku"
        ),
    }
)
