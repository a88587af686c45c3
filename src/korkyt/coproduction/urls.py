from django.urls import path

from korkyt.coproduction import views
from korkyt.coproduction.views import documents, finder

app_name = "coproduction"
urlpatterns = [
    path("coproductions/", views.project_list, name="project_list"),
    path("coproductions/new/", views.project_create, name="project_create"),
    path("coproductions/pick/<str:what>/", views.pick, name="pick"),
    path("coproductions/<int:pk>/", views.project_detail, name="project_detail"),
    path("coproductions/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("coproductions/<int:pk>/financing/", views.project_financing, name="project_financing"),
    path("coproductions/<int:pk>/dossier.pdf", views.project_dossier, name="project_dossier"),
    path("coproductions/<int:pk>/financing/add/", views.source_add, name="source_add"),
    path("coproductions/<int:pk>/partners/", views.partner_add, name="partner_add"),
    path("coproductions/<int:pk>/elements/", views.element_add, name="element_add"),
    path("coproductions/<int:pk>/remove/<str:what>/<int:item>/", views.item_remove, name="item_remove"),
    path("coproductions/<int:pk>/documents/", documents.document_upload, name="document_upload"),
    path(
        "coproductions/<int:pk>/documents/<int:doc>/", documents.document_download, name="document_download"
    ),
    path(
        "coproductions/<int:pk>/documents/<int:doc>/remove/",
        documents.document_remove,
        name="document_remove",
    ),
    path("coproductions/<int:pk>/partners/find/", finder.partner_finder, name="partner_finder"),
    path(
        "coproductions/<int:pk>/partners/find/take/",
        finder.partner_finder_take,
        name="partner_finder_take",
    ),
    path("coproductions/<int:pk>/advice/", views.advice_apply, name="advice_apply"),
    path("coproductions/<int:pk>/submit/", views.project_submit, name="project_submit"),
    path("coproductions/<int:pk>/publish/", views.project_publish, name="project_publish"),
    path("coproductions/<int:pk>/reviews/<str:country>/", views.review_decide, name="review_decide"),
]
