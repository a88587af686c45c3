"""Every write on institutions, memoranda and the activities recorded against them."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from typing import Any, TypedDict

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from korkyt.accounts.models import Role
from korkyt.accounts.rules import institution_ids
from korkyt.core.actors import Actor
from korkyt.core.audit import action_label, audit_log
from korkyt.core.forms import validate_pdf_upload
from korkyt.core.validation import (
    UNSET,
    Errors,
    Unset,
    add_error,
    add_errors,
    clean_tag,
    delete_or_explain,
    full_clean_into,
    given,
    raise_errors,
    require_perm,
)
from korkyt.institutions.activities import activity_forget as activity_forget
from korkyt.institutions.activities import activity_record as activity_record
from korkyt.institutions.activities import activity_sync as activity_sync
from korkyt.institutions.activities import check_activity_link as check_activity_link
from korkyt.institutions.models import (
    CooperationArea,
    DatePrecision,
    Institution,
    InstitutionKind,
    InstitutionTranslation,
    Memorandum,
    MemorandumActivity,
    MemorandumParty,
    MemorandumStatus,
    MemorandumTranslation,
)
from korkyt.institutions.selectors import institution_visibility

#: Audit event: the parties of a memorandum changed (they are rewritten in bulk, so not field-audited).
SET_PARTIES = "institutions.memorandum.set_parties"
action_label(SET_PARTIES, gettext_lazy("Parties changed"))


class InstitutionText(TypedDict, total=False):
    language: str
    name: str
    short_name: str
    description: str


class MemorandumText(TypedDict, total=False):
    language: str
    title: str
    summary: str
    text: str
    place: str


def _check_country(code: str, errors: Errors) -> str:
    value = (code or "").strip().upper()
    if value not in dict(countries):
        add_error(
            errors,
            "country",
            _("Unknown country code “%(code)s”; use an ISO 3166-1 alpha-2 code such as KZ.") % {"code": code},
        )
    return value


def _normalize_texts(
    texts: Sequence[dict[str, Any]], field: str, required: str | None, errors: Errors
) -> list[dict[str, Any]]:
    seen: set[str] = set()
    clean: list[dict[str, Any]] = []
    for index, item in enumerate(texts):
        tag = clean_tag(str(item.get("language", "")), f"{field}[{index}].language", errors)
        if tag is None:
            continue
        if tag in seen:
            add_error(
                errors, f"{field}[{index}].language", _("The language %(tag)s is given twice.") % {"tag": tag}
            )
            continue
        seen.add(tag)
        if required and not str(item.get(required, "")).strip():
            add_error(errors, f"{field}[{index}].{required}", _("This field cannot be blank."))
            continue
        clean.append({**item, "language": tag})
    return clean


#: The language of a memorandum's top-level ``signed_at`` (API clients from before the place was given per
#: language): the places so far were written in English, and the migration made them the English text's.
SIGNED_AT_LANGUAGE = "en"


def _with_signed_at(
    texts: list[dict[str, Any]], signed_at: str | None, errors: Errors
) -> list[dict[str, Any]]:
    """``texts`` with a top-level ``signed_at`` stored as the English text's place; an English text of
    ``texts`` that gives another place is an error on ``signed_at``."""
    if signed_at is None:
        return texts
    place = str(signed_at).strip()
    for index, item in enumerate(texts):
        if item["language"] != SIGNED_AT_LANGUAGE:
            continue
        own = item.get("place")
        if own is not None and str(own).strip() != place:
            add_error(
                errors,
                "signed_at",
                _("signed_at is the place in English, and the English translation gives another place."),
            )
            return texts
        return [*texts[:index], {**item, "place": place}, *texts[index + 1 :]]
    return [*texts, {"language": SIGNED_AT_LANGUAGE, "place": place}]


# Institutions ------------------------------------------------------------------------------------


def _save_institution_texts(institution: Institution, texts: list[dict[str, Any]]) -> None:
    for item in texts:
        text_errors: Errors = {}
        row = InstitutionTranslation.objects.filter(
            institution=institution, language=item["language"]
        ).first()
        row = row or InstitutionTranslation(institution=institution, language=item["language"])
        for key in ("name", "short_name", "description"):
            if key in item and item[key] is not None:  # composed (NFC), as titles and names are
                setattr(row, key, unicodedata.normalize("NFC", str(item[key]).strip()))
        full_clean_into(row, text_errors, exclude=["institution"], validate_unique=True)
        if text_errors:
            raise ValidationError({f"translations.{item['language']}.{k}": v for k, v in text_errors.items()})
        row.save()


@transaction.atomic
def institution_create(
    *,
    actor: Actor,
    code: str,
    kind: str,
    country: str,
    translations: Sequence[InstitutionText | dict[str, Any]],
    website: str = "",
    native_language: str = "en",
    source_url: str = "",
    is_public: bool = True,
) -> Institution:
    require_perm(actor, "institutions.add_institution")
    errors: Errors = {}
    country = _check_country(country, errors)
    if kind not in InstitutionKind.values:
        add_error(errors, "kind", _("Unknown kind of institution."))
    native_language = clean_tag(native_language, "native_language", errors) or native_language
    texts = _normalize_texts([dict(t) for t in translations], "translations", "name", errors)
    if not texts and "translations" not in errors:
        add_error(errors, "translations", _("Give the institution a name in at least one language."))
    institution = Institution(
        code=(code or "").strip().upper(),
        kind=kind,
        country=country,
        website=website,
        native_language=native_language,
        source_url=source_url,
        is_public=is_public,
    )
    full_clean_into(
        institution,
        errors,
        exclude=[k for k in ("country", "native_language") if k in errors],
        validate_unique=True,
    )
    raise_errors(errors)
    institution.save()
    _save_institution_texts(institution, texts)
    return institution


#: What only a platform administrator changes on an institution: its editors change its website, texts and
#: logo (kind decides its powers: a national agency's festival nominations and co-production reviews).
ADMIN_ONLY_FIELDS = ("kind", "country", "native_language", "source_url")


def _differs(institution: Institution, key: str, value: Any) -> bool:
    current = str(getattr(institution, key))
    if value is None:
        return True
    wanted = clean_tag(str(value), key, {}) if key == "native_language" else str(value).strip()
    return str(wanted).upper() != current.upper() if key == "country" else wanted != current


@transaction.atomic
def institution_update(
    *,
    actor: Actor,
    institution: Institution,
    translations: Sequence[InstitutionText | dict[str, Any]] = (),
    kind: str | Unset | None = UNSET,
    country: str | Unset | None = UNSET,
    website: str | Unset | None = UNSET,
    native_language: str | Unset | None = UNSET,
    source_url: str | Unset | None = UNSET,
    is_public: bool | Unset | None = UNSET,
) -> Institution:
    require_perm(actor, "institutions.change_institution", institution)
    changes = given(
        kind=kind,
        country=country,
        website=website,
        native_language=native_language,
        source_url=source_url,
        is_public=is_public,
    )
    if "is_public" in changes and not actor.is_superuser:
        raise ValidationError(
            {"is_public": [_("Only a platform administrator publishes or hides institutions.")]}
        )
    for key in ("website", "source_url"):  # a JSON null empties them, as an empty string does
        if key in changes and changes[key] is None:
            changes[key] = ""
    errors: Errors = {}
    if not actor.is_superuser:  # its editors keep its website, texts and logo (as its edit page offers)
        for key in ADMIN_ONLY_FIELDS:
            if key in changes and _differs(institution, key, changes[key]):
                add_error(errors, key, _("Only a platform administrator changes this."))
        raise_errors(errors)
    if "country" in changes:
        changes["country"] = _check_country(changes["country"], errors)
    if "native_language" in changes:
        changes["native_language"] = clean_tag(changes["native_language"] or "", "native_language", errors)
    for key, value in changes.items():
        if key not in errors:
            setattr(institution, key, value)
    texts = _normalize_texts([dict(t) for t in translations], "translations", None, errors)
    full_clean_into(
        institution,
        errors,
        exclude=[k for k in ("country", "native_language") if k in errors],
        validate_unique=True,
    )
    raise_errors(errors)
    institution.save()
    _save_institution_texts(institution, texts)
    return institution


@transaction.atomic
def institution_delete(*, actor: Actor, institution: Institution) -> None:
    require_perm(actor, "institutions.delete_institution", institution)
    if institution.party_links.exists() or institution.framework_memoranda.exists():
        raise ValidationError({"__all__": [_("This institution is party to memoranda; remove them first.")]})
    delete_or_explain(institution)  # not while it owns films, people, companies or jobs


# Memoranda ---------------------------------------------------------------------------------------


def _resolve_institutions(
    values: Sequence[Any], field: str, errors: Errors, actor: Actor, keep: Sequence[int] = ()
) -> list[Institution]:
    """The institutions named, among those ``actor`` may see and those already in place (``keep``: a
    private party stays a party); an unknown code and one ``actor`` may not see get the same error."""
    visible = Institution.objects.filter(institution_visibility(actor)).values("pk")
    allowed = Institution.objects.filter(Q(pk__in=visible) | Q(pk__in=list(keep)))
    resolved: list[Institution] = []
    codes: list[str] = []
    for value in values:
        if isinstance(value, Institution):
            value = value.code
        codes.append(str(value).strip().upper())
    if codes:
        found = {i.code: i for i in allowed.filter(code__in=codes)}
        for code in codes:
            if code in found:
                resolved.append(found[code])
            else:
                add_error(errors, field, _("Unknown institution “%(code)s”.") % {"code": code})
    return resolved


def _check_parties(parties: list[Institution], errors: Errors) -> None:
    ids = [p.pk for p in parties]
    if len(ids) != len(set(ids)):
        add_error(errors, "parties", _("An institution is listed twice among the parties."))
    if len(set(ids)) < 2:
        add_error(errors, "parties", _("A memorandum needs at least two different parties."))


def _resolve_areas(codes: Sequence[str], errors: Errors) -> list[CooperationArea]:
    wanted = [str(c).strip() for c in codes]
    found = {a.code: a for a in CooperationArea.objects.filter(code__in=wanted)}
    for code in wanted:
        if code not in found:
            add_error(errors, "areas", _("Unknown area of cooperation “%(code)s”.") % {"code": code})
    if len(wanted) != len(set(wanted)):
        add_error(errors, "areas", _("An area is listed twice."))
    return [found[c] for c in dict.fromkeys(wanted) if c in found]


def _check_dates(memorandum: Memorandum, errors: Errors) -> None:
    if memorandum.signed_on and memorandum.valid_until and memorandum.valid_until < memorandum.signed_on:
        add_error(errors, "valid_until", _("The end of validity comes before the signing date."))
    if memorandum.signed_on and memorandum.signed_on > dt.date.today() + dt.timedelta(days=1):
        add_error(errors, "signed_on", _("The signing date is in the future."))
    if memorandum.status != MemorandumStatus.DRAFT and memorandum.signed_on is None:
        add_error(errors, "signed_on", _("A signed memorandum needs its signing date."))
    if (
        memorandum.status == MemorandumStatus.EXPIRED
        and memorandum.valid_until
        and memorandum.valid_until > dt.date.today()
    ):  # an early end is "terminated"
        add_error(errors, "status", _("A memorandum valid until a day still to come has not expired."))


def _save_memorandum_texts(memorandum: Memorandum, texts: list[dict[str, Any]]) -> None:
    for item in texts:
        row = MemorandumTranslation.objects.filter(memorandum=memorandum, language=item["language"]).first()
        row = row or MemorandumTranslation(memorandum=memorandum, language=item["language"])
        for key in ("title", "summary", "text", "place"):
            if key in item and item[key] is not None:
                setattr(row, key, str(item[key]).strip())
        if not (row.title or row.summary or row.text or row.place):  # every text emptied: the language goes
            if row.pk is not None:
                row.refresh_from_db()  # the history records what it said, not the emptied fields
                row.delete()
            continue
        text_errors: Errors = {}
        full_clean_into(row, text_errors, exclude=["memorandum"], validate_unique=True)
        if text_errors:
            raise ValidationError({f"translations.{item['language']}.{k}": v for k, v in text_errors.items()})
        row.save()


def _set_parties(memorandum: Memorandum, parties: list[Institution]) -> None:
    MemorandumParty.objects.filter(memorandum=memorandum).delete()
    MemorandumParty.objects.bulk_create(
        MemorandumParty(memorandum=memorandum, institution=p, position=i) for i, p in enumerate(parties)
    )
    memorandum.__dict__.pop("_party_ids", None)


@transaction.atomic
def memorandum_create(
    *,
    actor: Actor,
    parties: Sequence[Institution | str],
    areas: Sequence[str] = (),
    signed_on: dt.date | None = None,
    signed_on_precision: str = DatePrecision.DAY,
    signed_at: str | None = None,
    framework: Institution | str | None = None,
    status: str = MemorandumStatus.DRAFT,
    valid_until: dt.date | None = None,
    source_url: str = "",
    translations: Sequence[MemorandumText | dict[str, Any]] = (),
    document: UploadedFile | None = None,
) -> Memorandum:
    require_perm(actor, "institutions.add_memorandum")
    errors: Errors = {}
    party_list = _resolve_institutions(parties, "parties", errors, actor)
    _check_parties(party_list, errors)
    if (
        not actor.is_superuser
        and party_list
        and not {p.pk for p in party_list} & institution_ids(actor, Role.EDITOR)
    ):
        add_error(errors, "parties", _("Your institution must be one of the parties."))
    area_list = _resolve_areas(areas, errors)
    framework_obj = None
    if framework:
        found = _resolve_institutions([framework], "framework", errors, actor)
        framework_obj = found[0] if found else None
    texts = _normalize_texts([dict(t) for t in translations], "translations", None, errors)
    texts = _with_signed_at(texts, signed_at, errors)
    memorandum = Memorandum(
        signed_on=signed_on,
        signed_on_precision=signed_on_precision,
        framework=framework_obj,
        status=status,
        valid_until=valid_until,
        source_url=source_url,
    )
    full_clean_into(memorandum, errors, exclude=["document"], validate_unique=True)
    _check_dates(memorandum, errors)
    if document is not None:
        try:
            validate_pdf_upload(document)
        except ValidationError as exc:
            add_errors(errors, "document", exc.messages)
    raise_errors(errors)
    memorandum.save()
    _set_parties(memorandum, party_list)
    memorandum.areas.set(area_list)
    _save_memorandum_texts(memorandum, texts)
    if document is not None:
        memorandum.document.save("memorandum.pdf", document, save=True)
    return memorandum


@transaction.atomic
def memorandum_update(
    *,
    actor: Actor,
    memorandum: Memorandum,
    parties: Sequence[Institution | str] | None = None,
    areas: Sequence[str] | None = None,
    framework: Institution | str | Unset | None = UNSET,
    translations: Sequence[MemorandumText | dict[str, Any]] = (),
    signed_on: dt.date | Unset | None = UNSET,
    signed_on_precision: str | Unset | None = UNSET,
    signed_at: str | None = None,
    status: str | Unset | None = UNSET,
    valid_until: dt.date | Unset | None = UNSET,
    source_url: str | Unset | None = UNSET,
) -> Memorandum:
    """Change what is given. ``signed_at`` (still accepted from older clients) is the place of signing in
    English: it is stored as the English translation's ``place``."""
    require_perm(actor, "institutions.change_memorandum", memorandum)
    changes = given(
        signed_on=signed_on,
        signed_on_precision=signed_on_precision,
        status=status,
        valid_until=valid_until,
        source_url=source_url,
    )
    if changes.get("source_url", "") is None:  # a JSON null empties it, as an empty string does
        changes["source_url"] = ""
    errors: Errors = {}
    if (
        changes.get("status") == MemorandumStatus.DRAFT
        and memorandum.status != MemorandumStatus.DRAFT
        and not actor.is_superuser
    ):  # else one party's editor could unsign it, then delete it alone (deleting a draft is theirs)
        add_error(
            errors, "status", _("Only a platform administrator sets a signed memorandum back to draft.")
        )
    party_list = None
    if parties is not None:
        current = [link.institution_id for link in memorandum.party_links.all()]
        party_list = _resolve_institutions(parties, "parties", errors, actor, keep=current)
        _check_parties(party_list, errors)
        if not actor.is_superuser and not {p.pk for p in party_list} & institution_ids(actor, Role.EDITOR):
            add_error(errors, "parties", _("Your institution must remain one of the parties."))
        if (
            memorandum.status != MemorandumStatus.DRAFT
            and not actor.is_superuser
            and {p.pk for p in party_list} != set(current)
        ):  # else one party's editor could remove the others, or name a signatory that never signed
            add_error(
                errors,
                "parties",
                _("Only a platform administrator changes the parties of a signed memorandum."),
            )
    area_list = _resolve_areas(areas, errors) if areas is not None else None
    if not isinstance(framework, Unset):
        if framework:
            keep = [memorandum.framework_id] if memorandum.framework_id else []
            found = _resolve_institutions([framework], "framework", errors, actor, keep=keep)
            memorandum.framework = found[0] if found else None
        else:
            memorandum.framework = None
    for key, value in changes.items():
        setattr(memorandum, key, value)
    texts = _normalize_texts([dict(t) for t in translations], "translations", None, errors)
    texts = _with_signed_at(texts, signed_at, errors)
    full_clean_into(memorandum, errors, exclude=["document"], validate_unique=True)
    _check_dates(memorandum, errors)
    raise_errors(errors)
    memorandum.save()
    if party_list is not None:
        before = list(memorandum.party_links.order_by("position").values_list("institution__code", flat=True))
        _set_parties(memorandum, party_list)
        after = [p.code for p in party_list]
        if after != before:
            audit_log(
                obj=memorandum,
                action=SET_PARTIES,
                actor=actor,
                changes={"parties": (", ".join(before), ", ".join(after))},
            )
    if area_list is not None:
        memorandum.areas.set(area_list)
    _save_memorandum_texts(memorandum, texts)
    return memorandum


