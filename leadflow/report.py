"""The weekly report as one self-contained HTML file: its tables and chart, nothing to fetch."""

from __future__ import annotations

import html

import pandas as pd

from leadflow import i18n, weekly

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; font-size: 0.9rem; }
th, td { padding: 0.3rem 0.7rem; border-bottom: 1px solid #ddd; text-align: right; }
th:first-child, td:first-child { text-align: left; }
td { white-space: nowrap; }
.decisions td:nth-child(-n+4), .decisions th:nth-child(-n+4) { text-align: left; }
.proposal { border: 2px dashed #c77700; background: #fff7e8; padding: 0.8rem 1rem; }
.meta { color: #666; font-size: 0.85rem; }
"""


def _table(frame: pd.DataFrame, empty: str, lang: str, css: str = "") -> str:
    if frame.empty:
        return f"<p>{html.escape(i18n.t(empty, lang))}</p>"
    return frame.to_html(index=False, border=0, escape=True, na_rep="–", classes=css or None)


def _h2(title: str, lang: str) -> str:
    return f"<h2>{html.escape(weekly.t(title, lang))}</h2>"


def to_html(report: weekly.Report, as_of: str) -> str:
    """The report in `report.lang`, in the page's order: what the meeting decides first (the
    proposal, the leads waiting for a decision, the backtest), then what happened in the week.
    `as_of` is the data's date, already formatted."""
    lang = report.lang
    sections = "".join(
        f"{_h2(title, lang)}{_table(frame, empty, lang)}"
        for title, frame, empty in (
            ("The week in numbers", report.summary, ""),
            ("Rejections by reason", report.rejections, "No rejections in these weeks."),
            ("SLA breaches per rep", report.sla_by_rep, "No handoffs in these weeks."),
            ("MQL→SQL by channel", report.channels, "No handoffs in these weeks."),
        )
    )
    proposal = (
        f"{_h2('Proposal: the MQL threshold for the sales capacity', lang)}"
        f'<div class="proposal"><p>{html.escape(report.proposal_text)}</p></div>'
    )
    decisions = _h2("Leads that need a decision", lang) + (
        f'<p class="meta">{html.escape(weekly.decisions_note(report.decisions_total, lang))}</p>'
        if report.decisions_total
        else ""
    )
    # Rep, lead, company and channel are words: left-aligned, as read.
    decisions += _table(report.decisions, "No leads need a decision.", lang, "decisions")
    backtest = (
        f"{_h2('Backtest: had we applied the recommendation made each past month', lang)}"
        f'<p class="meta">{html.escape(report.backtest_text)}</p>'
        + ("" if report.backtest.empty else _table(report.backtest, "", lang))
    )
    # Links are relative to the app's address: the file opened beside the app (or with a <base>)
    # leads to the page that explains each alert.
    lines = weekly.alert_lines(report.alerts, lang)
    alerts = (
        "<ul>"
        + "".join(
            f'<li><a href="{html.escape(link)}">{html.escape(line)}</a></li>'
            for line, link in lines
        )
        + "</ul>"
        if lines
        else "<p>"
        + html.escape(i18n.t("No channel, campaign or rep moved significantly this week.", lang))
        + "</p>"
    )
    alerts = (
        f"<h2>{html.escape(i18n.t('Drift alerts', lang))}</h2>"
        f'<p class="meta">{html.escape(i18n.t(i18n.DRIFT_NOTE, lang))}</p>{alerts}'
    )
    # Plotly's JS goes in once, inline, so the file opens offline as a meeting attachment.
    chart = report.figure.to_html(full_html=False, include_plotlyjs=True)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(report.title)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{html.escape(report.title)}</h1>"
        f'<p class="meta">{html.escape(i18n.t("Filters", lang))}: {html.escape(report.filters)}'
        f" · {html.escape(i18n.t('Data as of', lang))}: {html.escape(as_of)}</p>"
        f"{proposal}{decisions}{backtest}{alerts}{chart}{sections}"
        "</body></html>"
    )
