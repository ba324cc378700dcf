"""Portal screens for partner users and OPD officers, and the staff pages that serve them.

Everything outside the user's scope is a 404, the same answer as a missing object.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Invitation
from accounts.permissions import can
from accounts.roles import is_staff_member, sees_everything
from agreements.filtersets import VerificationQueueFilterSet
from agreements.models import Document, ObligationOccurrence
from agreements.services import occurrence_reject, occurrence_submit, occurrence_verify
from agreements.services.obligations import SUBMITTABLE
from core.views import filters_in_use
from notifications.inbox import latest_unread
from portal.calendar import calendar_token_for, calendar_token_regenerate, feed_url
from registry.invitations import invitation_accept as accept_service
from registry.invitations import invitation_create, portal_user_deactivate
from registry.models import Membership, OrganisationUnit, Partner
from registry.register_cache import cached_content, cached_value, render_cached_page

from . import selectors
from .forms import AcceptInvitationForm, EvidenceForm, InvitationForm, VerdictForm

# The queue page shows the oldest evidence first and at most this much of it: staff work from the top,
# and a backlog of thousands must not make the page slow (measured with bench/pages.py).
QUEUE_LIMIT = 100


def _identity(request) -> dict:
    """Who the reader is (portal/partials/identity.html): their own name, and their roles and
    organisations from the cache, which the reader's scope (roles, partners, OPDs) keys."""
    user = request.user
    shared = cached_value(request, "portal-identity", lambda: selectors.portal_organisations(user))
    return {"name": user.get_full_name() or user.get_username(), **shared}


def _staff_only(user):
    """The verification pages are invisible to everyone but staff: a 404, not a 403."""
    if not can(user, "occurrence.verify"):
        raise Http404


@login_required
def home(request):
    if not can(request.user, "portal.use"):
        if is_staff_member(request.user):
            return redirect("portal:verification_queue")
        raise Http404
    user = request.user

    def part(template, context):
        return lambda extra: render_to_string(template, {**context(user), **extra}, request=request)

    # Duties and agreements come from the cache for everyone of this reader's scope; the reader's name
    # and notices are their own, read on every request (docs/decisions/0066).
    due = part("portal/partials/home_due.html", selectors.portal_due)
    agreements = part("portal/partials/home_agreements.html", selectors.portal_home_agreements)
    return render(
        request,
        "portal/home.html",
        {
            "due_content": cached_content(request, "portal-home-due", due),
            "agreements_content": cached_content(request, "portal-home-agreements", agreements),
            "notifications": latest_unread(user),
            "identity": _identity(request),
        },
    )


@login_required
def agreement_detail(request, pk):
    context = selectors.partner_agreement_detail(request.user, pk)
    if context is None:
        raise Http404
    context["identity"] = _identity(request)
    return render(request, "portal/agreement.html", context)


@login_required
def agreement_old_path(request, pk):
    """The English path of earlier links (mails already sent, bookmarks) leads to the Indonesian one,
    for the agreements the reader may open; any other is a 404, as on the page itself."""
    if not selectors.portal_agreements(request.user).filter(pk=pk).exists():
        raise Http404
    return redirect("portal:agreement", pk=pk, permanent=True)


def _visible_occurrence(user, pk):
    return get_object_or_404(
        ObligationOccurrence.objects.visible_to(user).select_related(
            "obligation__agreement",
            "obligation__party__partner",
            "obligation__responsible_unit",
            "verified_by",
        ),
        pk=pk,
    )


