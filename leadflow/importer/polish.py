"""The importer's messages in Polish, for the Import data page: the words around a file's
names, lines, columns and values translated, those themselves never (they are the user's).

The importer writes English (the command line and the import log keep it); the page asks here
for each message it shows. A message with no Polish form here is shown as it is.
"""

from __future__ import annotations

import re

from leadflow import format
from leadflow.importer.mapping import ENTITY

# A table's rows in Polish, by count: 1 lead, 2 leady, 5 leadów.
NOUNS_PL = {
    "leads": ("lead", "leady", "leadów"),
    "touchpoints": ("punkt styku", "punkty styku", "punktów styku"),
    "deals": ("umowa", "umowy", "umów"),
    "campaigns": ("kampania", "kampanie", "kampanii"),
    "rows": ("wiersz", "wiersze", "wierszy"),
}
# "every lead needs one": a deal and a campaign are feminine in Polish.
EVERY_PL = {
    "lead": "każdy lead",
    "touchpoint": "każdy punkt styku",
    "deal": "każda umowa",
    "campaign": "każda kampania",
}
TABLES_PL = {
    "leads": "Leady",
    "touchpoints": "Punkty styku",
    "deals": "Umowy",
    "campaigns": "Kampanie",
}


def counted(n: int, table: str, lang: str = "en") -> str:
    """'3 leads' / '3 leady'; `table` a table of ours or "rows"."""
    if lang != "pl":
        one = ENTITY.get(table, "row")
        return f"{format.count(n)} {one if n == 1 else table}"
    one, few, many = NOUNS_PL[table]
    return f"{format.count(n, lang)} {format.plural(n, one, few, many)}"


def of_rows(n: int, lang: str = "en") -> str:
    """'1,202 rows' after "of": in Polish the genitive, 'z 1 wiersza', 'z 1 202 wierszy'."""
    if lang != "pl":
        return counted(n, "rows")
    return f"{format.count(n, lang)} {'wiersza' if n == 1 else 'wierszy'}"


def _rows(match: re.Match, name: str) -> str:
    n = int(match[name].replace(",", ""))
    return counted(n, "rows", "pl")


