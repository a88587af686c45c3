"""Entries: a producer's direct submission, an agency's nomination and its sign-off, the automatic
eligibility check and the programmer's decisions (core workflow transitions, each audited)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from korkyt.accounts.models import Role
from korkyt.accounts.rules import institution_ids
from korkyt.catalogue.models import CountryRole, Film, TrackKind, TrackStatus
from korkyt.core.actors import Actor, saved_user
from korkyt.core.audit import audit_log
from korkyt.core.images.files import image_extension
from korkyt.core.permissions import SYSTEM
from korkyt.core.timezones import wall_time
from korkyt.core.uploads import (
    DOCUMENT_TYPES,
    document_types_message,
    max_upload_bytes,
    sniff_document,
    too_large_message,
)
from korkyt.core.validation import Errors, add_error, raise_errors, require_perm
from korkyt.core.workflow import transition_apply
from korkyt.festival import eligibility
from korkyt.festival.models import (
    Call,
    Nomination,
    Premiere,
    Route,
    Section,
    Submission,
    SubmissionStatus,
    WaiverCode,
)
from korkyt.festival.services.texts import NOTE_MAX, check_length

S = SubmissionStatus
COUNTED = (S.SUBMITTED, S.INCOMPLETE, S.ELIGIBLE, S.IN_REVIEW, S.SHORTLISTED, S.SELECTED, S.NOT_SELECTED)
EDITABLE = (S.DRAFT, S.INCOMPLETE, S.INELIGIBLE)


def _film_country(film: Film) -> str:
    rows = sorted(film.countries.all(), key=lambda c: (c.role != CountryRole.MAJORITY, c.position))
    return str(rows[0].country) if rows else ""


def screening_languages(film: Film) -> list[str]:
    """The language tags the film can be screened in: its available subtitle and dub tracks."""
    tags = film.tracks.filter(
        kind__in=[TrackKind.SUBTITLES, TrackKind.DUB], status=TrackStatus.AVAILABLE
    ).values_list("language", flat=True)
    return sorted(set(tags))


def _check_screener(errors: Errors, screener_url: str | None, screener_password: str | None) -> None:
    """The screener's link (http or https) and password, each within its column."""
    url_max = Submission._meta.get_field("screener_url").max_length or 0
    password_max = Submission._meta.get_field("screener_password").max_length or 0
    if screener_url and len(screener_url) > url_max:
        add_error(
            errors,
            "screener_url",
            _("The address is too long: at most %(limit)d characters.") % {"limit": url_max},
        )
    elif screener_url and not screener_url.startswith(("https://", "http://")):
        add_error(errors, "screener_url", _("A screener link starts with https://."))
    if screener_password and len(screener_password) > password_max:
        add_error(errors, "screener_password", _("At most %(limit)d characters.") % {"limit": password_max})


def _entered_already(section: Section, film: Film) -> bool:
    return Submission.objects.filter(section=section, film=film).exclude(status=S.WITHDRAWN).exists()


def _check_entry_fields(
    errors: Errors, section: Section, film: Film, premiere: str, screener_url: str, screener_password: str
) -> None:
    """An entry's own fields, and the film not entered in the section yet: called with the section locked
    (``_locked``), so that two entries of the same film sent together are told apart here."""
    if premiere not in Premiere.values:
        add_error(errors, "premiere", _("Unknown premiere status."))
    _check_screener(errors, screener_url, screener_password)
    if _entered_already(section, film):
        add_error(errors, "film", _("This film is entered in this section already."))


def _locked(section: Section) -> Section:
    """The section's row read again and locked until the transaction ends: one entry into it at a time, so
    that the duplicate check and the nominations quota read what the entry before wrote."""
    return Section.objects.select_for_update().select_related("edition").get(pk=section.pk)


def _insert(**values: Any) -> Submission:
    """The entry's row; the film entered in the section already (an entry the check could not see yet,
    on a database without row locks) is refused as the check refuses it, not by the database."""
    try:
        with transaction.atomic():
            return Submission.objects.create(**values)
    except IntegrityError as exc:
        raise ValidationError({"film": [_("This film is entered in this section already.")]}) from exc


