"""Saved what-if scenarios: a name for a candidate (threshold, weights, decay, capacity).

Kept in a small JSON file beside the database (data/leadflow.scenarios.json for
data/leadflow.duckdb), keyed by name, so a scenario stays with the data its weights refer to.
The database itself stays read-only. Each scenario has an owner (the e-mail of who saved it;
none when login is off): a viewer lists their own and the ones shared with the team, and only
the owner may replace or delete one. A file from before owners existed still reads: its
scenarios are owned by nobody and shared, so a rep may use but not change them.
A scenario is also its page address: every control of the page is in the URL.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import threading
import uuid
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from pathlib import Path

from leadflow import db, whatif
from leadflow.viewers import MANAGER, OPEN, Viewer

# Sessions of one server are threads; two servers on one data folder are processes: both wait.
_writing = threading.Lock()


@dataclass(frozen=True)
class Scenario:
    name: str
    threshold: int
    points: dict[str, int]  # "rule_type:match" → points, for every weight that differs from 0
    half_life_days: int | None = None
    capacity: int | None = None
    saved_at: str = field(default_factory=lambda: datetime.now().isoformat(timespec="seconds"))
    owner: str | None = None  # who saved it; None: login off, or saved before owners existed
    shared: bool = False  # listed for the whole team, not only for the owner

    @staticmethod
    def key(rule_type: str, match: str) -> str:
        return f"{rule_type}:{match}"

    def rule_points(self) -> dict[tuple[str, str], int]:
        return {tuple(k.split(":", 1)): int(v) for k, v in self.points.items()}  # type: ignore[misc]

    def rules(self) -> whatif.Rules:
        return whatif.Rules.of(self.rule_points(), self.half_life_days)

    @classmethod
    def of(
        cls, name: str, threshold: int, rules: whatif.Rules, capacity: int | None, shared: bool
    ) -> Scenario:
        """A candidate as a scenario: its threshold, weights, decay and capacity."""
        return cls(
            name=name,
            threshold=int(threshold),
            points={cls.key(*r): p for r, p in rules.as_dict().items()},
            half_life_days=rules.half_life_days,
            capacity=None if capacity is None else int(capacity),
            shared=shared,
        )


class NotYours(PermissionError):
    """The scenario of that name belongs to someone else."""


class AlreadySaved(FileExistsError):
    """The viewer already has a scenario of that name: replacing it needs replace=True."""


def mine(scenario: Scenario, viewer: Viewer) -> bool:
    """Whether `viewer` may replace or delete it: their own; one owned by nobody only for a
    manager or when login is off (a rep may not change the team's old scenarios)."""
    if scenario.owner is None:
        return viewer.role in (OPEN, MANAGER)
    return viewer.email is not None and scenario.owner == viewer.email


def listed_for(scenario: Scenario, viewer: Viewer) -> bool:
    """Whether `viewer` sees it: their own, shared ones and those owned by nobody."""
    return scenario.owner is None or scenario.shared or scenario.owner == viewer.email


def path_for(database: Path | None = None) -> Path:
    database = database or db.database_path()
    return database.with_name(f"{database.stem}.scenarios.json")


_FIELDS = {f.name for f in fields(Scenario)}


def load_all(database: Path | None = None) -> dict[str, Scenario]:
    """Every saved scenario by name, whoever owns it; none when the file does not exist yet."""
    file = path_for(database)
    if not file.exists():
        return {}
    raw = json.loads(file.read_text(encoding="utf-8"))
    return {
        name: Scenario(**{**{k: v for k, v in entry.items() if k in _FIELDS}, "name": name})
        for name, entry in raw.items()
    }


def visible(viewer: Viewer, database: Path | None = None) -> dict[str, Scenario]:
    """The scenarios `viewer` lists, by name."""
    return {n: s for n, s in load_all(database).items() if listed_for(s, viewer)}


@contextlib.contextmanager
def _locked(file: Path):
    """Held while reading, changing and writing the file, so two saves never lose one."""
    with _writing, open(file.with_name(f".{file.name}.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _write(file: Path, saved: dict[str, Scenario]) -> None:
    """Atomically: a reader sees the old file or the new one, never half of one."""
    entries = {n: {k: v for k, v in asdict(s).items() if k != "name"} for n, s in saved.items()}
    tmp = file.with_name(f".{file.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as out:
            out.write(json.dumps(entries, indent=2, ensure_ascii=False))
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, file)
    finally:
        tmp.unlink(missing_ok=True)


def save(
    scenario: Scenario,
    database: Path | None = None,
    *,
    viewer: Viewer | None = None,
    replace: bool = False,
) -> Scenario:
    """Save the scenario as `viewer`'s (None: login is off). A name someone else owns is
    refused (NotYours); one of the viewer's own is replaced only with replace=True (AlreadySaved
    otherwise)."""
    viewer = viewer or Viewer(OPEN)
    name = scenario.name.strip()
    if not name:
        raise ValueError("a scenario needs a name")
    file = path_for(database)
    with _locked(file):
        saved = load_all(database)
        before = saved.get(name)
        if before is not None and not mine(before, viewer):
            raise NotYours(f"“{name}” is someone else's scenario: save it under another name.")
        if before is not None and not replace:
            raise AlreadySaved(f"You already have a scenario called “{name}”.")
        owner = before.owner if before is not None else viewer.email
        saved[name] = Scenario(**{**asdict(scenario), "name": name, "owner": owner})
        _write(file, saved)
        return saved[name]


def delete(name: str, database: Path | None = None, *, viewer: Viewer | None = None) -> None:
    """Delete `viewer`'s scenario of that name (NotYours for someone else's)."""
    viewer = viewer or Viewer(OPEN)
    file = path_for(database)
    with _locked(file):
        saved = load_all(database)
        if name not in saved:
            return
        if not mine(saved[name], viewer):
            raise NotYours(f"“{name}” is someone else's scenario: only its owner may delete it.")
        del saved[name]
        _write(file, saved)
