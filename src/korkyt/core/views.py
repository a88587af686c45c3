"""Core pages: an object's history (its audit entries) for those who manage it."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from korkyt.core.audit import audit_entries_for, audited
from korkyt.core.audit.present import history_rows
from korkyt.core.http import get_visible_or_404

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
    return render(
        request,
        "core/history.html",
        {
            "object": obj,
            "kind": model_class._meta.verbose_name,
            "rows": history_rows(page, obj),
            "page": page,
        },
    )