def submission_create(
    *,
    actor: Actor,
    section: Section,
    film: Film,
    premiere: str = Premiere.NONE,
    screener_url: str = "",
    screener_password: str = "",
    country: str = "",
    runtime: int | None = None,
) -> Submission:
    """A producer's direct submission (a draft), when the section takes them."""
    require_perm(actor, "festival.submit")
    errors: Errors = {}
    with transaction.atomic():
        section = _locked(section)
        if not section.direct_allowed:
            add_error(errors, "section", eligibility.reason_text({"code": "direct_not_allowed"}))
        _check_entry_fields(errors, section, film, premiere, screener_url, screener_password)
        country = country or _film_country(film)
        if not country:
            add_error(errors, "country", _("Name the country the film represents."))
        raise_errors(errors)
        user = saved_user(actor)
        if user is None:
            raise PermissionDenied(_("Sign in to submit a film."))
        sub = _insert(
            section=section,
            film=film,
            country=country,
            route=Route.DIRECT,
            submitted_by=user,
            premiere=premiere,
            runtime=runtime,
            screener_url=screener_url,
            screener_password=screener_password,
            screening_languages=screening_languages(film),
        )
        audit_log(obj=sub, action="festival.submission.create", actor=actor, data={"route": "direct"})
    return sub


def nomination_create(
    *,
    actor: Actor,
    section: Section,
    film: Film,
    agency: Any,
    premiere: str = Premiere.NONE,
    screener_url: str = "",
    screener_password: str = "",
    runtime: int | None = None,
) -> Submission:
    """A national agency nominates a film (an editor of the agency), up to the section's quota per
    country; it goes forward once the agency's head signs it off."""
    user = saved_user(actor)
    if user is None or (
        agency.pk not in institution_ids(actor, Role.EDITOR) and not getattr(actor, "is_superuser", False)
    ):
        raise PermissionDenied(_("You may not do this."))
    errors: Errors = {}
    with transaction.atomic():
        section = _locked(section)
        _check_entry_fields(errors, section, film, premiere, screener_url, screener_password)
        taken = (
            Submission.objects.filter(section=section, agency=agency)
            .exclude(status__in=[S.WITHDRAWN, S.INELIGIBLE])
            .count()
        )
        if section.max_per_country is not None and taken >= section.max_per_country:
            add_error(
                errors,
                "section",
                _("Your agency has nominated %(count)s films here, the most this section takes.")
                % {"count": taken},
            )
        raise_errors(errors)
        sub = _insert(
            section=section,
            film=film,
            country=str(agency.country),
            route=Route.NOMINATION,
            agency=agency,
            nomination=Nomination.NOMINATED,
            submitted_by=user,
            premiere=premiere,
            runtime=runtime,
            screener_url=screener_url,
            screener_password=screener_password,
            screening_languages=screening_languages(film),
        )
        audit_log(obj=sub, action="festival.submission.nominate", actor=actor, data={"agency": agency.code})
    return sub


def nomination_sign_off(*, actor: Actor, submission: Submission) -> Submission:
    """The agency's head signs a nomination off: it is submitted and checked at once."""
    require_perm(actor, "festival.sign_off_nomination", submission)
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.nomination != Nomination.NOMINATED:
            raise ValidationError({"nomination": [_("This nomination is signed off already.")]})
        before = locked.nomination
        Submission.objects.filter(pk=submission.pk).update(
            nomination=Nomination.SIGNED_OFF, signed_off_by=saved_user(actor), signed_off_at=timezone.now()
        )
        submission.refresh_from_db()
        audit_log(
            obj=submission,
            action="festival.submission.sign_off",
            actor=actor,
            changes={"nomination": (before, Nomination.SIGNED_OFF)},
        )
        if submission.status == S.DRAFT:
            submission_submit(actor=actor, submission=submission)
    return submission


def submission_update(
    *,
    actor: Actor,
    submission: Submission,
    premiere: str | None = None,
    runtime: int | None = None,
    screener_url: str | None = None,
    screener_password: str | None = None,
    stills: Any = None,
    press_kit: Any = None,
) -> Submission:
    """The entrant completes their entry while it is a draft, incomplete or ineligible."""
    require_perm(actor, "festival.change_submission", submission)
    errors: Errors = {}
    if submission.status not in EDITABLE:
        add_error(errors, "status", _("The entry can no longer be changed."))
    if premiere is not None and premiere not in Premiere.values:
        add_error(errors, "premiere", _("Unknown premiere status."))
    _check_screener(errors, screener_url, screener_password)
    for name, upload in (("stills", stills), ("press_kit", press_kit)):
        if upload is None:
            continue
        if (getattr(upload, "size", 0) or 0) > max_upload_bytes():
            add_error(errors, name, too_large_message())
            continue
        # judged by content, never by the name or the browser's type; kept under a name the platform gives
        if name == "stills":
            extension = image_extension(upload)
            if extension is None:
                add_error(errors, name, _("The stills must be a JPEG, PNG or WebP image."))
        else:
            kind = sniff_document(upload)
            extension = DOCUMENT_TYPES[kind][0] if kind else None
            if extension is None:
                add_error(errors, name, document_types_message())
        if extension is not None:
            upload.name = f"{name.replace('_', '-')}.{extension}"
    raise_errors(errors)
    with transaction.atomic():
        for field, value in (
            ("premiere", premiere),
            ("runtime", runtime),
            ("screener_url", screener_url),
            ("screener_password", screener_password),
            ("stills", stills),
            ("press_kit", press_kit),
        ):
            if value is not None:
                setattr(submission, field, value)
        submission.screening_languages = screening_languages(submission.film)
        submission.save()
    return submission


