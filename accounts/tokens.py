"""API tokens (accounts.ApiToken) and the end of a user's access: made, checked, listed, revoked.

A key is shown once, when `token_create` returns it; only its sha256 is kept. `token_authenticate`
is the one check every way in uses (the API's authentication class and the download views), so an
expired, revoked or outdated token, or one of a deactivated user, is refused everywhere alike.
"""

import hashlib
import secrets
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import transaction
from django.utils import timezone

from core.services import apply_changes, save_validated

from .models import ApiToken, User

# last_used_at is written at most this often per token, so that a busy client costs no write per request.
LAST_USED_PRECISION = timedelta(minutes=1)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def password_stamp(user) -> str:
    """Changes whenever the user's password does (including a reset or an admin setting a new one)."""
    return hashlib.sha256(user.password.encode()).hexdigest()


def token_create(*, user, name: str = "", ttl_days: int | None = None) -> tuple[ApiToken, str]:
    """A new token for `user`, valid for `ttl_days` (API_TOKEN_TTL_DAYS by default). Returns the
    token and its key; the key cannot be read again later."""
    key = secrets.token_urlsafe(30)
    now = timezone.now()
    days = settings.API_TOKEN_TTL_DAYS if ttl_days is None else ttl_days
    token = ApiToken(
        user=user,
        name=name.strip(),
        key_hash=key_hash(key),
        prefix=key[:8],
        password_stamp=password_stamp(user),
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    save_validated(token, user)
    return token, key


def token_state(token: ApiToken, now=None) -> str:
    """One of "active", "revoked", "expired" or "password_changed" (the password changed since)."""
    now = now or timezone.now()
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at <= now:
        return "expired"
    if not secrets.compare_digest(token.password_stamp, password_stamp(token.user)):
        return "password_changed"
    return "active"


def token_authenticate(key: str) -> ApiToken | None:
    """The active token of an active user for this key, or None. Records when it was last used."""
    if not key:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=key_hash(key)).first()
    now = timezone.now()
    if token is None or not token.user.is_active or token_state(token, now) != "active":
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def tokens_listed(user):
    """The user's tokens that are not revoked, newest first, for the profile page and the API."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).select_related("user")


def token_revoke(*, token: ApiToken, actor) -> ApiToken:
    if token.revoked_at is None:
        apply_changes(token, actor, {"revoked_at": timezone.now()})
    return token


def tokens_revoke_all(*, user) -> int:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def sessions_end(user, *, keep: str | None = None) -> int:
    """Delete the user's stored sessions (except the one with key `keep`). Sessions carry the user id
    only inside their encoded data, so the unexpired ones are read and decoded."""
    engine = import_module(settings.SESSION_ENGINE)
    get_model = getattr(engine.SessionStore, "get_model_class", None)
    if get_model is None:  # a cookie or cache session engine: nothing stored to delete
        return 0
    model = get_model()
    ended = [
        session.session_key
        for session in model.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.session_key != keep and session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]
    model.objects.filter(session_key__in=ended).delete()
    return len(ended)


@transaction.atomic
def user_deactivate(*, user: User, actor) -> User:
    """The user can no longer sign in: their sessions end and their API tokens are revoked now."""
    if user.is_active:
        apply_changes(user, actor, {"is_active": False})
    tokens_revoke_all(user=user)
    sessions_end(user)
    return user