# (English as the importer writes it, Polish with the same named parts). Each part stands for a
# name, a value or a list the importer put in; none is translated.
_PROBLEMS: tuple[tuple[str, str], ...] = (
    (r"is empty, and every (?P<entity>lead|touchpoint|deal|campaign) needs one",
     "jest puste, a {every} musi je mieć"),
    (r"is not a date \(write it like 2026-11-22, 2026-11-22 14:05, 22\.11\.2026 or "
     r"22\.11\.2026 14:05\)",
     "nie jest datą (zapisz ją jak 2026-11-22, 2026-11-22 14:05, 22.11.2026 lub "
     "22.11.2026 14:05)"),
    (r"is not an Excel serial date \(a number of days since 1899, e\.g\. 46348\.5\)",
     "nie jest datą seryjną Excela (liczbą dni od 1899 r., np. 46348,5)"),
    (r'is not in the format "(?P<format>.*)" that the mapping gives for this column'
     r"(?: \(e\.g\. (?P<example>.*)\))?",
     'nie jest w formacie „{format}”, który mapowanie podaje dla tej kolumny{example_pl}'),
    (r"is in the future", "jest w przyszłości"),
    (r"is not a number", "nie jest liczbą"),
    (r"is not a whole number", "nie jest liczbą całkowitą"),
    (r"must be 1 or more", "musi wynosić 1 lub więcej"),
    (r"is negative: an amount must be 0 or more", "jest ujemna: kwota musi wynosić 0 lub więcej"),
    (r"is before (?P<other>\S+) \((?P<value>.*)\)", "jest wcześniej niż {other} ({value})"),
    (r"is empty, but the lead was handed off \((?P<other>\S+) (?P<value>.*)\): a handed-off "
     r"lead needs the sales rep it went to",
     "jest puste, a lead został przekazany ({other} {value}): przekazany lead potrzebuje "
     "handlowca, do którego trafił"),
    (r"the lead was also accepted \((?P<other>\S+) (?P<value>.*)\): a lead is accepted or "
     r"rejected, not both",
     "lead został też zaakceptowany ({other} {value}): lead jest zaakceptowany albo odrzucony, "
     "nie jedno i drugie"),
    (r"a rejection reason, but no rejected_at: when was the lead rejected\?",
     "powód odrzucenia, ale brak rejected_at: kiedy lead został odrzucony?"),
    (r"is not a lead in these files or in the database",
     "nie jest leadem w tych plikach ani w bazie"),
    (r"is not a deal stage: map it to open, won or lost in the value mapping",
     "nie jest etapem umowy: przypisz go do open, won lub lost w mapowaniu wartości"),
    (r"is set, but the deal is open: an open deal has no close date",
     "jest podana, a umowa jest otwarta: otwarta umowa nie ma daty zamknięcia"),
    (r"is empty, but the deal is (?P<value>.+?): a closed deal needs its close date",
     "jest puste, a umowa ma etap {value}: zamknięta umowa potrzebuje daty zamknięcia"),
    (r"a lost reason on a deal that is (?P<value>.+?), not lost",
     "powód przegranej przy umowie o etapie {value}, nie lost"),
    (r"is set, but no disqualified_at: when was the lead disqualified\?",
     "jest podany, ale brak disqualified_at: kiedy lead został zdyskwalifikowany?"),
    (r"the lead was disqualified before handoff \((?P<other>\S+) (?P<value>.*)\): it can be "
     r"handed off only later, after it was recycled \(recycled_at on or after the "
     r"disqualification\); a lead sales turned down is rejected \(rejected_at\), not "
     r"disqualified",
     "lead został zdyskwalifikowany przed przekazaniem ({other} {value}): można go przekazać "
     "dopiero później, po zawróceniu do nurturingu (recycled_at w dniu dyskwalifikacji lub "
     "później); lead odrzucony przez handlowca to odrzucenie (rejected_at), nie dyskwalifikacja"),
    (r"is not a currency code: write three letters, such as PLN, EUR or USD",
     "nie jest kodem waluty: wpisz trzy litery, np. PLN, EUR lub USD"),
    (r"is read as the year (?P<value>.+?), before 1990: write the year with four digits",
     "jest odczytana jako rok {value}, przed 1990: zapisz rok czterema cyframi"),
    (r"is in the year (?P<value>.+?), before 1990: is the date right\?",
     "przypada w roku {value}, przed 1990: czy data jest poprawna?"),
    (r"is in the year (?P<value>.+?), after 2099: is the date right\?",
     "przypada w roku {value}, po 2099: czy data jest poprawna?"),
    (r"is a time that did not happen in (?P<zone>.+?) \(the clocks moved forward an hour "
     r"then\): write it with its offset, or as the time the clock showed",
     "to godzina, której w strefie {zone} nie było (zegary przesunięto wtedy o godzinę do "
     "przodu): zapisz ją z przesunięciem strefy albo tak, jak wskazywał zegar"),
    (r"is too large \(the most is (?P<value>.*)\)", "jest za duża (najwięcej {value})"),
    (r"is written with a decimal comma, but this file's numbers have decimal points: if it "
     r'means (?P<value>.*), set "decimal_comma": true in the mapping',
     "zapisano ją z przecinkiem dziesiętnym, a liczby tego pliku mają kropki: jeśli to "
     '{value}, ustaw w mapowaniu "decimal_comma": true'),
    (r"is written with a decimal point, but this file's numbers have decimal commas: if it "
     r'means (?P<value>.*), set "decimal_comma": false in the mapping',
     "zapisano ją z kropką dziesiętną, a liczby tego pliku mają przecinki: jeśli to {value}, "
     'ustaw w mapowaniu "decimal_comma": false'),
    (r"is the id of more than one row \((?P<lines>.*)\): none of them is imported",
     "jest identyfikatorem więcej niż jednego wiersza ({lines_pl}): żaden z nich nie zostanie "
     "zaimportowany"),
    (r"is a lead set aside from this import \((?P<where>.*)\)",
     "to lead odłożony w tym imporcie ({where})"),
    (r"is a lead set aside from this import", "to lead odłożony w tym imporcie"),
    (r"has (?P<found>\d+) values where the header has (?P<header>\d+): check the delimiter "
     r"and the quotes on this line",
     "ma {found} wartości, a nagłówek ma {header}: sprawdź separator i cudzysłowy w tym "
     "wierszu"),
    (r"is not valid UTF-8 text: save the file as UTF-8, or name its encoding in the mapping "
     r'\("encoding"\)',
     'nie jest poprawnym tekstem UTF-8: zapisz plik jako UTF-8 albo podaj jego kodowanie w '
     'mapowaniu ("encoding")'),
    (r"has a quote that is not closed where the field ends",
     "ma cudzysłów niezamknięty na końcu pola"),
)  # fmt: skip

