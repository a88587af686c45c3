"""URL map: the API and admin outside the language prefix; every page under /<language>/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import index, sitemap
from django.urls import include, path

from korkyt.config.api import api
from korkyt.core import views as core_views
from korkyt.core.images.files import serve_thumbnail
from korkyt.core.metrics import metrics_view
from korkyt.web import views as web_views
from korkyt.web.seo import SITEMAPS, favicon, robots_txt, web_manifest

handler400 = "korkyt.web.views.bad_request"
handler403 = "korkyt.web.views.forbidden"
handler404 = "korkyt.web.views.not_found"
handler500 = "korkyt.web.views.server_error"

urlpatterns = [
    path("api/", api.urls),
    path("i18n/language/", web_views.set_language, name="set_language"),
    path("healthz", web_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("metrics", metrics_view, name="metrics"),
    path("media/thumbs/<path:name>", serve_thumbnail, name="thumbnail"),
    path("sitemap.xml", index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"}, name="sitemap"),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("manifest.webmanifest", web_manifest, name="web_manifest"),
    path("favicon.ico", favicon, name="favicon"),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("korkyt.accounts.urls")),  # sign-in, sign-out, profile (before allauth's)
    path("accounts/", include("allauth.urls")),  # sign-up, address confirmation, password reset
    path("", include("korkyt.core.urls")),
    path("", include("korkyt.institutions.urls")),
    path("", include("korkyt.catalogue.urls")),
    path("", include("korkyt.search.urls")),
    path("", include("korkyt.localization.urls")),
    path("", include("korkyt.events.urls")),
    path("", include("korkyt.coproduction.urls")),
    path("", include("korkyt.festival.urls")),
    path("", include("korkyt.web.urls")),
    prefix_default_language=True,
)
