from django.urls import path

from korkyt.search import views

app_name = "search"
urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search/suggest/", views.suggest, name="suggest"),
]
