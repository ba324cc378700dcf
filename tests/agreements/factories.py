import datetime

import factory

from agreements.choices import Category, Frequency, RiskCategory
from agreements.models import Agreement, AgreementParty, Obligation, ObligationOccurrence, Risk
from agreements.services.due_facts import refresh_due_facts
from tests.registry.factories import OrganisationUnitFactory, PartnerFactory


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    title = factory.Sequence(lambda n: f"Kerja Sama Contoh {n}")
    number = factory.Sequence(lambda n: f"KS/{n:04d}/2026")
    category = Category.KSDPK
    lead_unit = factory.SubFactory(OrganisationUnitFactory)
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2028, 12, 31)


class AgreementPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementParty

    agreement = factory.SubFactory(AgreementFactory)
    partner = factory.SubFactory(PartnerFactory)
    order = factory.Sequence(lambda n: n + 1)
    roles = ["implementer"]
    signatory_name = factory.Faker("name", locale="id_ID")
    signatory_title = "Direktur"


class ObligationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Obligation

    agreement = factory.LazyAttribute(lambda o: o.party.agreement)
    party = factory.SubFactory(AgreementPartyFactory)
    title = factory.Sequence(lambda n: f"Laporan berkala {n}")
    frequency = Frequency.ONCE
    first_due_date = datetime.date(2026, 6, 30)


class OccurrenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ObligationOccurrence

    obligation = factory.SubFactory(ObligationFactory)
    due_date = factory.LazyAttribute(lambda o: o.obligation.first_due_date)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Stored as the services store one: with its agreement's due facts refreshed."""
        occurrence = super()._create(model_class, *args, **kwargs)
        refresh_due_facts([occurrence.obligation.agreement_id])
        return occurrence


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    agreement = factory.SubFactory(AgreementFactory)
    category = RiskCategory.OPERATIONAL
    event = factory.Sequence(lambda n: f"Risiko {n}")
    likelihood = 3
    impact = 3
