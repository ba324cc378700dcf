"""Legal texts of an agreement: drafting, signing, validating; addenda that move the end date.

Signing is refused while an approval the agreement needs is missing, pending, refused or decided
after the signing date — before the MoU for cooperation abroad (and framework agreements), before
the operational text otherwise, and before an addendum that adds a burden or a cost
(agreements.rules.approvals). An addendum moves the agreement's dates only once it is signed *and*
its signed copy is attached.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from core.services import apply_changes, refuse, save_validated

from ..choices import DocumentType, InstrumentKind, InstrumentStatus
from ..models import Instrument, InstrumentNumber
from ..rules.approvals import signing_problems
from .occurrences import occurrences_follow_end_date
from .versioning import bump_version


def _check(instrument):
    if instrument.parent_id and instrument.parent.agreement_id != instrument.agreement_id:
        refuse(_("Naskah induk harus dari kerja sama yang sama."))
    if instrument.kind == InstrumentKind.ADDENDUM and instrument.parent_id is None:
        refuse(_("Adendum harus menunjuk naskah induk yang diubahnya."))


def _check_signing(instrument):
    """What a signed instrument needs: a signing date, and the approvals due before it."""
    if not instrument.signing_date:
        refuse(_("Isi tanggal penandatanganan."))
    problems = signing_problems(instrument.agreement, instrument, instrument.signing_date)
    if problems:
        refuse([_("Naskah belum dapat ditandatangani:"), *problems])


@transaction.atomic
def instrument_create(*, agreement, actor, party_numbers=(), expected_version=None, **data) -> Instrument:
    """party_numbers: a list of {"party": AgreementParty, "number": str}."""
    bump_version(agreement, expected_version)
    instrument = Instrument(agreement=agreement, **data)
    _check(instrument)
    if instrument.is_signed:
        _check_signing(instrument)
    save_validated(instrument, actor)
    _set_numbers(instrument, party_numbers, actor)
    if instrument.is_signed:
        _apply_signed(instrument, actor)
    return instrument


@transaction.atomic
def instrument_update(
    *, instrument: Instrument, actor, expected_version=None, party_numbers=None, **data
) -> Instrument:
    """Change the given fields; `party_numbers`, when given, becomes the instrument's whole set of
    per-party numbers (a party left out loses its number)."""
    bump_version(instrument.agreement, expected_version)
    was_signed = instrument.is_signed
    for name, value in data.items():
        setattr(instrument, name, value)
    _check(instrument)
    if instrument.is_signed and (not was_signed or "signing_date" in data or "adds_burden" in data):
        _check_signing(instrument)
    apply_changes(instrument, actor, data)
    if party_numbers is not None:
        _set_numbers(instrument, party_numbers, actor)
    if instrument.is_signed and (not was_signed or "new_end_date" in data):
        _apply_signed(instrument, actor)
    return instrument


def _set_numbers(instrument, party_numbers, actor):
    """Make the per-party numbers exactly `party_numbers`, writing only those that change."""
    wanted = {}
    for item in party_numbers:
        if item["party"].agreement_id != instrument.agreement_id:
            refuse(_("Nomor naskah hanya untuk pihak dalam kerja sama ini."))
        wanted[item["party"].pk] = item
    existing = {n.party_id: n for n in instrument.party_numbers.all()} if instrument.pk else {}
    for party_id, row in existing.items():
        if party_id not in wanted:
            row._history_user = actor
            row.delete()
    for party_id, item in wanted.items():
        row = existing.get(party_id)
        if row is None:
            save_validated(
                InstrumentNumber(instrument=instrument, party=item["party"], number=item["number"]), actor
            )
        elif row.number != item["number"]:
            apply_changes(row, actor, {"number": item["number"]})


@transaction.atomic
def instrument_sign(
    *,
    instrument: Instrument,
    actor,
    signing_date,
    signing_place="",
    signing_method="",
    expected_version=None,
) -> Instrument:
    """Record the signing; a signed addendum with a new end date moves the agreement's end date."""
    if not signing_date:
        refuse(_("Isi tanggal penandatanganan."))
    return instrument_update(
        instrument=instrument,
        actor=actor,
        expected_version=expected_version,
        status=InstrumentStatus.SIGNED,
        signing_date=signing_date,
        signing_place=signing_place or instrument.signing_place,
        signing_method=signing_method or instrument.signing_method,
    )


@transaction.atomic
def instrument_validate(*, instrument: Instrument, actor, expected_version=None) -> Instrument:
    """Validation of the signed copy: initials, duty stamp and seal checked."""
    if not instrument.is_signed:
        refuse(_("Hanya naskah yang sudah ditandatangani yang dapat divalidasi."))
    if not instrument.documents.exists():
        refuse(_("Unggah naskah bertanda tangan sebelum validasi."))
    return instrument_update(
        instrument=instrument,
        actor=actor,
        expected_version=expected_version,
        status=InstrumentStatus.VALIDATED,
        has_initials=True,
        has_duty_stamp=True,
        has_seal=True,
        validated_by=actor,
    )


def _has_signed_copy(instrument) -> bool:
    return (
        instrument.pk is not None and instrument.documents.filter(doc_type=DocumentType.SIGNED_COPY).exists()
    )


def instrument_signed_copy_attached(instrument, actor):
    """A signed copy was just attached: a signed addendum that changes the end date now takes effect."""
    if instrument.is_signed and instrument.kind == InstrumentKind.ADDENDUM and instrument.new_end_date:
        _apply_signed(instrument, actor)


def _apply_signed(instrument, actor):
    agreement = instrument.agreement
    changes = {}
    if (
        instrument.kind == InstrumentKind.ADDENDUM
        and instrument.new_end_date
        and instrument.new_end_date != agreement.end_date
        and _has_signed_copy(instrument)
    ):
        changes["end_date"] = instrument.new_end_date
    if instrument.kind != InstrumentKind.ADDENDUM and instrument.signing_date and not agreement.signed_date:
        changes["signed_date"] = instrument.signing_date
    if changes:
        apply_changes(agreement, actor, changes)
        if "end_date" in changes:
            occurrences_follow_end_date(agreement, actor)
