"""The jury: jurors per competition section, conflicts of interest (from the catalogue's credits and
companies, or declared) with recusal, viewing before scoring, sealed scores, and awards with their
constraints and the jury's statements."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from korkyt.accounts.models import Role
from korkyt.catalogue.models import Credit
from korkyt.core.actors import Actor, saved_user
from korkyt.core.audit import audit_log
from korkyt.core.permissions import SYSTEM
from korkyt.core.validation import Errors, add_error, clean_texts, raise_errors, require_perm
from korkyt.festival.models import (
    Award,
    AwardKind,
    AwardStatement,
    AwardTranslation,
    AwardWinner,
    Conflict,
    ConflictSource,
    Edition,
    JuryMember,
    JuryVote,
    Section,
    Submission,
    SubmissionStatus,
)
from korkyt.festival.services.texts import NOTE_MAX, check_length
from korkyt.judging import awards as judging_awards

S = SubmissionStatus
STATEMENT_MAX = 5000


def refuse_once_final(edition: Edition, field: str) -> None:
    """Viewing, scores, recusals, the jury's people and award decisions are final once the edition's
    announcement time has passed (``selectors.results_final``); without an announcement time they stay
    open."""
    from korkyt.festival.selectors import results_final

    if results_final(edition):
        raise ValidationError(
            {field: [_("The results are published: the jury's work can no longer change.")]}
        )


def juror_add(
    *, actor: Actor, section: Section, user: Any, person: Any = None, president: bool = False
) -> JuryMember:
    """Appoint a juror of a competition section (the juror role on the edition) and find their
    conflicts of interest in the catalogue. Refused once the results are final."""
    from korkyt.accounts.services import role_grant

    edition = section.edition
    require_perm(actor, "festival.manage_edition", edition)
    if not section.competitive:
        raise ValidationError({"section": [_("Only competition sections have a jury.")]})
    refuse_once_final(edition, "section")
    with transaction.atomic():
        juror, created = JuryMember.objects.get_or_create(
            section=section,
            user=user,
            defaults={"edition": edition, "person": person, "president": president},
        )
        role_grant(actor=SYSTEM, user=user, role=Role.JUROR, scope=edition, on_behalf_of=saved_user(actor))
        if created:
            audit_log(
                obj=juror, action="festival.jurymember.appoint", actor=actor, data={"section": section.kind}
            )
        conflicts_detect(juror=juror)
    return juror


def conflicts_detect(*, juror: JuryMember, submission: Submission | None = None) -> list[Conflict]:
    """Record the conflicts the catalogue shows: the juror entered a film of their section (sent its
    entry), is credited on it, or works for one of the film's companies. A new conflict takes back the
    juror's vote on the film; once the results are final (``selectors.results_final``) nothing changes and
    the conflicts already recorded are answered."""
    from korkyt.festival.selectors import results_final

    if results_final(juror.edition):
        recorded = Conflict.objects.filter(juror=juror)
        if submission is not None:
            recorded = recorded.filter(submission=submission)
        return list(recorded)
    subs = juror.section.submissions.exclude(status=S.WITHDRAWN)
    if submission is not None:
        subs = subs.filter(pk=submission.pk)
    found: list[Conflict] = []
    film_ids = list(subs.values_list("film_id", flat=True))
    credits = Credit.objects.filter(film__in=film_ids)
    by_person = (
        set(credits.filter(person=juror.person_id).values_list("film_id", flat=True))
        if juror.person_id
        else set()
    )
    company_id = getattr(juror.user, "organisation_company_id", None)
    by_company = (
        set(credits.filter(company=company_id).values_list("film_id", flat=True)) if company_id else set()
    )
    for sub in subs:
        if sub.submitted_by_id is not None and sub.submitted_by_id == juror.user_id:
            source, reason = ConflictSource.ENTRANT, "entered the film"
        elif sub.film_id in by_person:
            source, reason = ConflictSource.CREDIT, "credited on the film"
        elif sub.film_id in by_company:
            source, reason = ConflictSource.COMPANY, "works for one of its companies"
        else:
            continue
        conflict, created = Conflict.objects.get_or_create(
            juror=juror, submission=sub, defaults={"source": source, "reason": reason}
        )
        if created:
            # a vote cast before the conflict came to light (the credit added later) no longer counts
            JuryVote.objects.filter(juror=juror, submission=sub).delete()
            audit_log(
                obj=juror,
                action="festival.jurymember.conflict",
                actor=None,
                data={"submission": sub.pk, "source": source},
            )
        found.append(conflict)
    return found


def _sits_now(user: Any, juror: JuryMember) -> bool:
    """``juror`` is ``user``'s own seat and their juror role on its edition is in force now."""
    from korkyt.festival.selectors import juror_edition_ids

    return user is not None and juror.user_id == user.pk and juror.edition_id in juror_edition_ids(user)


