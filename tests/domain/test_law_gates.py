"""The law's gates (issue 10) through the services, per category: the preparation gate (home government,
legality, TKKSD, proposal, benefit study), the category ↔ party rules at every save, approvals before
signing, the KB before the PKS, and the situations of the issue's "Why", each refused with what is
missing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from agreements import services
from agreements.choices import Category, Stage
from agreements.models import Agreement, ProcessRules
from agreements.rules.approvals import approval_needs
from tests.domain.law import (
    COUNTERPART,
    approve,
    counterpart,
    not_budgeted,
    pdf_upload,
    prepared,
    signed,
    verified,
)
from tests.registry.factories import HomeGovernmentFactory, OrganisationUnitFactory, PartnerFactory

pytestmark = pytest.mark.django_db
CATEGORIES = [c.value for c in Category]


def tomorrow():
    """Asked when the test runs, not when the module is collected: a run that crosses midnight (in the
    registry's time zone) would otherwise date "tomorrow" today."""
    return timezone.localdate() + timedelta(days=1)


def reasons_of(excinfo):
    return " | ".join(excinfo.value.messages)


def refused_to_sign(agreement, actor):
    with pytest.raises(services.GateRefused) as refused:
        services.agreement_advance(agreement=agreement, actor=actor)
    agreement.refresh_from_db()
    assert agreement.stage == Stage.PREPARATION
    return reasons_of(refused)


def at_signing(category, actor, **fields):
    agreement = prepared(category, actor=actor, **fields)
    services.agreement_advance(agreement=agreement, actor=actor)
    agreement.refresh_from_db()
    return agreement


# --- the preparation gate, per category ---------------------------------------------------------


@pytest.mark.parametrize("category", CATEGORIES)
def test_prepared_agreement_enters_signing(category, staff_user):
    agreement = prepared(category, actor=staff_user)
    services.agreement_advance(agreement=agreement, actor=staff_user)
    agreement.refresh_from_db()
    assert agreement.stage == Stage.SIGNING


@pytest.mark.parametrize("category", CATEGORIES)
def test_unverified_partner_is_refused(category, staff_user):
    agreement = prepared(category, actor=staff_user, verify=False)
    name = COUNTERPART[category]["name"]
    assert f"Legalitas {name} belum diverifikasi" in refused_to_sign(agreement, staff_user)


@pytest.mark.parametrize("category", CATEGORIES)
def test_no_tkksd_review_is_refused(category, staff_user):
    agreement = prepared(category, actor=staff_user, tkksd=False)
    assert "Belum ada pembahasan TKKSD dengan rekomendasi layak." in refused_to_sign(agreement, staff_user)


@pytest.mark.parametrize("category", CATEGORIES)
def test_tkksd_not_feasible_stops_and_revise_asks_for_another_review(category, staff_user):
    agreement = prepared(category, actor=staff_user)
    services.tkksd_review_record(
        agreement=agreement, actor=staff_user, review_date=date(2026, 2, 1), decision="not_feasible"
    )
    assert "TKKSD menyatakan tidak layak pada 1 Februari 2026" in refused_to_sign(agreement, staff_user)
    services.tkksd_review_record(
        agreement=agreement, actor=staff_user, review_date=date(2026, 3, 1), decision="revise"
    )
    assert "meminta revisi" in refused_to_sign(agreement, staff_user)
    services.tkksd_review_record(
        agreement=agreement, actor=staff_user, review_date=date(2026, 4, 1), decision="feasible_with_notes"
    )
    services.agreement_advance(agreement=agreement, actor=staff_user)


@pytest.mark.parametrize("category", CATEGORIES)
def test_benefit_study_where_the_rules_ask_for_it(category, staff_user):
    agreement = prepared(category, actor=staff_user, study=False)
    if category == Category.SYNERGY:
        services.agreement_advance(agreement=agreement, actor=staff_user)
        return
    assert "Belum ada kajian manfaat" in refused_to_sign(agreement, staff_user)
    services.benefit_study_create(
        agreement=agreement, actor=staff_user, study_date=date(2026, 1, 9), recommendation="not_recommended"
    )
    assert "tidak merekomendasikan" in refused_to_sign(agreement, staff_user)


@pytest.mark.parametrize("category", CATEGORIES)
def test_partner_initiative_needs_its_proposal(category, staff_user):
    agreement = prepared(category, actor=staff_user, initiative="partner")
    assert "Prakarsa mitra memerlukan proposal / KAK" in refused_to_sign(agreement, staff_user)
    services.document_upload(
        agreement=agreement,
        actor=staff_user,
        upload=pdf_upload("kak.pdf"),
        title="KAK mitra",
        doc_type="proposal",
        visibility="internal",
    )
    services.agreement_advance(agreement=agreement, actor=staff_user)


@pytest.mark.parametrize("category", CATEGORIES)
def test_home_government_must_be_a_party(category, staff_user):
    first = counterpart(category, staff_user)
    second = counterpart(category, staff_user, name=f"{first.name} II")
    agreement = services.agreement_create(
        actor=staff_user,
        title="Tanpa pemda",
        category=category,
        lead_unit=OrganisationUnitFactory(),
        parties=[{"partner": first}, {"partner": second}],
    )
    services.tkksd_review_record(
        agreement=agreement, actor=staff_user, review_date=date(2026, 1, 5), decision="feasible"
    )
    services.benefit_study_create(
        agreement=agreement, actor=staff_user, study_date=date(2026, 1, 5), recommendation="recommended"
    )
    assert "Pemerintah daerah sendiri belum tercatat sebagai pihak." in refused_to_sign(agreement, staff_user)


def test_legality_check_that_expired_or_failed_does_not_hold(staff_user):
    agreement = prepared(Category.KSDPK, actor=staff_user, verify=False)
    partner = agreement.parties.get(partner__is_home_government=False).partner
    verified(partner, staff_user, valid_until=date(2026, 3, 1), verified_on=date(2026, 1, 2))
    assert "sudah habis masa berlakunya" in refused_to_sign(agreement, staff_user)
    verified(partner, staff_user, result="rejected", verified_on=date(2026, 3, 2))
    assert "dinyatakan tidak sah" in refused_to_sign(agreement, staff_user)
    partner.refresh_from_db()
    assert partner.verification_status == "rejected"
    verified(partner, staff_user, verified_on=date(2026, 3, 3), document_kind="sk_kemenkumham")
    services.agreement_advance(agreement=agreement, actor=staff_user)
    partner.refresh_from_db()
    assert partner.verification_status == "verified"


# --- category ↔ party rules, at every save -----------------------------------------------------

WRONG = {
    Category.KSDD: {"name": "PT Swasta Saja", "sector": "private", "partner_type": "private_company"},
    Category.KSDPK: {"name": "Pemerintah Kabupaten Lumajang", "sector": "public", "partner_type": "regency"},
    Category.KSDPL: {
        "name": "Pemerintah Kabupaten Banyuwangi",
        "sector": "public",
        "partner_type": "regency",
    },
    Category.KSDLL: {"name": "PT Dalam Negeri", "sector": "private", "partner_type": "private_company"},
    Category.SYNERGY: {"name": "PT Bukan Pusat", "sector": "private", "partner_type": "private_company"},
    Category.KPBU: {"name": "Paguyuban Warga", "sector": "social", "partner_type": "community"},
}


@pytest.mark.parametrize("category", CATEGORIES)
def test_a_party_of_the_wrong_kind_is_refused_at_creation(category, staff_user):
    wrong = PartnerFactory(**WRONG[category])
    with pytest.raises(ValidationError) as refused:
        services.agreement_create(
            actor=staff_user,
            title="Salah pihak",
            category=category,
            parties=[{"partner": HomeGovernmentFactory()}, {"partner": wrong}],
        )
    assert f"{wrong.name} (" in str(refused.value) and "tidak dapat menjadi pihak" in str(refused.value)
    assert not Agreement.objects.filter(title="Salah pihak").exists()


@pytest.mark.parametrize("category", CATEGORIES)
def test_a_party_of_the_wrong_kind_is_refused_when_added_later(category, staff_user):
    agreement = prepared(category, actor=staff_user)
    wrong = PartnerFactory(**WRONG[category])
    with pytest.raises(ValidationError, match="tidak dapat menjadi pihak"):
        services.party_add(agreement=agreement, actor=staff_user, partner=wrong)
    assert agreement.parties.count() == 2


def test_changing_the_category_is_checked_against_the_parties(staff_user):
    agreement = prepared(Category.KSDPK, actor=staff_user)
    with pytest.raises(ValidationError, match="tidak dapat menjadi pihak dalam KSDD"):
        services.agreement_update(agreement=agreement, actor=staff_user, category=Category.KSDD)
    agreement.refresh_from_db()
    assert agreement.category == Category.KSDPK


def test_wajib_or_sukarela_only_for_ksdd(staff_user):
    with pytest.raises(ValidationError, match="Sifat wajib / sukarela hanya untuk KSDD"):
        services.agreement_create(
            actor=staff_user, title="X", category=Category.KSDPK, ksdd_nature="voluntary"
        )
    # A KSDD may be sukarela with nothing more; wajib needs its bordering regions and affair
    # (tests/domain/test_ksdd_mandatory.py).
    services.agreement_create(actor=staff_user, title="Y", category=Category.KSDD, ksdd_nature="voluntary")


def test_the_rules_in_force_decide_who_may_be_a_party(staff_user):
    rules = ProcessRules.current()
    rules.party_types = {**rules.party_types, Category.KPBU: [*rules.party_types[Category.KPBU], "community"]}
    rules.full_clean()
    rules.save()
    services.agreement_create(
        actor=staff_user,
        title="KPBU dengan komunitas",
        category=Category.KPBU,
        parties=[{"partner": HomeGovernmentFactory()}, {"partner": PartnerFactory(**WRONG[Category.KPBU])}],
    )


def test_rules_reject_unknown_values():
    rules = ProcessRules.current()
    rules.party_types = {"ksdx": ["regency"]}
    rules.central_approvals = {"ksdll": ["unicorn"]}
    with pytest.raises(ValidationError) as refused:
        rules.full_clean()
    assert set(refused.value.message_dict) == {"party_types", "central_approvals"}


# --- approvals --------------------------------------------------------------------------------


def test_which_approvals_are_needed(staff_user):
    plain = prepared(Category.KSDPK, actor=staff_user)
    assert approval_needs(plain) == []
    burdens = prepared(Category.KSDPK, actor=staff_user, burdens_public=True)
    assert [(n.kind, n.before) for n in approval_needs(burdens)] == [("dprd", "operational")]
    abroad = prepared(Category.KSDLL, actor=staff_user)
    assert [(n.kind, n.before) for n in approval_needs(abroad)] == [
        ("dprd", "mou"),
        ("home_affairs", "mou"),
        ("foreign_affairs", "mou"),
    ]
    rules = ProcessRules.current()
    rules.dprd_for_foreign = False
    rules.central_approvals = {}
    rules.save()
    assert approval_needs(abroad) == []


def test_foreign_mou_is_refused_until_every_approval_is_given_before_its_date(staff_user):
    agreement = at_signing(Category.KSDLL, staff_user)
    with pytest.raises(ValidationError) as refused:
        signed(agreement, staff_user, kind="mou")
    text = " | ".join(refused.value.messages)
    assert "Persetujuan DPRD disyaratkan (kerja sama dengan pihak luar negeri) tetapi belum dicatat." in text
    assert "Persetujuan Menteri Dalam Negeri disyaratkan" in text
    assert "Pertimbangan Menteri Luar Negeri disyaratkan" in text
    approve(agreement, staff_user, "dprd", decided_on=date(2026, 1, 10))
    approve(agreement, staff_user, "home_affairs", decided_on=date(2026, 1, 12))
    approve(agreement, staff_user, "foreign_affairs", decided_on=date(2026, 3, 1))
    with pytest.raises(
        ValidationError, match="baru diputuskan pada 1 Maret 2026, setelah tanggal penandatanganan"
    ):
        signed(agreement, staff_user, kind="mou", signing_date=date(2026, 2, 1))
    signed(agreement, staff_user, kind="mou", signing_date=date(2026, 3, 2))


def test_refused_or_pending_approval_stops_the_signing(staff_user):
    agreement = not_budgeted(at_signing(Category.KSDPK, staff_user), staff_user)
    approve(agreement, staff_user, "dprd", result="pending", decided_on=None, submitted_on=date(2026, 1, 3))
    with pytest.raises(ValidationError, match="masih menunggu keputusan"):
        signed(agreement, staff_user, kind="pks")
    approve(agreement, staff_user, "dprd", result="refused", decided_on=date(2026, 1, 9))
    with pytest.raises(ValidationError, match="ditolak pada 9 Januari 2026"):
        signed(agreement, staff_user, kind="pks")
    # The MoU of a domestic agreement does not wait for the DPRD; the PKS does.
    signed(agreement, staff_user, kind="mou", signing_date=date(2026, 1, 15))


def test_an_addendum_that_adds_a_burden_reopens_the_dprd_question(staff_user):
    agreement = at_signing(Category.KSDPK, staff_user)
    mou = signed(agreement, staff_user, kind="mou", signing_date=date(2026, 1, 20))
    pks = signed(agreement, staff_user, kind="pks", parent=mou)
    addendum = services.instrument_create(
        agreement=agreement,
        actor=staff_user,
        kind="addendum",
        parent=pks,
        adds_burden=True,
        title="Adendum I",
    )
    with pytest.raises(ValidationError, match="Persetujuan DPRD disyaratkan \\(adendum menambah beban"):
        services.instrument_sign(instrument=addendum, actor=staff_user, signing_date=date(2026, 5, 1))
    approve(agreement, staff_user, "dprd", decided_on=date(2026, 4, 20), instrument=addendum)
    services.instrument_sign(instrument=addendum, actor=staff_user, signing_date=date(2026, 5, 1))


def test_signing_in_the_future_is_refused(staff_user):
    agreement = at_signing(Category.KSDPK, staff_user)
    with pytest.raises(ValidationError) as refused:
        signed(agreement, staff_user, kind="mou", signing_date=tomorrow())
    assert refused.value.message_dict["signing_date"] == ["Tanggal tidak boleh setelah hari ini."]


def test_approval_dated_in_the_future_is_refused(staff_user):
    agreement = prepared(Category.KSDPK, actor=staff_user)
    with pytest.raises(ValidationError) as refused:
        approve(agreement, staff_user, "dprd", decided_on=tomorrow(), submitted_on=date(2026, 1, 1))
    assert refused.value.message_dict["decided_on"] == ["Tanggal tidak boleh setelah hari ini."]


# --- the implementation gate -----------------------------------------------------------------


def test_kb_must_precede_the_pks_where_the_rules_say_so(staff_user):
    agreement = at_signing(Category.KSDD, staff_user)
    signed(agreement, staff_user, kind="pks")
    with pytest.raises(services.GateRefused) as refused:
        services.agreement_advance(agreement=agreement, actor=staff_user)
    assert "Kesepakatan bersama harus ditandatangani sebelum PKS untuk kategori KSDD" in reasons_of(refused)
    signed(agreement, staff_user, kind="mou", signing_date=date(2026, 3, 1))
    with pytest.raises(services.GateRefused, match="PKS ditandatangani sebelum kesepakatan bersama"):
        services.agreement_advance(agreement=agreement, actor=staff_user)


def test_kpbu_needs_no_kb(staff_user):
    agreement = at_signing(Category.KPBU, staff_user)
    signed(agreement, staff_user, kind="kpbu_agreement")
    services.agreement_advance(agreement=agreement, actor=staff_user)
    agreement.refresh_from_db()
    assert agreement.stage == Stage.IMPLEMENTATION


def test_legal_review_blocks_only_when_the_rules_require_it(staff_user):
    rules = ProcessRules.current()
    rules.legal_review_required = True
    rules.save()
    agreement = at_signing(Category.KPBU, staff_user)
    signed(agreement, staff_user, kind="kpbu_agreement")
    with pytest.raises(services.GateRefused, match="Belum ada telaah hukum"):
        services.agreement_advance(agreement=agreement, actor=staff_user)
    services.legal_review_create(
        agreement=agreement,
        actor=staff_user,
        reviewer="Bagian Hukum",
        review_date=date(2026, 1, 25),
        result="no_objection",
    )
    services.agreement_advance(agreement=agreement, actor=staff_user)


def test_risk_split_outside_kpbu_follows_the_rules(staff_user):
    agreement = prepared(Category.KSDPK, actor=staff_user)
    services.risk_create(
        agreement=agreement, actor=staff_user, category="site", event="Lahan", likelihood=2, impact=2
    )
    assert "Alokasi risiko 'Lahan' belum lengkap" in refused_to_sign(agreement, staff_user)
    rules = ProcessRules.current()
    rules.risk_split_required_outside_kpbu = False
    rules.save()
    services.agreement_advance(agreement=agreement, actor=staff_user)


# --- an addendum moves the dates only once signed and its signed copy attached -------------------


def test_addendum_end_date_waits_for_the_signed_copy(staff_user):
    agreement = at_signing(Category.KPBU, staff_user)
    contract = signed(agreement, staff_user, kind="kpbu_agreement")
    addendum = services.instrument_create(
        agreement=agreement,
        actor=staff_user,
        kind="addendum",
        parent=contract,
        new_end_date=date(2030, 12, 31),
    )
    services.instrument_sign(instrument=addendum, actor=staff_user, signing_date=date(2026, 6, 1))
    agreement.refresh_from_db()
    assert agreement.end_date == date(2028, 12, 31)
    services.document_upload(
        agreement=agreement,
        actor=staff_user,
        upload=pdf_upload("adendum.pdf"),
        title="Adendum bertanda tangan",
        doc_type="signed_copy",
        visibility="parties",
        instrument=addendum,
    )
    agreement.refresh_from_db()
    assert agreement.end_date == date(2030, 12, 31)


# --- closing ------------------------------------------------------------------------------------


def _implemented(actor, **fields):
    agreement = at_signing(Category.KPBU, actor, **fields)
    signed(agreement, actor, kind="kpbu_agreement", end_date=agreement.end_date)
    services.agreement_advance(agreement=agreement, actor=actor)
    agreement.refresh_from_db()
    return agreement


def test_revocation_needs_a_reason_and_its_notice(staff_user):
    agreement = _implemented(staff_user)
    with pytest.raises(ValidationError) as refused:
        services.agreement_close(agreement=agreement, actor=staff_user, outcome=Stage.REVOKED)
    assert "Pencabutan memerlukan alasan sesuai peraturan." in refused.value.messages
    assert "Lampirkan surat pemberitahuan pengakhiran." in refused.value.messages
    notice = services.document_upload(
        agreement=agreement,
        actor=staff_user,
        upload=pdf_upload("cabut.pdf"),
        title="Surat pencabutan",
        doc_type="termination_notice",
        visibility="parties",
    )
    services.agreement_close(
        agreement=agreement,
        actor=staff_user,
        outcome=Stage.REVOKED,
        reason="national_interest",
        notice=notice,
        closed_on=date(2026, 11, 30),
    )
    agreement.refresh_from_db()
    assert (agreement.stage, agreement.closed_on, agreement.closure_notice) == (
        Stage.REVOKED,
        date(2026, 11, 30),
        notice,
    )
    services.agreement_reopen(agreement=agreement, actor=staff_user, note="Salah catat")
    agreement.refresh_from_db()
    assert (agreement.closed_on, agreement.closure_notice) == (None, None)


def test_term_ended_only_when_the_term_really_ended(staff_user):
    agreement = _implemented(staff_user)
    with pytest.raises(ValidationError, match="Jangka waktu belum berakhir \\(berakhir 31 Desember 2028\\)"):
        services.agreement_close(
            agreement=agreement, actor=staff_user, outcome=Stage.CANCELLED, reason="term_ended"
        )
    ended = _implemented(staff_user, start_date=date(2024, 1, 1), end_date=date(2026, 6, 30))
    services.agreement_close(agreement=ended, actor=staff_user, outcome=Stage.CANCELLED, reason="term_ended")


def test_closing_date_cannot_be_in_the_future(staff_user):
    agreement = _implemented(staff_user)
    with pytest.raises(ValidationError, match="Tanggal pengakhiran tidak boleh setelah hari ini."):
        services.agreement_close(
            agreement=agreement, actor=staff_user, outcome=Stage.CANCELLED, closed_on=tomorrow()
        )


def test_termination_reasons_are_the_rules_in_force(staff_user):
    rules = ProcessRules.current()
    rules.termination_reasons = ["default"]
    rules.notice_required_for = []
    rules.save()
    agreement = _implemented(staff_user)
    with pytest.raises(ValidationError, match="tidak termasuk aturan yang berlaku"):
        services.agreement_close(
            agreement=agreement, actor=staff_user, outcome=Stage.TERMINATED, reason="force_majeure"
        )
    services.agreement_close(
        agreement=agreement, actor=staff_user, outcome=Stage.TERMINATED, reason="default"
    )
    agreement.refresh_from_db()
    assert agreement.closed_on == timezone.localdate()
