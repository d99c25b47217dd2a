"""Saved what-if scenarios: a name for a candidate (threshold, weights, decay, capacity).

Kept in a small JSON file beside the database (data/leadflow.scenarios.json for
data/leadflow.duckdb), keyed by name, so every analyst using the app sees the team's scenarios
and a scenario stays with the data its weights refer to. The database itself stays read-only.
A scenario is also its page address: every control of the page is in the URL.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from leadflow import db

_writing = threading.Lock()


@dataclass(frozen=True)
class Scenario:
    name: str
    threshold: int
    points: dict[str, int]  # "rule_type:match" → points, for every weight that differs from 0
    half_life_days: int | None = None
    capacity: int | None = None
    saved_at: str = field(default_factory=lambda: datetime.now().isoformat(timespec="seconds"))

    @staticmethod
    def key(rule_type: str, match: str) -> str:
        return f"{rule_type}:{match}"

    def rule_points(self) -> dict[tuple[str, str], int]:
        return {tuple(k.split(":", 1)): int(v) for k, v in self.points.items()}  # type: ignore[misc]


def path_for(database: Path | None = None) -> Path:
    database = database or db.database_path()
    return database.with_name(f"{database.stem}.scenarios.json")


def load_all(database: Path | None = None) -> dict[str, Scenario]:
    """Every saved scenario by name; none when the file does not exist yet."""
    file = path_for(database)
    if not file.exists():
        return {}
    raw = json.loads(file.read_text(encoding="utf-8"))
    return {name: Scenario(**{**entry, "name": name}) for name, entry in raw.items()}


def save(scenario: Scenario, database: Path | None = None) -> None:
    """Add or replace the scenario of that name (atomically: a reader never sees half a file)."""
    name = scenario.name.strip()
    if not name:
        raise ValueError("a scenario needs a name")
    file = path_for(database)
    with _writing:
        saved = load_all(database)
        saved[name] = Scenario(**{**asdict(scenario), "name": name})
        entries = {n: {k: v for k, v in asdict(s).items() if k != "name"} for n, s in saved.items()}
        tmp = file.with_name(f".{file.name}.{uuid.uuid4().hex}.tmp")
        tmp.write_text(json.dumps(entries, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, file)


def delete(name: str, database: Path | None = None) -> None:
    file = path_for(database)
    with _writing:
        saved = load_all(database)
        if saved.pop(name, None) is None:
            return
        entries = {n: {k: v for k, v in asdict(s).items() if k != "name"} for n, s in saved.items()}
        tmp = file.with_name(f".{file.name}.{uuid.uuid4().hex}.tmp")
        tmp.write_text(json.dumps(entries, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, file)
