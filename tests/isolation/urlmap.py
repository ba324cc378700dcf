"""Every URL pattern of the project, from the resolver, and how to fill its arguments with a target's ids.

A pattern's arguments are filled by, in order:
1. `BY_NAME` — an explicit rule for one named pattern;
2. the argument's own name when it says what it is (`agreement_pk`, `document_id`, …);
3. for `pk` / `id` / `object_id`: the nearest literal path segment before it (`kerja-sama/<pk>/`,
   `dokumen/<pk>/`, `^occurrences/(?P<pk>…)`), looked up in `SEGMENTS`.
A pattern none of these fills, and that is not in `PUBLIC_PATTERNS`, fails the matrix with a message
saying where to add its mapping.
"""

import re
import secrets
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Patterns that take no object of anyone's, or whose argument is not an id a user could hold.
PUBLIC_PATTERNS = {
    "accounts:password_reset_confirm": "password reset link: uidb64 + a signed token, checked by Django",
    "public:ocds_extension": "public OCDS extension files by name: no object, no scope",
    "admin:view_on_site": "Django admin shortcut: non-staff users are sent to the admin login",
}

# Capability URLs: the secret token *is* the credential, so a walk fills them with a guessed token.
SECRET_TOKEN_PATTERNS = {
    "portal:invitation_accept": "invitation link: whoever holds the token may accept it",
    "portal:calendar_feed": "calendar feed: whoever holds the token reads its owner's due dates",
    "imports:detail": "a checked import file by its random key: staff only, and only its uploader",
    "verification:page": "an issued PDF's public verification page: whoever holds the document has its code",
}
# The arguments of those patterns that carry the secret.
SECRET_ARGS = ("token", "code")

# Literal path segments naming the object the following `pk` belongs to (Indonesian pages, English API).
SEGMENTS = {
    "kerja-sama": "agreement",
    "agreements": "agreement",
    "publik": "agreement",
    "ocds": "agreement",
    "mitra": "partner",
    "partners": "partner",
    "kontak": "contact",
    "contacts": "contact",
    "perangkat-daerah": "unit",
    "organisation-units": "unit",
    "potensi-daerah": "cooperation_object",
    "cooperation-objects": "cooperation_object",
    "dokumen": "document",
    "documents": "document",
    "jatuh-tempo": "occurrence",
    "verifikasi": "occurrence",
    "occurrences": "occurrence",
    "kewajiban": "obligation",
    "obligations": "obligation",
    "risiko": "risk",
    "risks": "risk",
    "manfaat": "benefit",
    "benefits": "benefit",
    "kontribusi": "contribution",
    "contributions": "contribution",
    "funding-sources": "funding_source",
    "naskah": "instrument",
    "instruments": "instrument",
    "pihak": "party",
    "parties": "party",
    "evaluasi": "evaluation",
    "evaluations": "evaluation",
    "indikator": "indicator",
    "indicators": "indicator",
    "capaian": "observation",
    "observations": "observation",
    "kendala": "challenge",
    "challenges": "challenge",
    "ringkasan": "summary",
    "summaries": "summary",
    "pekerjaan": "job",
    "jobs": "job",
    "notifikasi": "notification",
    "notifications": "notification",
    "undangan": "invitation",
    "pengguna": "user",
    "users": "user",
    "token": "api_token",
    # The law's steps (issue 10): internal records of an agreement, and a partner's legality checks.
    "approvals": "approval",
    "benefit-studies": "benefit_study",
    "legal-reviews": "legal_review",
    "initiative-letters": "initiative_letter",
    "disputes": "dispute",
    "handovers": "handover",
    "tkksd-reviews": "tkksd_review",
    "legalitas": "legality",
}

# Argument names that say what they hold, once `_pk` / `_id` is taken off.
NAMED = {
    "agreement": "agreement",
    "partner": "partner",
    "contact": "contact",
    "unit": "unit",
    "organisation_unit": "unit",
    "document": "document",
    "occurrence": "occurrence",
    "obligation": "obligation",
    "risk": "risk",
    "benefit": "benefit",
    "contribution": "contribution",
    "instrument": "instrument",
    "party": "party",
    "evaluation": "evaluation",
    "indicator": "indicator",
    "observation": "observation",
    "challenge": "challenge",
    "summary": "summary",
    "job": "job",
    "notification": "notification",
    "invitation": "invitation",
    "user": "user",
    "dispute": "dispute",
    "stage": "dispute_stage",
    "record": "approval",  # agreements:process_edit; its `kind` is a constant the page does not know (404)
}

