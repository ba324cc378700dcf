"""A small portal world: the home government, partner P (the `partner` fixture) and an outsider Q,
an agreement between the government and P led by the `unit` OPD, and one Q is not party to."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from agreements.models import Obligation
from agreements.services import obligation_create
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory, RiskFactory
from tests.registry.factories import HomeGovernmentFactory, PartnerFactory


def make_obligation(agreement, party, title, due, *, shared=True, unit=None, actor=None) -> Obligation:
    return obligation_create(
        agreement=agreement,
        actor=actor,
        party=party,
        title=title,
        first_due_date=due,
        shared_with_parties=shared,
        responsible_unit=unit,
    )


@pytest.fixture
def world(partner, partner_user, unit, opd_user, staff_user):
    today = timezone.localdate()
    home = HomeGovernmentFactory()
    agreement = AgreementFactory(
        title="Kerja Sama Air Bersih",
        lead_unit=unit,
        internal_notes="CATATAN-INTERNAL-RAHASIA",
        start_date=today - datetime.timedelta(days=365),
        end_date=today + datetime.timedelta(days=700),
    )
    home_party = AgreementPartyFactory(agreement=agreement, partner=home, order=1)
    party = AgreementPartyFactory(
        agreement=agreement, partner=partner, order=2, signatory_name="Budi Santoso"
    )
    outsider = PartnerFactory(name="PT Orang Luar")
    other = AgreementFactory(title="Kerja Sama Orang Luar", lead_unit=None)
    AgreementPartyFactory(agreement=other, partner=home, order=1)
    other_party = AgreementPartyFactory(agreement=other, partner=outsider, order=2)
    ns = SimpleNamespace(
        today=today,
        home=home,
        agreement=agreement,
        home_party=home_party,
        party=party,
        partner=partner,
        partner_user=partner_user,
        opd_user=opd_user,
        staff_user=staff_user,
        unit=unit,
        outsider=outsider,
        other=other,
        upcoming=make_obligation(
            agreement, party, "Laporan triwulan mitra", today + datetime.timedelta(days=10)
        ),
        overdue=make_obligation(
            agreement, party, "Setoran kontribusi tetap", today - datetime.timedelta(days=5)
        ),
        internal=make_obligation(
            agreement,
            party,
            "Kewajiban internal tersembunyi",
            today + datetime.timedelta(days=12),
            shared=False,
        ),
        opd_duty=make_obligation(
            agreement,
            home_party,
            "Laporan dinas penanggung jawab",
            today + datetime.timedelta(days=20),
            unit=unit,
        ),
        foreign=make_obligation(
            other, other_party, "Kewajiban mitra lain", today + datetime.timedelta(days=3)
        ),
        internal_risk=RiskFactory(agreement=agreement, event="RISIKO-INTERNAL-X", shared_with_parties=False),
        shared_risk=RiskFactory(agreement=agreement, event="Risiko banjir bersama"),
    )
    return ns


def occurrence(obligation):
    return obligation.occurrences.get()
