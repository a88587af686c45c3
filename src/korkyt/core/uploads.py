"""Uploaded and generated files: the one upload limit (KORKYT_MAX_UPLOAD_MB) for every file a person sends
and its message, the types of document a person may attach, recognised by content, and the media storage that
writes a file whole or not at all (:class:`AtomicFileSystemStorage`)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import time
import zipfile
import zlib
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.utils._os import safe_makedirs  # type: ignore[attr-defined]
from django.utils.translation import gettext as _


def max_upload_mb() -> int:
    return int(settings.KORKYT_MAX_UPLOAD_MB)


def max_upload_bytes() -> int:
    return max_upload_mb() * 1024 * 1024


def too_large_message() -> str:
    return _("Files over %(limit)d MB are refused.") % {"limit": max_upload_mb()}


def file_too_large_message(size: int) -> str:
    """Why a file of ``size`` bytes is refused: its size in megabytes as the active language writes
    numbers ("23,8" in Russian) beside the limit."""
    from korkyt.core.numbers import decimal

    return _("The file is %(size)s MB; the limit is %(limit)d MB.") % {
        "size": decimal(size / (1024 * 1024), places=1),
        "limit": max_upload_mb(),
    }


def request_too_large_message() -> str:
    """The API's 413: a request body past Django's DATA_UPLOAD_MAX_MEMORY_SIZE (derived from the upload
    limit), in megabytes as the request's language writes numbers."""
    from korkyt.core.numbers import decimal

    mb = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024)
    limit = decimal(mb, places=0 if mb == int(mb) else 1)
    return _("The request is too large: at most %(limit)s MB may be sent.") % {"limit": limit}


# -- Files written whole or not at all ----------------------------------------------------------------------

PARTIAL_SUFFIX = ".part"


def is_partial(path: Path) -> bool:
    """A file a save is still writing (or a save that died left behind): ``.<name>.<random>.part``."""
    return path.name.startswith(".") and path.name.endswith(PARTIAL_SUFFIX)


class AtomicFileSystemStorage(FileSystemStorage):
    """The media storage: a file is written under a temporary name beside its target and linked to its
    real name only when every byte is on disk (fsync). A full disk, a failing upload or a killed process
    leaves at most a ``.part`` file, which no record names (the record is saved after the file) and which
    :func:`sweep_partial_files` removes; a file never appears half written under its real name.

    The final name is taken with ``link()``, which fails when the name exists, so two saves of the same
    name never overwrite each other (the second gets another name, as with Django's storage).
    """

    def _save(self, name: str, content: File) -> str:  # type: ignore[type-arg]
        full_path = Path(self.path(name))
        directory = full_path.parent
        try:
            if self.directory_permissions_mode is not None:
                safe_makedirs(directory, self.directory_permissions_mode, exist_ok=True)
            else:
                directory.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise FileExistsError(f"{directory} exists and is not a directory.") from None
        fd, tmp_name = tempfile.mkstemp(
            dir=directory, prefix=f".{full_path.name[:80]}.", suffix=PARTIAL_SUFFIX
        )
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                if hasattr(content, "temporary_file_path"):
                    with open(content.temporary_file_path(), "rb") as source:
                        shutil.copyfileobj(source, out, 1024 * 1024)
                else:
                    for chunk in content.chunks():
                        out.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                out.flush()
                os.fsync(out.fileno())
            tmp.chmod(self.file_permissions_mode or 0o644)
            while True:
                try:
                    os.link(tmp, full_path)
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = Path(self.path(name))
        finally:
            tmp.unlink(missing_ok=True)
        self._ensure_location_group_id(str(full_path))  # type: ignore[attr-defined]
        return os.path.relpath(full_path, self.location).replace("\\", "/")


def sweep_partial_files(*, older_than: dt.timedelta = dt.timedelta(hours=6)) -> int:
    """Delete the ``.part`` files that saves killed mid-way left in the media folder; return how many."""
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return 0
    limit = time.time() - older_than.total_seconds()
    removed = 0
    for path in root.rglob(f".*{PARTIAL_SUFFIX}"):
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed


#: Documents a person may attach to a file (an application, a dossier): type -> (file extension, MIME type).
DOCUMENT_TYPES: dict[str, tuple[str, str]] = {
    "pdf": ("pdf", "application/pdf"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "odt": ("odt", "application/vnd.oasis.opendocument.text"),
    "ods": ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
    "txt": ("txt", "text/plain; charset=utf-8"),
}

_ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}

#: An OpenDocument ``mimetype`` member holds only its type: one larger than this is not one (and is never
#: inflated to find out: a small upload may expand to gigabytes).
_MIMETYPE_MAX = 100

#: What reading a hostile archive can raise: encrypted members (RuntimeError), unknown compression
#: (NotImplementedError), truncated data (EOFError), corrupt data (zlib.error), broken headers (the rest).
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    RuntimeError,
    NotImplementedError,
    EOFError,
    OSError,
    KeyError,
    ValueError,
    zlib.error,
)


def _sniff_zip(upload: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" not in names:
                return None
            info = archive.getinfo("mimetype")
            if info.file_size > _MIMETYPE_MAX or info.compress_size > 10 * _MIMETYPE_MAX:
                return None
            with archive.open(info) as member:
                return _ODF.get(member.read(_MIMETYPE_MAX).strip())
    except _ZIP_ERRORS:
        return None


def sniff_document(upload: IO[bytes]) -> str | None:
    """The type of a document judged by its content, never by its name: a key of DOCUMENT_TYPES, or None.

    PDF by its signature; Word, Excel and OpenDocument files are ZIP archives recognised by the member that
    defines them (an archive that cannot be read, or whose ``mimetype`` is oversized, is none of them);
    plain text is UTF-8 without NUL bytes. The file is read from the start and rewound.
    """
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"PK\x03\x04"):
            return _sniff_zip(upload)
        if not head or b"\x00" in head:
            return None
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # Only a character cut at the end of a sample shorter than the file is forgiven: a whole file
            # (three bytes of CP1251) must decode to the end.
            if len(head) < 8192 or exc.reason != "unexpected end of data":
                return None
        return "txt"
    finally:
        upload.seek(0)


def document_types_message() -> str:
    return _("The file must be a PDF, a Word or OpenDocument text, a spreadsheet or plain UTF-8 text.")
