from django.conf import settings
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.uploads import BoundedMemoryUploadHandler

from .forms import FileCheckForm
from .selectors import file_check, issued_document_for_page, public_title


# No CSRF check: the form changes nothing and stores nothing (a forged post only shows its sender a
# result), and the upload handler below must be installed before anything reads the body — the CSRF
# middleware would read it first.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def verification_page(request, code):
    """Public (no login): what was issued under this code, and a check of a file against it — the
    file is hashed in memory and never stored."""
    handler = BoundedMemoryUploadHandler(settings.UPLOAD_MAX_BYTES, request)
    request.upload_handlers = [handler]
    document = issued_document_for_page(code)
    form, check = FileCheckForm(), None
    status = 200
    if request.method == "POST":
        form = FileCheckForm(
            request.POST, request.FILES, too_large=handler.too_large, limit=settings.UPLOAD_MAX_BYTES
        )
        if form.is_valid():
            check = file_check(document, form.cleaned_data["file"].read())
        else:
            status = 400
    return render(
        request,
        "jobs/verification.html",
        {"document": document, "title": public_title(document), "form": form, "check": check},
        status=status,
    )
