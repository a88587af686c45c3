"""Editors change a film's other titles, its versions and tracks, and delete a film or a person, from the
pages (as the API's titles, versions, tracks and deletes do): mistakes are named, refusals say why, and
only the owning institution's editors may."""

from __future__ import annotations

import pytest
from django.test import Client

from korkyt.catalogue import services
from korkyt.catalogue.models import Company, CountryRole, Film, FilmTitle, Person, Track, Version
from korkyt.core.permissions import SYSTEM
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, film, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def kyz(kz):  # type: ignore[no-untyped-def]
    return film(kz, ("Қыз Жібек", "kk-Cyrl"))


def _messages(page: str) -> str:
    return page.split('role="status"', 1)[-1][:2000] if 'role="status"' in page else page


def test_an_editor_adds_a_title_and_its_transliterations_follow(editor: Client, kyz) -> None:  # type: ignore[no-untyped-def]
    url = f"/en/staff/films/{kyz.pk}/titles/"
    page = editor.get(url).content.decode()
    assert '<th scope="row" data-label="Title" lang="kk-Cyrl">Қыз Жібек</th>' in page
    assert 'lang="kk-Latn">Qyz Jıbek</span>' in page  # the generated forms shown beside their source
    answer = editor.post(url, {"action": "add", "text": "Кыз Жибек", "language": "ru", "kind": "translated"})
    assert answer.status_code == 302 and answer["Location"] == url
    added = kyz.titles.get(generated=False, language="ru")
    assert (added.text, added.kind) == ("Кыз Жибек", "translated")
    assert kyz.titles.filter(source=added).exists()  # transliterated into Latin
    # The same title again is named on its field, not added twice.
    again = editor.post(url, {"action": "add", "text": "Кыз Жибек", "language": "ru", "kind": "translated"})
    assert again.status_code == 200 and "already has this title" in again.content.decode()
    assert kyz.titles.filter(generated=False, language="ru").count() == 1
    # A blank title, an unknown language, a forged kind: named, nothing added.
    bad = editor.post(url, {"action": "add", "text": " ", "language": "xx", "kind": "forged"})
    text = bad.content.decode()
    assert bad.status_code == 200 and text.count('class="error"') == 3
    assert kyz.titles.filter(generated=False).count() == 2
    # Removed, with its transliterations.
    gone = editor.post(url, {"action": "remove", "title": str(added.pk)})
    assert gone.status_code == 302
    assert not FilmTitle.objects.filter(pk=added.pk).exists() and not kyz.titles.filter(source_id=added.pk)


def test_the_last_original_title_and_generated_ones_are_not_removed(editor: Client, kyz) -> None:  # type: ignore[no-untyped-def]
    url = f"/en/staff/films/{kyz.pk}/titles/"
    original = kyz.titles.get(generated=False)
    page = editor.post(url, {"action": "remove", "title": str(original.pk)}, follow=True).content.decode()
    assert "A film needs at least one title." in page
    generated = kyz.titles.filter(generated=True).first()
    page = editor.post(url, {"action": "remove", "title": str(generated.pk)}, follow=True).content.decode()
    assert "no longer on the film" in page
    page = editor.post(url, {"action": "remove", "title": "not a number"}, follow=True).content.decode()
    assert "no longer on the film" in page
    assert FilmTitle.objects.filter(pk__in=[original.pk, generated.pk]).count() == 2


