"""Who may see and change institutions and memoranda."""

from __future__ import annotations

from typing import Any

import rules

from korkyt.accounts.models import Role
from korkyt.accounts.rules import institution_ids, is_any_editor, is_editor_of, is_member_of
from korkyt.core.permissions import is_platform_admin


@rules.predicate
def institution_is_public(user: Any, institution: Any) -> bool:
    return bool(institution is not None and institution.is_public)


def _party_ids(memorandum: Any) -> set[int]:
    cached = getattr(memorandum, "_party_ids", None)
    if cached is None:
        cached = {link.institution_id for link in memorandum.party_links.all()}
        memorandum._party_ids = cached
    return cached


@rules.predicate
def memorandum_is_public(user: Any, memorandum: Any) -> bool:
    return bool(memorandum is not None and memorandum.is_public)


@rules.predicate
def is_party_member(user: Any, memorandum: Any) -> bool:
    return memorandum is not None and bool(_party_ids(memorandum) & institution_ids(user))


@rules.predicate
def is_party_editor(user: Any, memorandum: Any) -> bool:
    return memorandum is not None and bool(_party_ids(memorandum) & institution_ids(user, Role.EDITOR))


@rules.predicate
def memorandum_is_draft(user: Any, memorandum: Any) -> bool:
    return memorandum is not None and not memorandum.is_public


rules.add_perm("institutions.view_institution", institution_is_public | is_member_of | is_platform_admin)
rules.add_perm("institutions.change_institution", is_platform_admin | is_editor_of)
rules.add_perm("institutions.add_institution", is_platform_admin)
rules.add_perm("institutions.delete_institution", is_platform_admin)

rules.add_perm("institutions.view_memorandum", memorandum_is_public | is_party_member | is_platform_admin)
rules.add_perm("institutions.change_memorandum", is_platform_admin | is_party_editor)
rules.add_perm("institutions.add_memorandum", is_platform_admin | is_any_editor)
rules.add_perm("institutions.delete_memorandum", is_platform_admin | (is_party_editor & memorandum_is_draft))
rules.add_perm("institutions.record_activity", is_platform_admin | is_party_editor)
