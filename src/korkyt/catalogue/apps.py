from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "korkyt.catalogue"
    label = "catalogue"
    verbose_name = _("Film catalogue")

    def ready(self) -> None:
        # Audited (korkyt.core.audit): a film's history holds its titles, synopses, credits, versions, tracks.
        from korkyt.catalogue import models as m

        # Rows rewritten in bulk (countries, names of people and companies) are not recorded one by one,
        # nor the transliterated titles the platform generates from an entered title.
        from korkyt.catalogue import selectors
        from korkyt.catalogue.services.films import countries_shown
        from korkyt.core.audit import register, value_format

        register(
            m.Film,
            history_permission="catalogue.change_film",
            title=selectors.film_title,
            prefetch=("titles",),
        )
        value_format(m.Film, "countries", countries_shown)  # the production countries changed event
        register(m.FilmTitle, parent="film", skip=lambda title: title.generated)
        register(m.FilmSynopsis, parent="film")
        register(
            m.Credit,
            parent="film",
            title=selectors.credit_title,
            prefetch=("person__names", "company__names"),
        )
        register(m.Version, parent="film", title=selectors.version_title)
        register(m.Track, parent="film", title=selectors.track_title)
        register(
            m.Person,
            history_permission="catalogue.change_person",
            title=selectors.person_name,
            prefetch=("names",),
        )
        register(
            m.Company,
            history_permission="catalogue.change_company",
            title=selectors.company_name,
            prefetch=("names",),
        )
