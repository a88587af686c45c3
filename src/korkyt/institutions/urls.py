from django.urls import path

from korkyt.institutions import views

app_name = "institutions"
urlpatterns = [
    path("institutions/", views.institution_list, name="institution_list"),
    path("institutions/<str:code>/", views.institution_detail, name="institution_detail"),
    path("memoranda/", views.memorandum_list, name="memorandum_list"),
    path("memoranda/<int:pk>/", views.memorandum_detail, name="memorandum_detail"),
    path("memoranda/<int:pk>/activities/", views.memorandum_activities, name="memorandum_activities"),
    path("memoranda/<int:pk>/document.pdf", views.memorandum_document, name="memorandum_document"),
    path("staff/institutions/new/", views.institution_create, name="institution_create"),
    path("staff/institutions/<str:code>/edit/", views.institution_edit, name="institution_edit"),
    path("staff/institutions/<str:code>/delete/", views.institution_delete, name="institution_delete"),
    path("staff/institutions/<str:code>/images/", views.institution_images, name="institution_images"),
    path("staff/memoranda/new/", views.memorandum_create, name="memorandum_create"),
    path("staff/memoranda/<int:pk>/edit/", views.memorandum_edit, name="memorandum_edit"),
    path("staff/memoranda/<int:pk>/delete/", views.memorandum_delete, name="memorandum_delete"),
]
