"""The longest free texts the festival keeps: checked by the services, so that the pages and the API refuse
the same text with the same field error."""

from __future__ import annotations

from django.utils.translation import gettext as _

from korkyt.core.validation import Errors, add_error

#: A reviewer's comment for the programmers and their private note.
REVIEW_TEXT_MAX = 5000
#: A programmer's note on a decision, an entrant's reason to withdraw, a juror's declared conflict.
NOTE_MAX = 300
#: An edition's notes.
EDITION_NOTES_MAX = 5000


def check_length(errors: Errors, field: str, text: str | None, limit: int) -> None:
    if text and len(text) > limit:
        add_error(errors, field, _("At most %(limit)d characters.") % {"limit": limit})
