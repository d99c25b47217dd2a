"""A read past the query timeout, said on the page: the page stops with the timeout's message
instead of the generic error page, and the session goes on."""

from __future__ import annotations

import contextlib

import streamlit as st

from leadflow import db


@contextlib.contextmanager
def stopping_page_on_timeout():
    """On a page, around anything that reads: a query that ran past the timeout stops the page
    with its message instead of the generic error page; the session goes on."""
    try:
        yield
    except db.QueryTimedOut as error:
        st.error(str(error), icon=":material/timer_off:")
        st.stop()
