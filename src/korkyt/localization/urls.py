from django.urls import path

from korkyt.localization import background_views, views, withdraw_views
from korkyt.localization.dubbing import casting_views, video_views
from korkyt.localization.dubbing import views as dubbing

app_name = "localization"
urlpatterns = [
    path("localization/", views.home, name="home"),
    path("localization/coverage/", views.coverage, name="coverage"),
    path("localization/films/<int:pk>/", views.film_tracks, name="film_tracks"),
    path("localization/tracks/new/", views.track_upload, name="track_upload"),
    path("localization/tracks/<int:pk>/", views.track_detail, name="track_detail"),
    path("localization/tracks/<int:pk>/make-current", views.track_make_current, name="track_make_current"),
    path("localization/tracks/<int:pk>/withdraw", withdraw_views.track_withdraw, name="track_withdraw"),
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
    path("localization/dubbing/", dubbing.dubbing_home, name="dubbing_home"),
    path("localization/dubbing/new/", dubbing.dubbing_order, name="dubbing_order"),
    path("localization/dubbing/<int:pk>/", dubbing.dubbing_detail, name="dubbing_detail"),
    path("localization/dubbing/<int:pk>/adaptation", dubbing.dubbing_adaptation, name="dubbing_adaptation"),
    path("localization/dubbing/<int:pk>/characters", dubbing.dubbing_characters, name="dubbing_characters"),
    path("localization/dubbing/<int:pk>/approve", dubbing.dubbing_approve, name="dubbing_approve"),
    path("localization/dubbing/<int:pk>/plan.csv", dubbing.plan_csv, name="dubbing_plan_csv"),
    path("localization/dubbing/<int:pk>/plan.pdf", dubbing.plan_pdf, name="dubbing_plan_pdf"),
    path("localization/dubbing/<int:pk>/outputs", dubbing.output_create, name="dubbing_output_create"),
    path("localization/dubbing/<int:pk>/outputs/panel", dubbing.outputs_panel, name="dubbing_outputs"),
    path("localization/dubbing/<int:pk>/preview", video_views.dubbing_preview, name="dubbing_preview"),
    path("localization/dubbing/<int:pk>/casting/", casting_views.dubbing_casting, name="dubbing_casting"),
    path("localization/dubbing/<int:pk>/video", video_views.video_upload, name="dubbing_video_upload"),
    path("localization/dubbing/<int:pk>/video/file", video_views.video_file, name="dubbing_video"),
    path("localization/dubbing/lines/<int:pk>/fit", dubbing.line_fit, name="dubbing_fit"),
    path("localization/dubbing/lines/<int:pk>/speaker", dubbing.line_speaker, name="dubbing_speaker"),
    path("localization/dubbing/outputs/<int:pk>/download", dubbing.output_download, name="dubbing_download"),
    path("localization/memory/", views.memory, name="memory"),
    path("localization/memory/export", views.memory_export, name="memory_export"),
    path("localization/memory/imports", views.memory_imports, name="memory_imports"),
]
