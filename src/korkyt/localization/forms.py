"""Workbench forms. They collect input; the services validate and save it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from korkyt.accounts.models import Role, RoleAssignment, User
from korkyt.catalogue.selectors import film_original_title
from korkyt.core.forms import EMPTY_CHOICE, DayField, LangSelect, ModelChoiceField
from korkyt.core.http import id_from
from korkyt.core.labels import qa_profile_label
from korkyt.core.languages import content_language_choices, request_language
from korkyt.core.once import add_once_field
from korkyt.core.translations import Text
from korkyt.core.uploads import max_upload_mb
from korkyt.institutions.models import Memorandum
from korkyt.institutions.selectors import memorandum_title
from korkyt.localization.services.tracks import FRAME_RATES
from korkyt.subtitles import PROFILES


def _people(role: str) -> Any:
    holders = RoleAssignment.objects.active().filter(role=role).values("user_id")
    return User.objects.filter(pk__in=holders, is_active=True).order_by("username")


def _film_choice_label(film: Any) -> Text | str:
    """The film's original title and year, as a ``Text`` in the title's language (the option's ``lang``)."""
    title = film_original_title(film)
    if title is None:
        return f"#{film.pk} ({film.year})" if film.year else f"#{film.pk}"
    return Text(f"{title.text} ({film.year})" if film.year else title.text, title.lang)


class TrackUploadForm(forms.Form):
    """``films`` is every film the user may upload for (a queryset): the chosen id is checked against it,
    not against the (at most ``LISTED``) films shown in the list, and nothing is chosen silently."""

    LISTED = 500
    film = forms.IntegerField(label=_("Film"), widget=LangSelect)  # each title marked with its language
    language = forms.ChoiceField(label=_("Language of the subtitles"), choices=content_language_choices())
    file = forms.FileField(
        label=_("Subtitle file"),
        help_text=_("SRT, WebVTT, ASS/SSA, TTML, MicroDVD, MPL2 or DCP XML; any encoding."),
    )
    fps = forms.ChoiceField(
        label=_("Frame rate (optional)"),
        required=False,
        choices=[("", _("As the file says"))] + [(rate, rate) for rate in FRAME_RATES],
        help_text=_("Only for a MicroDVD file that does not say its frame rate: the rate of its video."),
    )
    video_url = forms.URLField(
        label=_("Video address (optional)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("An MP4 or WebM file the editor can play beside the subtitles."),
    )

    def __init__(self, *args: Any, films: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "SRT, WebVTT, ASS/SSA, TTML, MicroDVD, MPL2 or DCP XML; up to %(limit)d MB; any encoding."
        ) % {"limit": max_upload_mb()}
        self.films = films
        films_titled = films.prefetch_related("titles")  # each choice is labelled by its title
        listed = list(films_titled.order_by("-year", "pk")[: self.LISTED])
        wanted = self.data.get("film") if self.is_bound else self.initial.get("film")
        wanted_pk = id_from(str(wanted)) if isinstance(wanted, int | str) else None
        if wanted_pk is not None and all(f.pk != wanted_pk for f in listed):
            extra = films_titled.filter(pk=wanted_pk).first()
            if extra is not None:  # a film beyond the listed ones, asked for by id: shown first
                listed.insert(0, extra)
        choices = [("", EMPTY_CHOICE)] + [(f.pk, _film_choice_label(f)) for f in listed]
        self.fields["film"].widget.choices = choices  # type: ignore[attr-defined]

    def clean_film(self) -> Any:
        pk = self.cleaned_data["film"]
        film = self.films.filter(pk=pk).first() if pk is not None else None
        if film is None:
            raise forms.ValidationError(gettext("Choose a film you may upload subtitles for."))
        return film


class JobOrderForm(forms.Form):
    target_language = forms.ChoiceField(
        label=_("Target language and script"), choices=content_language_choices()
    )
    assignee = ModelChoiceField(label=_("Translator"), queryset=User.objects.none(), required=False)
    reviewer = ModelChoiceField(label=_("Reviewer"), queryset=User.objects.none())
    deadline = DayField(label=_("Deadline"), required=False)
    qa_profile = forms.ChoiceField(
        label=_("QA profile"),
        required=False,
        choices=[("", _("The target language's profile"))]
        + [(name, lazy(qa_profile_label, str)(name)) for name in PROFILES],
    )
    memorandum = ModelChoiceField(label=_("Memorandum"), queryset=Memorandum.objects.none(), required=False)

    def __init__(self, *args: Any, memoranda: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_once_field(self)  # sent twice (Back, then Order), it orders one job
        self.fields["assignee"].queryset = _people(Role.TRANSLATOR)  # type: ignore[attr-defined]
        self.fields["reviewer"].queryset = _people(Role.REVIEWER)  # type: ignore[attr-defined]
        if memoranda is not None:
            self.fields["memorandum"].queryset = memoranda  # type: ignore[attr-defined]
        self.fields["memorandum"].label_from_instance = _memorandum_label  # type: ignore[attr-defined]


def _memorandum_label(memorandum: Memorandum) -> Text:
    return memorandum_title(memorandum, request_language())


class FileImportForm(forms.Form):
    file = forms.FileField(label=_("File"))


class TrackWithdrawForm(forms.Form):
    """The reason for withdrawing a version, asked on the confirmation page. Its length is checked by
    ``services.track_withdraw``, which refuses a longer one with the reason: no ``maxlength`` cuts a paste."""

    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 40}),
    )
