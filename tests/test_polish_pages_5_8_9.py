"""The What-if, Import data and Settings pages in Polish under AppTest with ?lang=pl: their
words, numbers and plurals, and no English left among what they show."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from leadflow import db, i18n
from tests.test_access import AUTH, MANAGER

ROOT = Path(__file__).resolve().parent.parent
NB = "\u00a0"  # the no-break space Polish groups thousands with


def visible_texts(at: AppTest) -> set[str]:
    """Every heading, paragraph, notice, tile, widget label, help and option, tab and expander
    label, and table column heading the page shows (the language picker aside)."""
    texts: set[str] = set()
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning"):
        texts |= {e.value for e in at.get(kind)}
    for kind in ("error", "success", "text"):
        texts |= {e.value for e in at.get(kind)}
    texts |= {m.label for m in at.metric} | {m.help or "" for m in at.metric}
    widgets = ("selectbox", "radio", "multiselect", "date_input", "number_input", "slider")
    widgets += ("text_input", "text_area", "checkbox", "button", "toggle", "download_button")
    widgets += ("file_uploader",)
    for kind in widgets:
        for w in at.get(kind):
            if getattr(w, "key", None) == i18n.KEY:
                continue
            texts |= {getattr(w, "label", "") or "", getattr(w, "help", "") or ""}
            if kind in ("selectbox", "radio", "multiselect"):
                texts |= set(w.options)
    for kind in ("tab", "expander"):
        texts |= {getattr(e, "label", "") or "" for e in at.get(kind)}
    for frame in at.dataframe:
        for config in json.loads(frame.proto.columns or "{}").values():
            texts |= {config.get("label") or "", config.get("help") or ""}
    return {t for t in texts if isinstance(t, str)} - {""}


# The same in both languages, rightly: names, codes, and the language picker itself.
SAME_IN_BOTH = {"Leadflow", "SLA", "KPI", "Language / Język", "Lead", "MQL", "SQL", "CSV"}


def english_left(english: set[str], polish: set[str], same: set[str] = frozenset()) -> list[str]:
    return sorted((english & polish) - SAME_IN_BOTH - same)


# Settings.


@pytest.fixture
def copy_db(fixture_db, tmp_path) -> Path:
    path = tmp_path / "leadflow.duckdb"
    shutil.copy(fixture_db, path)
    yield path
    db.close(path)


def settings_page(path: Path, monkeypatch, lang: str) -> AppTest:
    monkeypatch.setenv("LEADFLOW_DB", str(path))
    at = AppTest.from_file(str(ROOT / "pages" / "9_Settings.py"), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = MANAGER
    at.query_params[i18n.KEY] = lang
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def refuse_a_target(at: AppTest) -> None:
    box = at.text_area(key="edit_sql_targets")
    box.set_value(box.value + "2026-04-02,-1\n").run()
    at.button(key="save_sql_targets").click().run()
    assert not at.exception, [e.message for e in at.exception]


def test_settings_page_in_polish(copy_db, monkeypatch):
    i18n.MISSING.clear()
    at = settings_page(copy_db, monkeypatch, "pl")
    assert at.title[0].value == "Ustawienia"
    assert [t.label for t in at.tabs] == [
        *["Polityka SLA", "Dni wolne od pracy", "Reguły scoringu"],
        *["Próg MQL i wygasanie punktów", "Cele SQL", "Koszty kampanii"],
    ]
    assert at.button(key="save_sql_targets").label == "Zapisz"
    refuse_a_target(at)
    errors = [e.value for e in at.error]
    # The frame in Polish; line, column and value as the file has them.
    assert (
        "błąd: wiersz 6, kolumna month, wartość '2026-04-02': miesiąc zapisuje się jako jego "
        "pierwszy dzień, np. 2026-03-01" in errors
    )
    assert "błąd: wiersz 6, kolumna target, wartość '-1': nie może być ujemna" in errors
    assert "Nic nie zapisano." in errors
    assert sorted(i18n.MISSING) == []


def test_settings_page_saves_and_logs_in_polish(copy_db, monkeypatch):
    at = settings_page(copy_db, monkeypatch, "pl")
    box = at.text_area(key="edit_sql_targets")
    box.set_value(box.value + "2026-04-01,5\n").run()
    at.button(key="save_sql_targets").click().run()
    # The fixture's 4 months (December to March) and April: 5 rows, "5 wierszy" (the form for 5–21).
    assert [s.value for s in at.success] == [
        "Zapisano: 5 wierszy (month: 2025-12-01, 2026-01-01, 2026-02-01, 2026-03-01, "
        "2026-04-01); zastąpiono wszystkie wiersze."
    ]
    log = at.dataframe[-1].value
    assert log["setting"].tolist()[0] == "cele SQL"
    # The log keeps the command line's English; the page shows it in Polish.
    assert db.settings_log(copy_db)["change"].tolist()[0].startswith("5 row(s) (month: ")


def test_settings_page_shows_no_english_in_polish(copy_db, monkeypatch):
    shown = {}
    for lang in ("en", "pl"):
        at = settings_page(copy_db, monkeypatch, lang)
        refuse_a_target(at)
        shown[lang] = visible_texts(at)
    assert english_left(shown["en"], shown["pl"]) == []
