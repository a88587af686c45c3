"""Codes people should not read are named in the interface language: transliteration schemes, QA profiles,
decades, content language tags (also on the pages that show them)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from korkyt.core import labels
from korkyt.core.labels import decade_label, qa_profile_label, scheme_label
from korkyt.core.languages import UI_LANGUAGES
from korkyt.subtitles import PROFILES
from tests.factories import InstitutionFactory, film, person


def _render(source: str, **context: object) -> str:
    return Template("{% load languages %}" + source).render(Context(context))


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_every_profile_and_scheme_has_a_name_in_every_language(lang):
    with translation.override(lang):
        for profile in PROFILES:
            assert qa_profile_label(profile) not in ("", profile)
        for scheme in ("bgn", "kk-2021", "uz-1995", "az-1991", "tk-1993", "turkic", "turkish"):
            assert scheme_label(scheme) not in ("", scheme)
        if lang != "en":
            assert qa_profile_label("kk") != "Kazakh subtitle rules"
            assert scheme_label("bgn") != "BGN/PCGN romanisation"


def test_names_follow_the_interface_language():
    with translation.override("kk"):
        assert "Қазақ" in qa_profile_label("kk")
        assert _render("{{ t|language_name }}", t="kk-Latn") == "Қазақ тілі (латын әліпбиі)"
        assert "Орыс" in _render("{{ t|language_name }}", t="ru-Latn")
    with translation.override("tr"):
        assert _render("{{ p|qa_profile_name }}", p="tr") == "Altyazı kuralları: Türkçe"


def test_decades_are_years_and_unknown_codes_pass_through():
    assert decade_label(1990) == "1990–1999"
    assert decade_label("2020") == "2020–2029"
    assert decade_label("x") == "x"
    assert scheme_label("made-up") == "made-up" and qa_profile_label("made-up") == "made-up"
    assert _render("{{ t|language_name }}", t="xx-Yyyy") == "xx-Yyyy"


@pytest.mark.django_db
def test_person_page_names_the_language_and_scheme_of_generated_names():
    owner = InstitutionFactory(code="KZ-L", country="KZ")
    someone = person(("Ермек Тұрсынов", "kk"))
    f = film(owner, ("Шал", "kk-Cyrl"))
    from korkyt.catalogue import services
    from korkyt.config.demo import SYSTEM

    services.credit_create(actor=SYSTEM, film=f, role="director", person=someone)
    html = Client().get(f"/kk/people/{someone.pk}/").content.decode()
    assert "<code>" not in html and "· bgn" not in html
    assert "BGN/PCGN романизациясы" in html or "латын әліпбиі" in html
    films = Client().get("/kk/films/").content.decode()
    assert "s (" not in films.split('id="f-decade"')[1].split("</select>")[0]


def test_a_script_in_brackets_is_lower_case_where_the_language_writes_it_so():
    """ "Казахский (кириллица)", but the script switch's own choice stays "Кириллица"; Turkish keeps "Kiril"."""
    from django.utils.translation import gettext

    with translation.override("ru"):
        assert _render("{{ t|language_name }}", t="kk-Cyrl") == "Казахский (кириллица)"
        assert gettext("Cyrillic") == "Кириллица"
    with translation.override("tr"):
        assert _render("{{ t|language_name }}", t="kk-Cyrl").endswith("(Kiril)")


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("kg", "KG"),
        ("Kyrgyzstan", "KG"),
        (" кыргызстан ", "KG"),  # Russian, as the republic names itself
        ("Qirgʻiziston", "KG"),  # Uzbek with its own letter…
        ("Qirg'iziston", "KG"),  # …and with the apostrophe people type
        ("Қазақстан", "KZ"),
        ("Azərbaycan", "AZ"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("Gazagystan", "KZ"),  # Turkmen
        ("Narnia", None),
        ("ZZ", None),
        ("", None),
    ],
)
def test_a_country_is_found_by_its_code_or_its_name_in_any_interface_language(typed, code):
    from korkyt.core.countries import country_code

    assert country_code(typed) == code


@pytest.mark.parametrize(
    ("lang", "opening", "inside"),
    [
        ("en", "English or Russian", "English or Russian"),
        ("tr", "İngilizce veya Rusça", "İngilizce veya Rusça"),
        ("ru", "Английский или русский", "английский или русский"),
        ("kk", "Ағылшын тілі немесе орыс тілі", "ағылшын тілі немесе орыс тілі"),
        ("az", "İngilis dili və ya rus dili", "ingilis dili və ya rus dili"),
        ("uz", "Ingliz tili yoki rus tili", "ingliz tili yoki rus tili"),
    ],
)
def test_languages_as_alternatives_keep_a_capital_only_where_the_language_writes_one(lang, opening, inside):
    from korkyt.core.labels import languages_or

    with translation.override(lang):
        assert languages_or(["en", "ru"]) == opening
        assert languages_or(["en", "ru"], starts_sentence=False) == inside
        assert _render("{{ t|language_alternatives }}", t=["en", "ru"]) == opening
        assert _render("{{ t|language_alternatives }}", t=None) == ""


