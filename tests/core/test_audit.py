"""The audit log (korkyt.core.audit): field changes of the domain models, the platform's own events, the
request or task each comes from, the history pages for the managers of an object, the admin and the
exports (CSV with formula-looking cells escaped, JSON)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from django.http import StreamingHttpResponse
from django.test import Client
from django.utils import timezone
from typer.testing import CliRunner

from korkyt.accounts.models import Role
from korkyt.accounts.services import role_grant, token_create
from korkyt.cli import app
from korkyt.core.audit import audit_entries_for, audit_log
from korkyt.core.audit.export import write_entries
from korkyt.core.models import AuditAction, AuditEntry
from korkyt.core.permissions import SYSTEM
from korkyt.institutions import services as institution_services
from korkyt.institutions.models import Memorandum, MemorandumTranslation
from korkyt.localization import services
from korkyt.localization.models import CueState, GlossaryConcept, MachineTranslationEngine
from tests.factories import InstitutionFactory, UserFactory

pytestmark = pytest.mark.django_db
runner = CliRunner()


def _headers(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_create(user=user, name='t')[1]}"}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _approved(world, job):
    job.cues.update(text="Metin", state=CueState.APPROVED)
    services.job_approve(actor=world["users"]["reviewer"], job=job)
    return job


# Where an entry comes from -------------------------------------------------------------------------


def test_every_answer_carries_its_own_request_id():
    client = Client()
    first, second, missing = client.get("/healthz"), client.get("/healthz"), client.get("/en/no-such-page")
    ids = [r["X-Request-ID"] for r in (first, second, missing)]
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids) and len(set(ids)) == 3
    forged = client.get("/healthz", headers={"X-Request-ID": "=evil"})
    assert forged["X-Request-ID"] != "=evil"  # the client's id is not trusted


def test_field_changes_through_the_api_record_the_user_before_after_and_the_request(world):
    editor, memo = world["users"]["kz_editor"], world["memo"]
    response = Client().patch(
        f"/api/memoranda/{memo.pk}",
        {
            "source_url": "https://example.org/aktau",
            "translations": [{"language": "en", "title": "Aktau memorandum"}],
        },
        content_type="application/json",
        headers=_headers(editor),
    )
    assert response.status_code == 200, response.content
    request_id = response["X-Request-ID"]
    change = AuditEntry.objects.get(content_type__model="memorandum", request_id=request_id)
    assert change.actor == editor and change.action == AuditAction.UPDATE
    assert change.changes["source_url"] == ["", "https://example.org/aktau"]
    title = AuditEntry.objects.get(content_type__model="memorandumtranslation", request_id=request_id)
    assert title.actor == editor and title.action == AuditAction.CREATE
    assert title.changes["title"] == ["None", "Aktau memorandum"]
    # a dependent row's entry belongs to its parent's history
    assert (title.root_type.model, title.root_id) == ("memorandum", memo.pk)


def test_changes_outside_a_request_are_the_platforms_and_carry_no_request_id(world):
    concept = GlossaryConcept.objects.create(code="korkyt")
    entry = AuditEntry.objects.get(content_type__model="glossaryconcept", object_id=concept.pk)
    assert entry.action == AuditAction.CREATE and entry.actor is None and entry.request_id == ""
    assert entry.actor_display == "system"


def test_parties_rewritten_in_bulk_are_recorded_as_one_event(world):
    memo, third = world["memo"], InstitutionFactory(code="AZ-B", country="AZ")
    institution_services.memorandum_update(
        actor=world["users"]["admin"], memorandum=memo, parties=["KZ-A", "TR-C", "AZ-B"]
    )
    entry = AuditEntry.objects.get(action_type="institutions.memorandum.set_parties")
    assert entry.changes == {"parties": ["KZ-A, TR-C", "KZ-A, TR-C, AZ-B"]}
    assert entry.actor == world["users"]["admin"] and third.code == "AZ-B"


def test_roles_granted_are_recorded_in_the_history_of_their_scope(world):
    user = UserFactory(username="newcomer")
    role_grant(actor=world["users"]["admin"], user=user, scope=world["kz"], role=Role.TRANSLATOR)
    entry = AuditEntry.objects.get(content_type__model="roleassignment", object_repr__startswith="newcomer")
    assert entry.changes["role"] == ["None", "translator"] and entry.actor is None  # outside a request
    assert (entry.root_type.model, entry.root_id) == ("institution", world["kz"].pk)


def test_secrets_are_never_written_to_the_log(world):
    token, raw = token_create(user=world["users"]["kz_editor"], name="ci")
    entry = AuditEntry.objects.get(content_type__model="apitoken", object_id=token.pk)
    assert "key_hash" not in entry.changes and raw not in json.dumps(entry.changes)
    assert not AuditEntry.objects.filter(content_type__model="user", changes__has_key="password").exists()
    engine = MachineTranslationEngine.objects.create(name="lt", kind="libretranslate", api_key="s3cr3t-key")
    entry = AuditEntry.objects.get(content_type__model="machinetranslationengine", object_id=engine.pk)
    assert "s3cr3t-key" not in json.dumps(entry.changes)


def test_generated_transliterations_of_a_title_are_not_recorded_one_by_one(world):
    from tests.factories import film

    made = film(world["kz"], ("Дала әні", "kk-Cyrl"))
    assert made.titles.filter(generated=True).exists()
    rows = AuditEntry.objects.filter(content_type__model="filmtitle", root_id=made.pk)
    assert [r.changes["text"][1] for r in rows] == ["Дала әні"]


# Who reads it ----------------------------------------------------------------------------------------


def test_managers_see_the_history_of_their_objects_and_others_get_404(world, job):
    _approved(world, job)
    u = world["users"]
    url = f"/en/history/localization.translationjob/{job.pk}"
    for user, status in (
        ("kz_editor", 200),  # edits the institution that ordered the job
        ("admin", 200),
        ("reviewer", 404),
        ("translator", 404),
        ("tr_editor", 404),
        ("stranger", 404),
    ):
        assert _client(u[user]).get(url).status_code == status, user
    page = _client(u["kz_editor"]).get(url).content.decode()
    assert "Approve the job" in page and "reviewer" in page
    assert "Preparing" in page and "Approved" in page  # before → after, with the states' labels
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/accounts/login" in anonymous["Location"]
    memo_url = f"/en/history/institutions.memorandum/{world['memo'].pk}"
    assert _client(u["kz_editor"]).get(memo_url).status_code == 200  # an editor of a party
    assert _client(u["stranger"]).get(memo_url).status_code == 404
    assert _client(u["admin"]).get("/en/history/localization.targetcue/1").status_code == 404  # not audited
    assert _client(u["admin"]).get("/en/history/nothing.here/1").status_code == 404
    assert (
        _client(u["admin"]).get(f"/en/history/localization.translationjob/{job.pk + 99}").status_code == 404
    )


def test_the_selector_answers_404_to_those_who_may_not_read_the_history(world, job):
    from django.http import Http404

    assert audit_entries_for(actor=world["users"]["kz_editor"], obj=job).exists()
    for who in (world["users"]["translator"], world["users"]["stranger"], None):
        with pytest.raises(Http404):
            audit_entries_for(actor=who, obj=job)


def test_the_history_link_is_shown_to_managers_only(world, job):
    u = world["users"]
    link = f"/en/history/localization.translationjob/{job.pk}"
    assert link in _client(u["kz_editor"]).get(f"/en/localization/jobs/{job.pk}/").content.decode()
    assert link not in _client(u["translator"]).get(f"/en/localization/jobs/{job.pk}/").content.decode()
    memo_link = f"/en/history/institutions.memorandum/{world['memo'].pk}"
    memo_page = f"/en/memoranda/{world['memo'].pk}/"
    assert memo_link in _client(u["kz_editor"]).get(memo_page).content.decode()
    assert memo_link not in _client(u["stranger"]).get(memo_page).content.decode()


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "az", "ky", "tk", "tr", "uz"])
def test_the_history_page_is_translated(world, job, lang):
    _approved(world, job)
    page = _client(world["users"]["kz_editor"]).get(f"/{lang}/history/localization.translationjob/{job.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<html lang="{lang}">' in html
    if lang != "en":
        assert "History of" not in html and "Approve the job" not in html and "the platform" not in html


# Admin and exports ---------------------------------------------------------------------------------


def test_platform_admins_list_filter_and_read_the_log_in_the_admin(world, job):
    _approved(world, job)
    admin = _client(world["users"]["admin"])
    listing = admin.get("/en/admin/core/auditentry/")
    assert listing.status_code == 200
    assert "Approve the job" in listing.content.decode()
    filtered = admin.get("/en/admin/core/auditentry/?action__exact=9")
    assert filtered.status_code == 200 and "Approve the job" in filtered.content.decode()
    entry = AuditEntry.objects.get(action_type="localization.translationjob.approve")
    searched = admin.get(f"/en/admin/core/auditentry/?q={entry.request_id or 'x'}")
    assert searched.status_code == 200
    detail = admin.get(f"/en/admin/core/auditentry/{entry.pk}/change/")
    assert detail.status_code == 200 and "preparing → approved" in detail.content.decode()
    assert admin.get("/en/admin/core/auditentry/add/").status_code == 403
    staff = UserFactory(username="staff", is_staff=True)
    assert _client(staff).get("/en/admin/core/auditentry/").status_code in (302, 403)


def _rows(html: str) -> str:
    """The result rows of an admin list (its filters name the events too)."""
    return html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""


def test_the_admin_list_reads_one_page_of_the_log_and_filters_it(world, job):
    """Nothing on the list reads the whole log: no date hierarchy, no filter choices made by a DISTINCT
    over it; the filters and the search by identifier still find the entries."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _approved(world, job)
    admin = _client(world["users"]["admin"])
    with CaptureQueriesContext(connection) as queries:
        listing = admin.get("/en/admin/core/auditentry/")
    assert listing.status_code == 200
    on_log = [q["sql"] for q in queries if "core_auditentry" in q["sql"]]
    assert not [sql for sql in on_log if "DISTINCT" in sql.upper()], on_log
    assert len(on_log) <= 2, on_log  # the count and the page
    html = listing.content.decode()
    assert "Approve the job" in _rows(html) and "type of object" in html
    approve = "localization.translationjob.approve"
    only = _rows(admin.get(f"/en/admin/core/auditentry/?action_type={approve}").content.decode())
    assert "Approve the job" in only and only.count("<tr") == 1
    assert AuditEntry.objects.exclude(action_type=approve).exists()
    job_type = ContentType.objects.get_for_model(job).pk
    of_jobs = admin.get(f"/en/admin/core/auditentry/?content_type={job_type}")
    assert of_jobs.status_code == 200 and "Approve the job" in _rows(of_jobs.content.decode())
    institution_type = ContentType.objects.get(app_label="institutions", model="institution").pk
    other = _rows(admin.get(f"/en/admin/core/auditentry/?content_type={institution_type}").content.decode())
    assert "Approve the job" not in other
    assert admin.get("/en/admin/core/auditentry/?content_type=x").status_code == 200  # ignored, not a 500
    entry = AuditEntry.objects.filter(action_type=approve).exclude(request_id="").first()
    if entry is not None:  # a request id is matched whole
        assert (
            "Approve the job"
            in admin.get(f"/en/admin/core/auditentry/?q={entry.request_id}").content.decode()
        )
        partial = admin.get(f"/en/admin/core/auditentry/?q={entry.request_id[:-3]}").content.decode()
        assert "Approve the job" not in partial