def _call_refusal(call: Call | None) -> str:
    """Why an entry sent now is refused: the call is closed, not open yet, or past its last deadline
    (times as the festival's, its time zone named)."""
    now = timezone.now()
    if call is None or not call.is_open:
        return _("The call for entries is not open.")
    tz = call.edition.tz
    if now < call.opens_at:
        return _("The call for entries opens on %(when)s.") % {"when": wall_time(call.opens_at, tz)}
    last = call.deadlines.order_by("closes_at").last()
    if last is None:
        return _("The call for entries is not open.")
    return _(
        "The last deadline (%(tier)s, %(when)s) has passed: late entries are refused. A waiver code that "
        "admits late entries lets the entry in."
    ) % {
        "tier": last.get_tier_display(),
        "when": wall_time(last.closes_at, tz),
    }


def draft_refusal(section: Section) -> str:
    """Why no draft is kept for ``section`` now, or "": a draft is saved to be sent in time, so not once
    the section's entries have closed or the call is past its last deadline (a waiver code that admits
    late entries is used by sending at once). A call yet to open takes drafts."""
    from korkyt.festival.services.editions import current_tier

    now = timezone.now()
    if section.entries_close_at and now > section.entries_close_at:
        return _(
            "Entries to this section closed on %(when)s. A waiver code that admits late entries lets "
            "the entry in."
        ) % {"when": wall_time(section.entries_close_at, section.edition.tz)}
    call = Call.objects.filter(edition=section.edition_id).first()
    if call is None or not call.is_open or now < call.opens_at or current_tier(call) is not None:
        return ""
    return _call_refusal(call) if call.deadlines.exists() else ""


def submission_submit(*, actor: Actor, submission: Submission, waiver_code: str = "") -> Submission:
    """Send a draft (or an incomplete or ineligible entry again): within the call's deadlines (or with a
    waiver code that admits late entries), a nomination once signed off; then the eligibility check."""
    from korkyt.festival.services.editions import current_tier

    errors: Errors = {}
    section = submission.section
    call = Call.objects.filter(edition=section.edition_id).first()  # fresh: it may have closed
    deadline = current_tier(call) if call is not None else None
    waiver = None
    if waiver_code:
        waiver = WaiverCode.objects.filter(call=call, code=waiver_code.strip()).first() if call else None
        if waiver is None or waiver.used >= waiver.max_uses:
            add_error(errors, "waiver_code", _("This waiver code is unknown or used up."))
    # a code that admits late entries lets one in after the last deadline, never into a call that is
    # closed or not open yet; the entry is in the call's last tier
    last = None
    opened = call is not None and call.is_open and timezone.now() >= call.opens_at
    if call is not None and opened and waiver is not None and waiver.late_entry:
        last = call.deadlines.order_by("closes_at").last()
    late_waiver = last is not None
    if deadline is None and not late_waiver:
        add_error(errors, "section", _call_refusal(call))
    elif not late_waiver and section.entries_close_at and timezone.now() > section.entries_close_at:
        add_error(
            errors,
            "section",
            _(
                "Entries to this section closed on %(when)s. A waiver code that admits late entries lets "
                "the entry in."
            )
            % {"when": wall_time(section.entries_close_at, section.edition.tz)},
        )
    if submission.route == Route.NOMINATION and submission.nomination != Nomination.SIGNED_OFF:
        add_error(errors, "nomination", _("The agency's head signs the nomination off first."))
    raise_errors(errors)
    name = "submit" if submission.status == S.DRAFT else "resubmit"
    before = submission.status
    with transaction.atomic():
        values: dict[str, Any] = {"submitted_at": timezone.now()}
        tier = deadline or last  # one of them: refused above otherwise
        values["deadline_tier"] = tier.tier if tier is not None else ""
        if waiver is not None:
            updated = WaiverCode.objects.filter(pk=waiver.pk, used__lt=F("max_uses")).update(
                used=F("used") + 1
            )
            if not updated:
                raise ValidationError({"waiver_code": [_("This waiver code is unknown or used up.")]})
            values["waiver"] = waiver
        transition_apply(actor=actor, obj=submission, name=name, values=values)
        eligibility_check(submission=submission)
        if saved_user(actor) != submission.submitted_by:  # e.g. the agency head's sign-off
            _tell_if_kept_out(submission, before=before)
    return submission


