"""Logging in and out, passwords, the user's profile and language, and the home page by role."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from core.services import apply_changes

from .forms import ProfileForm


class LoginView(auth_views.LoginView):
    # Axes (AxesStandaloneBackend) counts failed attempts; the form passes it the request.
    redirect_authenticated_user = True


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
    return render(request, "registration/profile.html", {"form": form, "profile_sections": sections})


@require_POST
def set_language(request):
    """Django's language switch, which also saves the choice on the user's profile."""
    response = django_set_language(request)
    language = request.POST.get("language")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES) and user.preferred_language != language:
        apply_changes(user, user, {"preferred_language": language})
    return response
