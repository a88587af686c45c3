from django.urls import path

from korkyt.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("films/", views.film_list, name="film_list"),
    path("films/<int:pk>/", views.film_detail, name="film_detail"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("companies/<int:pk>/", views.company_detail, name="company_detail"),
    path("script/", views.set_script, name="set_script"),
]
