from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from korkyt.catalogue import services as catalogue
from korkyt.core.permissions import SYSTEM
from korkyt.festival import selectors, services
from korkyt.festival.models import AwardKind
from tests.factories import InstitutionFactory, UserFactory, person
from tests.festival.conftest import eligible_entry, make_film

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any) -> Any:
    sub = eligible_entry(feature, agency_kg, kg_editor, kg_head)
    services.submission_decide(actor=staff, submission=sub, name="start_review")
    return sub


def test_reviewer_sees_others_scores_only_after_submitting_their_own(entry: Any, staff: Any) -> None:
    a, b = UserFactory(username="rev-a"), UserFactory(username="rev-b")
    ra = services.assignment_create(actor=staff, submission=entry, reviewer=a)
    rb = services.assignment_create(actor=staff, submission=entry, reviewer=b)
    services.review_save(
        actor=a, assignment=ra, scores={"story": 8, "craft": 5}, note="mine only", submit=True
    )
    assert not selectors.reviews_visible_to(user=b, submission=entry).exists()
    services.review_save(actor=b, assignment=rb, scores={"story": 6}, submit=False)  # a draft
    assert not selectors.reviews_visible_to(user=b, submission=entry).exists()
    with pytest.raises(ValidationError) as exc:
        services.review_save(actor=b, assignment=rb, scores={"story": 6}, submit=True)
    assert "scores.craft" in exc.value.message_dict
    services.review_save(actor=b, assignment=rb, scores={"story": 6, "craft": 9}, submit=True)
    totals = sorted(r.total for r in selectors.reviews_visible_to(user=b, submission=entry))
    assert totals == [7.0, 7.0]  # (2·8 + 5)/3 and (2·6 + 9)/3
    assert selectors.reviews_visible_to(user=staff, submission=entry).count() == 2


def test_only_the_assigned_reviewer_reviews_and_scores_stay_in_range(entry: Any, staff: Any) -> None:
    a = UserFactory(username="rev-a")
    ra = services.assignment_create(actor=staff, submission=entry, reviewer=a)
    with pytest.raises(PermissionDenied):
        services.review_save(actor=UserFactory(username="other"), assignment=ra, scores={"story": 5})
    with pytest.raises(ValidationError) as exc:
        services.review_save(actor=a, assignment=ra, scores={"story": 11, "nope": 1})
    assert set(exc.value.message_dict) == {"scores.story", "scores.nope"}
    assert entry in selectors.submission_visible(a)
    assert entry not in selectors.submission_visible(UserFactory(username="other2"))


def test_juror_credited_on_a_film_is_recused_and_cannot_see_it(entry: Any, staff: Any, feature: Any) -> None:
    director = person(("Aktan Arym Kubat", "en"))
    catalogue.credit_create(actor=SYSTEM, film=entry.film, role="director", person=director)
    services.submission_decide(actor=staff, submission=entry, name="select")
    juror_user = UserFactory(username="juror-1")
    juror = services.juror_add(actor=staff, section=feature, user=juror_user, person=director)
    assert juror.conflicts.get().source == "credit"
    assert entry not in selectors.submission_visible(juror_user)
    with pytest.raises(ValidationError):
        services.jury_mark_seen(actor=juror_user, juror=juror, submission=entry)
    clean = services.juror_add(actor=staff, section=feature, user=UserFactory(username="juror-2"))
    assert entry in selectors.submission_visible(clean.user)


def test_juror_scores_only_after_seeing_and_scores_are_sealed(entry: Any, staff: Any, feature: Any) -> None:
    services.submission_decide(actor=staff, submission=entry, name="select")
    user = UserFactory(username="juror-1")
    juror = services.juror_add(actor=staff, section=feature, user=user)
    with pytest.raises(ValidationError) as exc:
        services.jury_score(actor=user, juror=juror, submission=entry, score=8)
    assert "score" in exc.value.message_dict
    services.jury_mark_seen(actor=user, juror=juror, submission=entry)
    assert not selectors.deliberation_open(feature)
    services.jury_score(actor=user, juror=juror, submission=entry, score="8.5")
    assert selectors.deliberation_open(feature)


