from django.urls import path

from korkyt.festival import backoffice, entry_files, jury_views, staff, staff_awards, views

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
urlpatterns += [
    path("festival/<int:number>/nominations/", backoffice.nominations, name="nominations"),
    path("festival/<int:number>/submit/", backoffice.submit, name="submit"),
    path("festival/<int:number>/assign", backoffice.assign, name="assign"),
    path(
        "festival/<int:number>/deliberation/<slug:kind>/", jury_views.deliberation_view, name="deliberation"
    ),
    path("festival/submissions/<int:pk>/", backoffice.submission, name="submission"),
    path("festival/submissions/<int:pk>/decide", backoffice.decide, name="decide"),
    path("festival/submissions/<int:pk>/screener", backoffice.screener, name="screener"),
    path("festival/submissions/<int:pk>/materials", entry_files.materials, name="materials"),
    path("festival/submissions/<int:pk>/files/<slug:which>", entry_files.entry_file, name="entry_file"),
    path("festival/submissions/<int:pk>/sign-off", backoffice.sign_off, name="sign_off"),
    path("festival/submissions/<int:pk>/jury", jury_views.jury_vote, name="jury_vote"),
    path("festival/jury/", jury_views.jury, name="jury"),
]
urlpatterns += [path("festival/<int:number>/manage/", backoffice.manage, name="manage")]
urlpatterns += [
    path("festival/new/", staff.edition_new, name="edition_new"),
    path("festival/<int:number>/edit/", staff.edition_edit, name="edition_edit"),
    path("festival/<int:number>/sections/new/", staff.section_new, name="section_new"),
    path("festival/<int:number>/sections/<slug:kind>/", staff.section_edit, name="section_edit"),
    path("festival/<int:number>/sections/<slug:kind>/delete", staff.section_delete, name="section_delete"),
    path("festival/<int:number>/people/", staff.people, name="people"),
    path("festival/<int:number>/deadlines/", staff.call_edit, name="call_edit"),
    path("festival/<int:number>/awards/", staff_awards.awards, name="awards"),
    path("festival/<int:number>/awards/<int:pk>/", staff_awards.award_edit, name="award_edit"),
    path("festival/submissions/<int:pk>/catalogue", staff.film_to_catalogue, name="film_to_catalogue"),
]

from korkyt.festival.programme import views as programme  # noqa: E402

urlpatterns += [
    path("festival/<int:number>/grid/", programme.grid, name="grid"),
    path("festival/<int:number>/grid/job", programme.grid_job, name="grid_job"),
    path("festival/<int:number>/grid/check", programme.move_check, name="move_check"),
    path("festival/<int:number>/screenings/", programme.public_programme, name="public_programme"),
    path("festival/screenings/<int:pk>.ics", programme.screening_ics, name="screening_ics"),
    path("festival/screenings/<int:pk>/book", programme.book, name="screening_book"),
]
from korkyt.festival.programme import ticket_views  # noqa: E402

urlpatterns += [
    path("festival/tickets/<int:pk>/", ticket_views.ticket, name="screening_ticket"),
    path("festival/tickets/<int:pk>/ticket.pdf", ticket_views.ticket_pdf, name="screening_ticket_pdf"),
    path("festival/tickets/<int:pk>/cancel", ticket_views.ticket_cancel, name="screening_ticket_cancel"),
]
urlpatterns += [path("festival/screenings/<int:pk>/checkin/", programme.checkin, name="screening_checkin")]
urlpatterns += [
    path("festival/screenings/<int:pk>/star", programme.star, name="screening_star"),
    path("festival/my-programme/", programme.my_programme, name="my_programme"),
    path("festival/feed/<str:token>.ics", programme.my_feed, name="my_feed"),
    path("festival/<int:number>/screenings/print.pdf", programme.programme_pdf, name="programme_pdf"),
]
