"""The world the isolation matrix walks: partners A, B, C and OPDs 1, 2, each with users and data.

- agreement "A"  : home government + partner A, led by OPD 1;
- agreement "B"  : home government + partner B, led by OPD 2 (shares nothing with A or C);
- agreement "CA" : home government + partners A and C, led by OPD 1 (no marker is a prefix of another).

Every agreement carries shared and internal items of every kind, each named by a unique marker string
(`JUDUL-B`, `RISIKO-A-INTERNAL`, …); files carry markers in their bytes. A walk checks that no answer
carries a marker its user must not read.
"""

import datetime
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Invitation
from accounts.roles import Role
from accounts.tokens import token_create
from agreements.choices import BenefitKind, ContributionKind, DocumentType, InstrumentKind, Visibility
from agreements.models import (
    Approval,
    Benefit,
    BenefitRealisation,
    BenefitShare,
    BenefitStudy,
    Contribution,
    Dispute,
    DisputeStage,
    FundingSource,
    Handover,
    InitiativeLetter,
    Instrument,
    InstrumentNumber,
    LegalReview,
    RiskShare,
    TkksdReview,
)
from agreements.services import document_upload, obligation_create, occurrence_submit
from evaluations.models import Challenge, Evaluation, Indicator, Observation
from jobs.models import AgreementSummary, BackgroundJob
from notifications.models import Notification
from portal.calendar import calendar_token_for
from registry.models import PartnerLegality
from tests.accounts.factories import UserFactory
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory, RiskFactory
from tests.portal.files import minimal_pdf
from tests.registry.factories import (
    ContactFactory,
    CooperationObjectFactory,
    HomeGovernmentFactory,
    MembershipFactory,
    OrganisationUnitFactory,
    PartnerFactory,
)


@dataclass
class Side:
    """One agreement's objects (the ids a walk fills URL patterns with) and its markers."""

    objects: dict = field(default_factory=dict)
    shared: set = field(default_factory=set)  # markers the agreement's parties may read
    internal: set = field(default_factory=set)  # markers only government users may read

    @property
    def all(self):
        return self.shared | self.internal


def _pdf(name, marker):
    return ContentFile(minimal_pdf(marker), name=name)