def _tell_if_kept_out(submission: Submission, *, before: str) -> None:
    """Mail the entrant that the check has just kept their entry out (incomplete or ineligible), when
    they were not there to read it on the page; an entry that was kept out already is not told again."""
    if submission.status in (S.INCOMPLETE, S.INELIGIBLE) and submission.status != before:
        from korkyt.festival.notifications import decision_mail

        decision_mail(submission)


def _entry(submission: Submission) -> eligibility.Entry:
    film = submission.film
    return eligibility.Entry(
        year=film.year,
        runtime=submission.runtime or film.runtime,
        country=str(submission.country),
        premiere=submission.premiere,
        languages=tuple(submission.screening_languages),
        has_screener=bool(submission.screener_url),
        film_id=film.pk,
    )


def eligibility_check(*, submission: Submission) -> list[eligibility.Reason]:
    """Check a submitted entry against its section's rules and move it to eligible, incomplete or
    ineligible (the platform's own transition, audited with the reasons)."""
    with transaction.atomic():
        submission.screening_languages = screening_languages(submission.film)
        others = (
            Submission.objects.filter(
                section=submission.section, country=submission.country, status__in=COUNTED
            )
            .exclude(pk=submission.pk)
            .exclude(status__in=[S.SUBMITTED, S.INCOMPLETE])
            .count()
        )
        reasons = eligibility.check(submission.section, _entry(submission), country_count=others)
        transition_apply(
            actor=SYSTEM,
            obj=submission,
            name=eligibility.outcome(reasons),
            values={"eligibility": reasons, "screening_languages": submission.screening_languages},
            data={"reasons": [r["code"] for r in reasons]},
        )
    return reasons


DECISIONS = ("admit", "start_review", "shortlist", "select", "decline", "reconsider", "withdraw", "set_aside")


def submission_decide(*, actor: Actor, submission: Submission, name: str, note: str = "") -> Submission:
    """A programmer's (or the entrant's withdraw) decision: a workflow transition, audited with the note."""
    if name not in DECISIONS:
        raise ValidationError({"transition": [_("Unknown transition: %(name)s.") % {"name": name}]})
    if name == "set_aside" and not note.strip():  # staff remove someone's entry: the record says why
        raise ValidationError({"note": [_("Say why.")]})
    errors: Errors = {}
    check_length(errors, "note", note, NOTE_MAX)
    raise_errors(errors)
    values: dict[str, Any] = {}
    if name in ("select", "decline"):
        values["decided_at"] = timezone.now()
    with transaction.atomic():
        transition_apply(
            actor=actor, obj=submission, name=name, values=values, data={"note": note} if note else None
        )
        if name == "select":  # the section's jurors: conflicts the catalogue shows with this film
            from korkyt.festival.services.jury import conflicts_detect

            for juror in submission.section.jury.select_related("user"):
                conflicts_detect(juror=juror, submission=submission)
        if name in ("select", "decline"):
            from korkyt.festival.notifications import decision_mail

            decision_mail(submission)
    return submission


def eligibility_recheck_start(*, actor: Actor, edition: Any) -> Any:
    """Queue the check of every incomplete or ineligible entry of the edition again (a core job)."""
    from korkyt.core.jobs.services import enqueue, job_create

    require_perm(actor, "festival.manage_edition", edition)
    with transaction.atomic():
        total = Submission.objects.filter(
            section__edition=edition, status__in=[S.INCOMPLETE, S.INELIGIBLE]
        ).count()
        job = job_create(kind="festival.recheck_eligibility", subject=edition, total=total, created_by=actor)
        enqueue(job, "festival.recheck_eligibility", edition_id=edition.pk)
    return job


