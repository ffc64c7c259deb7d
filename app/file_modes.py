"""Owner-only files for what holds secrets: the SQLite database (sessions' encrypted user tokens,
deliveries, results), its directory when the app creates it, and `.env` (the App's secrets).

The database file is created 0600 before SQLite opens it; SQLite gives its `-wal` and `-shm` files
the database file's mode. An existing file readable by others is narrowed to 0600 (with a warning).
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)

FILE_MODE = 0o600
DIR_MODE = 0o700


def restrict_file(path: Path) -> None:
    """Make an existing file owner-only when others could read or write it (and it is ours)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO) and info.st_uid == os.getuid():
        path.chmod(FILE_MODE)
        log.warning("%s was readable by other users; its mode is now 0600", path)


def prepare_sqlite_file(url: str) -> None:
    """For a file-backed SQLite URL: create its directory 0700 and the file 0600 if missing, and
    narrow an existing file that others could read."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    missing = [d for d in (path.parent, *path.parent.parents) if not d.exists()]
    for directory in reversed(missing):  # every directory the app creates is owner-only
        directory.mkdir(mode=DIR_MODE, exist_ok=True)
    for companion in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        restrict_file(companion)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE)
        os.close(fd)