def _agreement(key, *, parties, unit, staff, today):
    """An agreement with one shared and one internal item of every kind, all marked with `key`."""
    side = Side()
    s, i = side.shared.add, side.internal.add
    agreement = AgreementFactory(
        title=f"JUDUL-{key}",
        number=f"NOMOR-{key}",
        lead_unit=unit,
        internal_notes=f"CATATAN-{key}-INTERNAL",
        purpose=f"TUJUAN-{key}",
        start_date=today - datetime.timedelta(days=200),
        end_date=today + datetime.timedelta(days=500),
    )
    s(f"JUDUL-{key}"), s(f"NOMOR-{key}"), s(f"TUJUAN-{key}"), i(f"CATATAN-{key}-INTERNAL")
    party_rows = [
        AgreementPartyFactory(agreement=agreement, partner=partner, order=n)
        for n, partner in enumerate(parties, start=1)
    ]
    partner_party = party_rows[1]
    shared_obligation = obligation_create(
        agreement=agreement,
        actor=staff,
        party=partner_party,
        title=f"KEWAJIBAN-{key}-BERSAMA",
        first_due_date=today + datetime.timedelta(days=15),
        responsible_unit=unit,
    )
    internal_obligation = obligation_create(
        agreement=agreement,
        actor=staff,
        party=partner_party,
        title=f"KEWAJIBAN-{key}-INTERNAL",
        first_due_date=today + datetime.timedelta(days=25),
        shared_with_parties=False,
        responsible_unit=unit,
    )
    s(f"KEWAJIBAN-{key}-BERSAMA"), i(f"KEWAJIBAN-{key}-INTERNAL")
    risk = RiskFactory(agreement=agreement, event=f"RISIKO-{key}-BERSAMA")
    internal_risk = RiskFactory(
        agreement=agreement, event=f"RISIKO-{key}-INTERNAL", shared_with_parties=False
    )
    for r in (risk, internal_risk):
        RiskShare.objects.create(risk=r, party=party_rows[0], percent=60)
        RiskShare.objects.create(risk=r, party=partner_party, percent=40)
    s(f"RISIKO-{key}-BERSAMA"), i(f"RISIKO-{key}-INTERNAL")
    benefit = Benefit.objects.create(
        agreement=agreement, kind=BenefitKind.PROFIT_SHARE, description=f"MANFAAT-{key}-BERSAMA"
    )
    Benefit.objects.create(
        agreement=agreement,
        kind=BenefitKind.CSR,
        description=f"MANFAAT-{key}-INTERNAL",
        shared_with_parties=False,
    )
    BenefitShare.objects.create(benefit=benefit, party=partner_party, percent=100)
    BenefitRealisation.objects.create(
        benefit=benefit, party=partner_party, realised_on=today, amount=1000, note=f"REALISASI-{key}"
    )
    s(f"MANFAAT-{key}-BERSAMA"), i(f"MANFAAT-{key}-INTERNAL"), s(f"REALISASI-{key}")
    funding_source = FundingSource.objects.create(
        agreement=agreement, kind="apbd", year=today.year, amount=1000, budget_line=f"DANA-{key}-INTERNAL"
    )
    i(f"DANA-{key}-INTERNAL")
    contribution = Contribution.objects.create(
        agreement=agreement,
        party=partner_party,
        kind=ContributionKind.FUNDS,
        description=f"KONTRIBUSI-{key}-BERSAMA",
    )
    Contribution.objects.create(
        agreement=agreement,
        party=partner_party,
        kind=ContributionKind.DATA,
        description=f"KONTRIBUSI-{key}-INTERNAL",
        shared_with_parties=False,
    )
    s(f"KONTRIBUSI-{key}-BERSAMA"), i(f"KONTRIBUSI-{key}-INTERNAL")
    evaluation = Evaluation.objects.create(
        agreement=agreement,
        period_type="year",
        evaluated_on=today,
        evaluator_role="unit",
        recommendation="continue",
        findings=f"TEMUAN-{key}-INTERNAL",
    )
    shared_evaluation = Evaluation.objects.create(
        agreement=agreement,
        period_type="quarter",
        evaluated_on=today,
        evaluator_role="unit",
        recommendation="continue",
        findings=f"TEMUAN-{key}-BERSAMA",
        shared_with_parties=True,
    )
    s(f"TEMUAN-{key}-BERSAMA"), i(f"TEMUAN-{key}-INTERNAL")
    indicator = Indicator.objects.create(
        agreement=agreement, name=f"INDIKATOR-{key}-BERSAMA", unit="%", target=90
    )
    internal_indicator = Indicator.objects.create(
        agreement=agreement, name=f"INDIKATOR-{key}-INTERNAL", unit="%", target=80, shared_with_parties=False
    )
    observation = Observation.objects.create(
        indicator=internal_indicator,
        period_label="2026",
        observed_on=today,
        value=5,
        note=f"CAPAIAN-{key}-INTERNAL",
    )
    s(f"INDIKATOR-{key}-BERSAMA"), i(f"INDIKATOR-{key}-INTERNAL"), i(f"CAPAIAN-{key}-INTERNAL")
    challenge = Challenge.objects.create(
        agreement=agreement, category="coordination", description=f"KENDALA-{key}-INTERNAL", reported_on=today
    )
    Challenge.objects.create(
        agreement=agreement,
        category="resources",
        description=f"KENDALA-{key}-BERSAMA",
        reported_on=today,
        shared_with_parties=True,
    )
    s(f"KENDALA-{key}-BERSAMA"), i(f"KENDALA-{key}-INTERNAL")
    instrument = Instrument.objects.create(
        agreement=agreement, kind=InstrumentKind.PKS, title=f"NASKAH-{key}"
    )
    InstrumentNumber.objects.create(instrument=instrument, party=partner_party, number=f"NOMORNASKAH-{key}")
    s(f"NASKAH-{key}"), s(f"NOMORNASKAH-{key}")
    shared_doc = document_upload(
        agreement=agreement,
        actor=staff,
        upload=_pdf("bersama.pdf", f"ISI-{key}-BERSAMA"),
        title=f"DOKUMEN-{key}-BERSAMA",
        doc_type=DocumentType.SIGNED_COPY,
        visibility=Visibility.PARTIES,
    )
    internal_doc = document_upload(
        agreement=agreement,
        actor=staff,
        upload=_pdf("internal.pdf", f"ISI-{key}-INTERNAL"),
        title=f"DOKUMEN-{key}-INTERNAL",
        doc_type=DocumentType.OTHER,
        visibility=Visibility.INTERNAL,
    )
    (
        s(f"DOKUMEN-{key}-BERSAMA"),
        s(f"ISI-{key}-BERSAMA"),
        i(f"DOKUMEN-{key}-INTERNAL"),
        i(f"ISI-{key}-INTERNAL"),
    )
    occurrence = shared_obligation.occurrences.get()
    occurrence_submit(
        occurrence=occurrence,
        actor=staff,
        note=f"CATATANBUKTI-{key}",
        files=[_pdf("bukti.pdf", f"BUKTI-{key}")],
    )
    s(f"CATATANBUKTI-{key}"), s(f"BUKTI-{key}")
    # The law's steps (issue 10): internal records, and the partner's legality check (staff only).
    approval = Approval.objects.create(
        agreement=agreement, kind="dprd", letter_number=f"PERSETUJUAN-{key}-INTERNAL"
    )
    study = BenefitStudy.objects.create(
        agreement=agreement,
        study_date=today,
        recommendation="recommended",
        non_financial_benefits=f"KAJIAN-{key}-INTERNAL",
    )
    legal_review = LegalReview.objects.create(
        agreement=agreement,
        reviewer="Bagian Hukum",
        review_date=today,
        result="revise",
        notes=f"TELAAH-{key}-INTERNAL",
    )
    letter = InitiativeLetter.objects.create(
        agreement=agreement, kind="offer", letter_date=today, letter_number=f"SURAT-{key}-INTERNAL"
    )
    dispute = Dispute.objects.create(
        agreement=agreement, subject=f"PERSELISIHAN-{key}-INTERNAL", raised_on=today
    )
    dispute_stage = DisputeStage.objects.create(
        dispute=dispute, kind="deliberation", started_on=today, notes=f"TAHAPSENGKETA-{key}-INTERNAL"
    )
    handover = Handover.objects.create(
        agreement=agreement, handed_over_on=today, assets=f"BAST-{key}-INTERNAL"
    )
    tkksd_review = TkksdReview.objects.create(
        agreement=agreement, review_date=today, decision="feasible", notes=f"TKKSD-{key}-INTERNAL"
    )
    legality = PartnerLegality.objects.create(
        partner=partner_party.partner,
        document_kind="nib",
        document_number=f"LEGALITAS-{key}-INTERNAL",
        verified_on=today,
    )
    for marker in (
        "PERSETUJUAN",
        "KAJIAN",
        "TELAAH",
        "SURAT",
        "PERSELISIHAN",
        "TAHAPSENGKETA",
        "BAST",
        "TKKSD",
        "LEGALITAS",
    ):
        i(f"{marker}-{key}-INTERNAL")
    side.objects.update(
        approval=approval,
        benefit_study=study,
        legal_review=legal_review,
        initiative_letter=letter,
        dispute=dispute,
        dispute_stage=dispute_stage,
        handover=handover,
        tkksd_review=tkksd_review,
        legality=legality,
    )
    side.objects.update(
        agreement=agreement,
        party=partner_party,
        obligation=shared_obligation,
        occurrence=occurrence,
        internal_occurrence=internal_obligation.occurrences.get(),
        risk=internal_risk,
        benefit=benefit,
        contribution=contribution,
        funding_source=funding_source,
        evaluation=evaluation,
        shared_evaluation=shared_evaluation,
        indicator=indicator,
        observation=observation,
        challenge=challenge,
        instrument=instrument,
        document=internal_doc,
        shared_document=shared_doc,
    )
    _summaries(side, key, agreement)
    return side


