"""A small world for reminders: an agreement in implementation between the home government and a
partner, an obligation of the partner's with one occurrence, and people on every side."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from accounts.roles import Role
from agreements.choices import OccurrenceStatus, Stage
from tests.accounts.factories import UserFactory
from tests.agreements.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    ObligationFactory,
    OccurrenceFactory,
)
from tests.registry.factories import (
    ContactFactory,
    HomeGovernmentFactory,
    MembershipFactory,
    OrganisationUnitFactory,
    PartnerFactory,
)


@dataclass
class World:
    agreement: object
    partner: object
    unit: object
    obligation: object
    occurrence: object
    partner_user: object
    officer: object
    staff: object
    contact: object


def reminder_world(due_in_days=7, status=OccurrenceStatus.UPCOMING, end_in_days=400, shared=True) -> World:
    today = timezone.localdate()
    unit = OrganisationUnitFactory(name="Dinas Pertanian", short_name="Distan")
    agreement = AgreementFactory(
        title="Pengembangan Kawasan Agrowisata",
        number="KS/PENGINGAT/2026",
        stage=Stage.IMPLEMENTATION,
        lead_unit=unit,
        start_date=today - datetime.timedelta(days=100),
        end_date=today + datetime.timedelta(days=end_in_days),
    )
    AgreementPartyFactory(agreement=agreement, partner=HomeGovernmentFactory(), order=1)
    partner = PartnerFactory(name="PT Tani Makmur")
    party = AgreementPartyFactory(agreement=agreement, partner=partner, order=2)
    obligation = ObligationFactory(
        agreement=agreement,
        party=party,
        responsible_unit=unit,
        title="Laporan triwulan",
        first_due_date=today + datetime.timedelta(days=due_in_days),
        shared_with_parties=shared,
    )
    occurrence = OccurrenceFactory(obligation=obligation, status=status)
    partner_user = UserFactory(username="mitra_tani", email="mitra@tani.test", roles=[Role.PARTNER])
    MembershipFactory(user=partner_user, partner=partner)
    officer = UserFactory(username="petugas_distan", email="petugas@distan.test", roles=[Role.OPD_OFFICER])
    MembershipFactory(user=officer, organisation_unit=unit)
    staff = UserFactory(username="staf_ks", email="staf@pemkab.test", roles=[Role.STAFF])
    contact = ContactFactory(partner=partner, name="Budi Kontak", email="budi@tani.test")
    return World(agreement, partner, unit, obligation, occurrence, partner_user, officer, staff, contact)


def reminder_world_extra():
    """Another agreement with its own people, due in 7 days."""
    from accounts.roles import Role
    from tests.accounts.factories import UserFactory
    from tests.agreements.factories import (
        AgreementFactory,
        AgreementPartyFactory,
        ObligationFactory,
        OccurrenceFactory,
    )
    from tests.registry.factories import MembershipFactory, PartnerFactory

    today = timezone.localdate()
    agreement = AgreementFactory(stage=Stage.IMPLEMENTATION, end_date=today + datetime.timedelta(days=500))
    party = AgreementPartyFactory(agreement=agreement, partner=PartnerFactory(), order=2)
    obligation = ObligationFactory(
        agreement=agreement, party=party, first_due_date=today + datetime.timedelta(days=7)
    )
    OccurrenceFactory(obligation=obligation)
    user = UserFactory(roles=[Role.PARTNER])
    MembershipFactory(user=user, partner=party.partner)


def run_day(day=None) -> dict:
    """The day's beat tasks in their order, as a worker runs them (eagerly in tests, so the claim's send
    tasks run at once); returns what each reported."""
    from notifications import tasks

    iso = day.isoformat() if day else None
    overdue = tasks.mark_overdue.delay(iso).get()
    moved = tasks.move_ended.delay(iso).get()
    return {"overdue": overdue, "moved": moved, **tasks.reminders_claim.delay(iso).get()}