def test_azerbaijani_dotless_capital_becomes_the_dotless_small_letter():
    from korkyt.core.labels import in_sentence

    with translation.override("az"):
        assert in_sentence("Ispan dili") == "ıspan dili"
        assert in_sentence("İspan dili") == "ispan dili"
    with translation.override("uz"):
        assert in_sentence("Ispan tili") == "ispan tili"


def test_countries_field_reads_names_and_codes_and_shows_names():
    from django import forms as django_forms

    from korkyt.core.forms import CountriesField

    class F(django_forms.Form):
        countries = CountriesField(required=False)

    form = F({"countries": "Kyrgyzstan, kz; Қазақстан, Qirgʻiziston ,, TR"})
    assert form.is_valid() and form.cleaned_data["countries"] == ["KG", "KZ", "TR"]
    refused = F({"countries": "Kyrgyzstan, Atlantis"})
    assert not refused.is_valid() and refused.errors["countries"] == ["Unknown country “Atlantis”."]
    assert F({"countries": ""}).is_valid()
    with translation.override("kk"):
        shown = str(F(initial={"countries": ["KG", "TR"]})["countries"])
    assert 'value="Қырғызстан, Түркия"' in shown


def test_countries_field_refuses_an_unknown_country_in_the_readers_language():
    """The message was translated once, when the module was imported (in English), so a Kyrgyz editor's
    film form said "Unknown country “XX”." in English."""
    from django import forms as django_forms

    from korkyt.core.forms import CountriesField

    class F(django_forms.Form):
        countries = CountriesField(required=False)

    with translation.override("ky"):
        refused = F({"countries": "XX"})
        assert not refused.is_valid()
        assert refused.errors["countries"] == [
            translation.gettext("Unknown country “%(code)s”.") % {"code": "XX"}
        ]
        assert "Unknown" not in refused.errors["countries"][0]


@pytest.mark.parametrize(
    ("language", "amount", "currency", "shown"),
    [
        ("en", Decimal("400000"), "USD", "400,000 USD"),
        ("kk", Decimal("400000.00"), "USD", "400\u00a0000 USD"),
        ("tr", Decimal("1500.5"), "TRY", "1.500,50 TRY"),
        ("ru", 2500, "", "2\u00a0500"),
        ("en", None, "KZT", ""),
    ],
)
def test_money_is_grouped_in_the_readers_language_with_cents_only_when_there_are_any(
    language: str, amount: Any, currency: str, shown: str
) -> None:
    with translation.override(language):
        text = labels.money(amount, currency)
    assert text.replace(" ", "\u00a0") == shown.replace(" ", "\u00a0")


def test_sentence_start_capitalises_as_the_interface_language_writes() -> None:
    """A date opening a heading takes its capital ("вторник, 9 сентября" → "Вторник, 9 сентября"), the
    Azerbaijani and Turkish small i its dotted capital; a capital or a digit stays."""
    cases = {
        ("ru", "вторник, 9 сентября"): "Вторник, 9 сентября",
        ("uz", "seshanba, 9-sentabr"): "Seshanba, 9-sentabr",
        ("az", "iyun 2027"): "İyun 2027",
        ("tr", "9 Eylül Salı"): "9 Eylül Salı",
        ("tk", "iýun 2027"): "Iýun 2027",
        ("en", "Tuesday, September 9"): "Tuesday, September 9",
        ("kk", "2027 ж. 9 қыркүйек"): "2027 ж. 9 қыркүйек",
        ("ru", ""): "",
    }
    for (language, text), expected in cases.items():
        with translation.override(language):
            assert labels.sentence_start(text) == expected, (language, text)


def test_a_date_opening_a_heading_takes_its_capital_in_templates() -> None:
    import datetime as dt

    source = "{% load days %}<h2>{{ d|weekday_date|sentence_start }}</h2> {{ d|year_month|sentence_start }}"
    day = dt.date(2027, 6, 8)
    expected = {"ru": "<h2>Вторник, 8 июня</h2> Июнь 2027", "uz": "<h2>Seshanba, 8-iyun</h2> Iyun, 2027"}
    for language, html in expected.items():
        with translation.override(language):
            rendered = Template(source).render(Context({"d": day}))
        assert rendered.replace("\u202fг.", "") == html, rendered
    with translation.override("az"):
        assert Template(source).render(Context({"d": day})).endswith("İyun 2027")
