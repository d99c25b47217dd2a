"""Reading and writing the team settings' tables (leadflow.team_settings checks the rows)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pandas as pd

from leadflow import team_settings
from leadflow.db.building import create_database
from leadflow.db.connection import close, has_table, new_version, reading, run
from leadflow.db.files import database_path, sql_text


def create_empty_database(path: Path, source: str = "no data yet") -> None:
    """A database with the schema and no data, for a first import: the team settings start at
    their defaults (leadflow.team_settings), logged as defaults so every page can say so."""
    create_database(path, {}, source=source, as_of=datetime.now().replace(microsecond=0))
    for setting, rows in team_settings.defaults().items():
        change = team_settings.describe_change(setting, rows, replace=True)
        write_setting(
            setting, rows, replace=True, who="defaults", change=change, is_default=True, path=path
        )
    close(path)


# Team settings: reading and writing the settings tables
# (leadflow.team_settings checks the rows; only this block touches the tables.)

_SETTINGS_LOG_DDL = next(
    iter(re.findall(r"create table settings_log \(.*?\);", sql_text("schema"), flags=re.DOTALL))
)
# Fixed statements per setting, so nothing is built from a string. A written row replaces the
# stored rows with its key (a versioned setting: its whole version).
_DELETE_ALL = {
    "sla_policy": "delete from sla_policy",
    "public_holidays": "delete from public_holidays",
    "scoring_rules": "delete from scoring_rules",
    "scoring_thresholds": "delete from scoring_thresholds",
    "sql_targets": "delete from sql_targets",
    "campaign_costs": "delete from campaign_costs",
}
_DELETE_KEYS = {
    "sla_policy": "delete from sla_policy where valid_from in (select valid_from from incoming)",
    "public_holidays": "delete from public_holidays where day in (select day from incoming)",
    "scoring_rules": (
        "delete from scoring_rules where valid_from in (select valid_from from incoming)"
    ),
    "scoring_thresholds": (
        "delete from scoring_thresholds where valid_from in (select valid_from from incoming)"
    ),
    "sql_targets": "delete from sql_targets where month in (select month from incoming)",
    "campaign_costs": (
        "delete from campaign_costs where (campaign_id, month) in "
        "(select (campaign_id, month) from incoming)"
    ),
}


def read_setting(setting: str, path: Path | None = None) -> pd.DataFrame:
    """Every stored row of a setting (all versions)."""
    if setting not in team_settings.COLUMNS:
        raise ValueError(f"unknown setting {setting!r}")
    with reading(path or database_path()) as cur:
        return cur.table(setting).df()


def known_setting_values(path: Path | None = None) -> dict[str, frozenset[str]]:
    """The data's touchpoint types and campaign ids, for checking a settings file."""
    frame = run("settings_known_values", {}, path)
    return {
        kind: frozenset(frame.loc[frame["kind"] == kind, "value"].astype(str))
        for kind in ("touchpoint", "campaign")
    }


def settings_log(path: Path | None = None) -> pd.DataFrame:
    """Every change to a setting, newest first (none in a file made before the log)."""
    path = path or database_path()
    if not has_table("settings_log", path):
        return pd.DataFrame(columns=["changed_at", "changed_by", "setting", "change", "is_default"])
    return run("settings_log", {}, path)


def settings_at_default(path: Path | None = None) -> frozenset[str]:
    """The settings still at the defaults a new database got (a few rows: read uncached)."""
    path = path or database_path()
    if not has_table("settings_log", path):
        return frozenset()
    status = run("settings_status", {}, path)
    return frozenset(status.loc[status["is_default"].astype(bool), "setting"])


def write_setting(
    setting: str,
    rows: pd.DataFrame,
    *,
    replace: bool,
    who: str,
    change: str,
    is_default: bool = False,
    path: Path | None = None,
) -> None:
    """Write checked rows of a setting and log it, in one transaction, with a new data version
    so every cached page sees the change. `replace`: the rows become the whole setting; else
    they replace the stored rows with the same key (a version with the same date) and add the
    others. A row the table's checks refuse changes nothing."""
    if setting not in team_settings.COLUMNS:
        raise ValueError(f"unknown setting {setting!r}")
    path = path or database_path()
    with new_version(path) as cur:
        cur.execute(_SETTINGS_LOG_DDL.replace("create table", "create table if not exists"))
        cur.register("incoming", rows[list(team_settings.COLUMNS[setting])])
        cur.execute(_DELETE_ALL[setting] if replace else _DELETE_KEYS[setting])
        columns = cur.table(setting).columns
        cur.table("incoming").select(*columns).insert_into(setting)
        cur.unregister("incoming")
        cur.execute(
            "insert into settings_log values ($at, $who, $setting, $change, $is_default)",
            {
                "at": datetime.now().replace(microsecond=0),
                "who": who,
                "setting": setting,
                "change": change,
                "is_default": is_default,
            },
        )