# Notes and file errors: the file's own name first, as the importer writes it.
_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"(?P<table>\w+): local times in (?P<zone>\S+) converted to (?P<app>\S+), the app's time "
     r"zone \((?P<columns>.*)\)",
     "{table}: czas lokalny strefy {zone} przeliczony na {app}, strefę aplikacji ({columns})"),
    (r"(?P<where>\w+\.\w+): (?P<n>[\d,]+) times? with a time-zone offset converted to "
     r"(?P<app>\S+), the app's time zone",
     "{where}: {n} godz. z przesunięciem strefy przeliczono na {app}, strefę aplikacji"),
    (r'(?P<where>\w+\.\w+): not in the files; every row gets "(?P<value>.*)"',
     "{where}: brak w plikach; każdy wiersz dostaje „{value}”"),
    (r'(?P<where>\w+\.\w+): where empty, "(?P<value>.*)"',
     "{where}: gdzie puste, „{value}”"),
    (r"(?P<where>\w+\.\w+): (?P<file>.+) has no id column; each row's id is the file name and "
     r'the row\'s number \("(?P<example>.*)", …\), so importing the same file again updates the '
     r"same rows",
     "{where}: {file} nie ma kolumny z identyfikatorem; identyfikator wiersza to nazwa pliku i "
     "numer wiersza („{example}”, …), więc ponowny import tego pliku aktualizuje te same "
     "wiersze"),
    (r"(?P<file>.+): not imported: the mapping (?P<mapping>.+) has no table for this file",
     "{file}: nie importowany: mapowanie {mapping} nie ma tabeli dla tego pliku"),
    (r"no file like (?P<patterns>.+): nothing looked up",
     "brak pliku pasującego do {patterns}: nic nie wyszukano"),
    (r"no file like (?P<patterns>.+): (?P<tables>.+) not imported",
     "brak pliku pasującego do {patterns}: nie importowane: {tables}"),
    (r"(?P<file>.+): (?P<rows>[\d,]+) rows? (?:is|are) not (?P<table>\w+), as the mapping says "
     r"\((?P<rules>.*)\)",
     "{file}: {rows_pl} nie {belongs} do {table}, jak mówi mapowanie ({rules})"),
    (r"(?P<file>.+): (?P<n>[\d,]+) lines could not be split into the header's columns",
     "{file}: {n} wierszy nie dało się podzielić na kolumny nagłówka"),
    (r"(?P<n>[\d,]+) campaigns the leads or touchpoints name are in no file or table "
     r"\((?P<shown>.*)\): created, named by their id",
     "{n} kampanii wskazanych przez leady lub punkty styku nie ma w żadnym pliku ani tabeli "
     "({shown}): utworzono je, nazwane identyfikatorem"),
    (r'(?P<file>.+): no column "(?P<header>.*)" \(for (?P<where>\w+\.\w+)\); its columns are: '
     r"(?P<headers>.*)",
     "{file}: brak kolumny „{header}” (dla {where}); jego kolumny to: {headers}"),
    (r'(?P<file>.+): no column "(?P<header>.*)" \(named in keep/skip rows\)',
     "{file}: brak kolumny „{header}” (wskazanej w keep/skip rows)"),
    (r"None of the files is one the mapping reads \((?P<patterns>.*)\): choose another "
     r"mapping, or match the file names in it",
     "Żaden z plików nie jest plikiem, który czyta to mapowanie ({patterns}): wybierz inne "
     "mapowanie albo dopasuj w nim nazwy plików"),
    (r"(?P<file>.+): has column names but no rows", "{file}: ma nazwy kolumn, ale brak wierszy"),
    (r"(?P<file>.+): cannot be read as Parquet", "{file}: nie da się odczytać jako Parquet"),
    (r"(?P<file>.+): cannot be read as CSV \((?P<why>.*)\)",
     "{file}: nie da się odczytać jako CSV ({why})"),
    (r"(?P<file>.+): line (?P<line>\d+) cannot be read as (?P<encoding>.+) \(byte "
     r"(?P<byte>0x[0-9A-F]{2})\): save the file as UTF-8, or name its encoding in the mapping "
     r'\("encoding"\)',
     "{file}: wiersza {line} nie da się odczytać jako {encoding} (bajt {byte}): zapisz plik "
     'jako UTF-8 albo podaj jego kodowanie w mapowaniu ("encoding")'),
    # The suggestion's doubts.
    (r"(?P<file>.+) has no column (?P<columns>.+) for (?P<where>\w+\.\w+) \(required\): choose "
     r"theirs below",
     "{file} nie ma kolumny {columns} dla {where} (wymagana): wybierz ją poniżej"),
    (r"(?P<file>.+) looks like (?P<table>\w+), but no column of it is like (?P<columns>.+) "
     r"\(required\): choose their columns below, or a fixed value",
     "{file} wygląda na {table}, ale żadna jego kolumna nie przypomina {columns} (wymagana): "
     "wybierz kolumny poniżej albo stałą wartość"),
    (r'(?P<file>.+): "(?P<header>.*)" looks like sales\' accept or reject decision, but the '
     r"file has no date for (?P<which>each|the other) \(e\.g\. \"Accepted Date\" and "
     r'\"Rejected Date\"\): map accepted_at and rejected_at of leads by hand; only its won and '
     r"lost rows are deals, as a deal counts its lead as accepted",
     "{file}: „{header}” wygląda na decyzję handlowca o akceptacji lub odrzuceniu, ale plik nie "
     "ma daty {which_pl} (np. „Accepted Date” i „Rejected Date”): przypisz ręcznie accepted_at "
     "i rejected_at leadów; umowami są tylko jego wiersze wygrane i przegrane, bo umowa liczy "
     "swojego leada jako zaakceptowanego"),
    (r"(?P<file>.+) records sales' decisions, but they cannot be joined to the leads \(the "
     r"leads already look up another file\): map accepted_at and rejected_at by hand",
     "{file} zapisuje decyzje handlowców, ale nie da się ich połączyć z leadami (leady już "
     "wyszukują w innym pliku): przypisz accepted_at i rejected_at ręcznie"),
    (r"(?P<file>.+) records sales' decisions, but they cannot be joined to the leads by a lead "
     r"id: map accepted_at and rejected_at by hand",
     "{file} zapisuje decyzje handlowców, ale nie da się ich połączyć z leadami przez "
     "identyfikator leada: przypisz accepted_at i rejected_at ręcznie"),
    (r"(?P<file>.+) records sales' decisions: its accepted and rejected dates fill the leads' "
     r'accepted_at and rejected_at(?:, and "(?P<created>.*)" stands for the handoff)?'
     r"(?P<deals>; only its won and lost rows are deals, as a deal counts its lead as "
     r"accepted)?\.",
     "{file} zapisuje decyzje handlowców: jego daty akceptacji i odrzucenia wypełniają "
     "accepted_at i rejected_at leadów{created_pl}{deals_pl}."),
    (r'(?P<file>.+) records sales\' decisions: "(?P<date>.*)" fills the leads\' accepted_at or '
     r'rejected_at as "(?P<decision>.*)" says(?:, and "(?P<created>.*)" stands for the handoff)?'
     r"(?P<deals>; only its won and lost rows are deals, as a deal counts its lead as "
     r"accepted)?\.",
     "{file} zapisuje decyzje handlowców: „{date}” wypełnia accepted_at albo rejected_at "
     "leadów, zależnie od „{decision}”{created_pl}{deals_pl}."),
    (r'(?P<file>.+): "(?P<date>.*)" is the date sales decided, and "(?P<decision>.*)" what they '
     r"decided: accepted_at where it says Accepted, Yes or SQL \(any case, Polish too\), "
     r"rejected_at where it says Rejected, No or Unqualified; any other value leaves the "
     r"handoff open: check the funnel in the preview",
     "{file}: „{date}” to data decyzji handlowca, a „{decision}” sama decyzja: accepted_at tam, "
     "gdzie jest Accepted, Yes lub SQL (dowolną wielkością liter, także po polsku), rejected_at "
     "tam, gdzie Rejected, No lub Unqualified; każda inna wartość zostawia przekazanie otwarte: "
     "sprawdź lejek w podglądzie"),
    (r"(?P<file>.+): its columns are like none of our tables: choose below what it holds, or "
     r"leave it out",
     "{file}: jego kolumny nie przypominają żadnej z naszych tabel: wybierz poniżej, co "
     "zawiera, albo go pomiń"),
)  # fmt: skip

