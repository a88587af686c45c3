"""Django's form messages read in Korkyt's own words in every interface language: Korkyt's catalogue takes
precedence over Django's, whose Kyrgyz messages lack capitals, spaces and full stops and whose Uzbek ones
write ʻ with an apostrophe."""

from __future__ import annotations

import pytest
from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from korkyt.core.library_messages import FORM_MESSAGES, FORM_PLURAL_MESSAGES

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_form_message_is_translated_as_a_sentence(language: str) -> None:
    counts = [{"limit_value": n, "show_value": 301} for n in (1, 2, 5, 300)]
    with translation.override("en"):
        english = [message % values for message in FORM_PLURAL_MESSAGES for values in counts]
    with translation.override(language):
        shown = [(msgid, gettext(msgid)) for msgid in FORM_MESSAGES]
        shown += zip(english, [m % values for m in FORM_PLURAL_MESSAGES for values in counts], strict=True)
    for msgid, text in shown:
        assert text != msgid, (language, msgid)
        assert text[0].isupper(), (language, text)
        assert text[-1] == msgid[-1], (language, text)
        if language == "uz":
            assert "'" not in text and "‘" not in text, text  # oʻ and gʻ with U+02BB


class _Form(forms.Form):
    day = forms.DateField()
    note = forms.CharField(max_length=5)
    count = forms.IntegerField(max_value=10)


def test_a_kyrgyz_form_refuses_in_korkyt_s_words() -> None:
    with translation.override("ky"):
        form = _Form({"day": "31.02.2027", "note": "абвгдежз", "count": "11"})
        assert not form.is_valid()
        assert form.errors["day"] == ["Туура күндү киргизиңиз."]
        assert form.errors["note"] == ["Эң көп 5 белги (азыр 8)."]
        assert form.errors["count"] == ["Маани 10 санынан ашпашы керек."]
