"""The language a page is shown in: chosen in the sidebar and kept in the address."""

from __future__ import annotations

import streamlit as st

from leadflow.i18n import DEFAULT, KEY, LANGUAGES


def current() -> str:
    """The language chosen, before the widget is drawn (the page title comes first)."""
    lang = st.session_state.get(KEY) or st.query_params.get(KEY) or DEFAULT
    return lang if lang in LANGUAGES else DEFAULT


def picker() -> str:
    """The language widget in the sidebar, kept in the URL; returns 'en' or 'pl'."""
    with st.sidebar:
        # The options are the codes themselves: a bound widget writes the shown option in the
        # URL, and ?lang=pl is the address people share.
        lang = st.segmented_control(
            "Language / Język",
            list(LANGUAGES),
            default=DEFAULT,
            key=KEY,
            bind="query-params",
        )
    return lang or DEFAULT
