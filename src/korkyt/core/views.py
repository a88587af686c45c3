"""Pages shared by every app: an object's history (its audit entries) for those who manage it, the retry
of a failed background job, the delete button at the bottom of an edit page, and the question asked before
a step that cannot be undone."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from korkyt.core.audit import audit_entries_for, audited
from korkyt.core.audit.present import history_rows
from korkyt.core.feedback import flash_refusal
from korkyt.core.http import get_visible_or_404, local_next
from korkyt.core.jobs import selectors, services
from korkyt.core.titles import qualifier_of, text_html, title_of

PAGE_SIZE = 50


@login_required
@require_GET
def object_history(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    """``/history/<app_label>.<model>/<pk>``: the object's history, newest first (404 for anyone who may
    not read it, and for models that are not audited)."""
    try:
        model_class = apps.get_model(model)
    except (LookupError, ValueError):
        raise Http404 from None
    if audited(model_class) is None:
        raise Http404
    obj = get_visible_or_404(model_class._default_manager.all(), pk=pk)  # who may read it: below
    entries = audit_entries_for(actor=request.user, obj=obj)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    title = title_of(obj)  # read once: the page's <title> and its heading
    qualifier = qualifier_of(obj)
    heading = format_html("{} · {}", text_html(title), qualifier) if qualifier else text_html(title)
    return render(
        request,
        "core/history.html",
        {
            "object": obj,
            "title": f"{title.text} · {qualifier}" if qualifier else title.text,
            "title_html": heading,
            "kind": model_class._meta.verbose_name,
            "rows": history_rows(page, obj),
            "page": page,
        },
    )


@login_required
@require_POST
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a failed job again, then go back to the page it was shown on (``next``)."""
    job = selectors.job_get(user=request.user, pk=pk)
    if job is None:
        raise Http404
    try:
        services.job_retry(actor=request.user, job=job)
    except ValidationError as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, _("The work is queued again."))
    return redirect(local_next(request, request.POST.get("next")) or "/")


def readyz(request: HttpRequest) -> JsonResponse:
    """200 when the database, migrations, broker and media folder are ready; 503 naming what is not."""
    from korkyt.core.health import readiness

    checks = readiness()
    ready = all(result == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ready" if ready else "not ready", "checks": checks}, status=200 if ready else 503
    )


def delete_confirmed(
    request: HttpRequest,
    obj: Any,
    perm: str,
    delete: Callable[[], Any],
    *,
    back: str,
    done: str,
    then: str = "web:staff",
) -> HttpResponse:
    """The delete button of an edit page (the form of ``core/_delete_zone.html``): only with ``perm`` on
    ``obj`` and the box ticked. A refusal (what still refers to it) goes back to ``back``, the edit page's
    address, as its error message; a deletion goes on to the page named ``then``."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied
    if not request.POST.get("confirm"):
        messages.error(request, _("Tick the box to confirm the deletion."))
        return redirect(back)
    try:
        delete()
    except ValidationError as exc:
        flash_refusal(request, exc)
        return redirect(back)
    messages.success(request, done)
    return redirect(reverse(then))


def confirm_page(
    request: HttpRequest,
    *,
    heading: str,
    subject: Any,
    consequences: Sequence[str],
    action: str,
    button: str,
    back: str,
    back_label: str,
    detail: str = "",
    form: Any = None,
    status: int = 200,
) -> HttpResponse:
    """The page a GET of a one-way step shows (``core/confirm.html``): the ``heading`` asking the question,
    the ``subject`` it acts on (a text, or a title with its ``lang``), what doing it means, one line each,
    the ``button`` that POSTs to ``action`` (naming the subject to screen readers) and the way ``back``,
    a link that changes nothing. The POST view does the step; it stays safe to send twice. ``form``: what
    the step asks for besides the button (a reason), drawn above it; the POST view shows the page again
    with it (``status`` 400) when it refuses what was typed, keeping it."""
    return render(
        request,
        "core/confirm.html",
        {
            "heading": heading,
            "subject": subject,
            "detail": detail,
            "consequences": list(consequences),
            "action": action,
            "button": button,
            "back": back,
            "back_label": back_label,
            "form": form,
        },
        status=status,
    )
