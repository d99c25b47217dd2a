"""What a checked import will give before anything is written: its funnel and, page by page,
whether the mapped data has what the page needs, in plain words (English or Polish)."""

from __future__ import annotations

from dataclasses import dataclass

from leadflow import format

# The funnel's stages as the pages name them, and the preview's count of each.
FUNNEL = (
    ("Leads", "leads", "every lead of the files that can be imported"),
    ("MQLs", "mqls", "leads that became marketing-qualified, or went further"),
    ("Handed to sales", "handoffs", "MQLs marketing passed to a sales rep"),
    ("SQLs", "sqls", "handoffs sales accepted, or that have a deal"),
    ("Won", "won", "leads with a won deal"),
)
FUNNEL_PL = {
    "leads": ("Leady", "każdy lead z plików, który można zaimportować"),
    "mqls": ("MQL-e", "leady, które stały się MQL-ami lub doszły dalej"),
    "handoffs": ("Przekazane", "MQL-e przekazane przez marketing handlowcowi"),
    "sqls": ("SQL-e", "przekazania zaakceptowane przez handlowców lub z umową"),
    "won": ("Wygrane", "leady z wygraną umową"),
}


@dataclass(frozen=True)
class Readiness:
    page: str
    ready: bool  # False: the page will be empty or misleading on this data
    text: str


def funnel(preview: dict[str, int], lang: str = "en") -> list[tuple[str, int, str]]:
    """The funnel of the mapped leads: (stage, leads that reached it, what the stage means)."""
    if lang == "pl":
        return [(FUNNEL_PL[key][0], preview.get(key, 0), FUNNEL_PL[key][1]) for _, key, _ in FUNNEL]
    return [(label, preview.get(key, 0), meaning) for label, key, meaning in FUNNEL]


def _counted(n: int, one: str, many: str, lang: str, few: str | None = None) -> str:
    return format.counted(n, one, many, lang, few)


def readiness(preview: dict[str, int], lang: str = "en") -> list[Readiness]:
    """For each page, whether the mapped rows give it what it needs: what it will show, or why
    it will be empty."""
    if lang == "pl":
        return _readiness_pl(preview)
    get = preview.get
    leads, handoffs = get("leads", 0), get("handoffs", 0)
    if not leads:
        return [
            Readiness(
                "All pages",
                False,
                "no lead can be imported: every page needs leads; map the file that holds them",
            )
        ]
    out = [
        Readiness(
            "Funnel",
            True,
            f"{format.counted(leads, 'lead', 'leads')}, "
            f"{format.counted(get('mqls', 0), 'MQL', 'MQLs')}, "
            f"{format.counted(get('sqls', 0), 'SQL', 'SQLs')}, {format.count(get('won', 0))} won",
        )
    ]
    if not get("with_handoff_at", 0):
        out.append(
            Readiness(
                "Conversion and SLA",
                False,
                "no handoff dates: Conversion and SLA will be empty"
                + (
                    f" (the {format.count(handoffs)} leads that reached sales are counted on the "
                    "Funnel page only)"
                    if handoffs
                    else ""
                ),
            )
        )
    else:
        decided = get("with_accepted_at", 0) + get("with_rejected_at", 0)
        if not get("with_rejected_at", 0):
            out.append(
                Readiness(
                    "Conversion",
                    False,
                    "no lead rejected by sales: every decided handoff counts as accepted, so "
                    "MQL→SQL reads 100 %; map sales' rejections (rejected_at) if the export "
                    "has them",
                )
            )
        else:
            out.append(
                Readiness(
                    "Conversion",
                    True,
                    f"{format.counted(get('with_handoff_at', 0), 'handoff', 'handoffs')}, "
                    f"{format.count(get('with_rejected_at', 0))} of them rejected by sales",
                )
            )
        if not (get("with_first_response_at", 0) or decided or get("opportunities", 0)):
            out.append(
                Readiness(
                    "SLA",
                    False,
                    "no first response or decision dates: every handoff will look unanswered",
                )
            )
        elif not get("with_first_response_at", 0):
            out.append(
                Readiness(
                    "SLA",
                    True,
                    "no first-response dates: sales' decision stands for the first response",
                )
            )
        else:
            out.append(Readiness("SLA", True, "response times from the first-response dates"))
    if not get("with_rejected_at", 0):
        out.append(Readiness("Rejections", False, "no rejected leads: Rejections will be empty"))
    elif not get("with_rejection_reason", 0):
        out.append(
            Readiness(
                "Rejections",
                False,
                "no rejection reasons: every rejection will read \u201cno reason given\u201d",
            )
        )
    else:
        out.append(
            Readiness(
                "Rejections",
                True,
                f"{format.counted(get('with_rejected_at', 0), 'rejection', 'rejections')}, "
                f"{format.count(get('with_rejection_reason', 0))} with a reason",
            )
        )
    if not get("touchpoints", 0):
        out.append(
            Readiness(
                "What if",
                False,
                "no touchpoints: What-if will fit on attributes only"
                + ("" if get("with_attributes", 0) else " (and the leads have none)"),
            )
        )
    else:
        out.append(
            Readiness(
                "What if",
                True,
                f"{format.counted(get('touchpoints', 0), 'touchpoint', 'touchpoints')} to score",
            )
        )
    if not get("deals", 0):
        out.append(Readiness("Won and revenue", False, "no deals: won and revenue will read 0"))
    return out