def conflict_declare(*, actor: Actor, juror: JuryMember, submission: Submission, reason: str) -> Conflict:
    """A juror (or staff) declares a conflict: the juror is recused from the film."""
    if not (_sits_now(saved_user(actor), juror) or actor.has_perm("festival.manage_edition", juror.edition)):
        raise PermissionDenied(_("You may not do this."))
    if submission.section_id != juror.section_id:
        raise ValidationError({"submission": [_("This film is not in the juror's section.")]})
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why.")]})
    errors: Errors = {}
    check_length(errors, "reason", reason, NOTE_MAX)
    raise_errors(errors)
    refuse_once_final(juror.edition, "submission")
    with transaction.atomic():
        conflict, _created = Conflict.objects.update_or_create(
            juror=juror,
            submission=submission,
            defaults={"source": ConflictSource.DECLARED, "reason": reason},
        )
        JuryVote.objects.filter(juror=juror, submission=submission).delete()
        audit_log(
            obj=juror, action="festival.jurymember.recuse", actor=actor, data={"submission": submission.pk}
        )
    return conflict


def _juror_vote(actor: Actor, juror: JuryMember, submission: Submission) -> JuryVote:
    if not _sits_now(saved_user(actor), juror):
        raise PermissionDenied(_("You may not do this."))
    if submission.section_id != juror.section_id or submission.status != S.SELECTED:
        raise ValidationError({"submission": [_("This film is not in your section's competition.")]})
    if Conflict.objects.filter(juror=juror, submission=submission).exists():
        raise ValidationError({"submission": [_("You are recused from this film.")]})
    refuse_once_final(juror.edition, "submission")
    vote, _created = JuryVote.objects.select_for_update().get_or_create(juror=juror, submission=submission)
    return vote


def jury_mark_seen(*, actor: Actor, juror: JuryMember, submission: Submission) -> JuryVote:
    with transaction.atomic():
        vote = _juror_vote(actor, juror, submission)
        if vote.seen_at is None:
            vote.seen_at = timezone.now()
            vote.save(update_fields=["seen_at"])
    return vote


