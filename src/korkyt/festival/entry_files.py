"""An entry's stills and press kit on its page: read by those who may read its screener (the entrant, the
edition's staff, assigned reviewers, the section's jurors), replaced by the entrant while the entry may
change (a draft, incomplete or ineligible), as the screener is."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from korkyt.core.feedback import flash_refusal
from korkyt.core.forms import add_service_errors
from korkyt.core.http import get_visible_or_404, private_download
from korkyt.core.uploads import DOCUMENT_TYPES
from korkyt.festival import selectors, services
from korkyt.festival.backoffice import _may_change, _submission_page, saved_and_checked_again
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
    sub = get_visible_or_404(selectors.submission_visible(request.user), pk=pk)
    if not _may_change(request.user, sub):
        raise Http404
    form = MaterialsForm(request.POST, request.FILES)
    if form.is_valid() and not form.files_given():
        form.add_error(None, _("Choose the stills or the press kit to send."))
    if not form.is_valid():
        return _submission_page(request, sub, materials_form=form)
    try:
        services.submission_update(actor=request.user, submission=sub, **form.files_given())
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _submission_page(request, sub, materials_form=form)
    except PermissionDenied as exc:
        flash_refusal(request, exc)
        return redirect("festival:submission", pk=pk)
    return saved_and_checked_again(request, sub, _("The files are saved."))