# Arguments that are not object ids. A section of the agreement page: its documents, one of the sections
# that read the agreement's own rows (each section answers through the same scoped lookup).
CONSTANT_ARGS = {"format": "json", "kind": "report_portfolio", "slug": "dokumen"}

# Django admin: non-staff users are redirected to the admin login whatever the arguments.
ADMIN_ARGS = {
    "app_label": "agreements",
    "url": "",
    "id": None,
    "pk": None,
    "object_id": None,
    "content_type_id": None,
}


@dataclass(frozen=True)
class Pattern:
    route: str
    name: str | None
    args: tuple[str, ...]

    @property
    def is_admin(self):
        return self.route.startswith("admin/")


def all_patterns() -> list[Pattern]:
    def walk(patterns, prefix="", namespace=None):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
                yield Pattern(prefix + str(entry.pattern), name, tuple(entry.pattern.regex.groupindex))

    return list(walk(get_resolver().url_patterns))


_LITERAL = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def _segment_before(route: str, arg: str) -> str | None:
    """The last literal path segment before the argument `arg` in a route (path() or regex syntax)."""
    for marker in (
        f"<int:{arg}>",
        f"<str:{arg}>",
        f"<slug:{arg}>",
        f"<path:{arg}>",
        f"<{arg}>",
        f"(?P<{arg}>",
    ):
        position = route.find(marker)
        if position >= 0:
            break
    else:
        return None
    segments = [s for s in re.split(r"[/^$]", route[:position]) if _LITERAL.fullmatch(s)]
    return segments[-1] if segments else None


def object_key(pattern: Pattern, arg: str) -> str | None:
    """Which object of a target fills `arg` of `pattern`, or None when no rule says."""
    bare = re.sub(r"_(pk|id)$", "", arg)
    if bare in NAMED:
        return NAMED[bare]
    if arg in ("pk", "id", "object_id"):
        return SEGMENTS.get(_segment_before(pattern.route, arg) or "")
    return None


class Unmapped(Exception):
    pass


def fill(pattern: Pattern, objects: dict) -> dict:
    """The kwargs for `pattern` from a target's `objects`; raises Unmapped with advice when it cannot."""
    kwargs = {}
    for arg in pattern.args:
        if arg in CONSTANT_ARGS:
            kwargs[arg] = CONSTANT_ARGS[arg]
        elif pattern.name in SECRET_TOKEN_PATTERNS and arg in SECRET_ARGS:
            kwargs[arg] = secrets.token_urlsafe(32)  # a guess: must be a 404
        elif pattern.is_admin and arg in ADMIN_ARGS:
            kwargs[arg] = ADMIN_ARGS[arg] if ADMIN_ARGS[arg] is not None else str(objects["agreement"].pk)
        else:
            key = object_key(pattern, arg)
            if key is None or key not in objects:
                raise Unmapped(
                    f"URL pattern {pattern.name or '(unnamed)'} '{pattern.route}': the isolation matrix does not "
                    f"know which object fills '{arg}' (object {key!r}). Add the path segment to SEGMENTS or the "
                    f"argument name to NAMED in tests/isolation/urlmap.py (and the object to tests/isolation/"
                    f"world.py if it is new), or list the pattern in PUBLIC_PATTERNS with a reason."
                )
            kwargs[arg] = objects[key].pk
    return kwargs


_ARGUMENT = re.compile(r"<(?:\w+:)?(?P<a>\w+)>|\(\?P<(?P<b>\w+)>[^)]*\)|\([^)]*\)")


def build_url(pattern: Pattern, kwargs: dict, fallback) -> str:
    """The URL of a pattern with `kwargs` put in; unnamed groups (the admin's history views) get `fallback`.

    Built by substitution rather than `reverse()` so that unnamed patterns are walked too.
    """

    def value(match):
        name = match.group("a") or match.group("b")
        return str(kwargs[name]) if name else str(fallback)

    path = _ARGUMENT.sub(value, pattern.route)
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")