def test_scores_stay_sealed_until_each_juror_has_scored_each_film_they_are_not_recused_from(
    entry: Any, staff: Any, feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any
) -> None:
    """A juror's conflict with an entry that was not selected excuses them from nothing: it must not let
    the others' scores stand in for theirs."""
    director = person(("Aktan Arym Kubat", "en"))
    other = eligible_entry(feature, agency_kg, kg_editor, kg_head, title="Not selected")
    catalogue.credit_create(actor=SYSTEM, film=other.film, role="director", person=director)
    services.submission_decide(actor=staff, submission=entry, name="select")
    a_user, b_user = UserFactory(username="juror-a"), UserFactory(username="juror-b")
    a = services.juror_add(actor=staff, section=feature, user=a_user, person=director)
    b = services.juror_add(actor=staff, section=feature, user=b_user)
    assert a.conflicts.get().submission == other  # an entry outside the competition
    services.jury_mark_seen(actor=b_user, juror=b, submission=entry)
    services.jury_score(actor=b_user, juror=b, submission=entry, score=7)
    assert not selectors.deliberation_open(feature)  # juror A has not scored the one film
    services.jury_mark_seen(actor=a_user, juror=a, submission=entry)
    services.jury_score(actor=a_user, juror=a, submission=entry, score=9)
    assert selectors.deliberation_open(feature)


def test_a_conflict_found_after_a_vote_cancels_the_vote_and_excuses_the_juror(
    entry: Any, staff: Any, feature: Any
) -> None:
    services.submission_decide(actor=staff, submission=entry, name="select")
    user = UserFactory(username="juror-1")
    juror = services.juror_add(actor=staff, section=feature, user=user)
    services.jury_mark_seen(actor=user, juror=juror, submission=entry)
    services.jury_score(actor=user, juror=juror, submission=entry, score=9)
    director = person(("Aktan Arym Kubat", "en"))
    catalogue.credit_create(actor=SYSTEM, film=entry.film, role="director", person=director)
    juror.person = director
    juror.save()
    services.conflicts_detect(juror=juror)
    assert not juror.votes.exists()
    assert selectors.deliberation_open(feature)  # nothing is owed by a juror recused from every film


@pytest.mark.parametrize("score", ["NaN", "nan", "Infinity", "-inf", "sNaN", "1e999999"])
def test_a_score_that_is_not_a_finite_number_is_refused_by_name(
    entry: Any, staff: Any, feature: Any, score: str
):
    services.submission_decide(actor=staff, submission=entry, name="select")
    user = UserFactory(username="juror-1")
    juror = services.juror_add(actor=staff, section=feature, user=user)
    services.jury_mark_seen(actor=user, juror=juror, submission=entry)
    with pytest.raises(ValidationError) as exc:
        services.jury_score(actor=user, juror=juror, submission=entry, score=score)
    assert "score" in exc.value.message_dict


def test_award_constraints_one_main_award_per_film_and_no_second_winner(
    entry: Any, staff: Any, edition: Any
) -> None:
    services.submission_decide(actor=staff, submission=entry, name="select")
    best = services.award_create(
        actor=staff,
        edition=edition,
        code="best-feature",
        kind=AwardKind.MAIN,
        names={"en": "Best Feature Film", "kk": "Үздік көркем фильм"},
    )
    grand = services.award_create(
        actor=staff, edition=edition, code="grand-prix", kind=AwardKind.MAIN, names={"en": "Grand Prix"}
    )
    winner = services.award_decide(
        actor=staff,
        award=best,
        film=entry.film,
        submission=entry,
        statements={"en": "For its courage.", "ru": "За смелость."},
    )
    assert {s.language for s in winner.statements.all()} == {"en", "ru"}
    with pytest.raises(ValidationError) as exc:
        services.award_decide(actor=staff, award=grand, film=entry.film, submission=entry)
    assert "film" in exc.value.message_dict


def test_results_are_public_only_from_the_announcement_time(edition: Any) -> None:
    import datetime as dt

    assert not selectors.results_published(edition, now=edition.results_at - dt.timedelta(seconds=1))
    assert selectors.results_published(edition, now=edition.results_at)


def test_reviewers_assigned_with_balanced_load_and_no_conflicts(
    feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any, edition: Any
) -> None:
    from korkyt.festival.models import Assignment

    subs = [eligible_entry(feature, agency_kg, kg_editor, kg_head, title=f"Film {i}") for i in range(2)]
    other = InstitutionFactory(code="UZ-CA", country="UZ")
    from tests.factories import MembershipFactory

    uz_editor = MembershipFactory(user=UserFactory(username="editor-uz"), institution=other).user
    uz_head = MembershipFactory(user=UserFactory(username="head-uz"), institution=other).user
    subs.append(eligible_entry(feature, other, uz_editor, uz_head, title="Uzbek film"))
    for s in subs:
        services.submission_decide(actor=staff, submission=s, name="start_review")
    reviewers = [UserFactory(username=f"rev-{i}") for i in range(3)]
    for r in reviewers:
        services.committee_add(actor=staff, edition=edition, user=r, sections=["feature"])
    services.committee_add(actor=staff, edition=edition, user=kg_editor, sections=["feature"])  # KG's editor
    result = services.reviewers_assign(actor=staff, edition=edition)
    assert not result.unfilled
    assert Assignment.objects.count() == 3 * len(subs)
    # the Kyrgyz agency's editor never reviews its nominations
    assert not Assignment.objects.filter(reviewer=kg_editor, submission__agency=agency_kg).exists()
    assert Assignment.objects.filter(reviewer=kg_editor).count() == 1  # the Uzbek film only
    loads = [Assignment.objects.filter(reviewer=u).count() for u in reviewers]
    assert sorted(loads) == [2, 3, 3]  # the other 8 reviews as even as they can be
    again = services.reviewers_assign(actor=staff, edition=edition)  # idempotent
    assert not any(again.added.values()) and Assignment.objects.count() == 9