def test_the_admin_exports_the_selection_as_csv_and_json(world, job):
    _approved(world, job)
    admin = _client(world["users"]["admin"])
    ids = [str(pk) for pk in AuditEntry.objects.values_list("pk", flat=True)]
    for fmt in ("csv", "json"):
        response = admin.post(
            "/en/admin/core/auditentry/", {"action": f"export_{fmt}", "_selected_action": ids}
        )
        assert response.status_code == 200 and isinstance(response, StreamingHttpResponse)
        assert f".{fmt}" in response["Content-Disposition"]
        body = response.getvalue().decode()
        written = io.StringIO()
        write_entries(AuditEntry.objects.order_by("timestamp", "pk"), written, fmt)
        assert body == written.getvalue()  # the download is what `korkyt audit export` writes
        assert "localization.translationjob.approve" in body and "reviewer" in body
    rows = json.loads(body)
    assert len(rows) == len(ids) and rows[0]["timestamp"] <= rows[-1]["timestamp"]


def test_csv_export_escapes_cells_a_spreadsheet_would_run_as_formulas(world):
    mallory = UserFactory(username="@mallory")
    concept = GlossaryConcept.objects.create(code='=HYPERLINK("http://x")')
    audit_log(obj=concept, action="glossary.concept.note", actor=mallory, changes={"code": ("-1", "+1")})
    GlossaryConcept.objects.create(code="\tcmd")
    out = io.StringIO()
    write_entries(AuditEntry.objects.order_by("pk"), out, "csv")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    objects = [r["object"] for r in rows]
    assert '\'=HYPERLINK("http://x")' in objects and "'\tcmd" in objects
    assert "'@mallory" in [r["actor"] for r in rows]
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    out = io.StringIO()
    write_entries(AuditEntry.objects.order_by("pk"), out, "json")
    assert '=HYPERLINK(\\"http://x\\")' in out.getvalue()  # JSON keeps the text as it is
    # The admin's export writes the same escaped cells.
    admin = _client(world["users"]["admin"])
    ids = [str(pk) for pk in AuditEntry.objects.values_list("pk", flat=True)]
    answer = admin.post("/en/admin/core/auditentry/", {"action": "export_csv", "_selected_action": ids})
    exported = list(csv.DictReader(io.StringIO(answer.getvalue().decode())))
    assert '\'=HYPERLINK("http://x")' in [r["object"] for r in exported]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t")) for r in exported for cell in r.values())


