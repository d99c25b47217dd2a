"""Data is text: values from the database never become bold, links or images on a page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from leadflow import whatif
from leadflow.app import markup
from leadflow.importer import mapping as mappings
from tests.conftest import HTML_IMAGE, IMAGE, LINK, MARKUP
from tests.test_load_page import MAVEN, upload

ROOT = Path(__file__).resolve().parent.parent
SHOWN = markup.text(MARKUP)  # the hostile value as the pages must write it
# What a Markdown renderer acts on, anywhere in a text: only reachable unescaped.
RAW = ("](", "![", "<img", "**bold**", "[click]")


def unescape(text: str) -> str:
    """What the reader sees: CommonMark drops a backslash before punctuation; the word joiner
    is invisible."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text).replace("\u2060", "")


WJ = "\u2060"  # word joiner


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (IMAGE, rf"!\[x\]({WJ}http\://198.51.100.1/x.png)"),
        (HTML_IMAGE, rf"\<img src={WJ}http\://198.51.100.1/y\>"),
        (LINK, rf"\[click\]({WJ}http\://198.51.100.1)"),
        ("**bold** _it_ ~del~ `code` $x^2$", r"\*\*bold\*\* \_it\_ \~del\~ \`code\` \$x^2\$"),
        (":red[x] :material/home: :+1:", r"\:red\[x\] \:material/home: \:+1:"),
        ("# heading", r"\# heading"),
        ("- item", r"\- item"),
        ("---", r"\---"),
        ("1. item", r"1\. item"),
        ("www.example.com a@example.com", f"{WJ}www.example.com a@{WJ}example.com"),
        ("a\\b > c", r"a\\b \> c"),
        # Ordinary text stays as it is: no list, emphasis or directive in these.
        ("linkedin_ads 1000+ +100.0% -2.0% 0.9 8-week 10:30", None),
    ],
)
def test_text_escapes_markdown_and_reads_back_the_same(value, shown):
    escaped = markup.text(value)
    assert escaped == (value if shown is None else shown)
    assert unescape(escaped) == value


def test_text_puts_a_line_break_as_a_space():
    # A new line would start a heading or a list in the value.
    assert markup.text("ok\n# heading\r\n- item") == "ok # heading - item"


def test_code_fences_a_value_holding_backticks():
    # The longest run inside is 2 backticks, so the fence is 3: the value cannot close it.
    assert markup.code("a.csv `` ![x](y) `b`.csv") == "``` a.csv `` ![x](y) `b`.csv ```"
    assert markup.code("leads.csv") == "` leads.csv `"


def test_table_escapes_text_cells_index_and_headers_and_keeps_numbers():
    frame = pd.DataFrame({"**Reason**": [MARKUP, "plain"], "Count": [2, -1]}, index=[LINK, "x"])
    escaped = markup.table(frame)
    assert escaped.columns.tolist() == [markup.text("**Reason**"), "Count"]
    assert escaped.index.tolist() == [markup.text(LINK), "x"]
    assert escaped.iloc[:, 0].tolist() == [SHOWN, "plain"]
    assert escaped["Count"].tolist() == [2, -1]


# The pages, on the fixture whose reasons, an industry, a touchpoint type and the data's source
# (the mapping's name) hold Markdown and HTML.


