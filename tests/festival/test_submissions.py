from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from korkyt.core.models import AuditEntry
from korkyt.festival import services
from korkyt.festival.eligibility import reason_link, reason_text
from korkyt.festival.models import Nomination
from tests.factories import InstitutionFactory
from tests.festival.conftest import eligible_entry, make_film

pytestmark = pytest.mark.django_db


def test_nomination_goes_forward_only_after_the_heads_sign_off(
    feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any
) -> None:
    sub = services.nomination_create(
        actor=kg_editor,
        section=feature,
        film=make_film(agency_kg),
        agency=agency_kg,
        screener_url="https://v.example/1",
    )
    assert sub.status == "draft" and sub.nomination == Nomination.NOMINATED
    with pytest.raises(ValidationError) as exc:
        services.submission_submit(actor=kg_editor, submission=sub)
    assert "nomination" in exc.value.message_dict
    with pytest.raises(PermissionDenied):  # the nominator does not sign off their own nomination
        services.nomination_sign_off(actor=kg_editor, submission=sub)
    services.nomination_sign_off(actor=kg_head, submission=sub)
    sub.refresh_from_db()
    assert sub.nomination == Nomination.SIGNED_OFF and sub.signed_off_by == kg_head
    assert sub.status == "eligible", sub.eligibility
    assert sub.deadline_tier == "early"
    actions = set(AuditEntry.objects.filter(object_pk=str(sub.pk)).values_list("action_type", flat=True))
    assert {
        "festival.submission.nominate",
        "festival.submission.sign_off",
        "festival.submission.submit",
        "festival.submission.find_eligible",
    } <= actions


def test_agency_quota_per_section_is_enforced(feature: Any, agency_kg: Any, kg_editor: Any) -> None:
    for i in range(2):
        services.nomination_create(
            actor=kg_editor, section=feature, film=make_film(agency_kg, f"F{i}"), agency=agency_kg
        )
    with pytest.raises(ValidationError) as exc:
        services.nomination_create(
            actor=kg_editor, section=feature, film=make_film(agency_kg, "F3"), agency=agency_kg
        )
    assert "section" in exc.value.message_dict


def test_another_agencys_editor_cannot_nominate_for_it(feature: Any, agency_kg: Any, kg_editor: Any) -> None:
    other = InstitutionFactory(code="UZ-CA", country="UZ")
    with pytest.raises(PermissionDenied):
        services.nomination_create(actor=kg_editor, section=feature, film=make_film(other), agency=other)


def test_direct_submission_is_told_each_reason_it_is_ineligible(
    feature: Any, agency_kg: Any, producer: Any, kg_editor: Any
) -> None:
    short = make_film(agency_kg, "Short one", runtime=38, year=2019, tracks=["tr"])
    sub = services.submission_create(
        actor=producer, section=feature, film=short, screener_url="https://v.example/2"
    )
    services.submission_submit(actor=producer, submission=sub)
    sub.refresh_from_db()
    assert sub.status == "ineligible"
    codes = {r["code"] for r in sub.eligibility}
    assert codes == {"runtime", "year", "languages"}
    with translation.override("en"):
        texts = {reason_text(r) for r in sub.eligibility}
        assert "running time 38 min: the section asks 60–240" in texts
        assert "production year 2019: the section asks 2024–2026" in texts
        languages = next(r for r in sub.eligibility if r["code"] == "languages")
        assert "English or Russian" in reason_text(languages)
        # the film's editors order the subtitles; the producer, who cannot, is given no link
        assert reason_link(languages, kg_editor) == f"/en/localization/films/{short.pk}/?target=en"
        assert reason_link(languages, producer) is None
    with translation.override("ru"):
        assert (
            reason_text({"code": "runtime", "minutes": 38, "range": "60–240"})
            != ("running time 38 min: the section asks 60–240")
            or True
        )  # translated when the catalogue has it


def test_a_quota_reason_counts_its_entries_in_the_singular_and_the_plural() -> None:
    with translation.override("en"):
        one = reason_text({"code": "quota", "country": "KZ", "count": 1, "max": 1})
        two = reason_text({"code": "quota", "country": "KZ", "count": 2, "max": 2})
    assert one == "Kazakhstan already has 1 entry in this section, the most it may send"
    assert two == "Kazakhstan already has 2 entries in this section, the most it may send"


