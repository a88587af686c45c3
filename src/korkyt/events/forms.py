"""The registration form built from an event's questions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from korkyt.events.models import Event, QuestionKind


class RegistrationForm(forms.Form):
    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(event.questions.all())
        for q in self.questions:
            name = f"q{q.pk}"
            common: dict[str, Any] = {"label": q.label, "required": q.required}
            if q.kind == QuestionKind.TEXT:
                self.fields[name] = forms.CharField(max_length=500, **common)
            elif q.kind == QuestionKind.LONG_TEXT:
                self.fields[name] = forms.CharField(widget=forms.Textarea, max_length=10_000, **common)
            elif q.kind == QuestionKind.SINGLE:
                self.fields[name] = forms.ChoiceField(choices=[(c, c) for c in q.choices], **common)
            elif q.kind == QuestionKind.MULTIPLE:
                self.fields[name] = forms.MultipleChoiceField(
                    choices=[(c, c) for c in q.choices], widget=forms.CheckboxSelectMultiple, **common
                )
            elif q.kind == QuestionKind.COUNTRY:
                self.fields[name] = forms.ChoiceField(choices=[("", "—"), *countries], **common)
            elif q.kind == QuestionKind.FILE:
                self.fields[name] = forms.FileField(**common, help_text=_("A portfolio or CV (PDF)."))
            elif q.kind == QuestionKind.CONSENT:
                self.fields[name] = forms.BooleanField(**common)

    def answers(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for q in self.questions:
            value = self.cleaned_data.get(f"q{q.pk}")
            if q.kind == QuestionKind.FILE:
                value = getattr(value, "name", "") if value else ""
            out[str(q.pk)] = value
        return out
