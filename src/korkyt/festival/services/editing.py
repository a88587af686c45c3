"""Changing an edition after it is created: its facts and announcement time, a section's rules, the
review form's criteria, and the people of its jury and selection committee. Saves of editions and
sections are recorded by the core audit (fields before → after); the criteria and the people write their
own entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from korkyt.accounts.models import Role
from korkyt.accounts.services import role_revoke
from korkyt.core.actors import Actor, saved_user
from korkyt.core.audit import audit_log
from korkyt.core.permissions import SYSTEM
from korkyt.core.validation import Errors, add_error, clean_tag, full_clean_into, raise_errors, require_perm
from korkyt.festival.models import (
    Assignment,
    AwardWinner,
    CommitteeMember,
    Criterion,
    Edition,
    JuryMember,
    Premiere,
    Review,
    Section,
)
from korkyt.festival.services.editions import CriterionData, check_criteria, criterion_write
from korkyt.festival.services.selection import review_total
from korkyt.festival.services.texts import EDITION_NOTES_MAX, check_length


def edition_update(
    *,
    actor: Actor,
    edition: Edition,
    city: str,
    country: str,
    starts_on: dt.date,
    ends_on: dt.date,
    venues: Sequence[str] = (),
    results_at: dt.datetime | None = None,
    notes: str = "",
    language: str | None = None,
    source_url: str = "",
    organisers: Sequence[Any] | None = None,
    memorandum: Any = None,
    area: Any = None,
    time_zone: str | None = None,
) -> Edition:
    """The edition's staff change its facts (``language``: the one the venues and notes are written in,
    None: unchanged), its time zone (None: unchanged; the screenings keep their moments) and the
    announcement time (``results_at``: the awards are public from then on; empty: public at once), its
    organising institutions (None: unchanged) and the memorandum and area it runs under: the edition is
    recorded as that memorandum's activity (and no longer counted under the one it had before)."""
    from korkyt.festival.services.editions import check_edition_dates
    from korkyt.institutions.services import check_activity_link

    require_perm(actor, "festival.manage_edition", edition)
    errors: Errors = {}
    time_zone = edition.time_zone if time_zone is None else time_zone.strip()
    check_edition_dates(
        edition=edition,
        starts_on=starts_on,
        ends_on=ends_on,
        results_at=results_at,
        time_zone=time_zone,
        errors=errors,
    )
    check_memorandum(memorandum, area, errors)
    kept = memorandum == edition.memorandum and area == edition.area
    check_activity_link(actor, memorandum, errors, changed=not kept)  # counted in its public report
    check_length(errors, "notes", notes, EDITION_NOTES_MAX)
    edition.memorandum = memorandum
    edition.area = area
    edition.city = city.strip()
    edition.country = country
    edition.starts_on = starts_on
    edition.ends_on = ends_on
    edition.venues = [v.strip() for v in venues if v.strip()]
    edition.results_at = results_at
    edition.time_zone = time_zone
    edition.notes = notes
    if language is not None:
        edition.language = language.strip()
    edition.source_url = source_url
    full_clean_into(edition, errors, exclude=["number", "memorandum", "area"])
    if not errors:
        check_published_screenings(edition, errors)
    if errors:
        edition.refresh_from_db()  # refused: the edition the caller holds is as it was
    raise_errors(errors)
    with transaction.atomic():
        edition.save()
        if organisers is not None:
            edition.organisers.set(organisers)  # the core audit records the change (m2m)
        record_under_memorandum(edition)
    return edition


def check_published_screenings(edition: Edition, errors: Errors) -> None:
    """New dates (or a new time zone) must keep the published programme's screenings on the festival's
    days: their tickets are sold and people hold them in their calendars. Staff move or cancel those
    screenings first (each move tells its ticket holders); refused on the date that would strand them."""
    from korkyt.festival.programme.selectors import published_off_days
    from korkyt.festival.programme.tickets import when_text
    from korkyt.festival.selectors import submission_title

    for field, off in zip(("starts_on", "ends_on"), published_off_days(edition), strict=True):
        if off:
            first = off[0]
            add_error(
                errors,
                field,
                ngettext(
                    "A screening of the published programme would fall outside the festival's days: "
                    "“%(title)s” (%(when)s). Move or cancel it first.",
                    "%(n)s screenings of the published programme would fall outside the festival's days, "
                    "the first “%(title)s” (%(when)s). Move or cancel them first.",
                    len(off),
                )
                % {"n": len(off), "title": submission_title(first.submission).text, "when": when_text(first)},
            )