@login_required
def occurrence_submit_view(request, pk):
    """An occurrence with its evidence and verdict; its responsible party submits evidence here."""
    occurrence = _visible_occurrence(request.user, pk)
    may_submit = can(request.user, "occurrence.submit", occurrence)
    form = EvidenceForm()
    if request.method == "POST":
        if not may_submit:
            raise Http404
        form = EvidenceForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                occurrence_submit(
                    occurrence=occurrence,
                    actor=request.user,
                    note=form.cleaned_data["note"],
                    files=form.cleaned_data["files"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Bukti terkirim dan menunggu verifikasi."))
                return redirect("portal:occurrence_submit", pk=occurrence.pk)
    evidence = selectors.with_download_urls(
        Document.objects.visible_to(request.user).filter(occurrence=occurrence).order_by("pk")
    )
    return render(
        request,
        "portal/occurrence.html",
        {
            "occurrence": occurrence,
            "evidence": evidence,
            "form": form,
            "may_submit": may_submit and occurrence.status in SUBMITTABLE,
            "identity": _identity(request),
        },
    )


@login_required
def verification_queue(request):
    _staff_only(request.user)

    def context():
        filterset = VerificationQueueFilterSet(
            request.GET, queryset=selectors.verification_queue(request.user), request=request
        )
        # One row more than shown: is there more?
        rows = list(filterset.qs[: QUEUE_LIMIT + 1])
        return {
            "filterset": filterset,
            "filters_in_use": filters_in_use(request),
            "queue": rows[:QUEUE_LIMIT],
            "queue_more": len(rows) > QUEUE_LIMIT,
            "queue_limit": QUEUE_LIMIT,
        }

    return render_cached_page(
        request,
        "verification-queue",
        "portal/verification_queue.html",
        "portal/partials/verification_queue_content.html",
        context,
    )


@login_required
@require_POST
def occurrence_verdict(request, pk):
    """Verify or reject submitted evidence; an htmx request gets the replaced queue row back."""
    _staff_only(request.user)
    occurrence = _visible_occurrence(request.user, pk)
    form = VerdictForm(request.POST)
    error = None
    if form.is_valid():
        service = (
            occurrence_verify if form.cleaned_data["decision"] == VerdictForm.VERIFY else occurrence_reject
        )
        try:
            occurrence = service(occurrence=occurrence, actor=request.user, note=form.cleaned_data["note"])
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(message for messages_ in form.errors.values() for message in messages_)
    if request.htmx:
        row = selectors.verification_queue(request.user).filter(pk=occurrence.pk).first()
        return render(
            request,
            "portal/partials/verification_row.html",
            {"item": row or occurrence, "done": row is None, "error": error},
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Keputusan verifikasi tersimpan."))
    return redirect("portal:verification_queue")


def _invitation_target(request):
    """The partner or OPD named by ?partner= / ?unit= (or the posted fields)."""
    source = request.POST if request.method == "POST" else request.GET
    partner_id, unit_id = source.get("partner"), source.get("unit")
    if partner_id and partner_id.isdigit():
        return get_object_or_404(Partner.objects.visible_to(request.user), pk=partner_id), None
    if unit_id and unit_id.isdigit():
        return None, get_object_or_404(OrganisationUnit.objects.visible_to(request.user), pk=unit_id)
    raise Http404


@login_required
def invite(request):
    """Staff: the portal users of one partner or OPD, their pending invitations, and a form to invite."""
    if not can(request.user, "invitation.send"):
        raise Http404
    partner, unit = _invitation_target(request)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_create(
                actor=request.user, partner=partner, organisation_unit=unit, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request, _("Undangan dikirim ke %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect(_invite_url(partner, unit))
    organisation = partner or unit
    return render(
        request,
        "portal/invite.html",
        {
            "partner": partner,
            "unit": unit,
            "organisation": organisation,
            "form": form,
            # Read through the organisation, which came through the staff member's scope.
            "memberships": organisation.memberships.select_related("user").order_by("user__username"),
            "invitations": organisation.invitation_set.filter(accepted_at__isnull=True).order_by(
                "-created_at"
            ),
        },
    )


def _invite_url(partner, unit):
    query = f"partner={partner.pk}" if partner else f"unit={unit.pk}"
    return f"{reverse('portal:invite')}?{query}"


@login_required
@require_POST
def user_deactivate(request, pk):
    """Staff end a portal user's access: no login, no scope, no calendar feed."""
    if not can(request.user, "invitation.send"):
        raise Http404
    membership = (
        Membership.objects.visible_to(request.user)
        .filter(user_id=pk)
        .select_related("partner", "organisation_unit", "user")
        .order_by("-pk")
        .first()
    )
    if membership is None or is_staff_member(membership.user):
        raise Http404
    user = membership.user
    portal_user_deactivate(user=user, actor=request.user)
    messages.success(request, _("Pengguna %(user)s dinonaktifkan.") % {"user": user.get_username()})
    return redirect(_invite_url(membership.partner, membership.organisation_unit))


def invitation_accept(request, token):
    """The invited person sets a password. A used or expired link says so plainly."""
    invitation = Invitation.objects.select_related("partner", "organisation_unit").filter(token=token).first()
    if invitation is None:
        raise Http404
    if not invitation.is_usable:
        used = invitation.accepted_at is not None
        return render(request, "portal/invitation_invalid.html", {"used": used}, status=410)
    form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            accept_service(token=token, password=form.cleaned_data["password1"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Akun Anda siap. Silakan masuk dengan email dan kata sandi Anda."))
            return redirect("accounts:login")
    return render(request, "portal/invitation_accept.html", {"invitation": invitation, "form": form})


@login_required
def calendar(request):
    """The user's secret feed URL, and a button that replaces it."""
    if request.method == "POST":
        calendar_token_regenerate(user=request.user)
        messages.success(request, _("Alamat kalender baru dibuat; alamat lama tidak berlaku lagi."))
        return redirect("portal:calendar")
    token = calendar_token_for(request.user)
    return render(request, "portal/calendar.html", {"feed_url": feed_url(token)})


@login_required
def landing(request):
    """Staff and managers land on the dashboard; partner users and OPD officers on the portal."""
    if sees_everything(request.user):
        return redirect("dashboard")
    return redirect("portal:home")
