"""Who may see and change films, people and companies.

A film belongs to its owning institution: its editors change it; a draft is seen only by the owner's
members (others get 404); a published film is seen by everyone (others get 403 on a change).
People and companies are public; the editors of the institution that entered them change them.
"""

from __future__ import annotations

from typing import Any

import rules

from korkyt.accounts.rules import is_any_editor, is_editor_of
from korkyt.catalogue.selectors import film_visible, track_visible
from korkyt.core.permissions import is_platform_admin, visible_predicate


@rules.predicate
def is_owner_editor(user: Any, record: Any) -> bool:
    return record is not None and record.owner_id is not None and is_editor_of(user, record.owner_id)


# Who may see: derived from the selectors' one visibility filter (a film and its tracks).
rules.add_perm("catalogue.view_film", visible_predicate("film_visible", film_visible))
rules.add_perm("catalogue.view_track", visible_predicate("track_visible", track_visible))
rules.add_perm("catalogue.add_film", is_platform_admin | is_any_editor)
rules.add_perm("catalogue.change_film", is_platform_admin | is_owner_editor)
rules.add_perm("catalogue.delete_film", is_platform_admin | is_owner_editor)

rules.add_perm("catalogue.add_person", is_platform_admin | is_any_editor)
rules.add_perm("catalogue.change_person", is_platform_admin | is_owner_editor)
rules.add_perm("catalogue.delete_person", is_platform_admin | is_owner_editor)

rules.add_perm("catalogue.add_company", is_platform_admin | is_any_editor)
rules.add_perm("catalogue.change_company", is_platform_admin | is_owner_editor)
rules.add_perm("catalogue.delete_company", is_platform_admin | is_owner_editor)