def check_memorandum(memorandum: Any, area: Any, errors: Errors) -> None:
    """A memorandum needs its area of cooperation, an area its memorandum, and the memorandum covers it."""
    if memorandum is not None and area is None:
        add_error(errors, "area", _("Name the area of cooperation the edition is held under."))
    if area is not None and memorandum is None:
        add_error(errors, "memorandum", _("Choose the memorandum the area belongs to."))
    if memorandum is not None and area is not None and not memorandum.areas.filter(pk=area.pk).exists():
        add_error(errors, "area", _("This memorandum does not cover that area of cooperation."))


def record_under_memorandum(edition: Edition) -> None:
    """Count the edition in its memorandum's report, dated by its first day (or nowhere without one)."""
    from korkyt.institutions.services import activity_forget, activity_record

    rows = edition.memorandum_activities.all()
    if edition.memorandum is None or edition.area is None:
        activity_forget(activity=edition)
        return
    rows.exclude(memorandum=edition.memorandum, area=edition.area).delete()
    activity_record(
        memorandum=edition.memorandum, area=edition.area, activity=edition, happened_on=edition.starts_on
    )


def section_update(
    *,
    actor: Actor,
    section: Section,
    year_from: int | None = None,
    year_to: int | None = None,
    runtime_min: int | None = None,
    runtime_max: int | None = None,
    countries_allowed: Sequence[str] = (),
    premiere: str = Premiere.NONE,
    jury_languages: Sequence[str] = (),
    max_per_country: int | None = None,
    direct_allowed: bool = True,
    reviews_per_entry: int = 3,
    entries_close_at: dt.datetime | None = None,
) -> Section:
    """A section's entry rules and its own deadline. Entries already checked keep their answer until the
    staff check them again (the manage page's "Check again"); entries already sent stay when the
    section's deadline moves earlier."""
    from korkyt.festival.services.editions import check_entries_close

    require_perm(actor, "festival.manage_edition", section.edition)
    errors: Errors = {}
    check_entries_close(entries_close_at, errors)
    if year_from and year_to and year_to < year_from:
        add_error(errors, "year_to", _("The range ends after it starts."))
    if runtime_min and runtime_max and runtime_max < runtime_min:
        add_error(errors, "runtime_max", _("The range ends after it starts."))
    codes = []
    for code in countries_allowed:
        code = code.strip().upper()
        if code not in countries:
            add_error(errors, "countries", _("Unknown country “%(code)s”.") % {"code": code[:20]})
        elif code not in codes:
            codes.append(code)
    langs = [clean_tag(t, "jury_languages", errors) for t in jury_languages if t.strip()]
    if premiere not in Premiere.values:
        add_error(errors, "premiere", _("Unknown premiere status."))
    if not 1 <= reviews_per_entry <= 20:
        add_error(errors, "reviews_per_entry", _("Give a number from 1 to 20."))
    section.year_from = year_from
    section.year_to = year_to
    section.runtime_min = runtime_min
    section.runtime_max = runtime_max
    section.countries = codes
    section.premiere = premiere
    section.jury_languages = [t for t in dict.fromkeys(langs) if t]
    section.max_per_country = max_per_country
    section.direct_allowed = direct_allowed
    section.reviews_per_entry = reviews_per_entry
    section.entries_close_at = entries_close_at
    full_clean_into(section, errors, exclude=["edition", *errors])
    raise_errors(errors)
    with transaction.atomic():
        section.save()
    return section


def _criterion_state(c: Criterion) -> list[Any]:
    return [c.code, dict(sorted(c.label_texts().items())), str(c.weight), c.max_score]


def criteria_set(*, actor: Actor, section: Section, criteria: Sequence[CriterionData]) -> list[Criterion]:
    """Replace the section's review form. Once reviewers have scored, the list of criteria (their codes)
    and their highest scores stay; labels and weights may change, and the reviews' totals are counted
    again with the new weights."""
    require_perm(actor, "festival.manage_edition", section.edition)
    errors: Errors = {}
    codes = [c.code for c in criteria]
    labels = check_criteria(criteria, errors)
    reviews = Review.objects.filter(assignment__submission__section=section).exclude(scores={})
    current = {c.code: c for c in section.criteria.prefetch_related("labels")}
    if reviews.exists():
        changed_scale = [
            c.code for c in criteria if c.code in current and current[c.code].max_score != c.max_score
        ]
        if set(codes) != set(current) or changed_scale:
            add_error(
                errors,
                "criteria",
                _(
                    "Reviewers have scored with these criteria: their labels and weights may change, not "
                    "the list or the highest scores."
                ),
            )
    raise_errors(errors)
    before = [_criterion_state(c) for c in current.values()]
    with transaction.atomic():
        kept = [
            criterion_write(section, c, texts, i)
            for i, (c, texts) in enumerate(zip(criteria, labels, strict=True))
        ]
        section.criteria.exclude(pk__in=[r.pk for r in kept]).delete()
        for review in reviews.select_for_update():
            total = review_total(kept, review.scores) if review.submitted_at else review.total
            if total != review.total:
                review.total = total
                review.save(update_fields=["total", "updated_at"])
        audit_log(
            obj=section.edition,
            action="festival.section.criteria",
            actor=actor,
            data={
                "section": section.kind,
                "before": before,
                "after": [_criterion_state(r) for r in kept],
            },
        )
    return kept


