"""The project page in the viewer's language, the dossier, and the advice applied from the page."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from korkyt.coproduction import eligibility, services
from korkyt.core.translations import Text
from tests.coproduction.conftest import animated_project

pytestmark = pytest.mark.django_db


def test_the_project_page_shows_verdicts_advice_and_titles_marked_with_their_language(people, client: Client):
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    page = client.get(f"/kk/coproductions/{project.pk}/").content.decode()
    assert 'lang="kk-Cyrl">Қорқыт пен жел</h1>' in page
    assert "Талаптарға сәйкестік" in page  # "Eligibility" in Kazakh
    assert "tr-2019" in page and "Әзірбайжан" in page  # the engine's advice, worded in Kazakh
    assert "үлесін" in page and "Ортақ продюсердің үлесі" in page  # "raise the share", the check name
    assert "Осы кеңесті қолдану" in page  # the "Apply this advice" button


def test_the_producer_applies_the_advice_from_the_page_and_the_project_qualifies(people, client: Client):
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    index = 0
    response = client.post(
        f"/en/coproductions/{project.pk}/advice/", {"instrument": "tr-2019", "index": index}
    )
    assert response.status_code == 302
    assert eligibility.evaluate(project).basis == "tr-2019"
    added = project.financing.order_by("-pk").first()
    assert added is not None and added.name == ""  # no text in the language of whoever applied it


def test_the_dossier_is_a_pdf(people, client: Client):
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    response = client.get(f"/tr/coproductions/{project.pk}/dossier.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_api_errors_name_the_field(people, client: Client):
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    response = client.post(
        f"/api/coproductions/{project.pk}/financing",
        {"kind": "broadcaster", "amount": "10", "currency": "UZS"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"rate", "rate_on"}


def test_the_new_project_form_names_each_memorandum_by_its_parties(people, memo, client: Client):
    client.force_login(people["producer"])
    page = client.get("/en/coproductions/new/").content.decode()
    option = re.search(rf'<option value="{memo.pk}"( lang="[^"]+")?>([^<]*)</option>', page)
    assert option is not None
    label = option.group(2)
    assert "Kazakhstan" in label and "Azerbaijan" in label, label
    assert f"Memorandum {memo.pk}" not in label


def test_a_new_project_does_not_start_cancelled(people, client: Client):
    from korkyt.coproduction.models import Project

    client.force_login(people["producer"])
    page = client.get("/en/coproductions/new/").content.decode()
    assert '<option value="completed">' in page and '<option value="cancelled">' not in page
    form = {"title": "Dala", "language": "en", "kind": "fiction", "stage": "cancelled", "currency": "USD"}
    before = Project.objects.count()
    assert client.post("/en/coproductions/new/", form).status_code == 200  # the form again, refused
    assert Project.objects.count() == before
    with pytest.raises(ValidationError) as exc:
        services.project_create(
            actor=people["producer"], kind="fiction", title="Dala", language="en", stage="cancelled"
        )
    assert "cannot start cancelled" in exc.value.message_dict["stage"][0]
    response = client.post(
        "/api/coproductions",
        {"title": "Dala", "language": "en", "kind": "fiction", "stage": "cancelled"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["stage"]
    assert Project.objects.count() == before
    # an existing project may be cancelled from its edit page
    project = animated_project(people["producer"])
    page = client.get(f"/en/coproductions/{project.pk}/edit/").content.decode()
    assert '<option value="cancelled">' in page


def test_the_project_page_names_its_memorandum_and_groups_the_amounts(people, memo, client: Client):
    project = animated_project(people["producer"], memo)
    client.force_login(people["producer"])
    page = client.get(f"/en/coproductions/{project.pk}/").content.decode()
    assert f">#{memo.pk}</a>" not in page
    link = page.split(f'href="/en/memoranda/{memo.pk}/"', 1)[1].split("</a>", 1)[0]
    assert "Kazakhstan" in link and "Azerbaijan" in link, link
    # the financing table groups thousands and writes cents only when there are any, as the budget above it
    assert '<td data-label="Amount" class="count">606,000,000 KZT</td>' in page
    assert (
        'class="count">1,200,000</td>' in page
    )  # and so does the column converted to the project's currency
    assert ".00 " not in page.split('class="financing', 1)[1].split("</table>", 1)[0]


def test_removing_a_partner_says_its_financing_lines_go_with_it(people, client: Client):
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    page = client.get(f"/en/coproductions/{project.pk}/").content.decode()
    row = page.split(">Baku Drawings</td>", 1)[1].split("</tr>", 1)[0]
    assert "Its 1 financing line goes with it." in row
    assert 'Remove<span class="visually-hidden">: <span lang=' in row and "Baku Drawings</span>" in row
    az = project.partners.get(country="AZ")
    answer = client.post(f"/en/coproductions/{project.pk}/remove/partner/{az.pk}/")
    assert answer.status_code == 302 and not project.financing.filter(partner=az.pk).exists()


def test_words_of_the_rule_data_and_dates_are_in_the_readers_language() -> None:
    """The engine's rule data is English ("the General Directorate of Cinema", "Memorandum"); a sentence in
    Russian names them in Russian, with the date the Russian way."""
    import datetime as dt

    from django.utils import translation

    from korkyt.coproduction import wording
    from korkyt.treaties.messages import msg

    pending = msg(
        "check.deadline_pending",
        authority="the General Directorate of Cinema",
        latest=dt.date(2027, 3, 3),
        months=2,
        start=dt.date(2027, 5, 3),
    )
    with translation.override("ru"):
        text = wording.render_one(pending)
        assert "Главное управление кинематографии" in text and "3 марта 2027\u202fг." in text, text
        applies = wording.render_one(msg("reason.no_foreign", short="Memorandum"))
        assert applies.startswith("Меморандум"), applies
    with translation.override("en"):
        assert "the General Directorate of Cinema" in wording.render_one(pending)


def test_the_language_of_a_projects_title_is_chosen_by_its_name(people, client: Client) -> None:
    client.force_login(people["producer"])
    page = client.get("/ru/coproductions/new/").content.decode()
    assert '<option value="kk-Cyrl">Казахский (кириллица)</option>' in page, page[:200]
    assert '<option value="tr">Турецкий</option>' in page


def test_the_legal_basis_names_the_instrument_in_the_readers_language_inside_the_sentence(
    people, client: Client
):
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    client.post(f"/en/coproductions/{project.pk}/advice/", {"instrument": "tr-2019", "index": 0})
    page = client.get(f"/ky/coproductions/{project.pk}/").content.decode()
    basis = page.split('<p class="basis">', 1)[1].split("</p>", 1)[0]
    assert basis.startswith("Укуктук негиз: ")  # "Legal basis" in Kyrgyz
    assert (
        '<span lang="ky">Түркия: Тасма тартууга уруксаттар жана биргелешкен өндүрүш жөнүндө жобо (2019)</span>'
        in basis
    )


def test_every_instrument_has_its_title_to_translate_in_the_rule_datas_words() -> None:
    from django.utils import translation

    from korkyt.coproduction import wording
    from korkyt.treaties import load_rulebook

    book = load_rulebook().instruments
    assert set(wording.TITLES) == {inst.id for inst in book}
    for inst in book:
        with translation.override("en"):
            assert wording.instrument_title(inst) == Text(inst.title, "en")
        with translation.override("uz"):
            title = wording.instrument_title(inst)
            assert title.lang == "uz" and title.text != inst.title, inst.id


def test_a_draft_memorandum_is_named_on_a_published_project_only_to_those_who_may_see_it(
    agencies, people, client: Client
):
    from tests.factories import MembershipFactory, UserFactory, memorandum

    draft = memorandum(agencies["KZ"], agencies["AZ"], status="draft")
    MembershipFactory(user=people["producer"], institution=agencies["KZ"])  # a party's member chooses it
    project = animated_project(people["producer"], memo=draft)
    services.project_publish(actor=people["producer"], project=project, published=True)
    link = f"/memoranda/{draft.pk}/"
    client.force_login(people["kz_agency"])
    assert link in client.get(f"/en/coproductions/{project.pk}/").content.decode()
    for outsider in (UserFactory(username="visitor"), people["tr_agency"]):
        client.force_login(outsider)
        page = client.get(f"/en/coproductions/{project.pk}/")
        assert page.status_code == 200 and link not in page.content.decode()
        assert "Made under the memorandum" not in page.content.decode()
    client.logout()
    assert link not in client.get(f"/en/coproductions/{project.pk}/").content.decode()


def test_shares_put_the_percent_sign_where_the_language_puts_it(people, client: Client) -> None:
    """ "%76,68" in Turkish, "76,68 %" in Russian (a non-breaking space), "76.68%" in English: the messages,
    the eligibility table and the partners' shares alike, not "76.68 %" everywhere."""
    from decimal import Decimal

    from django.utils import translation

    from korkyt.coproduction import wording

    with translation.override("tr"):
        assert wording.limits("share", 5, 80) == "%5–%80"
        assert wording.figure("share", Decimal("76.68")) == "%76,68"
    with translation.override("ru"):
        assert wording.figure("share", Decimal("76.68")) == "76,68\xa0%"
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    page = client.get(f"/en/coproductions/{project.pk}/").content.decode()
    shares = re.findall(r'data-label="Share" class="count">([^<]*)</td>', page)
    assert shares and all(re.fullmatch(r"\d+\.\d\d%", share) for share in shares), shares