def eligibility_recheck(*, edition_id: int, progress: Any = None) -> dict[str, int]:
    """Check every incomplete or ineligible entry of the edition again (idempotent: an entry found
    eligible is not checked twice). Returns how many are now eligible, incomplete and ineligible."""
    ids = list(
        Submission.objects.filter(section__edition=edition_id, status__in=[S.INCOMPLETE, S.INELIGIBLE])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    counts = {"eligible": 0, "incomplete": 0, "ineligible": 0}
    for done, pk in enumerate(ids, start=1):
        with transaction.atomic():
            sub = Submission.objects.select_related("section", "film").get(pk=pk)
            if sub.status in (S.INCOMPLETE, S.INELIGIBLE):
                before = sub.status
                transition_apply(actor=SYSTEM, obj=sub, name="recheck")
                eligibility_check(submission=sub)
                _tell_if_kept_out(sub, before=before)
            counts[str(sub.status)] = counts.get(str(sub.status), 0) + 1
        if progress is not None:
            progress(done, total=len(ids))
    return counts


def _new_film_field(key: str) -> str:
    """The entry form's field for a new film of the catalogue's error key (``film_create``)."""
    if key == "titles[0].language":
        return "new_language"
    for prefix, field in (("titles", "new_title"), ("year", "new_year"), ("countries", "new_countries")):
        if key.startswith(prefix):
            return field
    return key


def entry_film_create(
    *,
    actor: Actor,
    edition: Any,
    title: str,
    language: str,
    year: int | None = None,
    runtime: int | None = None,
    countries: Sequence[str] = (),
    directors: Sequence[str] = (),
    agency: Any = None,
) -> tuple[Film, bool]:
    """A film not in the catalogue yet, entered with its entry: catalogued through the catalogue's own
    services as a draft (it becomes public when selected: ``submission_film_to_catalogue``), with its
    original title and its directors credited. An agency editor's film is catalogued by their agency; a
    producer's by the edition's first organising institution (the festival catalogues it for them). When
    the catalogue holds the film already (``duplicate_of``: the same original title, year and a director
    of the same name), among the films the actor may see or has entered before, that film is used and
    nothing is created.
    Answers (film, created)."""
    from korkyt.catalogue.models import CreditRole, FilmStatus, Person, TitleKind
    from korkyt.catalogue.selectors import film_visible
    from korkyt.catalogue.services import credit_create, film_create, person_create
    from korkyt.catalogue.services.films import duplicate_of
    from korkyt.search.selectors import people_named

    require_perm(actor, "festival.submit")
    errors: Errors = {}
    names = [d.strip() for d in directors if d.strip()]
    if not title.strip():
        add_error(errors, "new_title", _("Give the film's original title."))
    owner = agency if agency is not None else edition.organisers.order_by("pk").first()
    if owner is None:
        add_error(
            errors,
            "film",
            _("Give the film's catalogue number: this edition names no institution to catalogue new films."),
        )
    raise_errors(errors)
    # Only among the films the entrant may see or has entered before (a producer's film is catalogued
    # by the organiser): another institution's draft is not theirs to enter, nor to learn of.
    seen = film_visible(actor)
    entrant = saved_user(actor)
    if entrant is not None:
        seen = seen | Film.objects.filter(festival_submissions__submitted_by=entrant)
    twin = (
        duplicate_of(films=seen, original_title=title.strip(), year=year, directors=names) if names else None
    )
    if twin is not None:
        return twin, False
    # A producer is no catalogue editor: the festival's organiser catalogues the draft on their behalf.
    cataloguer = actor if agency is not None else SYSTEM
    with transaction.atomic():
        try:
            film = film_create(
                actor=cataloguer,
                owner=owner,
                titles=[{"text": title.strip(), "language": language, "kind": TitleKind.ORIGINAL}],
                year=year,
                runtime=runtime,
                countries=list(countries),
                status=FilmStatus.DRAFT,
            )
        except ValidationError as exc:  # the catalogue's refusal, named under the entry form's own fields
            if not hasattr(exc, "error_dict"):
                raise
            raise ValidationError({_new_film_field(key): v for key, v in exc.message_dict.items()}) from exc
        for order, name in enumerate(names, start=1):
            # A director the catalogue knows by this name, in any script, is credited, not made twice;
            # two people of that name: a new one, for the editors to merge or tell apart.
            known = people_named(name, language)
            person = (
                Person.objects.get(pk=known[0])
                if len(known) == 1
                else person_create(
                    actor=cataloguer, names=[{"text": name, "language": language}], owner=owner
                )
            )
            credit_create(
                actor=cataloguer, film=film, role=CreditRole.DIRECTOR, person=person, billing_order=order
            )
        audit_log(
            obj=film,
            action="festival.entry.film_create",
            actor=actor,
            data={"edition": edition.number, "directors": names},
        )
    return film, True