def test_an_editor_adds_versions_and_tracks_and_changes_a_tracks_status(editor: Client, kyz) -> None:  # type: ignore[no-untyped-def]
    url = f"/en/staff/films/{kyz.pk}/tracks/"
    page = editor.get(url).content.decode()
    assert "No tracks yet." in page and "No versions yet" in page
    answer = editor.post(
        url,
        {
            "action": "add_version",
            "version-kind": "restored",
            "version-language": "kk-Cyrl",
            "version-runtime": "85",
        },
    )
    assert answer.status_code == 302
    version = Version.objects.get(film=kyz)
    assert (version.kind, version.language, version.runtime) == ("restored", "kk-Cyrl", 85)
    answer = editor.post(
        url,
        {
            "action": "add_track",
            "track-kind": "subtitles",
            "track-language": "tr",
            "track-status": "in_progress",
            "track-version": str(version.pk),
            "track-note": "From the Russian list",
        },
    )
    assert answer.status_code == 302
    track = Track.objects.get(film=kyz)
    assert (track.kind, track.language, track.status, track.version, track.note) == (
        "subtitles",
        "tr",
        "in_progress",
        version,
        "From the Russian list",
    )
    page = editor.get(url).content.decode()
    assert "Restored version — Kazakh" in page and "From the Russian list" in page
    # The status changes in place; the film's page lists the track as a way to watch it once available.
    available = 'class="tag track-available" data-lang="tr"'
    assert available not in Client().get(f"/en/films/{kyz.pk}/").content.decode()
    editor.post(url, {"action": "track_status", "track": str(track.pk), "status": "available"})
    track.refresh_from_db()
    assert track.status == "available"
    assert available in Client().get(f"/en/films/{kyz.pk}/").content.decode()
    # A forged status, a version of another film, an unknown language: refused, nothing changes.
    page = editor.post(
        url, {"action": "track_status", "track": str(track.pk), "status": "lost"}, follow=True
    ).content.decode()
    assert "Unknown status." in page
    other = Version.objects.create(film=film(InstitutionFactory(code="AZ-X"), ("Nabat", "az")))
    bad = editor.post(
        url,
        {
            "action": "add_track",
            "track-kind": "dub",
            "track-language": "zz",
            "track-status": "planned",
            "track-version": str(other.pk),
        },
    )
    assert bad.status_code == 200 and bad.content.decode().count('class="error"') == 2
    assert Track.objects.filter(film=kyz).count() == 1
    # Removing the version takes its tracks.
    editor.post(url, {"action": "remove_version", "version": str(version.pk)})
    assert not Version.objects.filter(film=kyz).exists() and not Track.objects.filter(film=kyz).exists()


def test_tracks_for_the_whole_film_and_removing_one(editor: Client, kyz) -> None:  # type: ignore[no-untyped-def]
    url = f"/en/staff/films/{kyz.pk}/tracks/"
    editor.post(
        url,
        {"action": "add_track", "track-kind": "sdh", "track-language": "kk-Cyrl", "track-status": "planned"},
    )
    track = Track.objects.get(film=kyz)
    assert track.version is None and track.status == "planned"
    assert "The film as a whole" in editor.get(url).content.decode()
    editor.post(url, {"action": "remove_track", "track": str(track.pk)})
    assert not Track.objects.filter(pk=track.pk).exists()
    page = editor.post(url, {"action": "remove_track", "track": str(track.pk)}, follow=True).content.decode()
    assert "no longer on the film" in page


def test_an_editor_deletes_a_film_after_confirming(editor: Client, kyz) -> None:  # type: ignore[no-untyped-def]
    url = f"/en/staff/films/{kyz.pk}/delete/"
    assert "Delete this film" in editor.get(f"/en/staff/films/{kyz.pk}/edit/").content.decode()
    assert editor.get(url).status_code == 405  # only a POST deletes
    page = editor.post(url, follow=True).content.decode()
    assert "Tick the box" in page and Film.objects.filter(pk=kyz.pk).exists()
    answer = editor.post(url, {"confirm": "on"})
    assert answer.status_code == 302 and answer["Location"] == "/en/staff/"
    assert not Film.objects.filter(pk=kyz.pk).exists()
    assert Client().get(f"/en/films/{kyz.pk}/").status_code == 404


def test_a_credited_person_is_not_deleted_and_the_page_says_why(editor: Client, kz, kyz) -> None:  # type: ignore[no-untyped-def]
    someone = person(("Сұлтан Қожықов", "kk-Cyrl"), owner=kz)
    services.credit_create(actor=SYSTEM, film=kyz, person=someone, role="director")
    url = f"/en/staff/people/{someone.pk}/delete/"
    assert "Delete this person" in editor.get(f"/en/staff/people/{someone.pk}/edit/").content.decode()
    page = editor.post(url, {"confirm": "on"}, follow=True).content.decode()
    assert "credited on films" in page and Person.objects.filter(pk=someone.pk).exists()
    services.credit_delete(actor=SYSTEM, credit=kyz.credits.get())
    answer = editor.post(url, {"confirm": "on"})
    assert answer.status_code == 302 and not Person.objects.filter(pk=someone.pk).exists()


def test_nobody_else_may_change_titles_tracks_or_delete(kz, kyz) -> None:  # type: ignore[no-untyped-def]
    other = Client()
    other.force_login(
        MembershipFactory(user=UserFactory(username="az"), institution=InstitutionFactory()).user
    )
    someone = person(("Сұлтан Қожықов", "kk-Cyrl"), owner=kz)
    for url in (
        f"/en/staff/films/{kyz.pk}/titles/",
        f"/en/staff/films/{kyz.pk}/tracks/",
    ):
        assert other.get(url).status_code == 403
        assert Client().get(url).status_code == 302  # to sign in
    assert other.post(f"/en/staff/films/{kyz.pk}/delete/", {"confirm": "on"}).status_code == 403
    assert other.post(f"/en/staff/people/{someone.pk}/delete/", {"confirm": "on"}).status_code == 403
    assert "Delete this film" not in other.get(f"/en/films/{kyz.pk}/").content.decode()
    assert Film.objects.filter(pk=kyz.pk).exists() and Person.objects.filter(pk=someone.pk).exists()


