"""Pages that print: on A4 landscape, without the sidebar, the buttons and the explanations,
with their tables whole (a scrolling data grid prints only the columns in sight)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from leadflow.app import markup

# Static CSS (nothing from the data). Streamlit gives a keyed container the class st-key-<key>.
_CSS = """<style>
[class*="st-key-print_only"] { display: none; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stDownloadButton"], [data-testid="stExpander"], [data-testid="stSlider"],
  .st-key-screen_only { display: none !important; }
  [class*="st-key-print_only"] { display: block !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; }
  [data-testid="stMetricLabel"] *, [data-testid="stMetricValue"] *, th, td {
    white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
    word-break: keep-all !important; overflow-wrap: normal !important; hyphens: none !important;
  }
  table { font-size: 9pt; break-inside: auto; }
  tr { break-inside: avoid; }
}
</style>"""


def print_friendly() -> None:
    """Make this page print well (the browser's Print, or Save as PDF)."""
    st.html(_CSS)


def table_for_screen_and_print(frame: pd.DataFrame, show_on_screen) -> None:
    """`show_on_screen()` draws the table on screen (a data grid); on paper the same rows print
    as a plain table with every column."""
    with st.container(key="screen_only"):
        show_on_screen()
    with st.container(key="print_only"):
        st.table(markup.table(frame))


def what_was_printed(about: list[tuple[str, str | date]], lang: str) -> None:
    """On paper only, the view's filters and the data's date, which the hidden sidebar says on
    screen: a printed page must say what it shows."""
    from leadflow import i18n

    with st.container(key="print_only_view"):
        st.caption(
            "; ".join(
                f"{markup.text(label)}: "
                + markup.text(i18n.day(value, lang) if isinstance(value, date) else value)
                for label, value in about
            )
        )
