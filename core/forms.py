"""Form helpers every app shares."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def attach_errors(form, error: ValidationError):
    """Show a service's ValidationError on the form: at the field it names when the form has that
    field, otherwise above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            messages = [m for e in errors for m in e.messages]
            form.add_error(field if field != NON_FIELD_ERRORS and field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
