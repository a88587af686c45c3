"""core.forms' texts in several languages: one field per interface language, read back by language,
filled from texts kept by content tag, and the texts the form has no field for kept."""

from __future__ import annotations

from django import forms

from korkyt.core.forms import add_language_fields, language_initial, language_texts, texts_off_the_form


class NameForm(forms.Form):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        add_language_fields(self, "name", label="Name in %(language)s", max_length=20)


def test_one_field_per_interface_language_marked_with_its_lang() -> None:
    form = NameForm()
    assert [name for name in form.fields] == [
        f"name_{c}" for c in ("en", "ru", "kk", "az", "ky", "tk", "tr", "uz")
    ]
    assert 'lang="kk"' in str(form["name_kk"])
    assert form.fields["name_kk"].label.startswith("Name in ")


def test_texts_read_back_by_language_blanks_left_out_and_too_long_refused() -> None:
    form = NameForm({"name_en": "Best Film", "name_kk": "Үздік фильм", "name_ru": "  "})
    assert form.is_valid()
    assert language_texts(form, "name") == {"en": "Best Film", "kk": "Үздік фильм"}
    long = NameForm({"name_tr": "x" * 21})
    assert not long.is_valid() and "name_tr" in long.errors


def test_kept_texts_fill_the_form_by_interface_language_and_the_others_are_kept_aside() -> None:
    kept = {"en": "Story", "kk-Cyrl": "Сюжет", "kk-Latn": "Süjet", "uz-Latn": "Syujet"}
    assert language_initial(kept, "label") == {"label_en": "Story", "label_kk": "Сюжет", "label_uz": "Syujet"}
    assert texts_off_the_form(kept) == {"kk-Latn": "Süjet"}