def _company_post(**over: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "studio",
        "country": "KZ",
        "website": "https://kazakhfilm.kz",
        "names-TOTAL_FORMS": "3",
        "names-INITIAL_FORMS": "2",
        "names-0-name": "Қазақфильм",
        "names-0-language": "kk-Cyrl",
        "names-1-name": "Kazakhfilm",
        "names-1-language": "en",
        "names-1-DELETE": "on",
        "names-2-name": "Казахфильм",
        "names-2-language": "ru",
    }
    data.update(over)
    return data


def test_an_editor_changes_a_companys_names_and_facts(editor: Client, kz) -> None:  # type: ignore[no-untyped-def]
    company = services.company_create(
        actor=SYSTEM,
        owner=kz,
        country="KZ",
        names=[{"language": "kk-Cyrl", "name": "Қазақфильм"}, {"language": "en", "name": "Kazakhfilm"}],
    )
    detail = editor.get(f"/en/companies/{company.pk}/").content.decode()
    url = f"/en/staff/companies/{company.pk}/edit/"
    assert f'href="{url}"' in detail
    page = editor.get(url).content.decode()
    assert 'lang="kk-Cyrl"' in page and 'value="Қазақфильм"' in page
    answer = editor.post(url, _company_post())
    assert answer.status_code == 302, answer.content.decode()[-3000:]
    company.refresh_from_db()
    assert (company.kind, company.website) == ("studio", "https://kazakhfilm.kz")
    assert sorted(company.names.values_list("language", "name")) == [
        ("kk-Cyrl", "Қазақфильм"),
        ("ru", "Казахфильм"),
    ]
    # Two names in one language, or none at all: named, nothing changes.
    twice = editor.post(url, _company_post(**{"names-2-language": "kk-Cyrl", "names-1-DELETE": ""}))
    assert twice.status_code == 200 and "another name in this language" in twice.content.decode()
    none = editor.post(
        url, _company_post(**{"names-0-DELETE": "on", "names-2-name": "", "names-2-language": ""})
    )
    assert none.status_code == 200 and "at least one name" in none.content.decode()
    bad = editor.post(url, _company_post(kind="bank", website="javascript:alert(1)", country="XX"))
    assert bad.status_code == 200 and bad.content.decode().count('class="error"') == 3
    assert company.names.count() == 2 and Company.objects.get(pk=company.pk).kind == "studio"


def test_a_company_is_deleted_unless_credited(editor: Client, kz, kyz) -> None:  # type: ignore[no-untyped-def]
    company = services.company_create(
        actor=SYSTEM, owner=kz, names=[{"language": "en", "name": "Kazakhfilm"}]
    )
    services.credit_create(actor=SYSTEM, film=kyz, company=company, role="production_company")
    url = f"/en/staff/companies/{company.pk}/delete/"
    page = editor.post(url, {"confirm": "on"}, follow=True).content.decode()
    assert "credited on films" in page and Company.objects.filter(pk=company.pk).exists()
    services.credit_delete(actor=SYSTEM, credit=kyz.credits.get())
    assert editor.post(url, {"confirm": "on"}).status_code == 302
    assert not Company.objects.filter(pk=company.pk).exists()
    other = Client()
    other.force_login(
        MembershipFactory(user=UserFactory(username="az"), institution=InstitutionFactory()).user
    )
    theirs = services.company_create(actor=SYSTEM, owner=kz, names=[{"language": "en", "name": "Kino"}])
    assert other.get(f"/en/staff/companies/{theirs.pk}/edit/").status_code == 403
    assert other.post(f"/en/staff/companies/{theirs.pk}/delete/", {"confirm": "on"}).status_code == 403
    assert "/edit/" not in other.get(f"/en/companies/{theirs.pk}/").content.decode().split("<main", 1)[1]


