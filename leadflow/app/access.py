"""Who is looking and whose leads they may see.

Without an `[auth]` section in .streamlit/secrets.toml the app is open to whoever can reach it
(on localhost, as in development) and every page says so. With one, every page asks for a
login (st.login, OpenID Connect) and the `app_users` table decides: a manager sees everything,
a sales rep only the leads they own, anyone else nothing. The scope goes into every query (the
visible_leads macro) and every cache key (leadflow.app.cache.query).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from leadflow import db
from leadflow.app import language, markup
from leadflow.app.timeouts import stopping_page_on_timeout
from leadflow.viewers import (
    MANAGER,
    OPEN,
    REP,
    SIGNED_OUT,
    UNKNOWN,
    UNVERIFIED,
    Viewer,
    email_verified,
    normalised_email,
    plainly_written,
)


def login_configured() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets file at all
        return False


@st.cache_data(max_entries=8, show_spinner=False)
def _users(path: str, version: str) -> dict[str, tuple[str, str | None]]:
    if not db.has_table("app_users", Path(path)):  # a file from before login existed
        return {}
    frame = db.run("app_users", {}, Path(path))
    # Normalised here too: a list stored before NFKC + casefold was stored only lowercased.
    return {normalised_email(row.email): (row.role, row.rep) for row in frame.itertuples()}


def viewer(path: Path | None = None) -> Viewer:
    """The person running this page. Deny by default: signed out, signed in with an address the
    identity provider has not verified or written with look-alike characters, or not in
    app_users, sees nothing."""
    if not login_configured():
        return Viewer(OPEN)
    if not st.user.is_logged_in:
        return Viewer(SIGNED_OUT)
    given = str(st.user.get("email") or "")
    email = normalised_email(given)
    if not email_verified(st.user.get("email_verified")) or not plainly_written(given):
        return Viewer(UNVERIFIED, given.strip() or None)
    path = path or db.database_path()
    with stopping_page_on_timeout():
        role, rep = _users(str(path), db.data_version(path)).get(email, (UNKNOWN, None))
    return Viewer(role, email or None, rep)


def scope(path: Path | None = None) -> db.Scope:
    return viewer(path).scope


def gate() -> Viewer:
    """Stop the page unless the viewer may see something; say in the sidebar who is looking."""
    who = viewer()
    T = language.translator()
    if who.role == SIGNED_OUT:
        st.title("Leadflow")
        st.info(T("Sign in to see your company's leads and deals."), icon=":material/lock:")
        st.button(T("Sign in"), type="primary", on_click=st.login)
        st.stop()
    with st.sidebar:
        if who.role == OPEN:
            st.caption(
                ":material/lock_open: "
                + T(
                    "Open to anyone who can reach this address: no login is configured "
                    "(docs/deploying.md, Login and per-rep access)."
                )
            )
            return who
        seen = {
            MANAGER: T("everything"),
            REP: T("the leads of {rep}").format(rep=markup.text(who.rep or "")),
        }.get(who.role, T("nothing"))
        st.caption(
            f":material/person: {markup.text(who.email)} · " + T("sees {seen}").format(seen=seen)
        )
        st.button(T("Sign out"), on_click=st.logout)
    if who.role == UNVERIFIED:
        st.title("Leadflow")
        st.warning(
            T(
                "You are signed in as {email}, but your identity provider has not verified this "
                "address, or it is written with look-alike characters, so there is nothing to "
                "show. Sign in with your verified company address (docs/deploying.md)."
            ).format(email=markup.text(who.email)),
            icon=":material/person_off:",
        )
        st.stop()
    if who.role == UNKNOWN:
        st.title("Leadflow")
        st.warning(
            T(
                "You are signed in as {email}, but you are not on the list of users, so there is "
                "nothing to show. Ask a manager to add you (docs/deploying.md)."
            ).format(email=markup.text(who.email)),
            icon=":material/person_off:",
        )
        st.stop()
    return who


def main(argv: list[str] | None = None) -> int:
    """python -m leadflow.app.access users.csv: make the CSV (email,role,rep) the list of users."""
    import argparse
    import sys

    import pandas as pd

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("users", type=Path, help="CSV with the columns email, role, rep")
    parser.add_argument("--db", type=Path, default=None, help="default: db.database_path()")
    args = parser.parse_args(argv)
    try:
        users = pd.read_csv(args.users, dtype=str, keep_default_na=False).replace("", None)
        missing = {"email", "role", "rep"} - set(users.columns)
        if missing:
            raise ValueError(f"{args.users}: no column {', '.join(sorted(missing))}")
        # Stored as looked up; two spellings of one address then collide in the table's check.
        users["email"] = users["email"].map(normalised_email, na_action="ignore")
        db.replace_app_users(users[["email", "role", "rep"]], args.db)
    except (OSError, ValueError, db.DatabaseBusy, db.duckdb_error()) as error:
        print(f"error: {str(error).splitlines()[0]}", file=sys.stderr)
        return 1
    print(
        f"{len(users)} users can sign in: "
        + ", ".join(f"{r.email} ({r.role})" for r in users.itertuples())
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