@transaction.atomic
def memorandum_attach_document(*, actor: Actor, memorandum: Memorandum, document: UploadedFile) -> Memorandum:
    require_perm(actor, "institutions.change_memorandum", memorandum)
    try:
        validate_pdf_upload(document)
    except ValidationError as exc:
        raise ValidationError({"document": exc.messages}) from exc
    old = memorandum.document.name if memorandum.document else None
    memorandum.document.save("memorandum.pdf", document, save=True)
    if old and old != memorandum.document.name:
        memorandum.document.storage.delete(old)
    return memorandum


def _referrers(memorandum: Memorandum) -> list[str]:
    """What refers to ``memorandum`` and would lose it (or its record) were it deleted: the kinds of the
    activities recorded under it and of the rows of other apps that name it (a co-production's
    memorandum), in the interface language. Its own parts (parties, texts, areas) are not counted."""
    kinds: set[str] = set()
    type_ids = memorandum.activities.values_list("content_type_id", flat=True).distinct()
    for type_id in type_ids:
        recorded = ContentType.objects.get_for_id(type_id).model_class()
        if recorded is not None:
            kinds.add(str(recorded._meta.verbose_name_plural))
    for relation in Memorandum._meta.related_objects:
        model = relation.related_model
        if (
            not isinstance(model, type)
            or model in (MemorandumParty, MemorandumTranslation, MemorandumActivity)
            or relation.on_delete in (models.PROTECT, models.RESTRICT)
        ):
            continue  # PROTECT and RESTRICT relations: delete_or_explain names them
        if model._default_manager.filter(**{relation.field.name: memorandum}).exists():
            kinds.add(str(model._meta.verbose_name_plural))
    return sorted(kinds)


@transaction.atomic
def memorandum_delete(*, actor: Actor, memorandum: Memorandum) -> None:
    require_perm(actor, "institutions.delete_memorandum", memorandum)
    kinds = _referrers(memorandum)
    if kinds:
        raise ValidationError(
            {
                "__all__": [
                    _("This cannot be deleted while other records refer to it: %(kinds)s.")
                    % {"kinds": ", ".join(kinds)}
                ]
            }
        )
    if memorandum.document:
        name = memorandum.document.name
        transaction.on_commit(lambda: memorandum.document.storage.delete(name))
    delete_or_explain(memorandum)  # not while events or festival editions name it
