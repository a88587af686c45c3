"""Every write on films, titles, people, companies, credits, versions and tracks.

Keyword-only, inside ``transaction.atomic``; bad input raises ``ValidationError`` naming the field, a
missing right raises ``PermissionDenied``. Each write sends the catalogue's signals inside the transaction,
so the search index changes with the record or not at all."""

from korkyt.catalogue.services._common import (  # noqa: F401
    _CONTROL,
    _check_owner_right,
    _country,
    _owner,
    _plain,
    _tag,
    _urls,
    _year,
)
from korkyt.catalogue.services.credits import (  # noqa: F401
    credit_add,
    credit_create,
    credit_delete,
    credit_update,
)
from korkyt.catalogue.services.films import (  # noqa: F401
    _apply_fields,
    _clean_countries,
    _clean_languages,
    _clean_synopses,
    _link,
    _record_activity,
    duplicate_of,
    film_create,
    film_delete,
    film_update,
    film_update_with_title,
)
from korkyt.catalogue.services.people import (  # noqa: F401
    _clean_company_names,
    _clean_names,
    _set_names,
    company_create,
    company_delete,
    company_update,
    person_create,
    person_delete,
    person_update,
)
from korkyt.catalogue.services.titles import (  # noqa: F401
    _clean_titles,
    _generate_titles,
    _set_titles,
    title_delete,
    title_save,
)
from korkyt.catalogue.services.tracks import (  # noqa: F401
    _track_fields,
    track_create,
    track_delete,
    track_update,
    version_create,
    version_delete,
)