def _summaries(side, key, agreement):
    for audience, marker in (
        ("internal", f"RINGKASAN-{key}-INTERNAL"),
        ("government", f"RINGKASAN-{key}-PEMERINTAH"),
        ("parties", f"RINGKASAN-{key}-PIHAK"),
    ):
        summary = AgreementSummary(agreement=agreement, version=1, audience=audience, sha256="0" * 64, size=1)
        summary.file.save("ringkasan.pdf", _pdf("ringkasan.pdf", marker), save=True)
        side.objects[f"summary_{audience}"] = summary
    side.internal.add(f"RINGKASAN-{key}-INTERNAL")
    side.internal.add(f"RINGKASAN-{key}-PEMERINTAH")  # OPD officers of the agreement read it
    side.shared.add(f"RINGKASAN-{key}-PIHAK")
    side.objects["summary"] = side.objects["summary_internal"]


def _person(key, role, *, partner=None, unit=None):
    """A user with private things of their own: a notification, a calendar token, a background job."""
    user = UserFactory(username=f"pengguna-{key.lower()}", roles=[role], last_name=f"NAMAPENGGUNA-{key}")
    MembershipFactory(user=user, partner=partner, organisation_unit=unit)
    notification = Notification.objects.create(user=user, title=f"NOTIF-{key}", body=f"NOTIF-{key}")
    calendar_token_for(user)
    api_token, _key = token_create(user=user, name=f"NAMATOKEN-{key}")
    objects = {
        "user": user,
        "notification": notification,
        "calendar_token": user.calendar_token,
        "api_token": api_token,
    }
    markers = {f"NOTIF-{key}", f"NAMAPENGGUNA-{key}", f"NAMATOKEN-{key}"}
    job = BackgroundJob(
        kind="report_portfolio", requested_by=user, status="done", result_name=f"HASIL-{key}.pdf"
    )
    job.result_file.save("hasil.pdf", _pdf("hasil.pdf", f"HASILISI-{key}"), save=True)
    objects["job"] = job
    markers |= {f"HASIL-{key}", f"HASILISI-{key}"}
    return user, objects, markers


