"""Every gate's refusal and success, closing, reopening, legacy entry and the system's move."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements import services
from agreements.choices import Stage
from agreements.models import StageTransition
from evaluations import services as evaluation_services
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.domain.law import not_budgeted, prepared

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf_upload(name="pks.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def two_party_agreement(category="ksdpk", **kwargs):
    """The home government and a verified partner, a feasible TKKSD review and a benefit study: what
    the law asks before signing (tests/domain/law.py)."""
    from tests.accounts.factories import UserFactory

    return prepared(category, actor=UserFactory(username="penyiap"), **kwargs)


def signed_pks(agreement, actor, with_file=True, kind="pks"):
    if kind != "mou" and not agreement.is_framework and not agreement.instruments.filter(kind="mou").exists():
        # The categories that need a kesepakatan bersama before the PKS (ProcessRules) get one first.
        services.instrument_create(
            agreement=agreement,
            actor=actor,
            kind="mou",
            title="Kesepakatan bersama",
            status="signed",
            signing_date=date(2026, 1, 20),
        )
    pks = services.instrument_create(
        agreement=agreement,
        actor=actor,
        kind=kind,
        title="PKS",
        status="signed",
        signing_date=date(2026, 2, 1),
        start_date=agreement.start_date or date(2026, 2, 1),
        end_date=agreement.end_date or date(2028, 12, 31),
    )
    if with_file:
        services.document_upload(
            agreement=agreement,
            actor=actor,
            upload=pdf_upload(),
            title="PKS bertanda tangan",
            doc_type="signed_copy",
            visibility="parties",
            instrument=pks,
        )
    return pks


def reasons_of(excinfo):
    return " | ".join(excinfo.value.messages)


@pytest.mark.django_db
class TestSigningGate:
    def test_refuses_with_one_party_and_incomplete_splits(self, staff_user):
        agreement = AgreementFactory()
        party = AgreementPartyFactory(agreement=agreement, order=1)
        services.risk_create(
            agreement=agreement,
            actor=staff_user,
            category="site",
            event="Lahan sengketa",
            likelihood=3,
            impact=4,
        )
        services.benefit_create(
            agreement=agreement,
            actor=staff_user,
            kind="profit_share",
            split_method="percent",
            shares=[{"party": party, "percent": Decimal("100")}],
        )
        with pytest.raises(services.GateRefused) as refused:
            services.agreement_advance(agreement=agreement, actor=staff_user)
        text = reasons_of(refused)
        assert "sekurang-kurangnya dua pihak" in text
        assert "Alokasi risiko 'Lahan sengketa' belum lengkap (0 % dari 100 %)" in text
        agreement.refresh_from_db()
        assert agreement.stage == Stage.PREPARATION
        assert not StageTransition.objects.exists()

    def test_passes_with_two_parties_and_complete_splits(self, staff_user):
        agreement = two_party_agreement()
        p1, p2 = agreement.parties.all()
        services.risk_create(
            agreement=agreement,
            actor=staff_user,
            category="site",
            event="Lahan",
            likelihood=1,
            impact=1,
            shares=[{"party": p1, "percent": Decimal("70")}, {"party": p2, "percent": Decimal("30")}],
        )
        services.agreement_advance(agreement=agreement, actor=staff_user, note="TKKSD: layak")
        transition = StageTransition.objects.get()
        assert (transition.from_stage, transition.to_stage, transition.actor, transition.note) == (
            Stage.PREPARATION,
            Stage.SIGNING,
            staff_user,
            "TKKSD: layak",
        )


@pytest.mark.django_db
class TestImplementationGate:
    def _at_signing(self, staff_user, **kwargs):
        agreement = two_party_agreement(**kwargs)
        services.agreement_advance(agreement=agreement, actor=staff_user)
        return agreement

    def test_refuses_without_signed_operational_instrument(self, staff_user):
        agreement = self._at_signing(staff_user)
        services.instrument_create(
            agreement=agreement, actor=staff_user, kind="mou", status="signed", signing_date=date(2026, 1, 5)
        )
        signed_pks(agreement, staff_user, with_file=False)
        with pytest.raises(services.GateRefused) as refused:
            services.agreement_advance(agreement=agreement, actor=staff_user)
        assert "naskah operasional" in reasons_of(refused)

    def test_refuses_without_dprd_approval_when_required(self, staff_user):
        agreement = not_budgeted(self._at_signing(staff_user), staff_user)
        with pytest.raises(ValidationError, match="Persetujuan DPRD disyaratkan"):
            signed_pks(agreement, staff_user)  # the PKS cannot even be signed without it
        reasons = services.gate_reasons(agreement, Stage.IMPLEMENTATION)
        assert (
            "Persetujuan DPRD disyaratkan (belum teranggarkan dalam APBD tahun anggaran berjalan) "
            "tetapi belum dicatat."
        ) in reasons
        services.dprd_approval_record(
            agreement=agreement,
            actor=staff_user,
            approval_date=date(2026, 1, 20),
            reference="170/12/DPRD/2026",
        )
        signed_pks(agreement, staff_user)
        services.agreement_advance(agreement=agreement, actor=staff_user)
        agreement.refresh_from_db()
        assert agreement.stage == Stage.IMPLEMENTATION

    def test_foreign_cooperation_always_needs_dprd(self, staff_user):
        agreement = self._at_signing(staff_user, category="ksdpl")
        with pytest.raises(ValidationError, match="Persetujuan DPRD disyaratkan"):
            signed_pks(agreement, staff_user)
        with pytest.raises(services.GateRefused) as refused:
            services.agreement_advance(agreement=agreement, actor=staff_user)
        assert "Persetujuan DPRD disyaratkan (kerja sama dengan pihak luar negeri)" in reasons_of(refused)

    def test_framework_agreement_enters_with_a_signed_mou(self, staff_user):
        agreement = self._at_signing(staff_user, is_framework=True)
        with pytest.raises(services.GateRefused) as refused:
            services.agreement_advance(agreement=agreement, actor=staff_user)
        assert "kesepakatan bersama" in reasons_of(refused)
        signed_pks(agreement, staff_user, kind="mou")
        services.agreement_advance(agreement=agreement, actor=staff_user)
        agreement.refresh_from_db()
        assert agreement.stage == Stage.IMPLEMENTATION
        assert agreement.signed_date == date(2026, 2, 1)


@pytest.mark.django_db
class TestClosing:
    def _at_evaluation(self, staff_user):
        agreement = two_party_agreement(start_date=date(2024, 1, 1), end_date=date(2026, 6, 30))
        services.agreement_advance(agreement=agreement, actor=staff_user)
        signed_pks(agreement, staff_user)
        services.agreement_advance(agreement=agreement, actor=staff_user)
        services.agreement_advance(agreement=agreement, actor=staff_user)
        agreement.refresh_from_db()
        assert agreement.stage == Stage.EVALUATION
        return agreement

    def test_completion_needs_a_final_evaluation(self, staff_user):
        agreement = self._at_evaluation(staff_user)
        with pytest.raises(services.GateRefused) as refused:
            services.agreement_close(agreement=agreement, actor=staff_user, outcome=Stage.COMPLETED)
        assert reasons_of(refused) == "Belum ada evaluasi akhir."
        evaluation_services.evaluation_create(
            agreement=agreement,
            actor=staff_user,
            period_type="final",
            evaluated_on=date(2026, 7, 10),
            evaluator_role="unit",
            recommendation="continue",
            score_objectives=4,
        )
        services.agreement_close(agreement=agreement, actor=staff_user, outcome=Stage.COMPLETED)
        agreement.refresh_from_db()
        assert (agreement.stage, agreement.closure_reason) == (Stage.COMPLETED, "term_ended")

    def test_early_termination_needs_a_reason_from_the_law(self, staff_user):
        agreement = self._at_evaluation(staff_user)
        with pytest.raises(ValidationError, match="alasan pengakhiran"):
            services.agreement_close(agreement=agreement, actor=staff_user, outcome=Stage.TERMINATED)
        with pytest.raises(ValidationError, match="tidak dikenal"):
            services.agreement_close(
                agreement=agreement, actor=staff_user, outcome=Stage.TERMINATED, reason="bosan"
            )
        notice = services.document_upload(
            agreement=agreement,
            actor=staff_user,
            upload=pdf_upload("pemberitahuan.pdf"),
            title="Surat pemberitahuan",
            doc_type="termination_notice",
            visibility="parties",
        )
        services.agreement_close(
            agreement=agreement,
            actor=staff_user,
            outcome=Stage.TERMINATED,
            reason="default",
            note="Mitra wanprestasi",
            notice=notice,
        )
        agreement.refresh_from_db()
        assert agreement.stage == Stage.TERMINATED

        with pytest.raises(ValidationError, match="alasan membuka kembali"):
            services.agreement_reopen(agreement=agreement, actor=staff_user, note=" ")
        services.agreement_reopen(agreement=agreement, actor=staff_user, note="Salah input")
        agreement.refresh_from_db()
        assert (agreement.stage, agreement.closure_reason) == (Stage.EVALUATION, "")

    def test_only_proposals_can_be_rejected(self, staff_user):
        agreement = self._at_evaluation(staff_user)
        with pytest.raises(ValidationError, match="persiapan"):
            services.agreement_close(agreement=agreement, actor=staff_user, outcome=Stage.REJECTED)


@pytest.mark.django_db
class TestLegacyEntryAndSystemMove:
    def test_existing_agreement_entered_at_its_stage_only_with_required_data(self, staff_user):
        agreement = two_party_agreement(start_date=date(2024, 1, 1), end_date=date(2026, 1, 31))
        with pytest.raises(services.GateRefused) as refused:
            services.agreement_set_stage_directly(
                agreement=agreement, actor=staff_user, stage=Stage.IMPLEMENTATION
            )
        assert "naskah operasional" in reasons_of(refused)
        signed_pks(agreement, staff_user)
        services.agreement_set_stage_directly(
            agreement=agreement, actor=staff_user, stage=Stage.IMPLEMENTATION
        )
        agreement.refresh_from_db()
        assert agreement.stage == Stage.IMPLEMENTATION
        assert StageTransition.objects.get().note == "Dicatat langsung pada tahap berjalan."

        moved = services.agreements_move_ended_to_evaluation(today=date(2026, 2, 1))
        assert moved == 1
        system_move = StageTransition.objects.latest("pk")
        assert (system_move.to_stage, system_move.actor, system_move.actor_label) == (
            Stage.EVALUATION,
            None,
            "sistem",
        )
        assert services.agreements_move_ended_to_evaluation(today=date(2026, 2, 1)) == 0


@pytest.mark.django_db
def test_stale_version_is_refused_and_nothing_is_overwritten(staff_user):
    from core.services import ConflictError

    agreement = AgreementFactory(title="Judul lama")
    first_read = agreement.version
    services.agreement_update(
        agreement=agreement, actor=staff_user, expected_version=first_read, title="Judul A"
    )
    with pytest.raises(ConflictError) as conflict:
        services.agreement_update(
            agreement=agreement, actor=staff_user, expected_version=first_read, title="Judul B"
        )
    assert conflict.value.current_version == first_read + 1
    agreement.refresh_from_db()
    assert agreement.title == "Judul A"
    record = agreement.history.first()
    assert (record.history_user, record.title) == (staff_user, "Judul A")


@pytest.mark.django_db
def test_upload_judged_by_content_not_name(staff_user):
    agreement = AgreementFactory()
    fake = SimpleUploadedFile("kontrak.pdf", b"MZ\x90\x00" + b"\x00" * 100, content_type="application/pdf")
    with pytest.raises(ValidationError, match="Jenis berkas tidak diizinkan"):
        services.document_upload(
            agreement=agreement,
            actor=staff_user,
            upload=fake,
            title="x",
            doc_type="other",
            visibility="internal",
        )
    assert not agreement.documents.exists()
    document = services.document_upload(
        agreement=agreement,
        actor=staff_user,
        upload=pdf_upload("../../etc/x.PDF"),
        title="Naskah",
        doc_type="other",
        visibility="internal",
    )
    assert document.file.name.startswith(f"agreements/{agreement.pk}/") and document.file.name.endswith(
        ".pdf"
    )
    assert ".." not in document.file.name
    assert document.content_type == "application/pdf" and document.size == len(PDF)
    import hashlib

    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    again = services.document_upload(
        agreement=agreement,
        actor=staff_user,
        upload=pdf_upload(),
        title="Naskah",
        doc_type="other",
        visibility="internal",
    )
    assert again.version == 2
    assert io.BytesIO(again.file.read()).getvalue() == PDF
