"""Files the commands write: complete or not at all, and a one-line reason when they cannot be.

:func:`atomic_output` writes into a temporary file beside the target (:func:`temporary_beside`, with
the mode a new file gets) and renames it into place when the block ends; a failure leaves no file
behind. Every problem is an :class:`OutputError` whose text is "cannot write PATH: reason", the line
a command prints before exiting with code 2.

This module imports nothing from Django.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


class OutputError(Exception):
    """A file cannot be written; the text is one line naming the file and the reason."""


def output_problem(path: Path) -> str | None:
    """Why ``path`` cannot be written (a directory, a missing or read-only folder), or None."""
    folder = path.parent
    if path.is_dir():
        return f"cannot write {path}: it is a directory"
    if not folder.is_dir():
        return f"cannot write {path}: the folder {folder} does not exist"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"cannot write {path}: the folder {folder} is not writable"
    return None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def temporary_beside(path: Path, *, suffix: str = ".tmp", mode: int | None = None) -> tuple[int, Path]:
    """A new file beside ``path`` (its open descriptor and its path) to write ``path``'s content into before
    renaming it into place. It has ``mode``, by default the one a new file gets by the umask: the rename
    keeps it, and ``tempfile.mkstemp``'s 600 would leave a track or a TMX file that no one else on the
    machine may read. OSError when the folder takes no new file."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    try:
        os.fchmod(fd, mode if mode is not None else 0o666 & ~_umask())
    except OSError:
        os.close(fd)
        Path(name).unlink(missing_ok=True)
        raise
    return fd, Path(name)


@contextmanager
def atomic_output(
    path: Path, *, binary: bool = False, mode: int | None = None, newline: str | None = None
) -> Iterator[IO[Any]]:
    """A handle to write ``path``'s content to (UTF-8 text, or bytes with ``binary``); the file appears
    when the block ends without an error. ``mode`` is the file's permissions (default: a new file's,
    by the umask)."""
    path = Path(path)
    problem = output_problem(path)
    if problem:
        raise OutputError(problem)
    try:
        fd, temporary = temporary_beside(path, mode=mode)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        opened = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline=newline)
        with opened as handle:
            yield handle
        temporary.replace(path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_output(path: Path, data: str | bytes, *, mode: int | None = None) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` completely or not at all; OutputError otherwise."""
    with atomic_output(path, binary=isinstance(data, bytes), mode=mode) as handle:
        handle.write(data)
