"""The weekly loop by mail: the weekly report to a list, and each rep their SLA alerts."""

from __future__ import annotations

import argparse
import html
import smtplib
import ssl
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from pathlib import Path

import pandas as pd

from leadflow import db, i18n, report, sla, weekly, whatif
from leadflow.settings import Mail
from leadflow.settings import mail as mail_settings

# `weekly` renders a week's calibration report in a language as the same one-file HTML the page
# downloads and mails it, with a short plain-text part, to a list. `sla-alerts` mails each rep
# (their address from app_users) the handoffs still waiting for a first response past the SLA.
# The report reads everyone's leads (it is the managers' meeting's); each alert only the leads
# of the rep it goes to. SMTP: [mail] of leadflow.toml; scheduling: docs/scheduling.md.

SENT, NOT_SENT, BAD_INPUT = 0, 1, 2  # exit codes
ALL_LEADS: dict[str, list[str]] = {"channels": [], "industries": [], "size_bands": [], "reps": []}
MAX_LISTED = 500  # handoffs listed in one alert; the SLA page lists every one

# Words of the mails only; the report's own labels are in leadflow.i18n.
PL = {
    "The whole report, with its chart and every table, is attached: {file}.": (
        "Cały raport, z wykresem i wszystkimi tabelami, jest w załączniku: {file}."
    ),
    "Leads that need a decision: {n}.": "Leady czekające na decyzję: {n}.",
    "Leadflow: your handoffs waiting past the SLA: {n}": (
        "Leadflow: Twoje przekazania czekające ponad SLA: {n}"
    ),
    "{rep}, these leads were handed off to you and still wait for a first response, longer "
    "than the SLA of {hours} business hours, as of {as_of}:": (
        "{rep}, te leady przekazano Tobie i wciąż czekają na pierwszą odpowiedź dłużej niż SLA "
        "({hours} godz. roboczych), stan na {as_of}:"
    ),
    "Answer them, or accept or reject them; the SLA page of Leadflow lists them too.": (
        "Odpowiedz na nie albo je przyjmij lub odrzuć; lista jest też na stronie SLA w Leadflow."
    ),
    "Only the first {n} are listed.": "Pokazano tylko pierwsze {n}.",
    "Waiting": "Czeka",
}


def _t(text: str, lang: str) -> str:
    return PL.get(text, text) if lang == "pl" else i18n.t(text, lang)


class NotSent(RuntimeError):
    """Nothing (more) could be sent; the message says why, in words for whoever runs cron."""


@dataclass(frozen=True)
class Outgoing:
    to: tuple[str, ...]
    message: EmailMessage
    what: str  # for the command's output: "the weekly report", "the SLA alert of Anna Nowak"


def addresses(text: str | Sequence[str]) -> tuple[str, ...]:
    """Addresses from a comma-separated text or a list; a ValueError names one that is not an
    address (a line break in it would be a header of its own)."""
    items = text.split(",") if isinstance(text, str) else list(text)
    out = []
    for item in (str(i).strip() for i in items):
        if not item:
            continue
        try:
            parsed = Address(addr_spec=item)
        except (HeaderParseError, ValueError, IndexError):
            parsed = None
        if parsed is None or not parsed.domain or parsed.addr_spec != item:
            raise ValueError(f"{item!r} is not an e-mail address")
        out.append(item)
    return tuple(out)


def _as_of(path: Path) -> tuple[pd.Timestamp, date, date]:
    """The moment the data describes, its last full day and its first day (as the pages)."""
    row = db.run("data_range", {}, path).iloc[0]
    as_of = pd.Timestamp(row["as_of"])
    last_day = (as_of - timedelta(microseconds=1)).date()
    first = row["first_lead_at"]
    first_day = last_day if pd.isna(first) else pd.Timestamp(first).date()
    return as_of, min(first_day, last_day), last_day


def weekly_report(
    path: Path, week: date | None, lang: str, capacity: float | None = None
) -> tuple[weekly.Report, str]:
    """The page's report of `week` (default: the last full week) for all leads, and its HTML."""
    as_of, first_day, last_day = _as_of(path)
    last_full = weekly.last_full_week(as_of.to_pydatetime())
    week = week or last_full
    if week > last_full:
        raise ValueError(
            f"the week of {week.isoformat()} is not over in the data (as of "
            f"{last_day.isoformat()}); the last full week starts on {last_full.isoformat()}"
        )
    data = weekly.read(week, ALL_LEADS, lambda name, params: db.run(name, params, path))
    if capacity is None:
        capacity = weekly.default_capacity(data.counts)
    backtest = _backtest(path, *weekly.backtest_period(first_day, last_day))
    result = weekly.build(week, lang, i18n.t("no filters", lang), *data, float(capacity), backtest)
    return result, report.to_html(result, i18n.day(last_day, lang))


