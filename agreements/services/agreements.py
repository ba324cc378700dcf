"""Creating and changing agreements and their parties; archiving, restoring and renewing."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import apply_changes, refuse, save_validated

from ..choices import Stage
from ..models import Agreement, AgreementParty, Obligation
from .versioning import bump_version

PARTY_FIELDS = ("partner", "order", "roles", "signatory_name", "signatory_title", "mandate_reference")
# What a renewal does not carry over: identity, the lifecycle so far, and the dates of the new term.
NOT_RENEWED = {
    "id",
    "number",
    "stage",
    "closure_reason",
    "closure_note",
    "version",
    "renews",
    "archived_at",
    "created_at",
    "updated_at",
    "created_by",
    "signed_date",
    "dprd_approval_date",
    "dprd_approval_reference",
    "start_date",
    "end_date",
}
NOT_RENEWED_OBLIGATION = {
    "id",
    "agreement",
    "party",
    "created_at",
    "updated_at",
    "first_due_date",
    "until_date",
}


def _copied_fields(instance, leave_out) -> dict:
    """The instance's own field values by name, but those in `leave_out` (for a copy of it)."""
    return {
        f.name: getattr(instance, f.name)
        for f in type(instance)._meta.concrete_fields
        if f.name not in leave_out
    }


@transaction.atomic
def agreement_create(*, actor, related_units=(), parties=(), **data) -> Agreement:
    """Create an agreement in preparation, with its parties (dicts of PARTY_FIELDS)."""
    data.setdefault("stage", Stage.PREPARATION)
    if data["stage"] != Stage.PREPARATION:
        refuse(_("Kerja sama baru dimulai pada tahap persiapan; gunakan 'tetapkan tahap' untuk data lama."))
    agreement = save_validated(Agreement(created_by=actor, **data), actor)
    if related_units:
        agreement.related_units.set(related_units)
    for index, party in enumerate(parties, start=1):
        party = {"order": index, **party}
        save_validated(AgreementParty(agreement=agreement, **party), actor)
    return agreement


@transaction.atomic
def agreement_update(
    *, agreement: Agreement, actor, expected_version=None, related_units=None, **data
) -> Agreement:
    """Change an agreement's own fields. A stale `expected_version` raises ConflictError."""
    if "stage" in data:
        refuse(_("Tahap diubah melalui tindakan siklus hidup, bukan penyuntingan."))
    bump_version(agreement, expected_version)
    apply_changes(agreement, actor, {**data, "version": agreement.version})
    if related_units is not None:
        agreement.related_units.set(related_units)
    _follow_dates(agreement, actor)
    return agreement


def _follow_dates(agreement, actor):
    """Occurrences follow the agreement's end date (e.g. after an addendum)."""
    from .obligations import occurrences_regenerate

    for obligation in Obligation.objects.filter(agreement=agreement, until_date__isnull=True):
        obligation.agreement = agreement
        occurrences_regenerate(obligation=obligation, actor=actor)


@transaction.atomic
def agreement_archive(*, agreement: Agreement, actor) -> Agreement:
    bump_version(agreement)
    return apply_changes(agreement, actor, {"archived_at": timezone.now(), "version": agreement.version})


@transaction.atomic
def agreement_restore(*, agreement: Agreement, actor) -> Agreement:
    bump_version(agreement)
    return apply_changes(agreement, actor, {"archived_at": None, "version": agreement.version})


@transaction.atomic
def party_add(*, agreement: Agreement, actor, expected_version=None, **data) -> AgreementParty:
    bump_version(agreement, expected_version)
    if "order" not in data:
        last = agreement.parties.order_by("-order").values_list("order", flat=True).first() or 0
        data["order"] = last + 1
    return save_validated(AgreementParty(agreement=agreement, **data), actor)


@transaction.atomic
def party_update(*, party: AgreementParty, actor, expected_version=None, **data) -> AgreementParty:
    bump_version(party.agreement, expected_version)
    return apply_changes(party, actor, data)


@transaction.atomic
def party_remove(*, party: AgreementParty, actor, expected_version=None) -> None:
    if party.obligations.exists():
        refuse(_("Pihak ini masih memegang kewajiban; pindahkan atau hapus kewajibannya dahulu."))
    bump_version(party.agreement, expected_version)
    party._history_user = actor
    party.delete()


@transaction.atomic
def agreement_renew(*, agreement: Agreement, actor, title=None, start_date=None, end_date=None) -> Agreement:
    """A successor agreement linked to this one, with its parties and obligations copied, as a draft."""
    fields = _copied_fields(agreement, NOT_RENEWED)
    fields["title"] = title or agreement.title
    successor = agreement_create(
        actor=actor,
        related_units=list(agreement.related_units.all()),
        parties=[{f: getattr(p, f) for f in PARTY_FIELDS} for p in agreement.parties.all()],
        renews=agreement,
        start_date=start_date,
        end_date=end_date,
        **{k: v for k, v in fields.items() if not k.endswith("_id")},
    )
    party_by_partner = {p.partner_id: p for p in successor.parties.all()}
    for obligation in agreement.obligations.select_related("party"):
        copy = Obligation(
            agreement=successor,
            party=party_by_partner[obligation.party.partner_id],
            **_copied_fields(obligation, NOT_RENEWED_OBLIGATION),
            first_due_date=start_date or obligation.first_due_date,
        )
        save_validated(copy, actor)
    return successor
