"""The weekly report and the SLA alerts by mail, sent to a real SMTP server on 127.0.0.1.

The server (aiosmtpd) listens on a port the system picks and keeps what arrives; each test
reads it back: envelope, headers, the plain-text part, the HTML part or attachment.
"""

from __future__ import annotations

import email
import shutil
import socket
import subprocess
import sys
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pandas as pd
import pytest
from aiosmtpd.controller import Controller
from streamlit.testing.v1 import AppTest

from leadflow import db, i18n, mail, settings
from tests.conftest import FIXTURE_AS_OF, fixture_tables
from tests.test_weekly import frame_rows, html_tables

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_REP = 'Zoë <script>alert("rep")</script> & Co'
HOSTILE_COMPANY = "<img src=x onerror=alert(1)>"
H = f"{i18n.NBSP}h"  # hours as i18n.hours writes them


class Inbox:
    """An aiosmtpd handler that keeps each message, or refuses every one with `refusal`."""

    def __init__(self) -> None:
        self.envelopes: list = []
        self.refusal: str | None = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        if self.refusal:
            return self.refusal
        self.envelopes.append(envelope)
        return "250 OK"

    def messages(self) -> list[tuple[list[str], EmailMessage]]:
        return [
            (list(e.rcpt_tos), email.message_from_bytes(e.content, policy=policy.default))
            for e in self.envelopes
        ]


