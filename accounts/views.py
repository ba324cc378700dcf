"""Logging in and out (with the second step), passwords, the user's profile and language."""

import time
from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from core.services import apply_changes

from . import two_factor
from .forms import OtpCodeForm, ProfileForm
from .models import User
from .tokens import sessions_end

# Between the password and the code: who passed the first step, how, when, and where they go next.
PENDING = "kemitraan_2fa_pending"
PENDING_SECONDS = 300
# Recovery codes just made, shown once on the next page and then gone from the session.
NEW_CODES = "kemitraan_2fa_new_codes"


class LoginView(auth_views.LoginView):
    """The password step. Axes (AxesStandaloneBackend) counts failed attempts per user and address.

    A user with an authenticator is not signed in yet: the second step (two_factor_verify) does it, so
    that a right password alone neither opens a session nor resets the failure count of the code.
    """

    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not two_factor.has_authenticator(user):
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "at": time.time(),
            "next": self.get_success_url(),
        }
        return redirect("accounts:two_factor_verify")


def with_next(name, target) -> str:
    return f"{reverse(name)}?{urlencode({'next': target})}"


def _next_url(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _pending_user(request):
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None, None
    return User.objects.filter(pk=pending["user"], is_active=True).first(), pending


def _abandon(request):
    """A locked-out second step: forget the half-finished sign-in (or end the unverified session)."""
    request.session.pop(PENDING, None)
    if request.user.is_authenticated:
        auth_logout(request)


@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """The second step: the code from the authenticator app, or a recovery code. Each wrong code
    counts as a failed login for axes (per user and address) and slows the next try (django-otp)."""
    pending = None
    if request.user.is_authenticated:
        user = request.user
        if user.is_verified() or not two_factor.has_authenticator(user):
            # A URL, never a view name: redirect() would try to reverse "?next=-1" and fail (500).
            return HttpResponseRedirect(_next_url(request, reverse(settings.LOGIN_REDIRECT_URL)))
    else:
        user, pending = _pending_user(request)
        if user is None:
            request.session.pop(PENDING, None)
            messages.info(request, _("Langkah masuk sudah kedaluwarsa. Silakan masuk lagi."))
            return redirect("accounts:login")
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        _abandon(request)
        return get_lockout_response(request, credentials=credentials)
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, throttled = two_factor.verify_code(user, form.cleaned_data["code"])
        if device is not None:
            if pending is not None:
                user.otp_device = device  # django-otp's login signal keeps it in the new session
                auth_login(request, user, backend=pending["backend"])
                request.session.pop(PENDING, None)
                target = pending["next"]
            else:
                otp_login(request, device)
                target = _next_url(request, reverse(settings.LOGIN_REDIRECT_URL))
            if isinstance(device, StaticDevice):
                messages.warning(
                    request,
                    _("Anda masuk dengan kode pemulihan. Sisa kode: %(count)s.")
                    % {"count": two_factor.recovery_codes_left(user)},
                )
            return HttpResponseRedirect(target)
        if throttled:
            form.add_error("code", _("Terlalu banyak kode yang salah. Tunggu sebentar, lalu coba lagi."))
        else:
            form.add_error("code", _("Kode tidak cocok atau sudah pernah dipakai."))
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                _abandon(request)
                return get_lockout_response(request, credentials=credentials)
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "next": request.GET.get("next", "")},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Set up the authenticator: scan the QR code (or type the secret), confirm with a code. Then ten
    recovery codes are made and shown once, and the user's other sessions end."""
    user = request.user
    if two_factor.has_authenticator(user) and not user.is_verified():
        return redirect(with_next("accounts:two_factor_verify", reverse("accounts:two_factor_setup")))
    device = two_factor.authenticator_pending(user)
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        found, throttled = two_factor.verify_code(user, form.cleaned_data["code"], device=device)
        if found is not None:
            two_factor.authenticator_confirm(found)
            otp_login(request, found)
            request.session[NEW_CODES] = two_factor.recovery_codes_regenerate(user)
            sessions_end(user, keep=request.session.session_key)
            messages.success(request, _("Verifikasi dua langkah aktif."))
            target = _next_url(request, reverse(settings.LOGIN_REDIRECT_URL))
            return redirect(with_next("accounts:two_factor_recovery_codes", target))
        if throttled:
            form.add_error("code", _("Terlalu banyak kode yang salah. Tunggu sebentar, lalu coba lagi."))
        else:
            form.add_error("code", _("Kode tidak cocok. Periksa jam ponsel Anda dan coba kode berikutnya."))
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": mark_safe(two_factor.qr_svg(device)),  # drawn by segno from our own data
            "secret": two_factor.secret_text(device),
            "required": two_factor.two_factor_required(user),
            "next": _next_url(request, ""),
        },
        status=400 if form.errors else 200,
    )


def _verified_with_authenticator(request) -> bool:
    return request.user.is_verified() and two_factor.has_authenticator(request.user)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_recovery_codes(request):
    """New recovery codes are shown once, right after they are made; POST makes a new set."""
    if not _verified_with_authenticator(request):
        return redirect("accounts:profile")
    if request.method == "POST":
        request.session[NEW_CODES] = two_factor.recovery_codes_regenerate(request.user)
        messages.success(request, _("Kode pemulihan baru dibuat. Kode lama tidak berlaku lagi."))
        return redirect("accounts:two_factor_recovery_codes")
    return render(
        request,
        "registration/two_factor_recovery_codes.html",
        {
            "codes": request.session.pop(NEW_CODES, None),
            "left": two_factor.recovery_codes_left(request.user),
            "next": _next_url(request, reverse("accounts:profile")),
        },
    )


@login_required
@require_POST
def two_factor_turn_off(request):
    if two_factor.two_factor_required(request.user):
        messages.error(request, _("Verifikasi dua langkah wajib untuk peran Anda."))
    elif two_factor.has_authenticator(request.user) and not request.user.is_verified():
        return redirect("accounts:two_factor_verify")
    else:
        two_factor.two_factor_disable(request.user)
        messages.success(request, _("Verifikasi dua langkah dimatikan."))
    return redirect("accounts:profile")


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordResetView(auth_views.PasswordResetView):
    email_template_name = "registration/password_reset_email.txt"
    html_email_template_name = "registration/password_reset_email.html"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password_reset_complete")


def _remember_language(response, language):
    """The language cookie wins over the profile in UserLanguageMiddleware, so keep them equal."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@login_required
def profile(request):
    """Name, contact details and preferred language. Other apps add sections in `profile_extra`."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        apply_changes(
            request.user, request.user, {name: form.cleaned_data[name] for name in form.changed_data}
        )
        language = request.user.preferred_language
        translation.activate(language)
        messages.success(request, _("Profil disimpan."))
        return _remember_language(HttpResponseRedirect(reverse("accounts:profile")), language)
    sections = getattr(settings, "PROFILE_SECTIONS", [])  # template names other apps add to the page
    two_factor_status = {
        "active": two_factor.has_authenticator(request.user),
        "required": two_factor.two_factor_required(request.user),
        "codes_left": two_factor.recovery_codes_left(request.user),
    }
    return render(
        request,
        "registration/profile.html",
        {"form": form, "profile_sections": sections, "two_factor": two_factor_status},
    )


@require_POST
def set_language(request):
    """Django's language switch, which also saves the choice on the user's profile."""
    response = django_set_language(request)
    language = request.POST.get("language")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES) and user.preferred_language != language:
        apply_changes(user, user, {"preferred_language": language})
    return response