def test_the_admin_export_reads_the_log_in_batches_as_it_writes(world, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from korkyt.core.audit import export

    memo = world["memo"]
    admin = _client(world["users"]["admin"])
    counts = []
    for n in (5, 60):
        AuditEntry.objects.all().delete()
        for i in range(n):
            audit_log(
                obj=memo, action="institutions.memorandum.note", actor=SYSTEM, changes={"n": (i, i + 1)}
            )
        ids = [str(pk) for pk in AuditEntry.objects.values_list("pk", flat=True)]
        for fmt in ("csv", "json"):
            answer = admin.post(
                "/en/admin/core/auditentry/", {"action": f"export_{fmt}", "_selected_action": ids}
            )
            with CaptureQueriesContext(connection) as queries:
                chunks = list(answer.streaming_content)
            counts.append(len(queries))
            body = b"".join(chunks).decode()
            rows = json.loads(body) if fmt == "json" else list(csv.DictReader(io.StringIO(body)))
            assert len(rows) == n
    assert counts[0] == counts[2] and counts[1] == counts[3]  # one read, whatever the number of entries
    chunks = list(export.entries_chunks(AuditEntry.objects.order_by("pk"), "json", size=100))
    assert len(chunks) > 10 and len(json.loads(b"".join(chunks))) == 60  # written as it is read


def test_cli_exports_the_log_since_a_date_as_csv_or_json(world, job, tmp_path):
    _approved(world, job)
    out = tmp_path / "audit.csv"
    result = runner.invoke(app, ["audit", "export", "--output", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == AuditEntry.objects.count() > 0
    assert any(r["event"] == "localization.translationjob.approve" and r["actor"] == "reviewer" for r in rows)
    tomorrow = (timezone.now() + dt.timedelta(days=1)).date().isoformat()
    result = runner.invoke(app, ["audit", "export", "--format", "json", "--since", tomorrow])
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    today = timezone.now().date().isoformat()
    result = runner.invoke(app, ["audit", "export", "--format", "json", "--since", today])
    assert len(json.loads(result.stdout)) == AuditEntry.objects.count()
    assert runner.invoke(app, ["audit", "export", "--format", "xml"]).exit_code == 2
    bad = runner.invoke(app, ["audit", "export", "--since", "yesterday"])
    assert bad.exit_code == 2 and "--since" in bad.output


def test_entries_of_a_deleted_object_stay_in_the_log(world):
    memo = world["memo"]
    pk = memo.pk
    MemorandumTranslation.objects.create(memorandum=memo, language="en", title="To be gone")
    institution_services.memorandum_update(actor=SYSTEM, memorandum=memo, status="draft")
    Memorandum.objects.filter(pk=pk).first().delete()
    kinds = set(
        AuditEntry.objects.filter(root_id=pk, root_type__model="memorandum").values_list("action", flat=True)
    )
    assert {AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE} <= kinds


def test_many_to_many_changes_are_recorded_in_the_objects_history(world):
    memo = world["memo"]
    institution_services.memorandum_update(
        actor=world["users"]["admin"], memorandum=memo, areas=["joint_feature", "film_tourism"]
    )
    entry = AuditEntry.objects.filter(content_type__model="memorandum", changes__has_key="areas").last()
    assert entry.changes["areas"]["operation"] == "add"
    assert (entry.root_type.model, entry.root_id) == ("memorandum", memo.pk)
    page = (
        _client(world["users"]["admin"])
        .get(f"/en/history/institutions.memorandum/{memo.pk}")
        .content.decode()
    )
    assert "Areas of cooperation" in page and "Film tourism" in page


def test_a_row_about_any_object_belongs_to_that_objects_history(world, job, monkeypatch):
    """A parent named by a generic foreign key (e.g. a role held on a scope) is followed too."""
    from korkyt.core.audit import registry
    from korkyt.institutions.models import MemorandumActivity
    from korkyt.localization.models import TranslationJob

    activity = MemorandumActivity.objects.get(object_id=job.pk)
    assert registry.root_of(activity)[0] is Memorandum  # registered with parent="memorandum"
    monkeypatch.setitem(
        registry._AUDITED, MemorandumActivity, registry.Audited(MemorandumActivity, None, "activity")
    )
    assert registry.root_of(activity) == (TranslationJob, job.pk)


def test_the_stored_row_is_read_as_the_database_has_it_before_an_audited_save():
    from korkyt.core.audit.oldrow import stored_row

    kz, tr = InstitutionFactory(code="KZ-O"), InstitutionFactory(code="TR-O")
    memo = institution_services.memorandum_create(
        actor=SYSTEM,
        parties=[kz, tr],
        status="signed",
        signed_on=dt.date(2025, 10, 1),
        source_url="https://a.example/",
    )
    stored = stored_row(Memorandum, memo.pk, "default")
    assert stored is not None and stored.signed_on == dt.date(2025, 10, 1)  # converted (a date on SQLite)
    assert stored.source_url == "https://a.example/" and stored._state.adding is False
    assert stored_row(Memorandum, 10**9, "default") is None
    # Changed behind the instance's back: the entry's "before" is what the database had, not the instance.
    Memorandum.objects.filter(pk=memo.pk).update(source_url="https://b.example/")
    institution_services.memorandum_update(actor=SYSTEM, memorandum=memo, source_url="https://c.example/")
    entry = AuditEntry.objects.filter(object_pk=str(memo.pk), action=AuditAction.UPDATE).latest("pk")
    assert entry.changes["source_url"] == ["https://b.example/", "https://c.example/"]


def test_the_history_page_names_its_object_by_title_with_its_language(world):
    """Not "Film 12" nor "Memorandum 3": the film's title and the memorandum's title, marked with the
    language they are written in; a model without a title of its own keeps its name."""
    admin = _client(world["users"]["admin"])
    film = world["film"]
    page = admin.get(f"/en/history/catalogue.film/{film.pk}").content.decode()
    h1 = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    assert '<span lang="kk-Cyrl">Дала әні</span>' in h1 and f"Film {film.pk}" not in h1
    assert "<title>History · Дала әні" in page
    memo = world["memo"]
    page = admin.get(f"/en/history/institutions.memorandum/{memo.pk}").content.decode()
    h1 = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    assert "<span lang=" in h1 and f"Memorandum {memo.pk}" not in h1
    concept = GlossaryConcept.objects.create(code="korkyt-ata")
    page = admin.get(f"/en/history/localization.glossaryconcept/{concept.pk}").content.decode()
    assert "korkyt-ata" in re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)


def test_texts_in_the_history_are_marked_with_their_language(world):
    """A memorandum's Kazakh title, created and then changed, shows in its history marked kk-Cyrl (the
    row's own name and the values before → after), while the field names stay in the reader's language."""
    memo = world["memo"]
    text = MemorandumTranslation.objects.create(memorandum=memo, language="kk-Cyrl", title="Ынтымақтастық")
    text.title = "Кино ынтымақтастығы"
    text.save()
    page = (
        _client(world["users"]["admin"])
        .get(f"/en/history/institutions.memorandum/{memo.pk}")
        .content.decode()
    )
    assert '<ins lang="kk-Cyrl">Кино ынтымақтастығы</ins>' in page
    assert '<del lang="kk-Cyrl">Ынтымақтастық</del>' in page
    assert re.search(r'<small>[^<:]+: <span lang="kk-Cyrl">', page)  # "memorandum text: <the title>"
    assert '<ins lang="kk-Cyrl">kk-Cyrl</ins>' not in page  # the language tag itself is not a text in it
