"""Data shown as text: values from the database made inert in Streamlit's Markdown."""

from __future__ import annotations

import html
import re

import pandas as pd

# Escaped wherever they stand: links and images ([ ]), emphasis and strikethrough (* ~), code
# (`), HTML and autolinks (< >), LaTeX ($) and the backslash itself. A backslash before ASCII
# punctuation is CommonMark's escape; the reader sees the character itself.
_ALWAYS = re.compile(r"([\\`*\[\]<>~$])")
# Streamlit's :red[…], :material/…: and emoji shortcodes, and the colon of http://: a colon
# followed by anything but a digit or a space (10:30 stays as it is).
_DIRECTIVE = re.compile(r":(?=[^\d\s])")
# _ opens or closes emphasis only at a word's edge (linkedin_ads stays as it is).
_EDGE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# At the start only: a heading (# ), a list (- , + , 1. , 1) ) or a thematic break (---); a
# quote (>) is escaped anyway. "+100.0%" and "0.9" stay as they are.
_BLOCK_START = re.compile(r"^(\s*)(#|[-+](?=\s|$|-))")
_ORDERED_START = re.compile(r"^(\s*\d{1,9})([.)])(?=\s|$)")
# GFM turns bare addresses (http://…, www.…, a@b.example) into links even when their
# characters are escaped; a word joiner (invisible) in front of them keeps them text.
_BARE_ADDRESS = re.compile(r"(?i)(?<![\w\u2060])(https?(?=\\?:)|www(?=\.))|@(?=[-\w])")
_LINE_BREAKS = re.compile(r"[\r\n]+")
_WORD_JOINER = "\u2060"


def text(value: object) -> str:
    """`value` as literal text inside st.markdown, st.caption, a label, a help text or a cell of
    st.table: no bold, link, image, heading, list, colour, icon or formula; a line break
    becomes a space."""
    out = _LINE_BREAKS.sub(" ", str(value))
    out = _ALWAYS.sub(r"\\\1", out)
    out = _DIRECTIVE.sub(r"\\:", out)
    out = _EDGE_UNDERSCORE.sub(r"\\_", out)
    out = _BLOCK_START.sub(r"\1\\\2", out)
    out = _ORDERED_START.sub(r"\1\\\2", out)
    return _BARE_ADDRESS.sub(lambda m: _WORD_JOINER + m[0] if m[1] else "@" + _WORD_JOINER, out)


def code(value: object) -> str:
    """`value` as inline code: fenced with more backticks than any run inside it, which is how
    CommonMark lets a code span hold backticks; a line break becomes a space."""
    body = _LINE_BREAKS.sub(" ", str(value))
    fence = "`" * (max((len(run) for run in re.findall(r"`+", body)), default=0) + 1)
    return f"{fence} {body} {fence}"


def plotly(values) -> list[str]:
    """Labels from the data for a Plotly figure, whose text understands tags such as
    <a href> and <b>: as text. Plotly shows the entities as the characters they stand for;
    html.unescape gives a clicked label back."""
    return [html.escape(str(v), quote=False) for v in values]


def table(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame for st.table, which renders Markdown in its cells, index and headers: every
    text in it escaped, numbers untouched."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(
                lambda v: text(v) if isinstance(v, str) else v, na_action="ignore"
            )
    out.columns = [text(c) if isinstance(c, str) else c for c in out.columns]
    if out.index.dtype == object or pd.api.types.is_string_dtype(out.index):
        out.index = [text(i) if isinstance(i, str) else i for i in out.index]
        out.index.name = None if frame.index.name is None else text(frame.index.name)
    return out