def run(script: str, path: Path, monkeypatch, **query) -> AppTest:
    monkeypatch.setenv("LEADFLOW_DB", str(path))
    at = AppTest.from_file(str(ROOT / script), default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def texts(at: AppTest) -> list[str]:
    """Every Markdown-rendered text on the page: markdown, captions, alerts, labels, help."""
    found = [
        e.value
        for kind in ("markdown", "caption", "info", "warning", "error", "success")
        for e in at.get(kind)
    ]
    for kind in ("number_input", "selectbox", "multiselect", "metric", "radio", "expander"):
        for e in at.get(kind):
            found += [str(getattr(e, "label", "")), str(getattr(e, "help", "") or "")]
    for table in at.table:
        frame = table.value
        found += [str(v) for v in [*frame.columns, *frame.index, *frame.to_numpy().ravel()]]
    return found


def assert_shown_as_text(at: AppTest, expected: str = SHOWN) -> None:
    shown = texts(at)
    # With every escaped character taken out, no Markdown or HTML is left to act on.
    assert not [t for t in shown if any(r in re.sub(r"\\.", "", t) for r in RAW)]
    assert [t for t in shown if expected in t]  # the value did reach the page


def test_the_sidebar_names_the_data_source_as_text(hostile_db, monkeypatch):
    at = run("app.py", hostile_db, monkeypatch)
    assert [c.value for c in at.sidebar.caption if f": {SHOWN}, leads from " in c.value]
    assert_shown_as_text(at)


def test_rejections_top_reason_is_text(hostile_db, monkeypatch):
    at = run("pages/4_Rejections.py", hostile_db, monkeypatch)
    # Fixture: L03 and L09 carry the hostile reason, the one reason given twice.
    assert [m.value for m in at.markdown if m.value.startswith(f"Top reason: **{SHOWN}**, 2 ")]
    assert_shown_as_text(at)


def test_rejections_leads_of_a_hostile_reason_are_captioned_as_text(hostile_db, monkeypatch):
    at = run("pages/4_Rejections.py", hostile_db, monkeypatch)
    at.selectbox(key="reason").set_value(MARKUP).run()
    assert not at.exception
    assert [c.value for c in at.caption if f"with “{SHOWN}”" in c.value]
    assert_shown_as_text(at)


def test_funnel_segment_caption_is_text(hostile_db, monkeypatch):
    at = run("pages/1_Funnel.py", hostile_db, monkeypatch, split="Industry")
    at.selectbox(key="segment").set_value(MARKUP).run()
    assert not at.exception
    assert [c.value for c in at.caption if f" in {SHOWN}" in c.value]
    assert_shown_as_text(at)


def test_conversion_segment_caption_is_text(hostile_db, monkeypatch):
    at = run("pages/2_Conversion.py", hostile_db, monkeypatch, by="Industry")
    at.selectbox(key="segment").set_value(MARKUP).run()
    assert not at.exception
    assert [c.value for c in at.caption if f" in {SHOWN}" in c.value]
    assert_shown_as_text(at)


def test_whatif_weight_labels_are_text(hostile_db, monkeypatch):
    at = run("pages/5_What_if.py", hostile_db, monkeypatch)
    label = markup.text(whatif.rule_label(whatif.TOUCHPOINT, MARKUP))
    assert label in [n.label for n in at.number_input]
    assert_shown_as_text(at, label)


def test_weekly_tables_are_text(hostile_db, monkeypatch):
    at = run("pages/7_Weekly_report.py", hostile_db, monkeypatch, week="2026-02-16")
    assert_shown_as_text(at)


def test_import_page_shows_a_mappings_description_and_notes_as_text(
    empty_app,
    tmp_path,
    monkeypatch,
):
    mapping = json.loads((ROOT / "mappings" / "maven_crm.json").read_text(encoding="utf-8"))
    mapping.update(description=MARKUP, notes=[MARKUP])
    saved = tmp_path / "saved"
    saved.mkdir()
    (saved / "hostile.json").write_text(json.dumps(mapping), encoding="utf-8")
    monkeypatch.setattr(mappings, "SAVED", saved)
    upload(empty_app, *[(p.name, p.read_bytes()) for p in sorted(MAVEN.glob("*.csv"))])
    empty_app.selectbox(key="mapping_choice").set_value("hostile").run()
    assert not empty_app.exception, [e.message for e in empty_app.exception]
    assert SHOWN in [c.value for c in empty_app.caption]
    assert f"- {SHOWN}" in [m.value for m in empty_app.markdown]
    assert_shown_as_text(empty_app)
