"""Where the database, its queries and its work folders are, and how those folders are kept."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "queries"
DEFAULT_PATH = ROOT / "data" / "leadflow.duckdb"


def database_path() -> Path:
    """The database the app reads: $LEADFLOW_DB, or data/leadflow.duckdb."""
    return Path(os.environ.get("LEADFLOW_DB") or DEFAULT_PATH)


def sql_text(name: str) -> str:
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


def query_names() -> list[str]:
    return sorted(
        p.stem for p in QUERIES.glob("*.sql") if p.stem not in ("schema", "macros", "upgrade")
    )


UPLOADS = ".uploads"  # one folder per session, server-chosen names
IMPORTS = ".imports"  # one work folder per running import (staged and converted files)
_HELD = ".held"  # locked by the import that owns a work folder, while it runs
# Where work folders were kept before they moved under .imports/.
_OLD_WORK = ".import-*"


def readable_folders(path: Path) -> frozenset[str]:
    """The only folders the database at `path` may read files in: the sessions' uploads and the
    imports' work folders, beside it. Not the data folder itself (the database, its scenarios),
    and nothing a command-line import is given: that is staged into its work folder."""
    data = path.resolve().parent
    return frozenset({str(data / UPLOADS), str(data / IMPORTS)})


@contextlib.contextmanager
def import_work_folder(path: Path):
    """A new work folder for one import into `path`, held (an exclusive lock on a file in it)
    for as long as the import runs, then removed. A folder nobody holds is a killed import's
    leftover: the next connection to the database removes it (clear_leftovers)."""
    root = path.resolve().parent / IMPORTS
    root.mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="import-", dir=root))
    held = (folder / _HELD).open("w")
    try:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield folder
    finally:
        held.close()
        shutil.rmtree(folder, ignore_errors=True)


def clear_leftovers(path: Path) -> list[Path]:
    """Remove the work folders of imports that were killed (nobody holds their lock; another
    process's running import does, and keeps its own). Returns what was removed."""
    data = path.resolve().parent
    removed = []
    # A folder made this minute may be one whose import has not taken its lock yet.
    cutoff = time.time() - 60
    for folder in [*(data / IMPORTS).glob("import-*"), *data.glob(_OLD_WORK)]:
        try:
            if not folder.is_dir() or folder.is_symlink() or folder.stat().st_mtime > cutoff:
                continue
            with (folder / _HELD).open("a") as held:
                fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
        except BlockingIOError:
            continue  # a running import's
        except OSError:
            continue
    return removed