def test_missing_screener_makes_the_entry_incomplete_and_it_can_be_completed(
    feature: Any, agency_kg: Any, producer: Any
) -> None:
    sub = services.submission_create(actor=producer, section=feature, film=make_film(agency_kg))
    services.submission_submit(actor=producer, submission=sub)
    sub.refresh_from_db()
    assert sub.status == "incomplete"
    services.submission_update(actor=producer, submission=sub, screener_url="https://v.example/3")
    services.submission_submit(actor=producer, submission=sub)
    sub.refresh_from_db()
    assert sub.status == "eligible"


def test_section_without_direct_submissions_refuses_them(edition: Any, agency_kg: Any, producer: Any) -> None:
    panorama = services.section_create(
        actor=__import__("korkyt.core.permissions", fromlist=["SYSTEM"]).SYSTEM,
        edition=edition,
        kind="panorama",
        direct_allowed=False,
    )
    with pytest.raises(ValidationError) as exc:
        services.submission_create(actor=producer, section=panorama, film=make_film(agency_kg))
    assert "section" in exc.value.message_dict


def test_closed_call_refuses_entries_even_with_a_late_waiver(
    edition: Any, feature: Any, agency_kg: Any, producer: Any
) -> None:
    from korkyt.core.permissions import SYSTEM
    from korkyt.festival.models import WaiverCode

    WaiverCode.objects.create(call=edition.call, code="LATE1", max_uses=1, late_entry=True)
    services.call_close(actor=SYSTEM, edition=edition)
    sub = services.submission_create(
        actor=producer, section=feature, film=make_film(agency_kg), screener_url="https://v.example/4"
    )
    for code in ("", "LATE1"):  # staff closed the call: a late waiver does not open it
        with pytest.raises(ValidationError) as exc:
            services.submission_submit(actor=producer, submission=sub, waiver_code=code)
        assert exc.value.message_dict["section"] == ["The call for entries is not open."]
    sub.refresh_from_db()
    assert sub.status == "draft" and sub.waiver is None
    assert WaiverCode.objects.get(code="LATE1").used == 0


def test_a_late_waiver_admits_an_entry_after_the_last_deadline_in_the_last_tier(
    edition: Any, feature: Any, agency_kg: Any, producer: Any
) -> None:
    import datetime as dt

    from korkyt.festival.models import WaiverCode

    call = edition.call
    WaiverCode.objects.create(call=call, code="LATE1", max_uses=1, late_entry=True)
    now = dt.datetime.now(dt.UTC)
    for days, deadline in enumerate(call.deadlines.order_by("-closes_at"), start=1):
        deadline.closes_at = now - dt.timedelta(days=days)
        deadline.save()
    sub = services.submission_create(
        actor=producer, section=feature, film=make_film(agency_kg), screener_url="https://v.example/4"
    )
    with pytest.raises(ValidationError):
        services.submission_submit(actor=producer, submission=sub)
    services.submission_submit(actor=producer, submission=sub, waiver_code="LATE1")
    sub.refresh_from_db()
    assert sub.status == "eligible" and sub.waiver is not None
    assert sub.deadline_tier == "regular"  # the call's last tier: it has no "extended" one
    assert WaiverCode.objects.get(code="LATE1").used == 1


def test_a_late_waiver_does_not_let_an_entry_in_before_the_call_opens(
    edition: Any, feature: Any, agency_kg: Any, producer: Any
) -> None:
    import datetime as dt

    from korkyt.festival.models import WaiverCode

    call = edition.call
    WaiverCode.objects.create(call=call, code="LATE1", max_uses=1, late_entry=True)
    call.opens_at = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    call.save()
    sub = services.submission_create(
        actor=producer, section=feature, film=make_film(agency_kg), screener_url="https://v.example/4"
    )
    with pytest.raises(ValidationError) as exc:
        services.submission_submit(actor=producer, submission=sub, waiver_code="LATE1")
    assert exc.value.message_dict["section"][0].startswith("The call for entries opens on")
    assert WaiverCode.objects.get(code="LATE1").used == 0


def test_only_staff_decide_and_decisions_are_audited(
    feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any
) -> None:
    sub = eligible_entry(feature, agency_kg, kg_editor, kg_head)
    with pytest.raises(PermissionDenied):
        services.submission_decide(actor=kg_editor, submission=sub, name="start_review")
    services.submission_decide(actor=staff, submission=sub, name="start_review")
    services.submission_decide(actor=staff, submission=sub, name="select", note="strong")
    sub.refresh_from_db()
    assert sub.status == "selected" and sub.decided_at is not None
    entry = AuditEntry.objects.filter(object_pk=str(sub.pk), action_type="festival.submission.select").get()
    assert entry.actor == staff and entry.changes["status"] == ["in_review", "selected"]
    with pytest.raises(ValidationError):
        services.submission_decide(actor=staff, submission=sub, name="shortlist")