def juror_remove(*, actor: Actor, juror: JuryMember) -> None:
    """Take a juror off a section's jury (with their viewing, scores and conflicts); the juror role on the
    edition goes when they sit on no other jury of it. Refused once the results are final (the
    deliberation they took part in is the published one)."""
    from korkyt.festival.services.jury import refuse_once_final

    require_perm(actor, "festival.manage_edition", juror.edition)
    refuse_once_final(juror.edition, "juror")
    _juror_take_off(actor, juror)


def _juror_take_off(actor: Actor, juror: JuryMember) -> None:
    edition = juror.edition
    with transaction.atomic():
        audit_log(
            obj=juror,
            action="festival.jurymember.remove",
            actor=actor,
            data={"section": juror.section.kind, "juror_user_id": juror.user_id},
        )
        user, juror_pk = juror.user, juror.pk
        juror.delete()
        if not JuryMember.objects.filter(edition=edition, user=user).exclude(pk=juror_pk).exists():
            role_revoke(  # staff; checked above
                actor=SYSTEM, user=user, role=Role.JUROR, scope=edition, on_behalf_of=saved_user(actor)
            )


def committee_remove(*, actor: Actor, member: CommitteeMember) -> None:
    """Take a reviewer off the selection committee. Their submitted reviews stay; the assignments they
    have not reviewed yet go, so the entries can be given to someone else."""
    edition = member.edition
    require_perm(actor, "festival.manage_edition", edition)
    with transaction.atomic():
        open_ones = Assignment.objects.filter(
            submission__section__edition=edition, reviewer=member.user
        ).exclude(review__submitted_at__isnull=False)
        dropped = open_ones.count()
        open_ones.delete()
        audit_log(
            obj=edition,
            action="festival.edition.committee_remove",
            actor=actor,
            data={"reviewer_user_id": member.user_id, "assignments_dropped": dropped},
        )
        user = member.user
        member.delete()
        role_revoke(  # staff; checked above
            actor=SYSTEM, user=user, role=Role.REVIEWER, scope=edition, on_behalf_of=saved_user(actor)
        )


def submission_film_to_catalogue(*, actor: Actor, submission: Any) -> tuple[Any, str]:
    """Put a selected entry's film in the public catalogue, in one action that may be run again.

    An entry always names a catalogue film, but an agency's film may still be a draft there. If the
    catalogue already holds the same film published (same original title and year, a director of the same
    name: ``catalogue.services.duplicate_of``), the entry and its awards are linked to that one and the
    draft is left alone; else the draft is published. Answers (film, outcome) with outcome ``"published"``,
    ``"linked"`` or ``"already"`` (the film was public already: nothing changes, no second film)."""
    from korkyt.catalogue.models import CreditRole, Film, FilmStatus, TitleKind
    from korkyt.catalogue.services import film_update
    from korkyt.catalogue.services.films import duplicate_of
    from korkyt.festival.models import AwardWinner, Submission, SubmissionStatus

    require_perm(actor, "festival.manage_edition", submission.section.edition)
    with transaction.atomic():
        sub = Submission.objects.select_for_update().select_related("film").get(pk=submission.pk)
        if sub.status != SubmissionStatus.SELECTED:
            raise ValidationError({"submission": [_("Only selected films go to the catalogue from here.")]})
        film = sub.film
        if film.status == FilmStatus.PUBLISHED:
            return film, "already"
        original = next(
            (t.text for t in film.titles.all() if t.kind == TitleKind.ORIGINAL and not t.generated), ""
        )
        directors = [
            n.text
            for c in film.credits.filter(role=CreditRole.DIRECTOR, person__isnull=False).select_related(
                "person"
            )
            if c.person is not None
            for n in c.person.names.all()
        ]
        published = Film.objects.filter(status=FilmStatus.PUBLISHED).exclude(pk=film.pk)
        twin = (
            duplicate_of(films=published, original_title=original, year=film.year, directors=directors)
            if original
            else None
        )
        if twin is not None and twin.pk != film.pk and twin.status == FilmStatus.PUBLISHED:
            if (
                Submission.objects.filter(section=sub.section, film=twin)
                .exclude(status=SubmissionStatus.WITHDRAWN)
                .exclude(pk=sub.pk)
                .exists()
            ):
                raise ValidationError(
                    {"film": [_("The catalogue's copy of this film is entered in this section already.")]}
                )
            old = sub.film_id
            sub.film = twin
            sub.save(update_fields=["film", "updated_at"])
            AwardWinner.objects.filter(submission=sub, film_id=old).update(film=twin)
            audit_log(
                obj=sub,
                action="festival.submission.catalogue",
                actor=actor,
                data={"linked": twin.pk, "draft": old},
            )
            return twin, "linked"
        film_update(  # staff; checked above
            actor=SYSTEM, film=film, status=FilmStatus.PUBLISHED, on_behalf_of=saved_user(actor)
        )
        audit_log(obj=sub, action="festival.submission.catalogue", actor=actor, data={"published": film.pk})
        return film, "published"


