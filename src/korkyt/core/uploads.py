"""The one upload limit (KORKYT_MAX_UPLOAD_MB) for every file a person sends, and its message."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _


def max_upload_mb() -> int:
    return int(settings.KORKYT_MAX_UPLOAD_MB)


def max_upload_bytes() -> int:
    return max_upload_mb() * 1024 * 1024


def too_large_message() -> str:
    return _("Files over %(limit)d MB are refused.") % {"limit": max_upload_mb()}
