"""How API clients prove who they are: `Authorization: Token <key>`, an accounts.ApiToken.

`ExpiringTokenAuthentication` is the API's (REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]);
`accepts_api_token` lets a plain Django view (a file download) take the same header when the request
has no session, so a client reads with its token exactly what its user reads on the page.
"""

from functools import wraps

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _lazy
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication, get_authorization_header

from accounts.tokens import token_authenticate


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's `Token` header, checked against accounts.ApiToken: expired, revoked and outdated tokens
    and inactive users are refused with 401."""

    keyword = "Token"

    def authenticate_credentials(self, key):
        token = token_authenticate(key)
        if token is None:
            raise exceptions.AuthenticationFailed(
                _lazy("Token tidak berlaku: salah, kedaluwarsa, atau sudah dicabut.")
            )
        return token.user, token


def has_token_header(request) -> bool:
    words = get_authorization_header(request).split()
    return bool(words) and words[0].lower() == ExpiringTokenAuthentication.keyword.lower().encode()


def accepts_api_token(view):
    """Without a session, a valid `Authorization: Token …` signs the request in as the token's user
    (a bad one is a 401); the view then scopes what it serves as it does for a page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated and has_token_header(request):
            try:
                found = ExpiringTokenAuthentication().authenticate(request)
            except exceptions.AuthenticationFailed as error:
                response = JsonResponse({"detail": str(error.detail)}, status=401)
                response["WWW-Authenticate"] = ExpiringTokenAuthentication.keyword
                return response
            if found is not None:
                request.user, request.auth = found
        return view(request, *args, **kwargs)

    return wrapped
