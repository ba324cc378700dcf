"""Creating and changing agreements and their parties; archiving, restoring and renewing."""

from django.db import transaction
from django.utils import timezone

from core.services import apply_changes, refuse

from ..models import Agreement, AgreementParty, ProcessRules
from ..rules.records import renewal_problem
from .editing import AgreementChanges, RowChange, agreement_save
from .rows import refreshed, save_one_row
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
    """Create an agreement in preparation, with its parties (dicts of PARTY_FIELDS), as one action."""
    changes = AgreementChanges(
        fields=data,
        related_units=list(related_units),
        parties=[RowChange(fields={"order": index, **party}) for index, party in enumerate(parties, start=1)],
    )
    return agreement_save(actor=actor, changes=changes)


@transaction.atomic
def agreement_update(
    *, agreement: Agreement, actor, expected_version=None, related_units=None, **data
) -> Agreement:
    """Change an agreement's own fields. A stale `expected_version` raises ConflictError."""
    changes = AgreementChanges(
        fields=data, related_units=list(related_units) if related_units is not None else None
    )
    return agreement_save(
        actor=actor, agreement=agreement, changes=changes, expected_version=expected_version
    )


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
    """A new party, numbered after the last one unless `order` is given."""
    return save_one_row(agreement, actor, expected_version, "parties", RowChange(fields=data))


@transaction.atomic
def party_update(*, party: AgreementParty, actor, expected_version=None, **data) -> AgreementParty:
    saved = save_one_row(
        party.agreement, actor, expected_version, "parties", RowChange(id=party.pk, fields=data)
    )
    return refreshed(party, saved)


@transaction.atomic
def party_remove(*, party: AgreementParty, actor, expected_version=None) -> None:
    """Remove a party that no longer holds obligations, contributions or shares."""
    save_one_row(party.agreement, actor, expected_version, "parties", RowChange(id=party.pk, delete=True))


@transaction.atomic
def agreement_renew(*, agreement: Agreement, actor, title=None, start_date=None, end_date=None) -> Agreement:
    """A successor agreement linked to this one, with its parties and obligations copied, as a draft,
    saved as one action. Refused without a final evaluation when the rules in force require one."""
    problem = renewal_problem(agreement, ProcessRules.current())
    if problem:
        refuse(problem)
    fields = _copied_fields(agreement, NOT_RENEWED)
    fields = {k: v for k, v in fields.items() if not k.endswith("_id")}
    fields.update(title=title or agreement.title, renews=agreement, start_date=start_date, end_date=end_date)
    # A KSDD wajib goes on resting on the same bordering regions (they stay parties).
    fields["ksdd_bordering_regions"] = list(agreement.ksdd_bordering_regions.values_list("pk", flat=True))
    parties = list(agreement.parties.order_by("order"))
    partner_of = {p.pk: p.partner_id for p in parties}
    obligations = [
        RowChange(
            fields={
                **_copied_fields(obligation, NOT_RENEWED_OBLIGATION),
                "partner": partner_of[obligation.party_id],
                "first_due_date": start_date or obligation.first_due_date,
            }
        )
        for obligation in agreement.obligations.order_by("first_due_date", "pk")
    ]
    changes = AgreementChanges(
        fields=fields,
        related_units=list(agreement.related_units.values_list("pk", flat=True)),
        parties=[RowChange(fields={f: getattr(p, f) for f in PARTY_FIELDS}) for p in parties],
        obligations=obligations,
        occurrences=False,
    )
    return agreement_save(actor=actor, changes=changes)