class EphemeralController(Controller):
    """Controller on port 0: it learns the port the system gave before its readiness check."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


def use_smtp(monkeypatch: pytest.MonkeyPatch, port: int) -> None:
    for name, value in {
        "LEADFLOW_SMTP_HOST": "127.0.0.1",
        "LEADFLOW_SMTP_PORT": str(port),
        "LEADFLOW_SMTP_SECURITY": "none",
        "LEADFLOW_SMTP_FROM": "leadflow@example.com",
    }.items():
        monkeypatch.setenv(name, value)
    for name in ("LEADFLOW_SMTP_USER", "LEADFLOW_SMTP_PASSWORD", "LEADFLOW_WEEKLY_TO"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch):
    box = Inbox()
    server = EphemeralController(box, hostname="127.0.0.1", port=0)
    server.start()
    use_smtp(monkeypatch, server.port)
    yield box
    server.stop()


def alerts_tables() -> dict[str, pd.DataFrame]:
    """The fixture, plus handoffs around the SLA and a rep whose name and lead are hostile.

    As of Wed 1 Apr 2026 00:00, SLA 8 business hours (Mon–Fri 09:00–17:00, no holiday before
    5 Apr), nobody has answered:
      L12 Anna  Mon 30 Mar 10:00: 7 + 8 = 15 h, 7 over (in leads.csv)
      L21 Piotr Fri 27 Mar 16:00: 1 + 8 + 8 = 17 h, 9 over
      L22 Piotr Tue 31 Mar 12:00: 5 h, within the SLA: no alert
      L23 Piotr Thu 26 Mar 10:00, answered Tue 31 Mar 10:00 (late, but answered): no alert
      L24 Zoë   Mon 30 Mar 09:00: 8 + 8 = 16 h, 8 over
    Ewa has an address and no handoffs: no mail; the manager is no rep: no mail.
    """
    tables = fixture_tables()
    leads = tables["leads"]
    base = leads[leads["lead_id"] == "L12"].iloc[0].to_dict()
    added = [
        ("L21", "Piotr Kowalski", "Stalprofil", "2026-03-27 16:00", None),
        ("L22", "Piotr Kowalski", "Rybex", "2026-03-31 12:00", None),
        ("L23", "Piotr Kowalski", "Mostostal Mały", "2026-03-26 10:00", "2026-03-31 10:00"),
        ("L24", HOSTILE_REP, HOSTILE_COMPANY, "2026-03-30 09:00", None),
    ]
    rows = [
        {
            **base,
            "lead_id": lead,
            "owner": rep,
            "company": company,
            "mql_at": handoff,
            "handoff_at": handoff,
            "first_response_at": response,
        }
        for lead, rep, company, handoff, response in added
    ]
    tables["leads"] = pd.concat([leads, pd.DataFrame(rows)], ignore_index=True)
    tables["app_users"] = pd.concat(
        [
            tables["app_users"],
            pd.DataFrame(
                [
                    {"email": "zoe@example.com", "role": "rep", "rep": HOSTILE_REP},
                    {"email": "ewa@example.com", "role": "rep", "rep": "Ewa Zielińska"},
                ]
            ),
        ],
        ignore_index=True,
    )
    return tables


@pytest.fixture(scope="module")
def alerts_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("alerts") / "leadflow.duckdb"
    db.create_database(path, alerts_tables(), source="test fixture", as_of=FIXTURE_AS_OF)
    return path


def attachment(message: EmailMessage) -> tuple[str, str]:
    (part,) = list(message.iter_attachments())
    return part.get_filename(), part.get_content()


def test_mail_weekly_report_arrives_with_the_pages_numbers(use_fixture_db, inbox, capsys):
    argv = ["weekly", "--week", "2026-02-09", "--to", "anna@example.com, boss@example.com"]
    assert mail.main(argv) == 0
    assert "sent the weekly report of 2026-02-09 (en)" in capsys.readouterr().out
    ((recipients, message),) = inbox.messages()
    assert recipients == ["anna@example.com", "boss@example.com"]
    assert message["To"] == "anna@example.com, boss@example.com"
    assert message["From"] == "leadflow@example.com"
    assert message["Subject"] == "Weekly calibration report: 2026-02-09 – 2026-02-15"
    name, page = attachment(message)
    assert name == "leadflow_weekly_2026-02-09_en.html"
    tables = html_tables(page)
    # tests/test_weekly.py's week: MQLs L09 L10 against L08; (1 + 3 + 1 + 1 + 1) / 8 = 0.875.
    assert tables[0][1] == ["MQLs", "2", "1", "0.9", "+100.0%"]
    # Rejected: L09 this week, none the week before; L03 + L04 in the 8 weeks: 2 / 8 = 0.25.
    assert tables[0][4] == ["Rejected", "1", "0", "0.2", "–"]
    # The page for the same week shows these very tables, cell for cell, and the proposal.
    at = AppTest.from_file(str(ROOT / "pages/7_Weekly_report.py"), default_timeout=60)
    at.query_params["week"] = "2026-02-09"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert tables == [frame_rows(t.value.reset_index()) for t in at.table]
    text = message.get_body(("plain",)).get_content()
    assert at.warning[0].value in text and at.warning[0].value in page
    assert "MQLs: This week 2, Previous week 1, 8-week average 0.9, Change +100.0%" in text
    assert "Data as of: 2026-03-31" in page  # the data describes 1 Apr 00:00, as the page says


def test_mail_weekly_report_in_polish_for_the_last_full_week(use_fixture_db, inbox, monkeypatch):
    monkeypatch.setenv("LEADFLOW_SMTP_FROM", "Leadflow <leadflow@example.com>")
    assert mail.main(["weekly", "--lang", "pl", "--to", "zarzad@example.com"]) == 0
    ((recipients, message),) = inbox.messages()
    assert recipients == ["zarzad@example.com"]
    assert inbox.envelopes[0].mail_from == "leadflow@example.com"  # the address, for SMTP
    assert message["From"] == "Leadflow <leadflow@example.com>"
    # No --week: the last full week before 1 Apr 2026 is Mon 23 – Sun 29 Mar.
    assert message["Subject"] == "Raport tygodniowy z kalibracji: 23.03.2026 – 29.03.2026"
    text = message.get_body(("plain",)).get_content()
    assert "Tydzień w liczbach:" in text and "jest w załączniku" in text
    # That week: the MQL and handoff of L17 (Tue 17 Mar) are the week before, its rejection
    # (18 Mar) too; nothing happened 23–29 Mar: 0 MQLs against 1.
    assert "MQL-e: Ten tydzień 0, Poprzedni tydzień 1," in text
    name, page = attachment(message)
    assert name == "leadflow_weekly_2026-03-23_pl.html" and '<html lang="pl">' in page


def test_mail_weekly_recipients_from_the_toml(use_fixture_db, inbox, monkeypatch, tmp_path):
    file = tmp_path / "leadflow.toml"
    file.write_text(
        settings.FILE.read_text(encoding="utf-8").replace(
            "weekly_to = []", 'weekly_to = ["ceo@example.com", "cmo@example.com"]'
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(settings, "FILE", file)
    monkeypatch.setattr(mail, "mail_settings", lambda: settings.mail(file))
    assert mail.main(["weekly", "--week", "2026-02-09"]) == 0
    assert [r for r, _ in inbox.messages()] == [["ceo@example.com", "cmo@example.com"]]


def test_mail_settings_password_only_from_the_environment(tmp_path, monkeypatch):
    file = tmp_path / "leadflow.toml"
    file.write_text(
        '[mail]\nhost = "smtp.example.com"\nport = 465\nfrom = "a@example.com"\n'
        'security = "ssl"\nuser = "a"\npassword = "in-the-file"\nweekly_to = ["b@example.com"]\n',
        encoding="utf-8",
    )
    for name in ("HOST", "PORT", "FROM", "SECURITY", "USER", "PASSWORD"):
        monkeypatch.delenv(f"LEADFLOW_SMTP_{name}", raising=False)
    monkeypatch.delenv("LEADFLOW_WEEKLY_TO", raising=False)
    read = settings.mail(file)
    assert (read.host, read.port, read.security, read.user) == ("smtp.example.com", 465, "ssl", "a")
    assert read.password is None and read.weekly_to == ("b@example.com",)
    monkeypatch.setenv("LEADFLOW_SMTP_PASSWORD", "from-the-environment")
    assert settings.mail(file).password == "from-the-environment"


def test_mail_sla_alerts_one_per_rep_with_exactly_their_overdue_handoffs(alerts_db, inbox):
    assert mail.main(["--db", str(alerts_db), "sla-alerts"]) == 0
    got = {tuple(recipients): message for recipients, message in inbox.messages()}
    # Ewa (nothing waiting) and the manager get nothing.
    assert sorted(got) == [
        ("anna.nowak@example.com",),
        ("piotr.kowalski@example.com",),
        ("zoe@example.com",),
    ]
    expected = {  # lead, waited, over: the hours worked out in alerts_db's docstring
        "anna.nowak@example.com": [["L12", f"15.0{H}", f"7.0{H}"]],
        "piotr.kowalski@example.com": [["L21", f"17.0{H}", f"9.0{H}"]],
        "zoe@example.com": [["L24", f"16.0{H}", f"8.0{H}"]],
    }
    for (address,), message in got.items():
        assert message["Subject"] == "Leadflow: your handoffs waiting past the SLA: 1"
        (table,) = html_tables(message.get_body(("html",)).get_content())
        assert table[0] == ["Lead", "Company", "Channel", "Handed off", "Waiting", "Over the SLA"]
        assert [[row[0], row[4], row[5]] for row in table[1:]] == expected[address]
    text = got[("piotr.kowalski@example.com",)].get_body(("plain",)).get_content()
    assert "L22" not in text and "L23" not in text and "SLA of 8 business hours" in text
    assert "L21 · Stalprofil · webinar · 2026-03-27 16:00" in text


def test_mail_sla_alert_escapes_a_hostile_rep_and_lead(alerts_db, inbox):
    assert mail.main(["--db", str(alerts_db), "sla-alerts", "--lang", "pl"]) == 0
    (message,) = [m for r, m in inbox.messages() if r == ["zoe@example.com"]]
    body = message.get_body(("html",)).get_content()
    assert "<script" not in body and "<img" not in body
    assert "Zoë &lt;script&gt;alert(&quot;rep&quot;)&lt;/script&gt; &amp; Co" in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    (table,) = html_tables(body)
    assert table[1][1] == HOSTILE_COMPANY  # read back as the text it was, not as markup
    assert message["Subject"] == "Leadflow: Twoje przekazania czekające ponad SLA: 1"
    assert "Zoë" not in message["Subject"]


def test_mail_sla_alerts_say_which_overdue_handoffs_no_mail_carries(inbox, tmp_path, capsys):
    tables = alerts_tables()
    leads = tables["leads"]
    # L25: Jan, who is not in app_users, handed off Mon 30 Mar 09:00: 16 h, 8 over the SLA.
    jan = {**leads[leads["lead_id"] == "L24"].iloc[0].to_dict(), "lead_id": "L25"}
    tables["leads"] = pd.concat([leads, pd.DataFrame([{**jan, "owner": "Jan Nowy"}])])
    path = tmp_path / "leadflow.duckdb"
    db.create_database(path, tables, source="test fixture", as_of=FIXTURE_AS_OF)
    assert mail.main(["--db", str(path), "sla-alerts"]) == 1  # not every alert could go
    err = capsys.readouterr().err
    assert "'Jan Nowy' has no address in app_users: 1 handoff waiting past the SLA" in err
    assert len(inbox.messages()) == 3  # Anna, Piotr and Zoë get theirs all the same


def test_mail_sla_alerts_without_a_policy_send_nothing(inbox, tmp_path, capsys):
    tables = fixture_tables()
    tables["sla_policy"] = tables["sla_policy"].iloc[0:0]
    path = tmp_path / "leadflow.duckdb"
    db.create_database(path, tables, source="test fixture", as_of=FIXTURE_AS_OF)
    assert mail.main(["--db", str(path), "sla-alerts"]) == 0
    assert "no SLA policy" in capsys.readouterr().out
    assert inbox.messages() == []


def test_mail_unreachable_smtp_server_is_a_message_and_exit_code(
    use_fixture_db, monkeypatch, capsys
):
    with socket.socket() as probe:  # a port nobody listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    use_smtp(monkeypatch, port)
    assert mail.main(["weekly", "--week", "2026-02-09", "--to", "a@example.com"]) == 1
    err = capsys.readouterr().err
    assert f"Cannot reach the SMTP server 127.0.0.1:{port}" in err and "Traceback" not in err


def test_mail_refused_by_the_smtp_server_is_a_message_and_exit_code(use_fixture_db, inbox, capsys):
    inbox.refusal = "554 5.7.1 Message rejected by policy"
    assert mail.main(["weekly", "--week", "2026-02-09", "--to", "a@example.com"]) == 1
    err = capsys.readouterr().err
    assert "the SMTP server refused it: 554 5.7.1 Message rejected by policy" in err
    assert "Traceback" not in err and inbox.messages() == []


def test_mail_bad_recipient_is_refused_before_connecting(use_fixture_db, inbox, capsys):
    argv = ["weekly", "--to", "a@example.com\r\nBcc: everyone@example.com"]
    assert mail.main(argv) == 2
    assert "is not an e-mail address" in capsys.readouterr().err
    assert inbox.messages() == []


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_mail_login_with_the_password_from_the_environment(use_fixture_db, monkeypatch, capsys):
    from aiosmtpd.smtp import AuthResult

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (auth_data.login, auth_data.password) == (b"lf", b"s3cret")
        return AuthResult(success=ok, handled=False)  # not handled: the server answers 535

    box = Inbox()
    server = EphemeralController(
        box,
        hostname="127.0.0.1",
        port=0,
        authenticator=authenticator,
        auth_required=True,
        auth_require_tls=False,  # plain on 127.0.0.1 in the test; a real server has TLS
    )
    server.start()
    try:
        use_smtp(monkeypatch, server.port)
        monkeypatch.setenv("LEADFLOW_SMTP_USER", "lf")
        argv = ["weekly", "--week", "2026-02-09", "--to", "a@example.com"]
        assert mail.main(argv) == 1  # no password in the environment: nothing sent
        assert "LEADFLOW_SMTP_PASSWORD is not set" in capsys.readouterr().err
        monkeypatch.setenv("LEADFLOW_SMTP_PASSWORD", "wrong")
        assert mail.main(argv) == 1
        assert "refused the login of 'lf': 535" in capsys.readouterr().err
        monkeypatch.setenv("LEADFLOW_SMTP_PASSWORD", "s3cret")
        assert mail.main(argv) == 0
        assert [r for r, _ in box.messages()] == [["a@example.com"]]
    finally:
        server.stop()


def test_mail_database_held_by_the_app_is_a_message_and_exit_code(
    fixture_db, inbox, tmp_path, capsys
):
    held = tmp_path / "leadflow.duckdb"
    shutil.copy(fixture_db, held)
    # Another process holds the file read-write, as the running app does.
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(held)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    try:
        assert holder.stdout.readline() == b"holding\n"
        assert mail.main(["--db", str(held), "weekly", "--to", "a@example.com"]) == 2
    finally:
        holder.communicate(b"\n")
    err = capsys.readouterr().err
    assert "the running app holds" in err and "docs/scheduling.md" in err
    assert "Traceback" not in err and inbox.messages() == []


HOLD = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
sys.stdin.readline()
"""


def test_mail_weekly_refuses_a_week_not_over_in_the_data(use_fixture_db, inbox, capsys):
    # The data describes Wed 1 Apr 2026: the week of Mon 30 Mar is not over.
    assert mail.main(["weekly", "--week", "2026-03-31", "--to", "a@example.com"]) == 2
    err = capsys.readouterr().err
    assert "the week of 2026-03-30 is not over" in err and "starts on 2026-03-23" in err
    assert inbox.messages() == []
