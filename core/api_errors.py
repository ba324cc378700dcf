"""The API's one exception handler: the domain's errors become answers a client can act on.

- django ValidationError (services' `full_clean()` and `refuse()`) → 400 {field: [messages]}, with
  messages not tied to a field under "non_field_errors";
- core.services.GateRefused → 400 {"reasons": [...]} (what is missing to enter the stage);
- core.services.ConflictError → 409 {"detail", "current_version"} (a stale `version`).

An action whose declared 400 is GateRefused (advance, close) answers every 400 with `reasons`:
`with_reasons` adds them, as "field: message", beside the field errors a client may read per field.

Messages are already in the user's language: the API views activate it before the service runs.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from core.services import ConflictError, GateRefused


def validation_error_data(exc: DjangoValidationError) -> dict:
    """{field: [messages]} from a django ValidationError; field-less messages under non_field_errors."""
    non_field = api_settings.NON_FIELD_ERRORS_KEY
    if hasattr(exc, "error_dict"):
        return {
            (non_field if field == NON_FIELD_ERRORS else field): [str(m) for m in messages]
            for field, messages in exc.message_dict.items()
        }
    return {non_field: [str(m) for m in exc.messages]}


def exception_handler(exc, context):
    if isinstance(exc, GateRefused):
        return Response({"reasons": [str(m) for m in exc.messages]}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        return Response(validation_error_data(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ConflictError):
        return Response(
            {"detail": str(exc), "current_version": exc.current_version}, status=status.HTTP_409_CONFLICT
        )
    response = drf_exception_handler(exc, context)
    if response is not None and response.status_code == 400 and isinstance(response.data, list):
        # A ValidationError raised with a bare list (a model's clean): the declared FieldErrors shape.
        response.data = {api_settings.NON_FIELD_ERRORS_KEY: response.data}
    return response


def _messages(value, prefix=""):
    """Every message in an error body, field ones prefixed with their field (nested fields in turn)."""
    if isinstance(value, dict):
        for key, child in value.items():
            plain = key in (api_settings.NON_FIELD_ERRORS_KEY, "detail")
            yield from _messages(child, prefix if plain else f"{prefix}{key}: ")
    elif isinstance(value, list):
        for child in value:
            yield from _messages(child, prefix)
    else:
        yield f"{prefix}{value}"


def with_reasons(response):
    """A 400 answer with `reasons` (every message, field ones as "field: message") beside what it
    already says: for actions whose declared error schema is GateRefused."""
    if response.status_code != status.HTTP_400_BAD_REQUEST:
        return response
    data = (
        response.data
        if isinstance(response.data, dict)
        else {api_settings.NON_FIELD_ERRORS_KEY: response.data}
    )
    if "reasons" not in data:
        response.data = {"reasons": list(_messages(data)), **data}
    return response
