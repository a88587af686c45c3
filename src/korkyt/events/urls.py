from django.urls import path

from korkyt.events import views
from korkyt.events.views import organisers

app_name = "events"
urlpatterns = [
    path("events/", views.event_list, name="event_list"),
    path("events/new/", organisers.event_edit, name="event_new"),
    path("events/<int:pk>/edit/", organisers.event_edit, name="event_edit"),
    path("events/<int:pk>/transition", organisers.event_transition, name="event_transition"),
    path("events/<int:pk>/checkin/", organisers.checkin, name="checkin"),
    path("events/<int:pk>/checkin/counts", organisers.checkin_counts, name="checkin_counts"),
    path("events/registrations/<int:pk>/ticket/", views.ticket, name="ticket"),
    path("events/registrations/<int:pk>/ticket.pdf", views.ticket_pdf, name="ticket_pdf"),
    path("events/<int:pk>/certificates", organisers.certificates_issue, name="certificates_issue"),
    path("events/registrations/<int:pk>/certificate.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path(
        "events/<int:pk>/participants.<str:fmt>", organisers.participants_export, name="participants_export"
    ),
    path("events/mine/calendar", views.feed_manage, name="feed_manage"),
    path("events/feed/<str:token>.ics", views.feed, name="feed"),
    path("events/registrations/<int:pk>/followup/", views.answer_form, {"form": "followup"}, name="followup"),
    path("events/registrations/<int:pk>/feedback/", views.answer_form, {"form": "feedback"}, name="feedback"),
    path("events/mine/", views.my_registrations, name="my_registrations"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/register", views.register, name="register"),
    path("events/<int:pk>/event.ics", views.event_ics_view, name="event_ics"),
    path("events/<int:pk>/participants/", organisers.participants, name="participants"),
    path("events/registrations/<int:pk>/cancel", views.cancel, name="cancel"),
    path("events/registrations/<int:pk>/delete", views.registration_delete, name="registration_delete"),
    path("events/registrations/<int:pk>/accept", views.accept_offer, name="accept_offer"),
]