_PROBLEMS_RE = [(re.compile(english), polish) for english, polish in _PROBLEMS]
_MESSAGES_RE = [(re.compile(english), polish) for english, polish in _MESSAGES]


def _filled(found: re.Match, polish: str) -> str:
    parts = {k: v for k, v in found.groupdict().items() if v is not None}
    if "entity" in parts:
        parts["every"] = EVERY_PL[parts["entity"]]
    if "format" in polish:
        example = found.groupdict().get("example")
        parts["example_pl"] = f" (np. {example})" if example else ""
    if "lines" in parts:
        parts["lines_pl"] = (
            parts["lines"].replace("lines ", "wiersze ").replace(" line ", " wiersz ")
        ).replace(" and ", " i ")
    if "which" in parts:
        parts["which_pl"] = "żadnej z decyzji" if parts["which"] == "each" else "drugiej decyzji"
    if "created" in found.re.groupindex:  # a note on a decisions file
        created = parts.get("created")
        parts["created_pl"] = f", a „{created}” oznacza przekazanie" if created else ""
        parts["deals_pl"] = (
            "; umowami są tylko jego wiersze wygrane i przegrane, bo umowa liczy swojego leada "
            "jako zaakceptowanego"
            if parts.get("deals")
            else ""
        )
    if "rows" in parts:
        parts["rows_pl"] = _rows(found, "rows")
        n = int(parts["rows"].replace(",", ""))
        parts["belongs"] = format.plural(n, "należy", "należą", "należy")
    return polish.format(**parts)


