"""One answer to "may this user do this to this object?" for views, API, templates, menus and tasks.

`can(user, action, obj=None)` is the one interface: views and the base views/viewsets of core ask it
(through core.access), templates through `{% can %}` (core/templatetags), the menu through
core/menu.py, tasks before they act. Reading is scoping (`Model.objects.visible_to(user)`,
agreements.audience for which version of an agreement); this module adds what each role may *do*, and
which internal pages it may open. An object the user cannot read is never acted on: callers load it
through `visible_to` first, so anything outside the user's scope is a 404 before a permission is asked.
"""

from .roles import Role, is_staff_member, roles_of, sees_everything
from .scope import partner_ids, unit_ids

STAFF_ACTIONS = frozenset(
    {
        "partner.change",
        "registry.change",
        "agreement.create",
        "agreement.change",
        "agreement.advance",
        "agreement.close",
        "agreement.reopen",
        "agreement.archive",
        "agreement.renew",
        "document.upload",
        "occurrence.verify",
        "invitation.send",
        "import.run",
        # The law's steps (approvals, studies, legal reviews, letters, disputes, handovers) and
        # partners' legality checks: staff record them (issue 10).
        "process.record",
        "legality.record",
    }
)
REVIEW_ACTIONS = frozenset({"tkksd.record", "evaluation.record"})
# "internal.read": the internal pages (every agreement, the registry) of staff and managers.
# "legality.view": partners' legality documents and checks, never shown to partners or OPD officers.
READ_ALL_ACTIONS = frozenset(
    {"internal.read", "report.view", "history.view", "dashboard.view", "legality.view", "rules.view"}
)


def _occurrence_is_theirs(user, occurrence) -> bool:
    obligation = occurrence.obligation
    roles = roles_of(user)
    if (
        Role.OPD_OFFICER in roles
        and obligation.responsible_unit_id is not None
        and obligation.responsible_unit_id in unit_ids(user)
    ):
        return True
    if Role.PARTNER in roles and obligation.shared_with_parties:
        return obligation.party.partner_id in partner_ids(user)
    return False


def can(user, action: str, obj=None) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if action in STAFF_ACTIONS:
        return is_staff_member(user)
    if action in REVIEW_ACTIONS:
        return is_staff_member(user) or Role.MANAGER in roles_of(user)
    if action in READ_ALL_ACTIONS:
        return sees_everything(user)
    if action == "occurrence.submit":
        return is_staff_member(user) or (obj is not None and _occurrence_is_theirs(user, obj))
    if action == "partner.details":
        # A partner's identifiers (NIB, NPWP, …), contact details and verification: staff and managers
        # read every partner's, a partner user their own; co-parties and OPD officers see names only.
        return sees_everything(user) or (obj is not None and obj.pk in partner_ids(user))
    if action == "portal.use":
        return bool(roles_of(user) & {Role.PARTNER, Role.OPD_OFFICER})
    raise ValueError(f"unknown action {action!r}")
