"""The language a page is shown in: chosen in the sidebar of every page, kept in the address."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from leadflow import i18n
from leadflow.i18n import DEFAULT, KEY, LANGUAGES


def current() -> str:
    """The language chosen, before the widget is drawn (the page title comes first)."""
    lang = st.session_state.get(KEY) or st.query_params.get(KEY) or DEFAULT
    return lang if lang in LANGUAGES else DEFAULT


def translator() -> Callable[[str], str]:
    """t() in the page's language: `T = language.translator()`; T("Funnel") → "Lejek"."""
    lang = current()
    return lambda text: i18n.t(text, lang)


def _drawn_this_run() -> bool:
    ctx = get_script_run_ctx()
    return ctx is not None and KEY in ctx.shared.widget_user_keys_this_run


def picker() -> str:
    """The language widget, at the top of the sidebar, kept in the URL; returns 'en' or 'pl'.
    Every page draws it once, in page.navigation; a later call returns its value."""
    if _drawn_this_run():
        return current()
    with st.sidebar:
        # The options are the codes themselves: a bound widget writes the shown option in the
        # URL, and ?lang=pl is the address people share. Kept for the session too, so a
        # sidebar link (which drops the query string) opens the next page in the same language.
        lang = st.segmented_control(
            "Language / Język",
            list(LANGUAGES),
            default=DEFAULT,
            key=KEY,
            bind="query-params",
            persist_state="session",
        )
    return lang or DEFAULT