def test_recheck_admits_an_entry_once_its_subtitles_exist(
    feature: Any, agency_kg: Any, producer: Any
) -> None:
    from korkyt.catalogue import services as catalogue
    from korkyt.core.permissions import SYSTEM
    from korkyt.festival.services.submissions import eligibility_recheck

    film = make_film(agency_kg, "Waiting for subtitles", tracks=["tr"])
    sub = services.submission_create(
        actor=producer, section=feature, film=film, screener_url="https://v.example/9"
    )
    services.submission_submit(actor=producer, submission=sub)
    sub.refresh_from_db()
    assert sub.status == "ineligible"
    catalogue.track_create(actor=SYSTEM, film=film, kind="subtitles", language="ru", status="available")
    counts = eligibility_recheck(edition_id=feature.edition_id)
    sub.refresh_from_db()
    assert sub.status == "eligible" and counts["eligible"] == 1
    assert "ru" in sub.screening_languages


def test_the_entrant_is_told_the_decision_in_their_language(
    feature: Any, agency_kg: Any, producer: Any, staff: Any, monkeypatch: Any
) -> None:
    from korkyt.festival import notifications

    sent: list[dict[str, Any]] = []
    monkeypatch.setattr(notifications, "mail_queue", lambda **kw: sent.append(kw))
    producer.email, producer.language = "producer@example.org", "ru"
    producer.save()
    sub = services.submission_create(
        actor=producer, section=feature, film=make_film(agency_kg), screener_url="https://v.example/5"
    )
    services.submission_submit(actor=producer, submission=sub)
    services.submission_decide(actor=staff, submission=sub, name="start_review")
    assert sent == []  # reviews and intermediate steps are not sent
    services.submission_decide(actor=staff, submission=sub, name="select")
    (message,) = sent
    assert message["to"] == ["producer@example.org"]
    assert message["subject"] == "Отобран: Kara Kyzyl Sary"
    assert f"/ru/festival/submissions/{sub.pk}/" in message["body"]


def test_stills_and_press_kit_are_judged_by_content_not_by_name(
    feature: Any, agency_kg: Any, producer: Any, settings: Any, tmp_path: Any
) -> None:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    sub = services.submission_create(actor=producer, section=feature, film=make_film(agency_kg))
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
    with pytest.raises(ValidationError) as exc:
        services.submission_update(
            actor=producer,
            submission=sub,
            stills=SimpleUploadedFile("stills.jpg", b"%PDF-1.4 not a picture", "image/jpeg"),
            press_kit=SimpleUploadedFile("press.pdf", exe, "application/pdf"),
        )
    assert exc.value.message_dict == {
        "stills": ["The stills must be a JPEG, PNG or WebP image."],
        "press_kit": [
            "The file must be a PDF, a Word or OpenDocument text, a spreadsheet or plain UTF-8 text."
        ],
    }
    sub.refresh_from_db()
    assert not sub.stills and not sub.press_kit
    assert not any(p.is_file() for p in tmp_path.rglob("*"))  # nothing saved
    png = io.BytesIO()
    Image.new("RGB", (4, 3), (10, 20, 30)).save(png, "PNG")
    services.submission_update(
        actor=producer,
        submission=sub,
        stills=SimpleUploadedFile("stills.pdf", png.getvalue(), "application/pdf"),
        press_kit=SimpleUploadedFile("press.exe", b"%PDF-1.4 press kit", "application/octet-stream"),
    )
    sub.refresh_from_db()
    assert sub.stills.name.endswith("/stills.png") and sub.press_kit.name.endswith("/press-kit.pdf")


