"""Uploading documents to an agreement, and the one checked view that serves any stored document."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.api.auth import accepts_api_token
from core.audit import read_log_record
from core.headers import content_disposition
from core.views import scoped

from .. import services
from ..audience import audience_for, document_readable
from ..forms.actions import DocumentUploadForm
from ..models import Document
from ..uploads import download_name
from .actions import form_action
from .common import internal_only


@internal_only
def document_upload(request, pk):
    def perform(agreement, user, form):
        data = form.cleaned_data
        services.document_upload(
            agreement=agreement,
            actor=user,
            upload=data["file"],
            title=data["title"],
            doc_type=data["doc_type"],
            visibility=data["visibility"],
            instrument=form.instruments.get(data["instrument"]),
        )

    return form_action(
        request,
        pk,
        permission="document.upload",
        form_class=DocumentUploadForm,
        perform=perform,
        title=_lazy("Unggah dokumen"),
        submit=_lazy("Unggah"),
        success=_("Dokumen diunggah."),
        anchor="#dokumen",
    )


@accepts_api_token
def document_download(request, pk):
    """Serve a document to whoever may read it — staff, the agreement's OPD officers, a party's user
    for what is shared with the parties, or the public for public documents of public agreements —
    and answer 404 to everyone else, as for a missing file. Who reads what is the agreement's
    audience (agreements.audience), the same answer the pages, the summary PDF and the API give."""
    document = get_object_or_404(
        scoped(Document, request.user).select_related("agreement", "occurrence__obligation", "evaluation"),
        pk=pk,
    )
    if not document_readable(audience_for(request.user, document.agreement), document):
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    read_log_record(request, document)
    response = FileResponse(handle, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition(
        download_name(document.original_name, document.content_type)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