def _readiness_pl(preview: dict[str, int]) -> list[Readiness]:
    """readiness() in Polish, page by page the same judgements, with Polish plurals."""
    get = preview.get
    pl = "pl"
    leads, handoffs = get("leads", 0), get("handoffs", 0)
    if not leads:
        return [
            Readiness(
                "Wszystkie strony",
                False,
                "żadnego leada nie można zaimportować: każda strona potrzebuje leadów; przypisz "
                "plik, który je zawiera",
            )
        ]
    out = [
        Readiness(
            "Lejek",
            True,
            f"{_counted(leads, 'lead', 'leadów', pl, 'leady')}, "
            f"{_counted(get('mqls', 0), 'MQL', 'MQL-i', pl, 'MQL-e')}, "
            f"{_counted(get('sqls', 0), 'SQL', 'SQL-i', pl, 'SQL-e')}, "
            f"{_counted(get('won', 0), 'wygrana', 'wygranych', pl, 'wygrane')}",
        )
    ]
    reached = _counted(
        handoffs, "lead, który dotarł", "leadów, które dotarły", pl, "leady, które dotarły"
    )
    if not get("with_handoff_at", 0):
        out.append(
            Readiness(
                "Konwersja i SLA",
                False,
                "brak dat przekazania: strony Konwersja i SLA będą puste"
                + (
                    f" ({reached} do sprzedaży, liczymy tylko na stronie Lejek)" if handoffs else ""
                ),
            )
        )
    else:
        decided = get("with_accepted_at", 0) + get("with_rejected_at", 0)
        rejected = _counted(get("with_rejected_at", 0), "odrzucone", "odrzuconych", pl, "odrzucone")
        if not get("with_rejected_at", 0):
            out.append(
                Readiness(
                    "Konwersja",
                    False,
                    "żaden lead nie został odrzucony przez handlowców: każde rozstrzygnięte "
                    "przekazanie liczy się jako zaakceptowane, więc MQL→SQL pokaże 100 %; "
                    "przypisz odrzucenia (rejected_at), jeśli eksport je zawiera",
                )
            )
        else:
            out.append(
                Readiness(
                    "Konwersja",
                    True,
                    _counted(
                        get("with_handoff_at", 0), "przekazanie", "przekazań", pl, "przekazania"
                    )  # fmt: skip
                    + f", z czego {rejected} przez handlowców",
                )
            )
        if not (get("with_first_response_at", 0) or decided or get("opportunities", 0)):
            out.append(
                Readiness(
                    "SLA",
                    False,
                    "brak dat pierwszej odpowiedzi i decyzji: każde przekazanie będzie wyglądać "
                    "na bez odpowiedzi",
                )
            )
        elif not get("with_first_response_at", 0):
            out.append(
                Readiness(
                    "SLA",
                    True,
                    "brak dat pierwszej odpowiedzi: decyzja handlowca zastępuje pierwszą odpowiedź",
                )
            )
        else:
            out.append(Readiness("SLA", True, "czas reakcji z dat pierwszej odpowiedzi"))
    if not get("with_rejected_at", 0):
        out.append(
            Readiness(
                "Odrzucenia", False, "brak odrzuconych leadów: strona Odrzucenia będzie pusta"
            )
        )
    elif not get("with_rejection_reason", 0):
        out.append(
            Readiness(
                "Odrzucenia",
                False,
                "brak powodów odrzucenia: każde odrzucenie pokaże \u201enie podano powodu\u201d",
            )
        )
    else:
        out.append(
            Readiness(
                "Odrzucenia",
                True,
                _counted(get("with_rejected_at", 0), "odrzucenie", "odrzuceń", pl, "odrzucenia")
                + f", z czego {format.count(get('with_rejection_reason', 0), pl)} z powodem",
            )
        )
    if not get("touchpoints", 0):
        out.append(
            Readiness(
                "Symulacja",
                False,
                "brak punktów styku: Symulacja dopasuje wagi tylko do atrybutów"
                + ("" if get("with_attributes", 0) else " (a leady ich nie mają)"),
            )
        )
    else:
        out.append(
            Readiness(
                "Symulacja",
                True,
                _counted(get("touchpoints", 0), "punkt styku", "punktów styku", pl, "punkty styku")
                + " do oceny",
            )
        )
    if not get("deals", 0):
        out.append(Readiness("Wygrane i przychód", False, "brak umów: wygrane i przychód pokażą 0"))
    return out
