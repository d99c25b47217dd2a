"""The app's settings for this machine: leadflow.toml, each value overridable by environment."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

FILE = Path(__file__).resolve().parent.parent / "leadflow.toml"
# The zone every stored timestamp is local time in (queries/schema.sql; the SLA policy's zone):
# an import converts times written with an offset to it.
TIME_ZONE = "Europe/Warsaw"
# The currency of an amount whose data names none (queries/schema.sql's default for deals): an
# import gives it to deals whose file has no currency column or leaves it empty.
CURRENCY = "PLN"


@dataclass(frozen=True)
class Settings:
    memory_limit: str
    threads: int  # 0: one per core
    query_timeout_seconds: float
    # Several app processes read one file: each opens it read-only, and a write (an import, a
    # setting) goes to a copy that is then published in its place (docs/deploying.md).
    shared: bool = False


SECURITY = ("starttls", "ssl", "none")


@dataclass(frozen=True)
class Mail:
    """How the scheduled mails leave: the SMTP server, the sender, the report's recipients.
    The password is never in the file: LEADFLOW_SMTP_PASSWORD only."""

    host: str
    port: int
    sender: str
    security: str  # one of SECURITY: STARTTLS after connecting, TLS from the start, or plain
    user: str  # empty: no login
    password: str | None
    weekly_to: tuple[str, ...]
    timeout_seconds: float


def mail(file: Path = FILE) -> Mail:
    """The [mail] section; a ValueError names what is wrong in it."""
    section = tomllib.loads(file.read_text(encoding="utf-8")).get("mail", {})
    environ = os.environ

    def value(key: str, variable: str, default: object = "") -> str:
        return str(environ.get(variable) or section.get(key, default)).strip()

    security = value("security", "LEADFLOW_SMTP_SECURITY", "starttls").lower()
    if security not in SECURITY:
        raise ValueError(
            f"[mail] security = {security!r}: use one of {', '.join(map(repr, SECURITY))}"
        )
    port = value("port", "LEADFLOW_SMTP_PORT", 465 if security == "ssl" else 587)
    if not port.isdigit():
        raise ValueError(f"[mail] port = {port!r}: a number, like 587")
    to = environ.get("LEADFLOW_WEEKLY_TO")
    listed = to.split(",") if to else section.get("weekly_to", [])
    if isinstance(listed, str):
        listed = listed.split(",")
    return Mail(
        host=value("host", "LEADFLOW_SMTP_HOST", "localhost"),
        port=int(port),
        sender=value("from", "LEADFLOW_SMTP_FROM"),
        security=security,
        user=value("user", "LEADFLOW_SMTP_USER"),
        password=environ.get("LEADFLOW_SMTP_PASSWORD") or None,
        weekly_to=tuple(a.strip() for a in listed if str(a).strip()),
        timeout_seconds=float(value("timeout_seconds", "LEADFLOW_SMTP_TIMEOUT", 30)),
    )


def settings(file: Path = FILE) -> Settings:
    """Read on every call: cheap, and a test or a restart sees a changed file or variable."""
    database = tomllib.loads(file.read_text(encoding="utf-8")).get("database", {})
    environ = os.environ
    return Settings(
        memory_limit=str(environ.get("LEADFLOW_MEMORY_LIMIT") or database["memory_limit"]),
        threads=int(environ.get("LEADFLOW_THREADS") or database["threads"]),
        query_timeout_seconds=float(
            environ.get("LEADFLOW_QUERY_TIMEOUT") or database["query_timeout_seconds"]
        ),
        shared=str(environ.get("LEADFLOW_SHARED") or database.get("shared", False)).lower()
        in ("1", "true", "yes"),
    )
