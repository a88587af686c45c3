from django.urls import path

from korkyt.catalogue import staff_views, views

app_name = "catalogue"
urlpatterns = [
    path("films/", views.film_list, name="film_list"),
    path("films/<int:pk>/", views.film_detail, name="film_detail"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("staff/films/new/", staff_views.film_create, name="film_create"),
    path("staff/films/<int:pk>/edit/", staff_views.film_edit, name="film_edit"),
    path("staff/films/<int:pk>/credits/", staff_views.film_credits, name="film_credits"),
    path("staff/films/<int:pk>/titles/", staff_views.film_titles, name="film_titles"),
    path("staff/films/<int:pk>/tracks/", staff_views.film_tracks, name="film_tracks"),
    path("staff/films/<int:pk>/delete/", staff_views.film_delete, name="film_delete"),
    path("staff/films/<int:pk>/images/", views.film_images, name="film_images"),
    path("staff/people/<int:pk>/edit/", staff_views.person_edit, name="person_edit"),
    path("staff/people/<int:pk>/delete/", staff_views.person_delete, name="person_delete"),
    path("staff/people/<int:pk>/images/", views.person_images, name="person_images"),
    path("companies/<int:pk>/", views.company_detail, name="company_detail"),
    path("staff/companies/<int:pk>/edit/", staff_views.company_edit, name="company_edit"),
    path("staff/companies/<int:pk>/delete/", staff_views.company_delete, name="company_delete"),
    path("script/", views.set_script, name="set_script"),
]
