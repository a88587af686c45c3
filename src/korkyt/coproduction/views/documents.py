"""The application file on the project page: upload, remove and download (only for those who may see the
documents: the producers, the partner countries' authorities once submitted, administrators)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from korkyt.coproduction import services
from korkyt.coproduction.forms import DocumentForm
from korkyt.coproduction.views import _detail_context, _get
from korkyt.core.forms import add_service_errors
from korkyt.core.http import get_visible_or_404, private_download
from korkyt.core.uploads import DOCUMENT_TYPES


@login_required
@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    project = _get(request, pk)
    form = DocumentForm(request.POST, request.FILES, prefix="document")
    if form.is_valid():
        try:
            services.document_upload(
                actor=request.user,
                project=project,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The document was added."))
            return redirect("coproduction:project_detail", pk=pk)
    context = _detail_context(request, project)
    context["document_form"] = form
    return render(request, "coproduction/project_detail.html", context, status=422)


@login_required
@require_POST
def document_remove(request: HttpRequest, pk: int, doc: int) -> HttpResponse:
    project = _get(request, pk)
    services.document_remove(actor=request.user, document=get_visible_or_404(project.documents.all(), pk=doc))
    messages.success(request, _("Removed."))
    return redirect("coproduction:project_detail", pk=pk)


def document_download(request: HttpRequest, pk: int, doc: int) -> HttpResponseBase:
    project = _get(request, pk)
    if not request.user.has_perm("coproduction.view_documents", project):
        raise Http404
    document = get_visible_or_404(project.documents.all(), pk=doc)
    return private_download(
        document.file.open("rb"), document.filename, DOCUMENT_TYPES[document.file_type][1], request=request
    )
