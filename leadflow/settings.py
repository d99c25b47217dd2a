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


@dataclass(frozen=True)
class Settings:
    memory_limit: str
    threads: int  # 0: one per core
    query_timeout_seconds: float


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
    )
