"""Atomic writes: a reader sees the old file or the new one, never half of one.

Every writer in :mod:`counterflow.ingest` writes into a hidden temporary sibling
(``.NAME.<random>.tmp`` in the same directory, hence the same file system) and renames it
onto the target only once the content is complete. ``os.replace`` of a file is atomic on
POSIX. A partitioned Parquet *directory* cannot be swapped in one system call, so an
existing target directory is first moved aside and deleted after the new one is in place;
a crash in that instant leaves the old data in the ``.old`` sibling, never a mixed tree.
On any exception the temporary is removed and the target is left as it was.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _sibling(path: Path, suffix: str) -> Path:
    return path.parent / f".{path.name}.{uuid.uuid4().hex[:12]}.{suffix}"


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _move_into_place(tmp: Path, target: Path) -> None:
    if tmp.is_file() and not target.is_dir():
        os.replace(tmp, target)
        return
    old = _sibling(target, "old")
    had_old = target.exists() or target.is_symlink()
    if had_old:
        os.replace(target, old)
    try:
        os.replace(tmp, target)
    except BaseException:
        if had_old:
            os.replace(old, target)
        raise
    if had_old:
        _remove(old)


@contextmanager
def atomic_path(target: Path, *, directory: bool = False) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target``.

    With ``directory=True`` the temporary is an empty directory to fill (for partitioned
    Parquet); otherwise it is a file path that does not exist yet.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _sibling(target, "tmp")
    if directory:
        tmp.mkdir()
    try:
        yield tmp
        _move_into_place(tmp, target)
    except BaseException:
        _remove(tmp)
        raise
