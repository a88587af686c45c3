"""Who may change institutions and memoranda; who may see them is derived from the selectors."""

from __future__ import annotations

from typing import Any

import rules

from korkyt.accounts.models import Role
from korkyt.accounts.rules import institution_ids, is_any_editor, is_editor_of
from korkyt.core.permissions import is_platform_admin, visible_predicate
from korkyt.institutions.selectors import institution_visible, memorandum_visible


def _party_ids(memorandum: Any) -> set[int]:
    cached = getattr(memorandum, "_party_ids", None)
    if cached is None:
        cached = {link.institution_id for link in memorandum.party_links.all()}
        memorandum._party_ids = cached
    return cached


@rules.predicate
def is_party_editor(user: Any, memorandum: Any) -> bool:
    return memorandum is not None and bool(_party_ids(memorandum) & institution_ids(user, Role.EDITOR))


@rules.predicate
def memorandum_is_draft(user: Any, memorandum: Any) -> bool:
    return memorandum is not None and not memorandum.is_public


# Who may see: derived from the selectors' one visibility filter per model.
rules.add_perm("institutions.view_institution", visible_predicate("institution_visible", institution_visible))
rules.add_perm("institutions.change_institution", is_platform_admin | is_editor_of)
rules.add_perm("institutions.add_institution", is_platform_admin)
rules.add_perm("institutions.delete_institution", is_platform_admin)

rules.add_perm("institutions.view_memorandum", visible_predicate("memorandum_visible", memorandum_visible))
rules.add_perm("institutions.change_memorandum", is_platform_admin | is_party_editor)
rules.add_perm("institutions.add_memorandum", is_platform_admin | is_any_editor)
rules.add_perm("institutions.delete_memorandum", is_platform_admin | (is_party_editor & memorandum_is_draft))
rules.add_perm("institutions.record_activity", is_platform_admin | is_party_editor)