def jury_score(*, actor: Actor, juror: JuryMember, submission: Submission, score: Any) -> JuryVote:
    """A juror scores a film they have seen (0–10). Scores stay sealed until the deliberation."""
    try:
        value = Decimal(str(score)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise ValidationError({"score": [_("Give a number.")]}) from None
    if not value.is_finite():  # "NaN" passes quantize, and comparing it raises
        raise ValidationError({"score": [_("Give a number.")]})
    if not Decimal(0) <= value <= Decimal(10):
        raise ValidationError({"score": [_("Give a score from 0 to %(max)s.") % {"max": 10}]})
    with transaction.atomic():
        vote = _juror_vote(actor, juror, submission)
        if vote.seen_at is None:
            raise ValidationError({"score": [_("Mark the film seen before scoring it.")]})
        vote.score = value
        vote.scored_at = timezone.now()
        vote.save(update_fields=["score", "scored_at"])
        audit_log(
            obj=juror, action="festival.jurymember.score", actor=actor, data={"submission": submission.pk}
        )
    return vote


def award_create(
    *,
    actor: Actor,
    edition: Edition,
    code: str,
    names: Mapping[str, str],
    kind: str = AwardKind.AWARD,
    section: Section | None = None,
    ex_aequo: bool = False,
) -> Award:
    require_perm(actor, "festival.manage_edition", edition)
    errors: Errors = {}
    if kind not in AwardKind.values:
        add_error(errors, "kind", _("Unknown award kind."))
    if edition.awards.filter(code=code).exists():
        add_error(errors, "code", _("The edition has this award already."))
    if not code or len(code) > 60 or not all(ch.isalnum() or ch in "-_" for ch in code):
        add_error(errors, "code", _("A code is 1–60 letters, digits, - or _."))
    if section is not None and section.edition_id != edition.pk:
        add_error(errors, "section", _("The section is not of this edition."))
    texts = _award_names(names, errors)
    raise_errors(errors)
    with transaction.atomic():
        award = Award.objects.create(
            edition=edition,
            code=code,
            kind=kind,
            section=section,
            ex_aequo=ex_aequo,
            position=edition.awards.count(),
        )
        for lang, name in texts.items():
            AwardTranslation.objects.create(award=award, language=lang, name=name)
        audit_log(
            obj=edition, action="festival.award.create", actor=actor, data={"after": _award_state(award)}
        )
    return award


def _award_names(names: Mapping[str, str], errors: Errors) -> dict[str, str]:
    texts = clean_texts(
        names, "names", errors, max_length=200, too_long=_("A name is at most 200 characters.")
    )
    if not texts:
        add_error(errors, "names", _("Give the award a name."))
    return texts


def _award_state(award: Award) -> dict[str, Any]:
    return {
        "kind": award.kind,
        "section": award.section.kind if award.section else None,
        "ex_aequo": award.ex_aequo,
        "names": {t.language: t.name for t in award.translations.order_by("language")},
    }


def award_update(
    *,
    actor: Actor,
    award: Award,
    names: Mapping[str, str],
    kind: str,
    section: Section | None = None,
    ex_aequo: bool = False,
) -> Award:
    """Change an award's names (the languages given replace the others), kind, section and whether it may
    be given ex aequo. Once given, the winners already decided must still satisfy the award rules
    (``korkyt.judging.awards``: one winner unless ex aequo, then at most three, one main award per film, no
    mention with an award) and stay in its section. Audited before → after."""
    require_perm(actor, "festival.manage_edition", award.edition)
    errors: Errors = {}
    if kind not in AwardKind.values:
        add_error(errors, "kind", _("Unknown award kind."))
    if section is not None and section.edition_id != award.edition_id:
        add_error(errors, "section", _("The section is not of this edition."))
    texts = _award_names(names, errors)
    raise_errors(errors)
    with transaction.atomic():
        award = (
            Award.objects.select_for_update(of=("self",))
            .select_related("section", "edition")
            .get(pk=award.pk)
        )
        before = _award_state(award)
        winners = list(award.winners.select_related("submission"))
        if section is not None and any(
            w.submission is not None and w.submission.section_id != section.pk for w in winners
        ):
            add_error(errors, "section", _("The award has been given to a film of another section."))
        award.kind, award.section, award.ex_aequo = kind, section, ex_aequo
        award.save()  # the core audit records the fields before → after
        if winners:
            decisions = list(
                AwardWinner.objects.filter(award__edition=award.edition).values_list("award__code", "film_id")
            )
            rules = award_rules(award.edition)
            one_main = award.edition.one_main_award_per_film
            broken = judging_awards.check_awards(decisions, rules, one_main, mention_with_award=False)
            for violation in broken:
                add_error(errors, "kind", violation_text(violation))
        raise_errors(errors)  # inside the transaction: a refused change leaves the award as it was
        award.translations.exclude(language__in=list(texts)).delete()
        for lang, name in texts.items():
            AwardTranslation.objects.update_or_create(award=award, language=lang, defaults={"name": name})
        audit_log(
            obj=award.edition,
            action="festival.award.update",
            actor=actor,
            data={"award": award.code, "before": before, "after": _award_state(award)},
        )
    return award


def award_rules_set(*, actor: Actor, edition: Edition, one_main_award_per_film: bool) -> Edition:
    """Whether a film may get only one main award (the usual rule) or several. Turning the rule on is
    refused while a film holds two main awards already. The change is in the core audit."""
    require_perm(actor, "festival.manage_edition", edition)
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if one_main_award_per_film and not edition.one_main_award_per_film:
            decisions = list(
                AwardWinner.objects.filter(award__edition=edition).values_list("award__code", "film_id")
            )
            broken = judging_awards.check_awards(decisions, award_rules(edition), True)
            if any(v.code == "two-main-awards" for v in broken):
                raise ValidationError(
                    {"one_main_award_per_film": [_("A film holds two main awards already.")]}
                )
        edition.one_main_award_per_film = one_main_award_per_film
        edition.save(update_fields=["one_main_award_per_film", "updated_at"])
    return edition


def award_delete(*, actor: Actor, award: Award) -> None:
    """Delete an award nobody has won yet."""
    require_perm(actor, "festival.manage_edition", award.edition)
    with transaction.atomic():
        award = Award.objects.select_for_update(of=("self",)).select_related("section").get(pk=award.pk)
        if award.winners.exists():
            raise ValidationError({"award": [_("The award has been given: it cannot be deleted.")]})
        audit_log(
            obj=award.edition,
            action="festival.award.delete",
            actor=actor,
            data={"award": award.code, "before": _award_state(award)},
        )
        award.delete()


def violation_text(violation: Any) -> str:
    """An award rule broken (korkyt.judging.awards), in the current language."""
    code = violation.code
    if code == "ex-aequo-not-allowed":
        return _("This award has a winner already and ex aequo is not allowed.")
    if code == "too-many-winners":
        return _("An award given ex aequo goes to at most %(n)s films.") % {"n": violation.params["max"]}
    if code == "two-main-awards":
        return _("This film has a main award already.")
    if code == "mention-and-award":
        return _("A film given an award gets no special mention as well.")
    if code == "duplicate-decision":
        return _("The film has this award already.")
    return str(code)


#: The most films an award given ex aequo goes to.
EX_AEQUO_MAX_FILMS = 3


def award_rules(edition: Edition) -> list[judging_awards.AwardRule]:
    """The edition's awards as the rules ``korkyt.judging.awards`` checks decisions against. An award
    without ex aequo has one winner; one with ex aequo goes to at most three films: to the library that is
    three prizes of one film each (its own ex aequo lets any number of films share the prizes, so it is
    not used)."""
    return [
        judging_awards.AwardRule(
            code=a.code,
            main=a.kind == AwardKind.MAIN,
            ex_aequo_allowed=False,
            max_winners=EX_AEQUO_MAX_FILMS if a.ex_aequo else 1,
            mention=a.kind == AwardKind.MENTION,
        )
        for a in edition.awards.all()
    ]


def award_violations(
    edition: Edition, decision: tuple[str, int], one_main_award_per_film: bool | None = None
) -> list[Any]:
    """The award rules the edition's decisions break once ``decision`` (award code, film id) is added."""
    rules = award_rules(edition)
    decisions = [
        (code, film)
        for code, film in AwardWinner.objects.filter(award__edition=edition).values_list(
            "award__code", "film_id"
        )
        if (code, film) != decision
    ]
    if one_main_award_per_film is None:
        one_main_award_per_film = edition.one_main_award_per_film
    return judging_awards.check_awards(
        [*decisions, decision], rules, one_main_award_per_film, mention_with_award=False
    )


def award_decide(
    *,
    actor: Actor,
    award: Award,
    film: Any,
    submission: Submission | None = None,
    person: Any = None,
    statements: Mapping[str, str] | None = None,
    one_main_award_per_film: bool | None = None,
) -> AwardWinner:
    """Give ``award`` to a film, with the jury's statement per language. Constraints: an award has one
    winner unless ex aequo is allowed (then at most three); a film gets one main award unless the rules
    allow more; a competition award goes to a selected film of its section; a film given an award gets no
    special mention and the other way round. Refused once the edition's announcement time has passed;
    without one (a past edition's record, or staff left it empty) the awards stay open, each public as soon
    as it is decided."""
    require_perm(actor, "festival.manage_edition", award.edition)
    refuse_once_final(award.edition, "award")
    errors: Errors = {}
    with transaction.atomic():
        Award.objects.select_for_update().filter(pk=award.pk).first()
        for violation in award_violations(award.edition, (award.code, film.pk), one_main_award_per_film):
            add_error(
                errors, "award" if violation.code != "two-main-awards" else "film", violation_text(violation)
            )
        if submission is not None:
            if submission.film_id != film.pk:
                add_error(errors, "submission", _("The entry is not of this film."))
            if award.section_id and submission.section_id != award.section_id:
                add_error(errors, "submission", _("The film is not in this award's section."))
            if submission.status != S.SELECTED:
                add_error(errors, "submission", _("Only selected films win awards."))
        texts = clean_texts(
            statements or {},
            "statements",
            errors,
            max_length=STATEMENT_MAX,
            too_long=_("A statement is at most %(n)s characters.") % {"n": STATEMENT_MAX},
            per_item=True,
        )
        raise_errors(errors)
        winner, _created = AwardWinner.objects.update_or_create(
            award=award,
            film=film,
            defaults={"submission": submission, "person": person, "decided_by": saved_user(actor)},
        )
        for lang, text in texts.items():
            AwardStatement.objects.update_or_create(winner=winner, language=lang, defaults={"text": text})
        audit_log(
            obj=award,
            action="festival.award.decide",
            actor=actor,
            data={"film": film.pk, "languages": sorted(texts)},
        )
    return winner


def award_withdraw(*, actor: Actor, winner: AwardWinner) -> None:
    """Take an award back from a film (the jury's statements go with it), before the edition's
    announcement time (always, without one). Audited as a change of the award (``festival.award.update``,
    the winner taken back)."""
    award = winner.award
    require_perm(actor, "festival.manage_edition", award.edition)
    refuse_once_final(award.edition, "award")
    with transaction.atomic():
        audit_log(
            obj=award.edition,
            action="festival.award.update",
            actor=actor,
            data={
                "award": award.code,
                "winner_withdrawn": {"film": winner.film_id, "submission": winner.submission_id},
            },
        )
        winner.delete()