def test_the_eligibility_table_gives_its_dates_in_the_readers_language() -> None:
    """A deadline check's value and limit ("2026-12-06 ≤ 2027-03-05") are dates as the page's language writes
    them, like the sentence beside them."""
    import datetime as dt

    from django.utils import translation

    from korkyt.coproduction import wording

    with translation.override("ru"):
        assert wording.figure("deadline", dt.date(2026, 12, 6)) == "6 декабря 2026\u202fг."
        assert wording.limits("deadline", None, dt.date(2027, 3, 5)) == "≤ 5 марта 2027\u202fг."
    with translation.override("kk"):
        assert wording.limits("deadline", dt.date(2027, 3, 5), None) == "≥ 2027\u202fж. 5 наурыз"


def test_a_decision_without_a_choice_is_said_and_keeps_the_comments(people, client: Client) -> None:
    project = animated_project(people["producer"])
    services.project_submit(actor=people["producer"], project=project)
    client.force_login(people["kz_agency"])
    response = client.post(
        f"/en/coproductions/{project.pk}/reviews/KZ/", {"decision-comments": "Budget table missing"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Budget table missing</textarea>" in page and "This field is required." in page
    assert project.reviews.get(country="KZ").status == "pending"


def test_the_history_stays_readable_to_producers_and_reviewers_after_submission(
    people, client: Client
) -> None:
    project = animated_project(people["producer"])
    services.project_submit(actor=people["producer"], project=project)
    url = f"/en/history/coproduction.project/{project.pk}"
    for who, status in (("producer", 200), ("kz_agency", 200), ("stranger", 404)):
        client.force_login(people[who])
        assert client.get(url).status_code == status, who


@pytest.mark.parametrize(
    ("path", "prefix", "data"),
    [
        ("partners/", "partner", {"partner-country": "TR", "partner-role": "minority"}),
        ("financing/add/", "source", {"source-kind": "", "source-amount": "abc"}),
        ("elements/", "element", {"element-country": "TR"}),
    ],
)
def test_a_refused_add_form_is_shown_open_with_its_error(people, client: Client, path, prefix, data) -> None:
    """The add forms fold away in the project page; one sent with a mistake comes back unfolded, so the
    producer sees the error and what they typed rather than a page where nothing seems to have happened."""
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    response = client.post(f"/en/coproductions/{project.pk}/{path}", data)
    assert response.status_code == 422
    page = response.content.decode()
    form = re.search(r"<details( open)?><summary>[^<]*</summary><form[^>]*/" + re.escape(path), page)
    assert form is not None and form.group(1) == " open", prefix
    assert page.count("<details open><summary>") == 1  # only the form that was sent


def test_a_return_without_comments_is_said_beside_the_comments_and_keeps_the_choice(
    people, client: Client
) -> None:
    """Sent back with no comments, the decision form comes back with the error on its comments field and
    "Return with comments" still chosen: pressing the button again must not approve the project."""
    project = animated_project(people["producer"])
    services.project_submit(actor=people["producer"], project=project)
    client.force_login(people["kz_agency"])
    response = client.post(f"/en/coproductions/{project.pk}/reviews/KZ/", {"decision-decision": "return"})
    assert response.status_code == 422
    page = response.content.decode()
    assert '<option value="return" selected>' in page
    field = re.search(r'<div class="field[^"]*">\s*<label for="id_decision-comments".*?</div>', page, re.S)
    assert field is not None and "Say what should change." in field.group(0)
    assert project.reviews.get(country="KZ").status == "pending"


def test_the_edit_forms_texts_carry_the_language_they_are_written_in(people, client: Client) -> None:
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    page = client.get(f"/en/coproductions/{project.pk}/edit/?language=kk-Cyrl").content.decode()
    for name in ("title", "logline", "synopsis"):
        tag = re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', page)
        assert tag is not None and 'lang="kk-Cyrl"' in tag.group(0), name


def test_the_edit_page_loads_the_texts_of_a_language_and_saves_them_as_that_language(
    people, client: Client
) -> None:
    """The language of the texts is chosen above the form (Load texts), not beside texts of another
    language: changing a select next to the loaded Kazakh synopsis would save it as, say, the English one."""
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    page = client.get(f"/en/coproductions/{project.pk}/edit/?language=kk-Cyrl").content.decode()
    loader = re.search(r'<form method="get"[^>]*>.*?</form>', page, re.S)
    assert loader is not None and '<option value="kk-Cyrl" selected>' in loader.group(0)
    assert "Load texts" in loader.group(0)
    assert '<input type="hidden" name="language" value="kk-Cyrl"' in page
    assert 'value="Қорқыт пен жел"' in page


def test_every_source_the_rule_book_cites_has_its_words_to_translate() -> None:
    """The TOML files' sources (web addresses aside) are the messages of rule_sources, so a source added to
    the rule book is not shown in English by surprise."""
    import tomllib
    from pathlib import Path

    from django.utils import translation

    from korkyt.coproduction.rule_sources import SOURCES, source_text
    from korkyt.treaties import rules

    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "source" and isinstance(value, str) and not value.startswith("http"):
                    found.add(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    folder = Path(rules.__file__).parent / "data" / "instruments"
    for path in folder.glob("*.toml"):
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    assert found and found == set(SOURCES)
    cited = "Regulation of 15 October 2019: multilateral co-production, 5–80 % each"
    with translation.override("en"):
        assert source_text(cited) == Text(cited, "en")
    with translation.override("kk"):
        shown = source_text(cited)
        assert shown.lang == "kk" and shown.text != cited and "5–80" in shown.text
        address = "https://sinema.ktb.gov.tr"
        assert source_text(address) == Text(address, "en")
