"""Who may sign in: the app_users table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from leadflow.db.connection import has_table, new_version
from leadflow.db.files import database_path


def replace_app_users(users: pd.DataFrame, path: Path | None = None) -> None:
    """Make `users` (email, role, rep) the list of who may sign in, in one transaction: a list
    the table's checks refuse (an unknown role, a rep without a name, an email twice) changes
    nothing. A new data version, so every page asks again who may see what."""
    path = path or database_path()
    if not has_table("app_users", path):
        raise ValueError(
            f"{path} was made by a version of Leadflow without sign-in: create a new database "
            "(python -m leadflow.demo, or import into an empty one) to keep a list of users."
        )
    with new_version(path) as cur:
        cur.execute("delete from app_users")
        emails = users.assign(email=users["email"].str.strip().str.lower())
        cur.from_df(emails).insert_into("app_users")