def test_selecting_a_film_recuses_a_juror_credited_on_it(entry: Any, staff: Any, feature: Any) -> None:
    director = person(("Late Credit", "en"))
    juror = services.juror_add(
        actor=staff, section=feature, user=UserFactory(username="juror-early"), person=director
    )
    catalogue.credit_create(actor=SYSTEM, film=entry.film, role="director", person=director)
    services.submission_decide(actor=staff, submission=entry, name="select")
    assert juror.conflicts.get().submission == entry
    assert entry not in selectors.submission_visible(juror.user)


def test_deliberation_names_the_films_the_methods_disagree_on(
    entry: Any, staff: Any, feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any
) -> None:
    from django.test import Client

    other = services.nomination_create(
        actor=kg_editor,
        section=feature,
        film=make_film(agency_kg, "Second film"),
        agency=agency_kg,
        runtime=95,
        screener_url="https://v.example/2",
    )
    services.nomination_sign_off(actor=kg_head, submission=other)
    third = services.submission_create(
        actor=UserFactory(username="producer-3"),
        section=feature,
        film=make_film(agency_kg, "Third film", countries=["KZ"]),
        runtime=95,
        screener_url="https://v.example/3",
    )
    services.submission_submit(actor=third.submitted_by, submission=third)
    subs = [entry, other, third]
    for sub in subs[1:]:
        sub.refresh_from_db()
        if sub.status != "in_review":
            services.submission_decide(actor=staff, submission=sub, name="start_review")
    for sub in subs:
        services.submission_decide(actor=staff, submission=sub, name="shortlist")
        services.submission_decide(actor=staff, submission=sub, name="select")
    # The mean ties the first and third films; Borda ties all three: the second film's place differs.
    marks = {"juror-a": [10, 0, 5], "juror-b": [0, 6, 5]}
    for name, scores in marks.items():
        juror = services.juror_add(actor=staff, section=feature, user=UserFactory(username=name))
        for sub, score in zip(subs, scores, strict=True):
            services.jury_mark_seen(actor=juror.user, juror=juror, submission=sub)
            services.jury_score(actor=juror.user, juror=juror, submission=sub, score=score)
    client = Client()
    client.force_login(staff)
    page = client.get("/en/festival/6/deliberation/feature/").content.decode()
    disputed = page.split("Where the methods disagree")[1]
    assert "Second film" in disputed
    assert f"#{other.pk}:" not in disputed
    assert "Schulze method:" in disputed and "Borda count:" in disputed
    # The method names are in the reader's language, never the code's ("schulze", "borda").
    russian = client.get("/ru/festival/6/deliberation/feature/").content.decode()
    ru_disputed = russian.split("</h2>")[-1]
    assert "метод Шульце:" in ru_disputed and "метод Борда:" in ru_disputed
    assert "schulze" not in ru_disputed and "borda" not in ru_disputed.lower()


