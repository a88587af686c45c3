from django.urls import path

from korkyt.festival import views

app_name = "festival"
urlpatterns = [
    path("festival/", views.edition_list, name="edition_list"),
    path("festival/palmares/", views.palmares, name="palmares"),
    path("festival/mine/", views.my_submissions, name="my_submissions"),
    path("festival/reviews/", views.reviewer_queue, name="reviewer_queue"),
    path("festival/<int:number>/", views.edition_detail, name="edition"),
    path("festival/<int:number>/call/<slug:kind>/", views.call_page, name="call"),
    path("festival/<int:number>/programme/", views.programme, name="programme"),
    path("festival/<int:number>/reviews.<str:fmt>", views.reviews_export, name="reviews_export"),
]