@dataclass
class World:
    sides: dict
    people: dict  # key -> (user, objects, markers)
    orgs: dict  # key -> (partner or unit, objects, markers)
    staff: object


def build_world() -> World:
    today = timezone.localdate()
    staff = UserFactory(username="staf-isolasi", roles=[Role.STAFF])
    home = HomeGovernmentFactory()
    unit1 = OrganisationUnitFactory(name="Dinas Satu")
    unit2 = OrganisationUnitFactory(name="Dinas Dua")
    partners = {k: PartnerFactory(name=f"MITRA-{k}-NAMA", short_name=f"SINGKAT-{k}") for k in "ABC"}
    orgs = {}
    for k, partner in partners.items():
        contact = ContactFactory(
            partner=partner, name=f"KONTAK-{k}-NAMA", email=f"kontak-{k.lower()}@example.test"
        )
        invitation = Invitation.objects.create(
            email=f"undangan-{k.lower()}@example.test",
            full_name=f"DIUNDANG-{k}",
            partner=partner,
            created_by=staff,
        )
        orgs[k] = (
            partner,
            {"partner": partner, "contact": contact, "invitation": invitation},
            {f"KONTAK-{k}-NAMA", f"undangan-{k.lower()}@example.test", f"DIUNDANG-{k}"},
        )
    for k, unit in (("1", unit1), ("2", unit2)):
        orgs[f"OPD{k}"] = (
            unit,
            {"unit": unit, "cooperation_object": CooperationObjectFactory(organisation_unit=unit)},
            set(),
        )
    sides = {
        "A": _agreement("A", parties=[home, partners["A"]], unit=unit1, staff=staff, today=today),
        "B": _agreement("B", parties=[home, partners["B"]], unit=unit2, staff=staff, today=today),
        "CA": _agreement(
            "CA", parties=[home, partners["A"], partners["C"]], unit=unit1, staff=staff, today=today
        ),
    }
    people = {
        "A": _person("A", Role.PARTNER, partner=partners["A"]),
        "B": _person("B", Role.PARTNER, partner=partners["B"]),
        "C": _person("C", Role.PARTNER, partner=partners["C"]),
        "OPD1": _person("OPD1", Role.OPD_OFFICER, unit=unit1),
        "OPD2": _person("OPD2", Role.OPD_OFFICER, unit=unit2),
    }
    return World(sides=sides, people=people, orgs=orgs, staff=staff)