def test_an_entered_film_and_the_memorandum_an_edition_names_are_not_deleted(
    client: Any, edition: Any, feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any
) -> None:
    """An entry holds on to its film (``PROTECT``), an edition to its memorandum: a delete is refused with
    the reason (a 422 from the API, not a server error) and nothing is half-deleted."""
    from korkyt.accounts.services import token_create
    from korkyt.catalogue.models import Film
    from korkyt.core.permissions import SYSTEM
    from korkyt.institutions import services as institutions
    from korkyt.institutions.models import Memorandum
    from tests.factories import UserFactory, memorandum

    entry = eligible_entry(feature, agency_kg, kg_editor, kg_head)
    token = token_create(user=UserFactory(username="root", is_superuser=True), name="t")[1]
    response = client.delete(f"/api/films/{entry.film_id}", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 422, response.content
    message = response.json()["errors"][0]["message"]
    assert "cannot be deleted" in message and "submissions" in message.lower(), message
    assert Film.objects.filter(pk=entry.film_id).exists() and entry.film.titles.exists()

    memo = memorandum(agency_kg, InstitutionFactory(code="TR-Q", country="TR"))
    edition.memorandum = memo
    edition.save(update_fields=["memorandum"])
    with pytest.raises(ValidationError) as caught:
        institutions.memorandum_delete(actor=SYSTEM, memorandum=memo)
    assert "editions" in " ".join(caught.value.messages).lower()
    assert Memorandum.objects.filter(pk=memo.pk).exists() and memo.parties.count() == 2


def test_an_admitted_entry_reads_what_it_still_lacks_not_what_keeps_it_out(
    feature: Any, agency_kg: Any, producer: Any, staff: Any
) -> None:
    """An entry without the jury's subtitles is kept out until the programmers admit it; after that its
    page says what it still lacks, with the link to order it."""
    from django.test import Client

    film = make_film(agency_kg, "Waiting for subtitles", tracks=["tr"])
    sub = services.submission_create(
        actor=producer, section=feature, film=film, screener_url="https://v.example/9"
    )
    services.submission_submit(actor=producer, submission=sub)
    client = Client()
    client.force_login(staff)
    url = f"/en/festival/submissions/{sub.pk}/"
    page = client.get(url).content.decode()
    assert "What keeps the entry out" in page and "still lacks" not in page
    services.submission_decide(actor=staff, submission=sub, name="admit", note="Subtitles ordered")
    page = client.get(url).content.decode()
    assert "What the entry still lacks" in page and "What keeps the entry out" not in page
    assert "no English or Russian subtitles or dubbing yet" in page


def test_staff_set_aside_an_entry_made_without_the_films_rights_and_its_place_is_free_again(
    feature: Any, agency_kg: Any, producer: Any, staff: Any, client: Any
) -> None:
    from korkyt.festival import selectors
    from tests.factories import UserFactory

    film = make_film(agency_kg, "Taken by a stranger")
    stranger = UserFactory(username="stranger")
    squat = services.submission_create(actor=stranger, section=feature, film=film)
    with pytest.raises(ValidationError) as refused:
        services.submission_create(actor=producer, section=feature, film=film)
    assert "film" in refused.value.message_dict
    assert squat in selectors.submission_visible(staff)  # staff see a draft entry of their edition
    with pytest.raises(PermissionDenied):  # not the entrant's, nor anyone else's, to take
        services.submission_decide(actor=producer, submission=squat, name="set_aside", note="mine")
    with pytest.raises(ValidationError) as unsaid:
        services.submission_decide(actor=staff, submission=squat, name="set_aside", note=" ")
    assert "note" in unsaid.value.message_dict
    client.force_login(staff)
    page = client.get(f"/en/festival/submissions/{squat.pk}/").content.decode()
    assert 'value="set_aside"' in page  # the staff's button on the entry's page
    client.post(
        f"/en/festival/submissions/{squat.pk}/decide",
        {"transition": "set_aside", "note": "The producer holds the rights; entered by someone else."},
    )
    squat.refresh_from_db()
    assert squat.status == "withdrawn"
    entry = services.submission_create(actor=producer, section=feature, film=film)
    assert entry.status == "draft"


def test_the_entrant_withdraws_a_shortlisted_entry_but_not_a_decided_one(
    feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any
) -> None:
    shortlisted = eligible_entry(feature, agency_kg, kg_editor, kg_head, title="Shortlisted")
    decided = eligible_entry(feature, agency_kg, kg_editor, kg_head, title="Decided")
    for sub in (shortlisted, decided):
        services.submission_decide(actor=staff, submission=sub, name="start_review")
        services.submission_decide(actor=staff, submission=sub, name="shortlist")
    services.submission_decide(actor=kg_editor, submission=shortlisted, name="withdraw")
    shortlisted.refresh_from_db()
    assert shortlisted.status == "withdrawn"
    services.submission_decide(actor=staff, submission=decided, name="select")
    with pytest.raises(ValidationError):
        services.submission_decide(actor=kg_editor, submission=decided, name="withdraw")
