"""Who may see and change films, people and companies.

A film belongs to its owning institution: its editors change it; a draft is seen only by the owner's
members (others get 404); a published film is seen by everyone (others get 403 on a change).
People and companies are public; the editors of the institution that entered them change them.
"""

from __future__ import annotations

from typing import Any

import rules

from korkyt.accounts.rules import is_any_editor, is_editor_of, is_member_of
from korkyt.core.permissions import is_platform_admin


@rules.predicate
def film_is_public(user: Any, film: Any) -> bool:
    return bool(film is not None and film.is_public)


@rules.predicate
def is_owner_member(user: Any, record: Any) -> bool:
    return record is not None and record.owner_id is not None and is_member_of(user, record.owner_id)


@rules.predicate
def is_owner_editor(user: Any, record: Any) -> bool:
    return record is not None and record.owner_id is not None and is_editor_of(user, record.owner_id)


rules.add_perm("catalogue.view_film", film_is_public | is_owner_member | is_platform_admin)
rules.add_perm("catalogue.add_film", is_platform_admin | is_any_editor)
rules.add_perm("catalogue.change_film", is_platform_admin | is_owner_editor)
rules.add_perm("catalogue.delete_film", is_platform_admin | is_owner_editor)

rules.add_perm("catalogue.add_person", is_platform_admin | is_any_editor)
rules.add_perm("catalogue.change_person", is_platform_admin | is_owner_editor)
rules.add_perm("catalogue.delete_person", is_platform_admin | is_owner_editor)

rules.add_perm("catalogue.add_company", is_platform_admin | is_any_editor)
rules.add_perm("catalogue.change_company", is_platform_admin | is_owner_editor)
rules.add_perm("catalogue.delete_company", is_platform_admin | is_owner_editor)
