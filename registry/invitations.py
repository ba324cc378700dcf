"""Inviting partner users and OPD officers, accepting an invitation, and deactivating a portal user.

An invitation is single-use and expires (accounts.Invitation). Accepting it creates the user with the
role of the organisation it was made for and a membership that scopes them to it.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import CalendarToken, Invitation, User
from accounts.roles import Role
from accounts.scope import forget_scope
from core.converters import is_token
from core.services import refuse, save_validated

from .models import Membership
from .services import membership_create, membership_end


def invitation_link(invitation: Invitation) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("portal:invitation_accept", args=[invitation.token])


@transaction.atomic
def invitation_create(*, actor, email, full_name="", partner=None, organisation_unit=None) -> Invitation:
    """Record an invitation and e-mail its link once the transaction commits."""
    email = email.strip().lower()
    if User.objects.filter(username__iexact=email).exists():
        refuse(_("Sudah ada pengguna dengan email ini."))
    invitation = save_validated(
        Invitation(
            email=email,
            full_name=full_name,
            partner=partner,
            organisation_unit=organisation_unit,
            created_by=actor,
        ),
        actor,
    )
    invitation_id = invitation.pk
    transaction.on_commit(lambda: invitation_send(invitation_id))
    return invitation


def invitation_send(invitation_id: int) -> None:
    invitation = Invitation.objects.select_related("partner", "organisation_unit").get(pk=invitation_id)
    organisation = invitation.partner or invitation.organisation_unit
    body = _(
        "Anda diundang menggunakan portal Kemitraan untuk %(org)s.\n\n"
        "Buka tautan berikut untuk membuat kata sandi (berlaku sampai %(until)s; hanya sekali pakai):\n"
        "%(link)s\n"
    ) % {
        "org": organisation,
        "until": timezone.localtime(invitation.expires_at).strftime("%d-%m-%Y %H:%M"),
        "link": invitation_link(invitation),
    }
    send_mail(_("Undangan portal Kemitraan"), body, None, [invitation.email])


@transaction.atomic
def invitation_accept(*, token: str, password: str) -> User:
    """Create the invited user. The invitation is locked, so two clicks cannot create two users."""
    invitation = (
        Invitation.objects.select_for_update().filter(token=token).first() if is_token(token) else None
    )
    if invitation is None or not invitation.is_usable:
        refuse(_("Tautan undangan ini tidak berlaku lagi (sudah dipakai atau kedaluwarsa)."))
    if User.objects.filter(username__iexact=invitation.email).exists():
        refuse(_("Sudah ada pengguna dengan email ini."))
    first, _sep, last = invitation.full_name.partition(" ")
    user = User(username=invitation.email, email=invitation.email, first_name=first, last_name=last)
    user.set_password(password)
    save_validated(user, None, exclude=["password"])
    role = Role.PARTNER if invitation.partner_id else Role.OPD_OFFICER
    user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    membership_create(
        actor=None,
        user=user,
        partner_id=invitation.partner_id,
        organisation_unit_id=invitation.organisation_unit_id,
        valid_from=timezone.localdate(),
    )
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    return user


@transaction.atomic
def portal_user_deactivate(*, user: User, actor) -> User:
    """The user can no longer log in, their memberships end today and their calendar feed stops."""
    # Scope counts memberships valid *today*, so an ended membership ends yesterday.
    ended = timezone.localdate() - timedelta(days=1)
    user.is_active = False
    user.save(update_fields=["is_active"])
    for membership in Membership.objects.filter(user=user).order_by("pk").select_for_update():
        if membership.valid_until is None or membership.valid_until > ended:
            membership_end(membership=membership, actor=actor, on=ended)
    CalendarToken.objects.filter(user=user).delete()
    forget_scope(user)
    return user
