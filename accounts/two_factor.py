"""Two-step sign-in with django-otp: an authenticator app (TOTP) and one-time recovery codes.

Who must use it: admins and staff of the cooperation unit (and anyone allowed into the Django admin)
when settings.KEMITRAAN_REQUIRE_2FA_FOR_STAFF is on; anyone else may turn it on from their profile.
A user with a confirmed authenticator signs in in two steps (accounts.views.LoginView, then
two_factor_verify); a required user without one is sent to set it up (TwoFactorMiddleware).
"""

import base64
import re

import segno
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .roles import is_staff_member

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "authenticator"
RECOVERY_NAME = "recovery"
TOTP_CODE = re.compile(r"^\d{6}$")


def two_factor_required(user) -> bool:
    """Whether the setting obliges this user to sign in with a second step."""
    if not getattr(settings, "KEMITRAAN_REQUIRE_2FA_FOR_STAFF", False):
        return False
    return bool(user.is_authenticated and (user.is_staff or is_staff_member(user)))


def authenticator_of(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("-pk").first()


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def two_factor_applies(user) -> bool:
    """Required by the setting, or turned on by the user: a session must then be verified."""
    return two_factor_required(user) or has_authenticator(user)


def authenticator_pending(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up (the same secret until it is confirmed)."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret as authenticator apps ask for it when typed in (base32), in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// link as an inline SVG QR code, drawn here (no outside service sees the secret)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=6)


def clean_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def verify_code(user, code: str, *, device: TOTPDevice | None = None):
    """The device that accepts `code`: six digits are checked against the authenticator (or the given
    unconfirmed one), anything else against the recovery codes, each used once. Returns
    (device or None, throttled): django-otp slows down guessing with a growing wait after each miss."""
    code = clean_code(code)
    if device is not None:
        candidates = [device] if TOTP_CODE.match(code) else []
    elif TOTP_CODE.match(code):
        candidates = [authenticator_of(user)]
    else:
        candidates = list(StaticDevice.objects.devices_for_user(user, confirmed=True))
    throttled = False
    with transaction.atomic():
        for candidate in candidates:
            if candidate is None:
                continue
            candidate = type(candidate).objects.select_for_update().get(pk=candidate.pk)
            allowed, _detail = candidate.verify_is_allowed()
            if not allowed:
                throttled = True
                continue
            if candidate.verify_token(code):
                return candidate, False
    return None, throttled


@transaction.atomic
def authenticator_confirm(device: TOTPDevice) -> TOTPDevice:
    """The set-up device becomes the user's authenticator; any earlier one is removed."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


@transaction.atomic
def recovery_codes_regenerate(user) -> list[str]:
    """Ten new one-time codes; the old ones stop working. Only these plain codes are ever shown."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def two_factor_disable(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