def section_delete(*, actor: Actor, section: Section) -> None:
    """Delete a section with its review form, jury and awards, only while nobody has entered a film in
    it (withdrawn entries count: they keep their history)."""
    require_perm(actor, "festival.manage_edition", section.edition)
    with transaction.atomic():
        locked = Section.objects.select_for_update().get(pk=section.pk)
        entries = locked.submissions.count()
        if entries:
            raise ValidationError(
                {
                    "section": [
                        _(
                            "This section has %(n)s entries: it cannot be deleted. Close the call or leave "
                            "the section without a jury instead."
                        )
                        % {"n": entries}
                    ]
                }
            )
        if AwardWinner.objects.filter(award__section=locked).exists():
            raise ValidationError({"section": [_("An award of this section has been given already.")]})
        audit_log(
            obj=locked.edition,
            action="festival.section.delete",
            actor=actor,
            data={
                "section": locked.kind,
                "criteria": list(locked.criteria.values_list("code", flat=True)),
                "juror_user_ids": list(locked.jury.values_list("user_id", flat=True)),
                "awards": list(locked.awards.values_list("code", flat=True)),
            },
        )
        for juror in locked.jury.select_related("user", "edition", "section"):
            _juror_take_off(actor, juror)  # a section without entries: no scores to keep, final or not
        locked.delete()


def juror_person_set(*, actor: Actor, juror: JuryMember, person: Any) -> JuryMember:
    """Link a juror to their catalogue person (None: no link). The conflicts found from the credits of
    the person they were linked to before go; those of the new person are found at once (a new conflict
    takes back the juror's vote on the film). Declared conflicts stay. Refused once the results are final:
    it would change the published deliberation."""
    from korkyt.festival.models import Conflict, ConflictSource
    from korkyt.festival.services.jury import conflicts_detect, refuse_once_final

    require_perm(actor, "festival.manage_edition", juror.edition)
    refuse_once_final(juror.edition, "person")
    with transaction.atomic():
        juror = JuryMember.objects.select_for_update().select_related("user", "section").get(pk=juror.pk)
        if juror.person_id == getattr(person, "pk", None):
            return juror
        juror.person = person
        juror.save(update_fields=["person"])  # the core audit records the person before → after
        Conflict.objects.filter(juror=juror, source=ConflictSource.CREDIT).delete()
        conflicts_detect(juror=juror)
    return juror


def committee_person_set(*, actor: Actor, member: CommitteeMember, person: Any) -> int:
    """Link a reviewer to their catalogue person (None: no link). The entries they are assigned to but
    have not reviewed yet and now conflict with (``reviewer_conflicts``: credited on the film, its
    company, the nominating agency) are taken from them, so the assignment can give them to someone
    else. Answers how many assignments went. Audited before → after."""
    from korkyt.festival.services.selection import reviewer_conflicts

    edition = member.edition
    require_perm(actor, "festival.manage_edition", edition)
    with transaction.atomic():
        member = (
            CommitteeMember.objects.select_for_update(of=("self",)).select_related("user").get(pk=member.pk)
        )
        before = member.person_id
        member.person = person
        member.save(update_fields=["person"])
        open_ones = (
            Assignment.objects.filter(submission__section__edition=edition, reviewer=member.user)
            .exclude(review__submitted_at__isnull=False)
            .select_related("submission")
        )
        entries = [a.submission for a in open_ones]
        conflicts = reviewer_conflicts(edition, entries, [member]) if entries else set()
        dropped = [a.pk for a in open_ones if (member.user_id, a.submission_id) in conflicts]
        Assignment.objects.filter(pk__in=dropped).delete()
        audit_log(
            obj=edition,
            action="festival.edition.committee_person",
            actor=actor,
            changes={"person": (before, member.person_id)},
            data={"reviewer_user_id": member.user_id, "assignments_dropped": len(dropped)},
        )
    return len(dropped)