def test_name_changes_are_in_the_history_of_the_person_and_the_company(editor: Client, kz) -> None:  # type: ignore[no-untyped-def]
    import re

    someone = person(("Сұлтан Қожықов", "kk-Cyrl"), owner=kz)
    answer = editor.post(
        f"/en/staff/people/{someone.pk}/edit/",
        {
            "names-TOTAL_FORMS": "2",
            "names-INITIAL_FORMS": "1",
            "names-0-text": "Сұлтан-Ахмет Қожықов",
            "names-0-language": "kk-Cyrl",
            "names-1-text": "Sultan-Akhmet Khodzhikov",
            "names-1-language": "en",
        },
    )
    assert answer.status_code == 302
    company = services.company_create(
        actor=SYSTEM, owner=kz, names=[{"language": "en", "name": "Kazakhfilm"}]
    )
    editor.post(f"/en/staff/companies/{company.pk}/edit/", _company_post(**{"names-0-name": "Қазақфильм"}))
    for page, event, before, after in (
        (
            f"/kk/people/{someone.pk}/",
            "Есімдер өзгертілді",  # the heading of the change: "тұлғалардың аты-жөндері"
            "Сұлтан Қожықов [kk-Cyrl]",
            "Sultan-Akhmet Khodzhikov [en]",
        ),
        (
            f"/kk/companies/{company.pk}/",
            "Компания атаулары өзгертілді",
            "Kazakhfilm [en]",
            "Қазақфильм [kk-Cyrl]",
        ),
    ):
        link = re.search(r'href="(/kk/history/[^"]+)"', editor.get(page).content.decode())
        assert link, page
        history = editor.get(link[1]).content.decode()
        assert event in history, history[-3000:]
        assert before in history and after in history
        assert ">names" not in history and "person names" not in history  # the change's heading in Kazakh
        assert ("аты-жөндері" if "people" in page else "компания атаулары") in history.lower()


def test_my_work_lists_the_films_of_the_editors_institutions_drafts_first(editor: Client, kz) -> None:  # type: ignore[no-untyped-def]
    older = film(kz, ("Қыз Жібек", "kk-Cyrl"))
    draft = film(kz, ("Жаңа фильм", "kk-Cyrl"), status="draft")
    film(kz, ("Аманат", "kk-Cyrl"))
    film(InstitutionFactory(code="AZ-OTHER"), ("Nabat", "az"))  # another institution's: not listed
    page = editor.get("/en/staff/").content.decode()
    section = page.split('id="my-films"', 1)[1].split("</table>", 1)[0]
    assert "3 films, 1 of them drafts" in page
    assert section.index("Жаңа фильм") < section.index("Аманат") < section.index("Қыз Жібек")
    assert "Nabat" not in section and "Draft" in section
    assert f'href="/en/staff/films/{draft.pk}/edit/"' in section and 'lang="kk-Cyrl"' in section
    assert older.pk
    newcomer = Client()
    newcomer.force_login(
        MembershipFactory(user=UserFactory(username="new"), institution=InstitutionFactory()).user
    )
    assert "no films in the catalogue yet" in newcomer.get("/en/staff/").content.decode()


def test_production_country_changes_are_one_event_in_the_films_history_in_the_readers_language(
    editor: Client,
    kyz: Film,
) -> None:
    from django.utils import translation

    from korkyt.core.models import AuditEntry

    services.film_update(actor=SYSTEM, film=kyz, countries=[{"country": "KZ", "role": "majority"}])
    services.film_update(
        actor=SYSTEM,
        film=kyz,
        countries=[{"country": "KZ", "role": "majority"}, {"country": "KG", "role": "minority"}],
    )
    # the same list again is no change
    services.film_update(
        actor=SYSTEM,
        film=kyz,
        countries=[{"country": "KZ", "role": "majority"}, {"country": "KG", "role": "minority"}],
    )
    events = AuditEntry.objects.filter(action_type="catalogue.film.set_countries", object_pk=str(kyz.pk))
    assert [e.changes["countries"] for e in events.order_by("pk")] == [
        ["", "KZ majority"],
        ["KZ majority", "KZ majority; KG minority"],
    ]
    history = editor.get(f"/kk/history/catalogue.film/{kyz.pk}").content.decode()
    assert "Өндіруші елдер өзгертілді" in history, history[-3000:]
    assert "KZ majority" not in history  # codes, not words, are what is stored; the page shows words
    with translation.override("kk"):
        majority = str(CountryRole.MAJORITY.label)
        assert f"Қазақстан ({majority}); Қырғызстан (" in history


def test_the_editing_pages_name_the_film_in_the_browser_tab(editor: Client, kyz) -> None:  # type: ignore[no-untyped-def]
    """Several films open in tabs: each editing page's <title> says which film it edits."""
    for part in ("edit", "titles", "tracks", "credits"):
        page = editor.get(f"/en/staff/films/{kyz.pk}/{part}/").content.decode()
        title = page.split("<title>", 1)[1].split("</title>", 1)[0]
        assert "Қыз Жібек" in title, (part, title)
