"""The What-if, Import data and Settings pages in Polish under AppTest with ?lang=pl: their
words, numbers and plurals, and no English left among what they show."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from leadflow import db, i18n
from leadflow.importer import mapping as mappings
from tests.conftest import opened_page
from tests.test_access import AUTH, MANAGER
from tests.test_whatif_page import converted_only

__all__ = ["converted_only"]  # the fixture, used by name

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


# The same in both languages, rightly: names (products among the channels), codes, and the
# language picker itself.
SAME_IN_BOTH = {"Leadflow", "SLA", "KPI", "Language / Język", "Lead", "MQL", "SQL", "CSV",
                "LinkedIn Ads", "Google Ads"}  # fmt: skip


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


# Import data.

# 1,201 good leads and one whose date is no date: thousands are grouped, plurals are Polish.
EXPORT = "Lead ID,Create Date,Source\n" + "".join(
    f"N{i},2026-01-{1 + i % 28:02d},webinar\n" for i in range(1, 1202)
)
EXPORT += "BAD1,yesterday,organic\n"


def import_page(tmp_path, monkeypatch, lang: str) -> AppTest:
    """The Import page in `lang` on an empty database, the export uploaded and checked."""
    path = tmp_path / f"{lang}.duckdb"
    db.create_empty_database(path)
    monkeypatch.setenv("LEADFLOW_DB", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params[i18n.KEY] = lang
    at.run()
    at.switch_page("pages/8_Import_data.py").run()
    # Under AppTest a switched page's picker falls back to its default on the next run unless
    # the session holds the language, as a browser's session does.
    at.session_state[i18n.KEY] = lang
    at.file_uploader(key="files").set_value([("leads.csv", EXPORT.encode(), "text/csv")]).run()
    next(b for b in at.button if b.key is None and b.proto.type == "primary").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_import_page_in_polish(tmp_path, monkeypatch):
    i18n.MISSING.clear()
    at = import_page(tmp_path, monkeypatch, "pl")
    assert at.title[0].value == "Import danych"
    tiles = {m.label: m.value for m in at.metric}
    assert tiles["Leady: poprawne wiersze"] == f"1{NB}201"
    assert tiles["Wiersze z problemami"] == "1"
    problems = at.dataframe[-1].value
    # The frame in Polish; the file's value as it is, in its own column.
    assert problems["value"].tolist() == ["yesterday"]
    assert problems["problem"].tolist() == [
        "nie jest datą (zapisz ją jak 2026-11-22, 2026-11-22 14:05, 22.11.2026 lub "
        "22.11.2026 14:05)"
    ]
    assert at.radio(key="bad_rows").options[0] == (
        f"Zaimportuj poprawne (1{NB}201 wierszy) i odłóż błędne (1 wiersz, zachowane w tabeli "
        "import_rejects i w pliku CSV powyżej)"
    )
    assert f"**Lejek**: 1{NB}201 leadów, 0 MQL-i, 0 SQL-i, 0 wygranych" in at.markdown[-1].value
    assert sorted(i18n.MISSING) == []
    next(b for b in at.button if b.label == "Importuj").click().run()
    assert [s.value for s in at.success] == [
        f"Zaimportowano: 1{NB}201 wierszy; odłożono: 1. Wszystkie strony pokazują teraz nowe dane."
    ]


def test_import_page_shows_no_english_in_polish(tmp_path, monkeypatch):
    shown = {lang: visible_texts(import_page(tmp_path, monkeypatch, lang)) for lang in ("en", "pl")}
    # The presets' and the file's names are the same in both, and "Import" is Polish too.
    same = {*mappings.available(), "leads.csv", "5. Import"}
    left = english_left(shown["en"], shown["pl"], same)
    assert left == [], left


PROBLEM_CODES = (
    "required", "not_a_date", "not_in_format", "future", "not_a_number", "not_whole",
    "below_one", "negative", "before", "owner_missing", "accepted_and_rejected",
    "reason_without_rejection", "orphan", "unknown_stage", "open_with_close_date",
    "closed_without_date", "reason_not_lost", "without_disqualification",
    "handed_off_disqualified", "not_a_currency", "before_1990", "after_2099", "dst_gap",
    "too_large", "decimal_comma", "decimal_point",
)  # fmt: skip


@pytest.mark.parametrize("code", PROBLEM_CODES)
@pytest.mark.parametrize("table", ["leads", "deals"])
def test_import_problem_has_polish_keeping_the_values(code, table):
    from leadflow.importer import polish
    from leadflow.importer.problems import problem_text

    # Values as a file might give them; each must come back untouched in the Polish.
    other_value = {"not_in_format": "%Y%m%d", "before_1990": "1989"}.get(code, "Wygrana 12,5")
    english = problem_text(code, table, "handoff_at", other_value)
    polish_text = polish.problem(english, "pl")
    assert polish_text != english
    if other_value in english:
        assert other_value in polish_text
    assert polish.problem(english, "en") == english


def test_import_notes_in_polish_keep_names_and_values():
    from leadflow.importer import polish

    assert polish.message(
        "leads: local times in America/New_York converted to Europe/Warsaw, the app's time "
        "zone (created_at, handoff_at)",
        "pl",
    ) == (
        "leads: czas lokalny strefy America/New_York przeliczony na Europe/Warsaw, strefę "
        "aplikacji (created_at, handoff_at)"
    )
    assert polish.message('x.csv: no column "Créé le" (for leads.created_at); its columns '
                          'are: "Id", "Créé"', "pl") == (
        'x.csv: brak kolumny „Créé le” (dla leads.created_at); jego kolumny to: "Id", "Créé"'
    )  # fmt: skip
    assert polish.problem(
        "is the id of more than one row (lines 2 and 3): none of them is imported", "pl"
    ) == (
        "jest identyfikatorem więcej niż jednego wiersza (wiersze 2 i 3): żaden z nich nie "
        "zostanie zaimportowany"
    )


# What-if.

Q1_2026 = ["2026-01-01", "2026-03-31"]
# Every part of the page open: the suggested weights, the forward test and the backtest, with a
# candidate threshold of 30 (the current rules' is 55).
WHATIF = {"period": Q1_2026, "suggest": "true", "rec_backtest": "true", "rec_forward": "true"}
WHATIF["threshold"] = "30"


@pytest.fixture
def _fixture(use_fixture_db):
    return use_fixture_db


def whatif_page(lang: str) -> AppTest:
    return opened_page("pages/5_What_if.py", lang=lang, **WHATIF)


@pytest.mark.usefixtures("_fixture")
def test_whatif_page_in_polish():
    i18n.MISSING.clear()
    at = whatif_page("pl")
    assert at.title[0].value == "Symulacja"
    assert [s.value for s in at.subheader] == [
        *["Proponowane reguły", "Sugerowane wagi", "Scenariusze"],
        "Zalecany próg dla możliwości sprzedaży",
    ]
    tiles = {m.label: (m.value, m.delta) for m in at.metric}
    # Threshold 30 passes 14 leads against 11 at 55 (tests/test_whatif_page.py's fixture).
    assert tiles["MQL-e"] == ("14", "+3 wobec obecnych")
    assert tiles["Utracony przychód"] == (f"0{NB}zł", "")
    table = at.dataframe[0].value.set_index("measure")
    # Won 40,000 + 25,000 = 65,000 PLN kept, grouped with a no-break space; 2 of 10 seen won.
    assert table.loc["Zachowany przychód", "current"] == f"65{NB}000{NB}zł"
    assert (
        table.loc[
            "Odsetek wygranych wśród przepuszczonych leadów widzianych przez handlowców (precyzja)",
            "current",
        ]
        == "20,0% (2 z 10)"
    )
    assert table.loc["Zachowane wygrane umowy (czułość)", "change"] == "±0"
    assert sorted(i18n.MISSING) == []


@pytest.mark.usefixtures("_fixture")
def test_whatif_page_shows_no_english_in_polish():
    en, pl = whatif_page("en"), whatif_page("pl")
    english, polish = visible_texts(en), visible_texts(pl)
    # The comparison's rows too: each measure is named in Polish.
    english |= set(en.dataframe[0].value["measure"])
    polish |= set(pl.dataframe[0].value["measure"])
    # The data's own: size bands, reps' names, and values the same in both.
    same = {"1-9", "10-49", "50-249", "250-999", "1000+", "Anna Nowak", "Piotr Kowalski"}
    same |= {"Lift", "student", "webinar"}
    left = english_left(english, polish, same)
    assert left == [], left


def test_import_suggestion_and_editor_words_in_polish():
    from leadflow.importer import polish

    doubt = (
        'opps.csv: "Decision" looks like sales\' accept or reject decision, but the file has no '
        'date for the other (e.g. "Accepted Date" and "Rejected Date"): map accepted_at and '
        "rejected_at of leads by hand; only its won and lost rows are deals, as a deal counts "
        "its lead as accepted"
    )
    assert polish.message(doubt, "pl").startswith(
        "opps.csv: „Decision” wygląda na decyzję handlowca o akceptacji lub odrzuceniu, ale plik "
        "nie ma daty drugiej decyzji"
    )
    # The editor's cells: what a column holds, and what else its rule says.
    assert polish.holds("when the lead was created (required)", "pl") == (
        "kiedy lead został utworzony (kolumna wymagana)"
    )
    assert polish.also('only where their "Decision" is Accepted or Won; times in UTC', "pl") == (
        "tylko gdzie ich „Decision” to Accepted lub Won; czas w strefie UTC"
    )
    assert polish.also('"n/a" where empty', "en") == '"n/a" where empty'


def test_whatif_page_fitted_weights_in_polish(converted_only):
    i18n.MISSING.clear()
    at = opened_page("pages/5_What_if.py", lang="pl", period=Q1_2026, suggest="true")
    # 120 leads, 30 % held out at random: 88 to fit on, 32 to test (tests/test_whatif_page.py).
    assert [r.options for r in at.radio if r.key == "fit_to"] == [["wygranych umów"]]
    assert "AUC na danych testowych, model" in {m.label for m in at.metric}
    assert any(
        c.value.startswith("Dopasowane na 88 leadach, wygranych lub nie") for c in at.caption
    )
    fitted = next(d.value for d in at.dataframe if "basis" in d.value.columns)
    assert set(fitted["basis"]) <= {"dopasowana", "odniesienie", "zachowana"}
    assert "branża: IT i oprogramowanie" in set(fitted["weight"])
    apply = next(b for b in at.button if b.label.startswith("Zastosuj w propozycji, z progiem"))
    apply.click().run()
    # IT & software's 60 leads pass, against none today.
    assert {m.label: m.delta for m in at.metric}["MQL-e"] == "+60 wobec obecnych"
    assert sorted(i18n.MISSING) == []


def test_whatif_page_scenarios_in_polish(fixture_db, tmp_path, monkeypatch):
    database = tmp_path / "leadflow.duckdb"
    shutil.copy(fixture_db, database)
    monkeypatch.setenv("LEADFLOW_DB", str(database))
    at = opened_page(
        "pages/5_What_if.py", lang="pl", period=Q1_2026, threshold="71", w_roi_calculator="40"
    )
    assert at.number_input(key="w_roi_calculator").label == "● kalkulator ROI"
    at.text_input[0].input("Surowy ROI").run()
    at.button(key="save_scenario").click().run()
    shown = {c.value for c in at.caption}
    assert "A: próg 55 (obecny); wagi jak w obecnych regułach" in shown
    assert "B: próg 71 (obecny 55); zmienione: kalkulator ROI 25 → 40" in shown
    assert at.selectbox(key="compare_a").options[0] == "(obecne reguły)"
