"""core.forms.LanguageFold: a form that takes a text per interface language shows the reader's language and
folds the others under "In other languages" (core/form.html), opening the fold when a folded text is
refused or when the reader's own is blank while another language holds one."""

from __future__ import annotations

from django import forms
from django.template.loader import render_to_string
from django.utils import translation

from korkyt.core.forms import LanguageFold, add_language_fields


class NameForm(LanguageFold, forms.Form):
    kind = forms.CharField(required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        add_language_fields(self, "name", label="Name (%(language)s)", max_length=10)
        self.fold_languages("name")


def test_the_readers_language_is_shown_and_the_others_folded_in_order() -> None:
    with translation.override("kk"):
        form = NameForm()
        assert form.folded_own == ["name_kk"]
        assert form.folded == ["name_en", "name_ru", "name_az", "name_ky", "name_tk", "name_tr", "name_uz"]
        assert list(form.fields)[:2] == ["kind", "name_kk"]
        html = render_to_string("core/form.html", {"form": form})
    shown, folded = html.split('<details class="languages">')
    assert 'name="name_kk"' in shown and 'name="name_en"' not in shown
    assert 'name="name_en"' in folded and 'name="name_kk"' not in folded
    assert not form.folded_open


def test_the_fold_opens_when_a_folded_text_is_refused_or_the_only_one_written() -> None:
    with translation.override("kk"):
        assert NameForm({"name_en": "Best film"}).folded_open  # the reader's own is blank
        assert not NameForm({"name_kk": "Үздік фильм", "name_en": "Best film"}).folded_open
        refused = NameForm({"name_kk": "Үздік фильм", "name_tr": "x" * 11})
        assert not refused.is_valid() and refused.folded_open
        html = render_to_string("core/form.html", {"form": refused})
        assert '<details class="languages" open>' in html
