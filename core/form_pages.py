"""The one way a page with a form calls a service: validate, call, show the service's refusal on the
form with everything typed kept, or go on with a message."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from .forms import attach_errors
from .services import ConflictError


def form_page(request, form, *, perform, template, context, success_message, success_url):
    """Render `form` (built by the caller, bound on POST) or, on a valid POST, call `perform(form)`.

    When the service accepts, flash `success_message` and redirect to `success_url(result)` (or the URL
    itself when it is not callable). A ValidationError or a stale version shows on the form; a POST that
    does not go through answers 400, so a client or test cannot mistake it for success.
    """
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                result = perform(form)
            except ConflictError as conflict:
                form.add_error(None, str(conflict))
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, success_message)
                return redirect(success_url(result) if callable(success_url) else success_url)
    return render(request, template, {**context, "form": form}, status=status)