def problem(text: str, lang: str = "en") -> str:
    """What is wrong with a value (the problems table's last column) in `lang`."""
    if lang != "pl":
        return text
    for pattern, polish in _PROBLEMS_RE:
        found = pattern.fullmatch(text)
        if found:
            return _filled(found, polish)
    return text


def message(text: str, lang: str = "en") -> str:
    """A note, a file's error or a doubt of the suggestion in `lang`; a line-and-value problem
    as the command line writes it (file, line: column "value" problem) too."""
    if lang != "pl":
        return text
    for pattern, polish in _MESSAGES_RE:
        found = pattern.fullmatch(text)
        if found:
            return _filled(found, polish)
    return text


# What each column of ours holds, as the column editor says it (mapping.TARGETS' labels).
HOLDS_PL = {
    "the lead's id in the CRM": "identyfikator leada w CRM",
    "when the lead was created": "kiedy lead został utworzony",
    "where it came from (source, medium)": "skąd przyszedł (źródło, medium)",
    "the campaign that brought it": "kampania, która go przyniosła",
    "company name": "nazwa firmy",
    "industry": "branża",
    "employees": "liczba pracowników",
    "job title": "stanowisko",
    "seniority": "poziom stanowiska",
    "country": "kraj",
    "the sales rep it was handed to": "handlowiec, któremu go przekazano",
    "lead score at handoff": "scoring leada przy przekazaniu",
    "when it became an MQL": "kiedy stał się MQL-em",
    "when marketing handed it to sales": "kiedy marketing przekazał go sprzedaży",
    "first response from sales": "pierwsza odpowiedź handlowca",
    "when sales accepted it (SQL)": "kiedy handlowiec go zaakceptował (SQL)",
    "when sales rejected it": "kiedy handlowiec go odrzucił",
    "why sales rejected it": "dlaczego handlowiec go odrzucił",
    "when it went back to nurture": "kiedy wrócił do nurturingu",
    "when marketing or an SDR closed it, before any handoff": (
        "kiedy marketing lub SDR go zamknął, przed przekazaniem"
    ),
    "why it was closed before handoff": "dlaczego zamknięto go przed przekazaniem",
    "who closed it (an SDR, marketing)": "kto go zamknął (SDR, marketing)",
    "the CRM's lead status, kept as it is": "status leada z CRM, zachowany bez zmian",
    "the interaction's id": "identyfikator interakcji",
    "the lead it belongs to": "lead, do którego należy",
    "when it happened": "kiedy się wydarzyło",
    "e-mail open, download, webinar, …": "otwarcie e-maila, pobranie, webinar, …",
    "the campaign it belongs to": "kampania, do której należy",
    "e.g. webinar minutes": "np. minuty webinaru",
    "the deal's id": "identyfikator umowy",
    "the lead it came from": "lead, z którego powstała",
    "when the deal was opened": "kiedy umowę otwarto",
    "when it was won or lost": "kiedy ją wygrano lub przegrano",
    "open, won or lost": "open, won lub lost",
    "amount, in the deal's currency": "kwota, w walucie umowy",
    "why it was lost": "dlaczego ją przegrano",
    "ISO code such as PLN or EUR (empty: PLN)": "kod ISO, np. PLN lub EUR (puste: PLN)",
    "the campaign's id": "identyfikator kampanii",
    "its name": "jej nazwa",
    "its channel": "jej kanał",
}
_ALSO_PL = (
    (r'"(?P<value>.*)" where empty', "„{value}”, gdzie puste"),
    (r"only where (?P<other>\w+) is (?P<values>.*)", "tylko gdzie {other} to {values}"),
    (
        r'only where their "(?P<other>.*)" is (?P<values>.*)',
        "tylko gdzie ich „{other}” to {values}",
    ),
    (r"times in (?P<zone>\S+)", "czas w strefie {zone}"),
    (r'always "(?P<value>.*)"', "zawsze „{value}”"),
    (r"numbered by row", "numerowane wg wiersza"),
    (r'"(?P<header>.*)" \(looked up\)', "„{header}” (wyszukane)"),
)


def holds(label: str, lang: str = "en") -> str:
    """A column's 'holds' cell of the column editor ('… (required)') in `lang`."""
    if lang != "pl":
        return label
    required = label.endswith(" (required)")
    base = label.removesuffix(" (required)")
    return HOLDS_PL.get(base, base) + (" (kolumna wymagana)" if required else "")


def also(text: str, lang: str = "en") -> str:
    """The editor's 'also' cell ("…; …": a default, a condition, a time zone) in `lang`."""
    if lang != "pl" or not text:
        return text
    parts = []
    for part in text.split("; "):
        for pattern, polish in _ALSO_PL:
            found = re.fullmatch(pattern, part)
            if found:
                named = found.groupdict()
                if "values" in named:  # the list's joints, as columns_frame writes them
                    named["values"] = named["values"].replace(" or ", " lub ")
                part = polish.format(**named)
                break
        parts.append(part)
    return "; ".join(parts)
