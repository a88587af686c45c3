from django.urls import path

from korkyt.localization import background_views, views

app_name = "localization"
urlpatterns = [
    path("localization/", views.home, name="home"),
    path("localization/coverage/", views.coverage, name="coverage"),
    path("localization/films/<int:pk>/", views.film_tracks, name="film_tracks"),
    path("localization/tracks/new/", views.track_upload, name="track_upload"),
    path("localization/tracks/<int:pk>/", views.track_detail, name="track_detail"),
    path("localization/tracks/<int:pk>/make-current", views.track_make_current, name="track_make_current"),
    path("localization/tracks/<int:pk>/withdraw", views.track_withdraw, name="track_withdraw"),
    path("localization/tracks/<int:pk>/export", views.track_export, name="track_export"),
    path("localization/jobs/<int:pk>/", views.job_editor, name="job_editor"),
    path("localization/jobs/<int:pk>/progress", views.job_progress, name="job_progress"),
    path("localization/jobs/<int:pk>/approve", views.job_approve, name="job_approve"),
    path("localization/jobs/<int:pk>/export", views.job_export, name="job_export"),
    path("localization/jobs/<int:pk>/preview.vtt", views.job_vtt, name="job_vtt"),
    path("localization/jobs/<int:pk>/deliveries", background_views.delivery_create, name="delivery_create"),
    path("localization/jobs/<int:pk>/checks", background_views.check_create, name="check_create"),
    path("localization/jobs/<int:pk>/background", background_views.job_background, name="job_background"),
    path(
        "localization/deliveries/<int:pk>/download",
        background_views.delivery_download,
        name="delivery_download",
    ),
    path("localization/cues/<int:pk>/save", views.cue_save, name="cue_save"),
    path("localization/cues/<int:pk>/review", views.cue_review, name="cue_review"),
    path("localization/memory/", views.memory, name="memory"),
    path("localization/memory/export", views.memory_export, name="memory_export"),
    path("localization/memory/imports", views.memory_imports, name="memory_imports"),
]
