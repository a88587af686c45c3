"""The box-office desk of a check-in page, shared by an event's desk and a festival screening's: one form
(``forms.BoxOfficeForm``, template ``events/includes/box_office_form.html``), one way to run the sale from
it and to show its outcome, and the ticket just sold (``?sold=<id>``) for its print and QR links."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import ngettext

from korkyt.core.http import id_from
from korkyt.events import tickets
from korkyt.events.forms import BoxOfficeForm
from korkyt.events.models import Registration


def sell(request: HttpRequest, form: BoxOfficeForm, sale: Callable[..., Registration]) -> Registration | None:
    """Run ``sale(seats=, paid=, name=, email=)`` with the valid ``form``'s data. Wrong seats, name or
    e-mail go next to their field; the rest (full, closed, cancelled) above the page, where it shows even
    when the form does not; None then, and nothing is sold. A sale is announced with its ticket code."""
    data = form.cleaned_data
    try:
        sold = sale(seats=data["seats"], paid=data["paid"], name=data["name"], email=data["email"])
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:  # BookingError too
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        for field, texts in fields.items():
            if field in form.fields:
                form.add_error(field, texts)
            else:
                for text in texts:
                    messages.error(request, text)
        return None
    messages.success(
        request,
        ngettext(
            "Sold %(n)s seat. Ticket code: %(code)s.",
            "Sold %(n)s seats. Ticket code: %(code)s.",
            sold.seats,
        )
        % {"n": sold.seats, "code": tickets.pretty(sold.code)},
    )
    return sold


def just_sold(request: HttpRequest, bookable_id: int | None) -> Registration | None:
    """The confirmed ticket of ``bookable_id`` named by ``?sold=`` (after a sale's redirect), if any."""
    pk = id_from(request.GET.get("sold"))
    if bookable_id is None or pk is None:
        return None
    return Registration.objects.filter(bookable=bookable_id, pk=pk, status="confirmed").first()