def test_my_work_page_leads_jurors_reviewers_and_staff_to_their_festival_work(
    entry: Any, staff: Any, feature: Any
) -> None:
    """A juror, a reviewer and festival staff find their festival work on "My work" (the jury page had no
    link to it), and a juror finds their jury on the edition's page; others see none of it."""
    from django.test import Client

    juror_user, reviewer, nobody = UserFactory(), UserFactory(), UserFactory()
    services.juror_add(actor=staff, section=feature, user=juror_user, president=True)
    services.assignment_create(actor=staff, submission=entry, reviewer=reviewer)
    jury_url, queue_url = "/en/festival/jury/", "/en/festival/reviews/"
    grid_url = f"/en/festival/{feature.edition.number}/grid/"
    edition_url = f"/en/festival/{feature.edition.number}/"

    def page(user: Any, url: str = "/en/staff/") -> str:
        client = Client()
        client.force_login(user)
        return client.get(url).content.decode()

    mine = page(juror_user)
    assert f'href="{jury_url}"' in mine and "Jury · Feature competition" in mine and "president" in mine
    assert f'href="{jury_url}"' in page(juror_user, edition_url)
    mine = page(reviewer)
    assert f'href="{queue_url}"' in mine and "1 entry to review" in mine and jury_url not in mine
    assert f'href="{grid_url}"' in page(staff)
    theirs = page(nobody)
    assert not any(url in theirs for url in (jury_url, queue_url, grid_url))
    assert "Nothing waits for you yet." in theirs  # nothing else to show: the one empty state
    assert (
        jury_url not in page(nobody, edition_url)
        and jury_url not in Client().get(edition_url).content.decode()
    )
    assert selectors.work_of(reviewer)["to_review"] == 1


def test_the_review_form_writes_a_weight_with_the_digits_it_needs() -> None:
    """ "Direction (0–10, ×2)", not "×2.00"; a half weight with the reader's decimal mark."""
    from decimal import Decimal
    from types import SimpleNamespace

    from django.utils import translation

    from korkyt.core.translations import Text
    from korkyt.festival.forms import ReviewForm

    def line(code: str, label: str, max_score: int, weight: str) -> SimpleNamespace:
        return SimpleNamespace(
            code=code, label_in=lambda _lang: Text(label, "en"), max_score=max_score, weight=Decimal(weight)
        )

    criteria = [line("direction", "Direction", 10, "2.00"), line("sound", "Sound", 5, "1.50")]
    with translation.override("en"):
        form = ReviewForm(criteria=criteria)
        assert form.fields["score_direction"].label == '<span lang="en">Direction</span> (0–10, ×2)'
        assert form.fields["score_sound"].label == '<span lang="en">Sound</span> (0–5, ×1.5)'
    with translation.override("az"):
        label = ReviewForm(criteria=criteria).fields["score_sound"].label
        assert label == '<span lang="en">Sound</span> (0–5, ×1,5)'


def test_jurors_and_reviewers_are_named_by_the_names_on_their_accounts(
    entry: Any, staff: Any, feature: Any
) -> None:
    """Staff see a juror as "Әйгерім Сәдуақасова (aigerim)"; an entry's reviews name the reviewer."""
    from django.test import Client

    from korkyt.accounts import services as account_services

    juror, reviewer = UserFactory(username="aigerim"), UserFactory(username="rev-x")
    account_services.user_name_set(user=juror, language="kk-Cyrl", full_name="Әйгерім Сәдуақасова")
    account_services.user_name_set(user=reviewer, language="en", full_name="Elnur Hasanov")
    services.juror_add(actor=staff, section=feature, user=juror)
    assignment = services.assignment_create(actor=staff, submission=entry, reviewer=reviewer)
    services.review_save(actor=reviewer, assignment=assignment, scores={"story": 8, "craft": 5}, submit=True)
    client = Client()
    client.force_login(staff)
    people = client.get(f"/kk/festival/{feature.edition.number}/people/").content.decode()
    assert '<span lang="kk-Cyrl">Әйгерім Сәдуақасова</span> (aigerim)' in people
    page = client.get(f"/en/festival/submissions/{entry.pk}/").content.decode()
    assert '<span lang="en">Elnur Hasanov</span>' in page and "rev-x" not in page


def test_an_agency_head_finds_the_nominations_waiting_for_the_sign_off_on_my_work(
    feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any
) -> None:
    """The agency's editors find the open edition's national nominations on "My work", with the count
    waiting for the head's sign-off; nobody else sees the link."""
    from django.test import Client

    sub = services.nomination_create(
        actor=kg_editor,
        section=feature,
        film=make_film(agency_kg, "Nominated"),
        agency=agency_kg,
        screener_url="https://v.example/n",
        runtime=96,
    )
    url = f"/en/festival/{feature.edition.number}/nominations/"

    def page(user: Any) -> str:
        client = Client()
        client.force_login(user)
        return client.get("/en/staff/").content.decode()

    mine = page(kg_head)
    assert f'href="{url}"' in mine and "1 film nominated" in mine and "1 waits for the sign-off" in mine
    services.nomination_sign_off(actor=kg_head, submission=sub)
    mine = page(kg_head)
    assert f'href="{url}"' in mine and "waits for the sign-off" not in mine
    assert f'href="{url}"' not in page(UserFactory())
    feature.edition.call.is_open = False
    feature.edition.call.save()
    assert f'href="{url}"' not in page(kg_head)  # the call closed: nothing to nominate