def _backtest(path: Path, start: date, end: date) -> weekly.Backtest | None:
    """The weekly page's backtest of the threshold recommendation, for all leads."""
    counts = db.run("table_counts", {}, path).set_index("table_name")["row_count"]
    if any(int(counts.get(table, 0)) == 0 for table in weekly.BACKTEST_NEEDS):
        return None
    segments: dict[str, list[str]] = {"channels": [], "industries": [], "size_bands": []}
    data = whatif.load_uncached((start, end, (), (), (), db.EVERYONE), path)
    months = db.run("recommend_outcome_months", {"start": start, "end": end, **segments}, path)
    return weekly.backtest(data, months)


def _text_table(frame: pd.DataFrame) -> list[str]:
    """A table as lines 'first cell: column value, column value' (plain text has no columns)."""
    columns = list(map(str, frame.columns))
    return [
        f"{row[0]}: " + ", ".join(f"{c} {v}" for c, v in zip(columns[1:], row[1:]))
        for row in frame.astype(str).values.tolist()
    ]


def weekly_message(result: weekly.Report, page: str, sender: str, to: Sequence[str]) -> Outgoing:
    lang = result.lang
    file = f"leadflow_weekly_{result.week.isoformat()}_{lang}.html"
    text = "\n".join(
        [
            result.title,
            "",
            f"{i18n.t('The week in numbers', lang)}:",
            *_text_table(result.summary),
            "",
            _t("Leads that need a decision: {n}.", lang).format(n=result.decisions_total),
            "",
            result.proposal_text,
            "",
            _t(
                "The whole report, with its chart and every table, is attached: {file}.", lang
            ).format(file=file),
        ]
    )
    message = _message(result.title, sender, to)
    message.set_content(text + "\n")
    message.add_attachment(page, subtype="html", filename=file)
    return Outgoing(tuple(to), message, f"the weekly report of {result.week.isoformat()} ({lang})")


def envelope_sender(sender: str) -> str:
    """The address of [mail] from, which may be written 'Leadflow <leadflow@example.com>'."""
    if "\r" in sender or "\n" in sender:
        raise ValueError(f"[mail] from = {sender!r}: one line, an address")
    (address,) = addresses([parseaddr(sender)[1]]) or ("",)
    if not address:
        raise ValueError(f"[mail] from = {sender!r} is not an e-mail address")
    return address


def _message(subject: str, sender: str, to: Sequence[str]) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = ", ".join(to)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=envelope_sender(sender).rpartition("@")[2] or None)
    return message


def _handed_off(value: object, lang: str) -> str:
    stamp = pd.Timestamp(value)
    return f"{i18n.day(stamp.date(), lang)} {stamp:%H:%M}"


