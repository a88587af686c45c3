from django.urls import path

from korkyt.core import views

app_name = "core"

urlpatterns = [
    path("history/<str:model>/<int:pk>", views.object_history, name="history"),
    path("jobs/<int:pk>/retry", views.job_retry, name="job_retry"),
]
