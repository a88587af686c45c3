from django.urls import path

from korkyt.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("staff/", views.staff, name="staff"),
    path("staff/tokens/", views.tokens, name="tokens"),
]
