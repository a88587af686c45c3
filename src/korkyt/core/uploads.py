"""The one upload limit (KORKYT_MAX_UPLOAD_MB) for every file a person sends, its message, and the types of
document a person may attach, recognised by content."""

from __future__ import annotations

import zipfile
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _


def max_upload_mb() -> int:
    return int(settings.KORKYT_MAX_UPLOAD_MB)


def max_upload_bytes() -> int:
    return max_upload_mb() * 1024 * 1024


def too_large_message() -> str:
    return _("Files over %(limit)d MB are refused.") % {"limit": max_upload_mb()}


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


def sniff_document(upload: IO[bytes]) -> str | None:
    """The type of a document judged by its content, never by its name: a key of DOCUMENT_TYPES, or None.

    PDF by its signature; Word, Excel and OpenDocument files are ZIP archives recognised by the member that
    defines them; plain text is UTF-8 without NUL bytes. The file is read from the start and rewound.
    """
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"PK\x03\x04"):
            try:
                with zipfile.ZipFile(upload) as archive:
                    names = set(archive.namelist())
                    if "word/document.xml" in names:
                        return "docx"
                    if "xl/workbook.xml" in names:
                        return "xlsx"
                    if "mimetype" in names:
                        return _ODF.get(archive.read("mimetype").strip())
            except (zipfile.BadZipFile, OSError, KeyError):
                return None
            return None
        if not head or b"\x00" in head:
            return None
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
                return None
        return "txt"
    finally:
        upload.seek(0)


def document_types_message() -> str:
    return _("The file must be a PDF, a Word or OpenDocument text, a spreadsheet or plain UTF-8 text.")
