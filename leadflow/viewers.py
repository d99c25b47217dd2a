"""Who is looking, in the app's words: a role, an address and the rep whose leads they own,
and the scope of leads that gives. No Streamlit: the saved scenarios and the mail use it too."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from leadflow import db

OPEN, MANAGER, REP, UNKNOWN, SIGNED_OUT = "open", "manager", "rep", "unknown", "signed out"
UNVERIFIED = "unverified"  # signed in, but the address cannot be taken as theirs


def normalised_email(email: str) -> str:
    """The form an address is stored and looked up in: NFKC, then casefold, so two spellings
    of one address (letter case, composed or decomposed accents) are one user."""
    return unicodedata.normalize("NFKC", email.strip()).casefold()


def plainly_written(email: str) -> bool:
    """Whether normalising changes the address in letter case only. A look-alike (the Kelvin
    sign for K, full-width letters, ß for ss, a decomposed accent) would otherwise sign in as
    someone else: the identity provider holds it as a different address. (lower() alone is no
    test: it too turns the Kelvin sign into k.)"""
    email = email.strip()
    return unicodedata.normalize("NFKC", email) == email and email.casefold() == email.lower()


def email_verified(claim: object) -> bool:
    """The OpenID Connect claim email_verified: true, or absent. Absent is trusted because some
    company directories (Microsoft Entra ID) do not send it for addresses they issue
    themselves; a provider that sends it must say true (some send the text "true")."""
    return claim is None or claim is True or str(claim).strip().lower() == "true"


@dataclass(frozen=True)
class Viewer:
    role: str
    email: str | None = None
    rep: str | None = None

    @property
    def scope(self) -> db.Scope:
        if self.role in (OPEN, MANAGER):
            return db.EVERYONE
        if self.role == REP and self.rep:
            return db.Scope(everyone=False, reps=(self.rep,))
        return db.NOBODY

    @property
    def may_import(self) -> bool:
        return self.role in (OPEN, MANAGER)
