"""An entry's stills and press kit on its page: read by those who may read its screener (the entrant, the
edition's staff, assigned reviewers, the section's jurors), replaced by the entrant while the entry may
change (a draft, incomplete or ineligible), as the screener is."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from korkyt.core.http import get_visible_or_404, private_download
from korkyt.core.uploads import DOCUMENT_TYPES
from korkyt.festival import selectors
from korkyt.festival.backoffice import entrant_change
from korkyt.festival.forms import MaterialsForm

#: The two files an entry carries, by the name in their address.
FILES = {"stills": "stills", "press-kit": "press_kit"}
#: What a kept file is, by the extension the platform gave it when it was checked (never the uploader's).
_TYPES = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    **{extension: mime for extension, mime in DOCUMENT_TYPES.values()},
}


@login_required
@require_GET
def entry_file(request: HttpRequest, pk: int, which: str) -> HttpResponseBase:
    """The entry's stills or press kit, as an attachment; 404 for whoever may not read the entry's screener
    (and when there is none)."""
    sub = get_visible_or_404(selectors.submission_visible(request.user), pk=pk)
    field = FILES.get(which)
    if field is None or not selectors.may_read_screener(request.user, sub):
        raise Http404
    stored = getattr(sub, field)
    extension = stored.name.rsplit(".", 1)[-1].lower() if stored else ""
    if extension not in _TYPES:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return private_download(handle, f"{which}-{sub.pk}.{extension}", _TYPES[extension], request=request)


@login_required
@require_POST
def materials(request: HttpRequest, pk: int) -> HttpResponse:
    """The entrant replaces the stills or the press kit; an incomplete or ineligible entry is then sent
    again, so that the check reads them."""
    return entrant_change(
        request, pk, MaterialsForm, "materials_form", MaterialsForm.files_of, _("The files are saved.")
    )
