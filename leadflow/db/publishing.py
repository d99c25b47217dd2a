"""Opening the database file, and publishing a new version of it for several app processes:
a write goes to a copy of the file, which then replaces it under its name in one rename, so
every process reads either the old file or the new one, and switches at its next query."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
import uuid
from pathlib import Path

import duckdb

from leadflow.db import derived
from leadflow.db.files import sql_text
from leadflow.settings import settings

# How long a write waits for another process's write to the same file to be published.
PUBLISH_WAIT_SECONDS = 600
# How long the name of a replaced file is kept for processes that have not switched yet.
OLD_NAMES_KEPT_SECONDS = 3600


class DatabaseBusy(RuntimeError):
    """Another process (the running app) holds the database file."""


def connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to `path` with the machine's settings and no extension loading."""
    config = settings()
    try:
        return duckdb.connect(
            str(path),
            read_only=read_only,
            config={
                "memory_limit": config.memory_limit,
                **({"threads": config.threads} if config.threads else {}),
                "autoinstall_known_extensions": False,
                "autoload_known_extensions": False,
                "allow_community_extensions": False,
            },
        )
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            raise DatabaseBusy(
                f"{path}: the app has this database open: import from the Import data "
                "page, or stop the app first."
            ) from None
        raise


def bring_up_to_date(con: duckdb.DuckDBPyConnection) -> None:
    """This version's definitions (macros) and derived tables in a file built by any version,
    folded into the file (no WAL left beside it)."""
    # The data model may have grown since the file was built: new columns first, the macros
    # read them.
    con.execute(sql_text("upgrade"))
    derived.ensure_tables(con)
    con.execute(sql_text("macros"))
    derived.refresh(con)
    con.execute("checkpoint")


class Publication:
    """A new version of the file at `path` being written: a copy, opened read-write, that
    `publish()` puts in the file's place and `discard()` drops. One at a time per file, across
    processes (an exclusive lock beside the file): the next write copies the published one."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = path.with_name(f".{path.name}.publish-lock").open("a")
        deadline = time.monotonic() + PUBLISH_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    self._lock.close()
                    raise DatabaseBusy(
                        f"{path}: another process has been writing it for "
                        f"{PUBLISH_WAIT_SECONDS // 60} minutes: try again later."
                    ) from None
                time.sleep(0.2)
        # Holding the lock, no copy beside the file is another write's: one left is a killed
        # process's.
        for left in path.parent.glob(f".{path.name}.*.publishing*"):
            left.unlink(missing_ok=True)
        self.copy = path.with_name(f".{path.name}.{uuid.uuid4().hex}.publishing")
        try:
            shutil.copyfile(path, self.copy)
            self.connection = connect(self.copy)
            bring_up_to_date(self.connection)
        except BaseException:
            self._end()
            raise

    def publish(self) -> None:
        """Put the written copy in the file's place: readers switch at their next query."""
        try:
            self.connection.execute("checkpoint")
            self.connection.close()
            os.replace(self.copy, self.path)
        finally:
            self._end()

    def discard(self) -> None:
        with contextlib.suppress(duckdb.Error):
            self.connection.close()
        self._end()

    def _end(self) -> None:
        for leftover in (self.copy, self.copy.with_name(self.copy.name + ".wal")):
            leftover.unlink(missing_ok=True)
        self._lock.close()  # releases the lock


def reading_name(path: Path) -> Path:
    """A name of its own for the file now at `path` (a hard link named by its inode), for a
    read-only connection: DuckDB keeps one instance per file name in a process, so a file
    published under the same name would otherwise be read through the old instance. Links to
    files since replaced are removed after a while (a process still reading one keeps it)."""
    for _ in range(10):
        inode = path.stat().st_ino
        alias = path.with_name(f".{path.name}.inode-{inode}")
        with contextlib.suppress(FileExistsError):
            os.link(path, alias)
        if alias.stat().st_ino == inode:
            _remove_old_names(path, keep=alias)
            return alias
        alias.unlink(missing_ok=True)  # replaced between the two steps: again
    raise DatabaseBusy(f"{path}: replaced too often to be opened; try again")


def _remove_old_names(path: Path, keep: Path) -> None:
    cutoff = time.time() - OLD_NAMES_KEPT_SECONDS
    for old in path.parent.glob(f".{path.name}.inode-*"):
        with contextlib.suppress(OSError):
            if old != keep and old.stat().st_mtime < cutoff:
                old.unlink()


def shared() -> bool:
    """Whether several processes share the file (leadflow.toml [database] shared)."""
    return settings().shared
