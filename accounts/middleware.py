"""Per-request account concerns: the response's language, and the second sign-in step.

UserLanguageMiddleware: Django's LocaleMiddleware would follow the browser's Accept-Language, so an office
PC set up in English would silently switch the whole registry to English. Here the order is: the
language switch (cookie), then the logged-in user's preferred language, then settings.LANGUAGE_CODE.

TwoFactorMiddleware: see its docstring.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .api.auth import has_token_header
from .two_factor import has_authenticator, two_factor_required

SUPPORTED = {code for code, _name in settings.LANGUAGES}


def language_for(request) -> str:
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in SUPPORTED:
        return chosen
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.preferred_language in SUPPORTED:
        return user.preferred_language
    return settings.LANGUAGE_CODE


class UserLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_for(request)
        request.LANGUAGE_CODE = language
        # override() restores the previous language afterwards, so one request's choice never leaks into
        # the next one served by the same thread (or into the next test).
        with translation.override(language):
            response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


# Pages an unverified user who must use two-step sign-in may still open.
TWO_FACTOR_OPEN_PAGES = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:two_factor_verify",
        "accounts:two_factor_setup",
        "accounts:set_language",
        "set_language",
        "healthz",
    }
)
TWO_FACTOR_OPEN_PREFIXES = ("/i18n/",)


def _open_page(request) -> bool:
    path = request.path_info
    if path.startswith((settings.STATIC_URL, *TWO_FACTOR_OPEN_PREFIXES)):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.view_name in TWO_FACTOR_OPEN_PAGES


def _redirect(request, name):
    url = f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}"
    if request.headers.get("HX-Request") == "true":  # htmx would swap the whole page into a fragment
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class TwoFactorMiddleware:
    """After django-otp's OTPMiddleware: a signed-in user who must use two-step sign-in
    (accounts.two_factor.two_factor_required) and whose session is not verified reaches only the
    sign-in pages: with an authenticator they are sent to enter a code, without one to set it up.
    This covers every page, htmx fragments, the session API and the Django admin.

    A request carrying `Authorization: Token …` is the token's business (a separate credential): the
    unverified session is ignored for it. The Django admin's own login form would skip the second
    step, so it sends people to the one login page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and two_factor_required(user):
            if has_token_header(request):
                request.user = AnonymousUser()
            elif not _open_page(request):
                if has_authenticator(user):
                    return _redirect(request, "accounts:two_factor_verify")
                return _redirect(request, "accounts:two_factor_setup")
        elif request.path_info == reverse("admin:login") and (
            not user.is_authenticated or request.method == "POST"
        ):
            query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
            return HttpResponseRedirect(f"{reverse('accounts:login')}?{query}")
        return self.get_response(request)
