"""The app in Polish: the landing, funnel, conversion, SLA and rejection pages under AppTest with
?lang=pl, their words and numbers, and no English left on them; the one formatter behind both."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from leadflow import format, i18n
from tests.test_pages import Q1_2026, captions, metrics_shown, open_page

NB = "\u00a0"  # the no-break space Polish groups thousands with

PAGES = ("app.py", "pages/1_Funnel.py", "pages/2_Conversion.py", "pages/3_SLA.py")
PAGES += ("pages/4_Rejections.py",)


@pytest.fixture(autouse=True)
def _fixture(use_fixture_db):
    return use_fixture_db


def in_polish(script: str, **query) -> AppTest:
    return open_page(script, lang="pl", period=Q1_2026, **query)


def test_format_polish_numbers_and_dates():
    assert format.count(1234567, "pl") == f"1{NB}234{NB}567"
    assert format.pct(6 / 11, lang="pl") == "54,5%"
    assert format.pln_short(75_000, "pl") == f"75{NB}tys. zł"
    assert format.pln_short(1_234_000, "pl") == f"1,23{NB}mln zł"
    assert format.days(2.5, "pl") == f"2,5{NB}dni"
    assert format.hours(1.75, "pl") == f"1,8{NB}h"
    assert format.period(date(2026, 1, 1), date(2026, 3, 31), "pl") == "1 sty 2026 – 31 mar 2026"
    # Polish nouns have three forms: 1 naruszenie, 2–4 naruszenia, 5–21 naruszeń, 22 naruszenia.
    forms = ("naruszenie", "naruszeń", "pl", "naruszenia")
    assert [format.counted(n, *forms) for n in (1, 3, 12, 22)] == [
        "1 naruszenie",
        "3 naruszenia",
        "12 naruszeń",
        "22 naruszenia",
    ]


def test_format_is_the_one_formatter_of_i18n():
    # Issue 12: one formatter with a language argument; i18n's names are the same functions.
    for name in ("number", "count", "points", "change", "pln", "pln_short", "period"):
        assert getattr(i18n, name) is getattr(format, name), name
    assert (i18n.day, i18n.month) == (format.numeric_day, format.month)
    assert (i18n.days, i18n.hours) == (format.days_exact, format.business_hours)
    # English as before: the KPI and weekly pages' dates, the other pages' own.
    assert i18n.day(date(2026, 11, 22), "en") == "2026-11-22"
    assert format.day(date(2026, 1, 1)) == "1 Jan 2026"


def test_landing_page_in_polish():
    at = in_polish("app.py")
    # The English test's numbers, in Polish: 18 leads, +800 %; 12 MQLs against 1: 12/1 - 1 =
    # +1100 %, written "+1 100,0%" (no-break space); revenue 75,000 → "75 tys. zł"; MQL→SQL
    # 6 / (6 + 4) = 60 % against 100 %: -40 points, "-40,0 p.p.".
    assert metrics_shown(at) == {
        "Leady": ("18", "+800,0%"),
        "MQL-e (MQL w okresie)": ("12", f"+1{NB}100,0%"),
        "SQL-e (zaakceptowane w okresie)": ("7", ""),
        "Wygrane umowy (wygrane w okresie)": ("3", ""),
        "Przychód z wygranych (umowy wygrane w okresie)": (f"75{NB}tys. zł", ""),
        "Konwersja MQL→SQL (przekazania z okresu)": ("60,0%", "-40,0 p.p."),
    }
    assert "1 sty 2026 – 31 mar 2026" in at.markdown[0].value
    # 90 days before 1 Jan: 3 Oct – 31 Dec 2025.
    assert "z 90 dniami wcześniej (3 paź 2025 – 31 gru 2025)" in at.markdown[0].value
    shown = captions(at)
    assert "1 z 11 leadów przekazanych w okresie wciąż czeka na decyzję handlowca." in shown
    # The sidebar: the data's last day 31 Mar 2026 (as of 1 Apr 00:00), first lead 20 Dec 2025.
    assert "Stan danych na 31 mar 2026: dane testowe, leady od 20 gru 2025." in shown
    assert at.sidebar.header[0].value == "Filtry"
    assert at.date_input(key="period").label == "Okres"


def test_funnel_page_in_polish():
    at = in_polish("pages/1_Funnel.py")
    assert at.title[0].value == "Lejek"
    stages = at.dataframe[0].value
    assert stages["label"].tolist() == [
        *["Leady", "MQL", "Przekazano", "SQL", "Szansa sprzedaży", "Wygrane"]
    ]
    # 12/18, 11/12, 6/11, 5/6, 2/5 with a decimal comma.
    assert stages["step_conversion"].tolist() == ["–", "66,7%", "91,7%", "54,5%", "83,3%", "40,0%"]
    # Won 2 (L01, L08), lost 2 → 50 %; revenue 40,000 + 25,000 = 65,000 → "65 tys. zł".
    assert metrics_shown(at)["Odsetek wygranych wśród leadów utworzonych w okresie"] == (
        "50,0%",
        "",
    )
    assert metrics_shown(at)["Przychód z leadów utworzonych w okresie"] == (f"65{NB}tys. zł", "")
    cohorts = at.dataframe[1].value
    assert cohorts["segment"].tolist() == ["sty 2026", "lut 2026", "mar 2026"]
    # January's cohort won L01's deal: 40,000 PLN.
    assert cohorts["revenue"].tolist()[0] == f"40{NB}000{NB}zł"
    assert cohorts["status"].tolist() == ["dojrzewa"] * 3
    # Six leads of Q1 became SQLs: "6 leadów osiągnęło etap „SQL”".
    assert "6 leadów osiągnęło etap „SQL”." in captions(at)
    at.selectbox(key="split").set_value("rep").run()
    # Biggest first: not handed off 7, Anna 6, Piotr 5.
    assert at.dataframe[2].value["segment"].tolist()[0] == "(nieprzekazane)"


def test_conversion_page_in_polish():
    at = in_polish("pages/2_Conversion.py")
    shown = metrics_shown(at)
    # 11 handoffs: 6 accepted, 4 rejected, 1 open; 6 / (6 + 4) = 60 %. Medians: all decided
    # 48 h = 2.0 days, accepted 60 h = 2.5 days (tests/test_conversion.py).
    assert shown["Przekazano"] == ("11", "")
    assert shown["Konwersja MQL→SQL (przekazania z okresu)"] == ("60,0%", "")
    assert shown["Mediana, wszystkie decyzje"] == (f"2,0{NB}dni", "")
    assert shown["Mediana do akceptacji"] == (f"2,5{NB}dni", "")
    assert at.dataframe[0].value["note"].tolist()[0] == "za mało, by ocenić"
    assert "6 przekazanych leadów ma wynik „Zaakceptowane (SQL)”." in captions(at)


def test_sla_page_in_polish():
    at = in_polish("pages/3_SLA.py")
    shown = metrics_shown(at)
    # 9 of 11 due within the SLA = 81.8 %; median response 1.75 business hours → "1,8 h".
    assert shown["Zgodność z SLA (przekazania z okresu)"] == ("81,8%", "")
    assert shown["Mediana pierwszej odpowiedzi"] == (f"1,8{NB}h", "")
    assert "SLA: pierwsza odpowiedź w ciągu 8 godz. roboczych (pon.–pt. 09:00–17:00" in (
        at.markdown[0].value
    )
    # Two breaches, L09 and L12: "2 naruszenia" (the form for 2–4).
    assert "2 naruszenia, od najnowszego przekazania." in captions(at)
    assert "Stan na 1 kwi 2026 00:00" in captions(at)


def test_rejections_page_in_polish():
    at = in_polish("pages/4_Rejections.py")
    # 4 rejected of 10 decided = 40 %; each of the four reasons once: 1 of 4 = 25 %.
    assert metrics_shown(at)["Odsetek odrzuconych leadów (przekazania z okresu)"] == (
        "40,0%",
        "",
    )
    assert "1 odrzucenie (25,0% wszystkich)" in at.markdown[1].value
    assert "4 odrzucone leady, od najnowszego odrzucenia." in captions(at)
    reasons = at.selectbox(key="reason")
    assert "brak budżetu" in reasons.options  # the demo's and the fixture's "no budget"
    reasons.set_value("no budget").run()  # the address and the query keep the data's value
    assert "1 odrzucony lead z powodem „brak budżetu”" in captions(at)


# Each page with the widgets that change its words moved, so every text it can show is asked.
MOVES: dict[str, list[tuple[str, str, str]]] = {
    "pages/1_Funnel.py": [("selectbox", "split", "rep"), ("selectbox", "stage", "lost")],
    "pages/2_Conversion.py": [
        ("radio", "grain", "handoff_month"),
        ("selectbox", "by", "score_band"),
        ("selectbox", "outcome", "open"),
    ],
    "pages/3_SLA.py": [("selectbox", "breach_rep", "Piotr Kowalski")],
    "pages/4_Rejections.py": [("radio", "source", "campaign"), ("selectbox", "by", "seniority")],
}


def shown_texts(at: AppTest) -> set[str]:
    """Every heading, caption, paragraph, notice, tile and widget label the page shows."""
    texts = {e.value for kind in ("title", "header", "subheader", "caption") for e in at.get(kind)}
    texts |= {e.value for e in at.markdown} | {e.value for e in at.info}
    texts |= {m.label for m in at.metric} | {m.help or "" for m in at.metric}
    for kind in ("selectbox", "radio", "multiselect", "date_input"):
        texts |= {w.label for w in at.get(kind)} | {w.help or "" for w in at.get(kind)}
    return texts - {""}


def texts_while_moving(script: str, lang: str) -> set[str]:
    """The texts the page shows in `lang`, at first and after each of its MOVES."""
    at = open_page(script, lang=lang, period=Q1_2026)
    texts = shown_texts(at)
    for kind, key, value in MOVES.get(script, []):
        getattr(at, kind)(key=key).set_value(value).run()
        assert not at.exception, [e.message for e in at.exception]
        texts |= shown_texts(at)
    return texts


@pytest.mark.parametrize("script", PAGES)
def test_polish_every_text_on_the_page_has_a_polish_entry(script):
    i18n.MISSING.clear()
    texts_while_moving(script, "pl")
    assert sorted(i18n.MISSING) == []


# The same in both languages, rightly: names, and the language picker itself.
SAME_IN_BOTH = {"Leadflow", "SLA", "KPI", "Language / Język", "Lead"}


@pytest.mark.parametrize("script", PAGES)
def test_polish_page_shows_no_english_text(script):
    # Texts that never went through i18n are caught too: what the page shows in English must
    # not be shown as it is in Polish.
    english, polish = texts_while_moving(script, "en"), texts_while_moving(script, "pl")
    assert sorted((english & polish) - SAME_IN_BOTH) == []
