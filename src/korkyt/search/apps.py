from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "korkyt.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # The index follows every catalogue write through the catalogue's signals (same transaction).
        from korkyt.catalogue.selectors import register_person_finder
        from korkyt.search import receivers  # noqa: F401
        from korkyt.search.selectors import people_matching

        # people are listed by name through the index (case, spelling and script folded)
        register_person_finder(people_matching)
