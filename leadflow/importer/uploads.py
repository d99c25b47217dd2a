"""Where a session's uploads are kept on the server, under names the server chooses."""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
import time
from pathlib import Path

from leadflow import db
from leadflow.importer.sources import FileProblem

UPLOAD_PREFIX = "leadflow-up-"
UPLOAD_KEEP_HOURS = 24
# What an upload may be, by its extension: the file uploader's list.
UPLOAD_KINDS = (".csv", ".txt", ".tsv", ".xlsx", ".parquet")


def upload_folder(existing: str | None, database: Path) -> Path:
    """The folder that keeps one session's uploads on disk, where DuckDB reads them: under
    .uploads/ beside the database, one of the only folders its connection may read.

    A session's folder is not removed when the session ends (Streamlit does not say when), so
    each new one first removes the folders of sessions untouched for a day.
    """
    root = database.resolve().parent / db.UPLOADS
    if existing and Path(existing).is_dir() and Path(existing).resolve().parent == root:
        return Path(existing)
    root.mkdir(exist_ok=True)
    cutoff = time.time() - UPLOAD_KEEP_HOURS * 3600
    for old in root.glob(UPLOAD_PREFIX + "*"):
        try:
            if old.is_dir() and old.stat().st_mtime < cutoff:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass
    return Path(tempfile.mkdtemp(prefix=UPLOAD_PREFIX, dir=root))


def upload_path(folder: Path, name: str, file_id: str) -> Path:
    """Where an upload called `name` (as the browser sent it) is kept in the session's
    `folder`: a name the server chooses from the upload's id, with the name's extension. The
    browser's name is only ever a label; one that is not a plain file name is refused."""
    plain = (
        name
        and name == name.strip()
        and not any(c in name for c in "/\\\x00")
        and not any(ord(c) < 32 for c in name)
        and name not in (".", "..")
        and not name.startswith(".")
        and len(name.encode()) <= 255
    )
    if not plain:
        # Shown on the page: only letters, digits and a few marks of what was sent, so no
        # Markdown or path comes back with it.
        shown = re.sub(r"[^\w .()-]", "_", name)[-80:]
        raise FileProblem(
            f"“{shown}”: not a plain file name (no folders, no leading dot): rename the file "
            "and upload it again"
        )
    kind = Path(name).suffix.lower()
    if kind not in UPLOAD_KINDS:
        raise FileProblem(f"{name}: only {', '.join(UPLOAD_KINDS)} files can be imported")
    digest = hashlib.sha256(file_id.encode()).hexdigest()[:24]
    return folder / f"upload-{digest}{kind}"
