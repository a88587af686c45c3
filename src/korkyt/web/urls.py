from django.urls import path

from korkyt.web import films, pages, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("staff/", views.staff, name="staff"),
    path("staff/films/", films.films, name="films"),
    path("staff/tokens/", views.tokens, name="tokens"),
    path("help/", pages.help_page, name="help"),
    path("about/", pages.about, name="about"),
    path("privacy/", pages.privacy, name="privacy"),
]