def sla_alerts(path: Path, lang: str, sender: str) -> tuple[list[Outgoing], list[str]]:
    """One mail per rep's address with the rep's handoffs waiting past the SLA, longest over
    the SLA first; none for a rep with nothing overdue. And, in words, the overdue handoffs no
    mail can carry (a rep without a usable address). NotSent without a policy."""
    if not db.has_table("app_users", path):
        raise ValueError(f"{path} has no list of users (app_users): nobody to alert")
    users = db.run("app_users", {}, path)
    _, first_day, last_day = _as_of(path)
    policy = sla.policy_on(db.run("sla_policy", {}, path), last_day)
    if policy is None:
        raise NotSent(
            "The database has no SLA policy (the sla_policy table is empty), so no handoff can "
            "be past it: no SLA alerts sent."
        )
    sla_hours = float(policy["response_hours"])
    hours = i18n.number(sla_hours, lang, 0 if sla_hours.is_integer() else 1)
    alerts, unsent = [], []
    everyone = db.run(
        "sla_waiting",
        {**ALL_LEADS, "start": first_day, "end": last_day, "row_limit": 1_000_000},
        path,
    )
    overdue_reps = everyone.loc[everyone["waiting_past_sla"].fillna(False).astype(bool), "rep"]
    reps = users.loc[users["role"] == "rep"]
    usable = []
    for user in reps.itertuples():
        try:
            addresses([str(user.email)])
            usable.append(user)
        except ValueError as error:
            unsent.append(f"{user.rep!r} in app_users: {error}")
    mailed = {str(user.rep) for user in usable}
    for rep, count in overdue_reps.value_counts(dropna=False).sort_index().items():
        if pd.isna(rep) or str(rep) not in mailed:
            who = "no rep" if pd.isna(rep) else f"{str(rep)!r} has no address in app_users"
            handoffs = f"{count} handoff{'' if count == 1 else 's'}"
            unsent.append(f"{who}: {handoffs} waiting past the SLA, not mailed")
    for user in usable:
        rep = str(user.rep)
        waiting = db.run(
            "sla_waiting",
            {**ALL_LEADS, "reps": [rep], "start": first_day, "end": last_day,
             "row_limit": 1_000_000},
            path,
            # The rep's own scope as well as the filter: their mail can hold no one else's lead.
            db.Scope(everyone=False, reps=(rep,)),
        )  # fmt: skip
        overdue = waiting[waiting["waiting_past_sla"].fillna(False).astype(bool)]
        overdue = overdue.sort_values(
            ["overdue_business_hours", "handoff_at", "lead_id"], ascending=[False, True, True]
        )
        if overdue.empty:
            continue
        listed = overdue.head(MAX_LISTED)
        intro = _t(
            "{rep}, these leads were handed off to you and still wait for a first response, "
            "longer than the SLA of {hours} business hours, as of {as_of}:",
            lang,
        )
        day = i18n.day(last_day, lang)
        columns = [
            "Lead",
            i18n.t("Company", lang),
            i18n.t("Channel", lang),
            i18n.t("Handed off", lang),
            _t("Waiting", lang),
            i18n.t("Over the SLA", lang),
        ]
        rows = [
            [
                str(r.lead_id),
                "–" if pd.isna(r.company) else str(r.company),
                str(r.channel),
                _handed_off(r.handoff_at, lang),
                i18n.hours(r.waited_business_hours, lang),
                i18n.hours(r.overdue_business_hours, lang),
            ]
            for r in listed.itertuples()
        ]
        more = (
            [_t("Only the first {n} are listed.", lang).format(n=MAX_LISTED)]
            if len(overdue) > MAX_LISTED
            else []
        )
        closing = _t(
            "Answer them, or accept or reject them; the SLA page of Leadflow lists them too.", lang
        )
        text = "\n".join(
            [
                intro.format(rep=rep, hours=hours, as_of=day),
                "",
                " · ".join(columns),
                *(" · ".join(row) for row in rows),
                *more,
                "",
                closing,
            ]
        )
        # Names, companies and channels are data from a CRM export: escaped, never markup.
        cells = "".join(
            "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
            for row in rows
        )
        head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
        body = (
            f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"></head><body>'
            f"<p>{html.escape(intro.format(rep=rep, hours=hours, as_of=day))}</p>"
            f'<table border="0" cellpadding="4"><thead><tr>{head}</tr></thead>'
            f"<tbody>{cells}</tbody></table>"
            + "".join(f"<p>{html.escape(m)}</p>" for m in more)
            + f"<p>{html.escape(closing)}</p></body></html>"
        )
        # The subject names no rep: a header is no place for data from an export.
        subject = _t("Leadflow: your handoffs waiting past the SLA: {n}", lang).format(
            n=len(overdue)
        )
        message = _message(subject, sender, [user.email])
        message.set_content(text + "\n")
        message.add_alternative(body, subtype="html")
        alerts.append(Outgoing((str(user.email),), message, f"the SLA alert of {rep!r}"))
    return alerts, unsent


def _connect(config: Mail) -> smtplib.SMTP:
    where = f"{config.host}:{config.port}"
    try:
        if config.security == "ssl":
            server: smtplib.SMTP = smtplib.SMTP_SSL(
                config.host,
                config.port,
                timeout=config.timeout_seconds,
                context=ssl.create_default_context(),
            )
        else:
            server = smtplib.SMTP(config.host, config.port, timeout=config.timeout_seconds)
        if config.security == "starttls":
            server.starttls(context=ssl.create_default_context())
        if config.user:
            if config.password is None:
                server.close()
                raise NotSent(
                    f"[mail] user is {config.user!r} but LEADFLOW_SMTP_PASSWORD is not set: "
                    "nothing sent."
                )
            server.login(config.user, config.password)
    except smtplib.SMTPNotSupportedError:
        raise NotSent(
            f'The SMTP server {where} does not offer STARTTLS; set [mail] security to "ssl" '
            'for a TLS port, or "none" for a relay on this machine. Nothing sent.'
        ) from None
    except smtplib.SMTPAuthenticationError as error:
        raise NotSent(
            f"The SMTP server {where} refused the login of {config.user!r}: {_said(error)}. "
            "Nothing sent."
        ) from None
    except smtplib.SMTPResponseException as error:
        raise NotSent(f"The SMTP server {where} refused: {_said(error)}. Nothing sent.") from None
    except (OSError, smtplib.SMTPException) as error:
        raise NotSent(
            f"Cannot reach the SMTP server {where}: {error or type(error).__name__}. Nothing sent."
        ) from None
    return server


