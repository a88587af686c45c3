"""Withdrawing a version of a subtitle track, asked first on the shared confirmation page
(``core.views.confirm_page``): the GET names the film, the version and what withdrawing does and asks for
the reason; the POST withdraws. A version already withdrawn is refused before the page and on the POST."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from korkyt.core.forms import add_service_errors
from korkyt.core.http import get_visible_or_404
from korkyt.core.labels import language_label
from korkyt.core.views import confirm_page
from korkyt.localization import selectors, services
from korkyt.localization.forms import TrackWithdrawForm
from korkyt.localization.labels import _film_label
from korkyt.localization.models import SubtitleTrack, TrackState


def consequences(track: SubtitleTrack) -> list[str]:
    """What withdrawing the version does, one line each (said before it is done)."""
    if track.state != TrackState.CURRENT:
        said = [_("The catalogue does not use this version: the public sees no change.")]
    elif selectors.delivered_without(track):
        said = [
            _(
                "The public no longer sees this version; the catalogue keeps offering the film's subtitles "
                "in this language from another version or a reviewed translation."
            )
        ]
    else:
        said = [
            _(
                "The public no longer sees this version, and no other version takes its place: the catalogue "
                "no longer offers the film's subtitles in this language until a version is made current "
                "again."
            ),
            _("No translation or dubbing can be ordered from it any more."),
        ]
    said.append(_("The version stays in the history: it can be made current again."))
    return said


def _page(
    request: HttpRequest, track: SubtitleTrack, form: TrackWithdrawForm, status: int = 200
) -> HttpResponse:
    version = _("version %(n)s") % {"n": track.version}
    return confirm_page(
        request,
        heading=_("Withdraw this version?"),
        subject=_film_label(track.film),
        detail=" · ".join(
            part for part in (language_label(track.language), version, track.file_name) if part
        ),
        consequences=consequences(track),
        action=request.path,
        button=_("Withdraw this version"),
        back=reverse("localization:track_detail", args=[track.pk]),
        back_label=_("Keep this version"),
        form=form,
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def track_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the editor is asked to confirm, with the reason to give. POST: the version is withdrawn — kept
    in the history, no longer shown to the public; a reason the service refuses (too long) shows the page
    again with the reason under the field and the text kept."""
    track: SubtitleTrack = get_visible_or_404(selectors.track_list(user=request.user), pk=pk)
    if not request.user.has_perm("localization.upload_track", track.film):
        raise PermissionDenied
    back = redirect("localization:track_detail", pk=track.pk)
    if track.state == TrackState.WITHDRAWN:  # a second click, another tab: nothing changes
        messages.info(request, _("This version is already withdrawn."))
        return back
    if request.method == "GET":
        return _page(request, track, TrackWithdrawForm())
    form = TrackWithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.track_withdraw(actor=request.user, track=track, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The version was withdrawn; the public no longer sees it."))
            return back
    return _page(request, track, form, status=400)
