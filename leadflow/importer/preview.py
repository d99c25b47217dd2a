"""What a checked import will give before anything is written: its funnel and, page by page,
whether the mapped data has what the page needs, in plain words."""

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


@dataclass(frozen=True)
class Readiness:
    page: str
    ready: bool  # False: the page will be empty or misleading on this data
    text: str


def funnel(preview: dict[str, int]) -> list[tuple[str, int, str]]:
    """The funnel of the mapped leads: (stage, leads that reached it, what the stage means)."""
    return [(label, preview.get(key, 0), meaning) for label, key, meaning in FUNNEL]


def readiness(preview: dict[str, int]) -> list[Readiness]:
    """For each page, whether the mapped rows give it what it needs: what it will show, or why
    it will be empty."""
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