def _said(error: smtplib.SMTPResponseException) -> str:
    said = error.smtp_error
    text = said.decode(errors="replace") if isinstance(said, bytes) else str(said)
    return f"{error.smtp_code} {text}"


def send(outgoing: Sequence[Outgoing], config: Mail) -> list[str]:
    """Send each mail over one connection; what could not be sent, in words (empty: all sent).
    A mail refused for its recipients does not stop the others; a lost connection does."""
    problems = []
    server = _connect(config)
    try:
        for mail in outgoing:
            try:
                refused = server.send_message(
                    mail.message, envelope_sender(config.sender), list(mail.to)
                )
            except smtplib.SMTPRecipientsRefused as error:
                refused = error.recipients
            except smtplib.SMTPSenderRefused as error:
                raise NotSent(
                    f"The SMTP server refused the sender {config.sender!r}: {_said(error)}."
                ) from None
            except smtplib.SMTPResponseException as error:
                problems.append(f"{mail.what}: the SMTP server refused it: {_said(error)}")
                continue
            except (OSError, smtplib.SMTPException) as error:
                raise NotSent(f"The connection to the SMTP server broke: {error}.") from None
            for address, (code, said) in refused.items():
                text = said.decode(errors="replace") if isinstance(said, bytes) else str(said)
                problems.append(f"{mail.what}: refused for {address}: {code} {text}")
            delivered = [a for a in mail.to if a not in refused]
            if delivered:
                print(f"sent {mail.what} to {', '.join(delivered)}")
    finally:
        try:
            server.quit()
        except (OSError, smtplib.SMTPException):
            server.close()
    return problems


def main(argv: list[str] | None = None) -> int:
    """E-mail the weekly report or the SLA alerts (docs/scheduling.md)."""
    parser = argparse.ArgumentParser(prog="python -m leadflow.mail", description=main.__doc__)
    parser.add_argument("--db", type=Path, default=None, help="default: db.database_path()")
    commands = parser.add_subparsers(dest="command", required=True)
    week = commands.add_parser("weekly", help="the weekly calibration report, to a list")
    week.add_argument(
        "--week",
        type=date.fromisoformat,
        default=None,
        help="any day of the week (YYYY-MM-DD); default: the last full week of the data",
    )
    week.add_argument("--lang", choices=sorted(i18n.LANGUAGES), default=i18n.DEFAULT)
    week.add_argument("--to", default=None, help="a@x,b@y; default: [mail] weekly_to")
    week.add_argument(
        "--capacity",
        type=float,
        default=None,
        help="sales capacity, handoffs a week; default: the page's (8-week average, rounded down)",
    )
    alerts = commands.add_parser("sla-alerts", help="each rep, their handoffs past the SLA")
    alerts.add_argument("--lang", choices=sorted(i18n.LANGUAGES), default=i18n.DEFAULT)
    args = parser.parse_args(argv)

    path = args.db or db.database_path()
    try:
        config = mail_settings()
        if not config.sender:
            raise ValueError("[mail] from is empty: the address the mails are sent from")
        envelope_sender(config.sender)
        if not path.exists():
            raise ValueError(f"no database at {path}")
        unsent: list[str] = []
        if args.command == "weekly":
            to = addresses(args.to) if args.to is not None else addresses(config.weekly_to)
            if not to:
                raise ValueError("nobody to send the report to: give --to or [mail] weekly_to")
            monday = args.week and args.week - timedelta(days=args.week.isoweekday() - 1)
            result, page = weekly_report(path, monday, args.lang, args.capacity)
            outgoing = [weekly_message(result, page, config.sender, to)]
        else:
            outgoing, unsent = sla_alerts(path, args.lang, config.sender)
            for problem in unsent:
                print(f"error: {problem}", file=sys.stderr)
            if not outgoing:
                print("No rep with an address has a handoff waiting past the SLA: no alerts sent.")
                return NOT_SENT if unsent else SENT
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return BAD_INPUT
    except NotSent as error:
        print(str(error))
        return SENT
    except db.DatabaseBusy:
        print(
            f"error: the running app holds {path}, and DuckDB lets one process open a database "
            "file at a time: stop the app for the minute this takes, then start it again "
            "(docs/scheduling.md). Nothing sent.",
            file=sys.stderr,
        )
        return BAD_INPUT
    except (OSError, db.QueryTimedOut, db.duckdb_error()) as error:
        print(f"error: cannot read {path}: {str(error).splitlines()[0]}", file=sys.stderr)
        return BAD_INPUT
    try:
        problems = send(outgoing, config)
    except NotSent as error:
        print(f"error: {error}", file=sys.stderr)
        return NOT_SENT
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return NOT_SENT if problems or unsent else SENT


if __name__ == "__main__":
    raise SystemExit(main())
