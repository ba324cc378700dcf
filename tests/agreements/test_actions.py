"""Lifecycle and other actions on the agreement page: each a POST through the services, by role."""

import datetime

import pytest
from django.urls import reverse

from agreements import services
from agreements.choices import Stage
from agreements.models import Agreement, ChecklistTick, ProcessRules, StageTransition, TkksdReview
from evaluations import services as evaluation_services
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.domain.law import pdf_upload, prepared
from tests.registry.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def _agreement(staff_user, parties=2, ready=False):
    if ready:  # what the law asks before signing (tests/domain/law.py)
        return prepared("ksdpk", actor=staff_user, end_date=datetime.date(2026, 12, 31))
    agreement = services.agreement_create(
        actor=staff_user,
        title="Uji tindakan",
        category="ksdpk",
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        parties=[{"partner": PartnerFactory()} for _ in range(parties)],
    )
    return agreement


def test_advance_refused_shows_the_gate_reasons_and_changes_nothing(client, staff_user):
    agreement = _agreement(staff_user, parties=1)
    client.force_login(staff_user)
    response = client.post(reverse("agreements:advance", args=[agreement.pk]), follow=True)
    html = response.content.decode()
    assert "Tahap belum dapat dilanjutkan:" in html
    assert "Kerja sama memerlukan sekurang-kurangnya dua pihak." in html
    agreement.refresh_from_db()
    assert agreement.stage == Stage.PREPARATION
    assert not StageTransition.objects.exists()


def test_advance_moves_to_signing_and_is_recorded(client, staff_user):
    agreement = _agreement(staff_user, ready=True)
    client.force_login(staff_user)
    response = client.post(reverse("agreements:advance", args=[agreement.pk]), {"note": "Siap"})
    assert response.status_code == 302
    assert response["Location"].endswith("?tab=persetujuan#tahap")
    agreement.refresh_from_db()
    assert agreement.stage == Stage.SIGNING
    move = StageTransition.objects.get()
    assert (move.actor, move.note) == (staff_user, "Siap")


def test_advance_needs_post(client, staff_user):
    agreement = _agreement(staff_user)
    client.force_login(staff_user)
    assert client.get(reverse("agreements:advance", args=[agreement.pk])).status_code == 405


def test_close_terminated_needs_a_reason(client, staff_user):
    agreement = _agreement(staff_user)
    client.force_login(staff_user)
    url = reverse("agreements:close", args=[agreement.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"outcome": Stage.TERMINATED, "reason": "", "note": ""})
    assert response.status_code == 400
    assert "Pilih alasan pengakhiran sesuai peraturan." in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.stage == Stage.PREPARATION
    response = client.post(url, {"outcome": Stage.TERMINATED, "reason": "force_majeure", "note": "Banjir"})
    assert response.status_code == 400
    assert "Lampirkan surat pemberitahuan pengakhiran." in response.content.decode()
    assert not agreement.documents.exists()
    response = client.post(
        url,
        {
            "outcome": Stage.TERMINATED,
            "reason": "force_majeure",
            "note": "Banjir",
            "notice_file": pdf_upload("pemberitahuan.pdf"),
        },
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.stage, agreement.closure_reason) == (Stage.TERMINATED, "force_majeure")
    assert agreement.closure_notice.doc_type == "termination_notice"
    assert agreement.closed_on == datetime.date.today()


def test_close_completed_needs_a_final_evaluation(client, staff_user):
    agreement = _agreement(staff_user)
    Agreement.objects.filter(pk=agreement.pk).update(stage=Stage.EVALUATION)
    client.force_login(staff_user)
    response = client.post(reverse("agreements:close", args=[agreement.pk]), {"outcome": Stage.COMPLETED})
    assert response.status_code == 400
    assert "Belum ada evaluasi akhir." in response.content.decode()


def test_reopen_needs_a_reason_then_returns_to_the_earlier_stage(client, staff_user):
    agreement = _agreement(staff_user)
    services.agreement_close(agreement=agreement, actor=staff_user, outcome=Stage.CANCELLED)
    client.force_login(staff_user)
    url = reverse("agreements:reopen", args=[agreement.pk])
    assert client.post(url, {"note": ""}).status_code == 400
    agreement.refresh_from_db()
    assert agreement.stage == Stage.CANCELLED
    assert client.post(url, {"note": "Salah tutup"}).status_code == 302
    agreement.refresh_from_db()
    assert agreement.stage == Stage.PREPARATION


def test_set_stage_directly_checks_every_gate_on_the_way(client, staff_user):
    agreement = _agreement(staff_user, ready=True)
    client.force_login(staff_user)
    url = reverse("agreements:set_stage", args=[agreement.pk])
    response = client.post(url, {"stage": Stage.IMPLEMENTATION})
    assert response.status_code == 400
    assert "naskah operasional" in response.content.decode()
    response = client.post(url, {"stage": Stage.SIGNING})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.stage == Stage.SIGNING


def test_archive_and_restore_never_delete(client, staff_user):
    agreement = _agreement(staff_user)
    client.force_login(staff_user)
    client.post(reverse("agreements:archive", args=[agreement.pk]))
    agreement.refresh_from_db()
    assert agreement.archived_at is not None
    page = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert "Diarsipkan" in page and "Pulihkan" in page
    client.post(reverse("agreements:restore", args=[agreement.pk]))
    agreement.refresh_from_db()
    assert agreement.archived_at is None
    assert Agreement.objects.count() == 1


def _final_evaluation(agreement, actor):
    evaluation_services.evaluation_create(
        agreement=agreement,
        actor=actor,
        period_type="final",
        evaluated_on=datetime.date(2026, 1, 10),
        evaluator_role="unit",
        recommendation="continue",
        score_objectives=4,
    )


def test_renew_without_final_evaluation_is_refused_while_the_rules_require_one(client, staff_user):
    agreement = _agreement(staff_user)
    version = Agreement.objects.get(pk=agreement.pk).version
    client.force_login(staff_user)
    url = reverse("agreements:renew", args=[agreement.pk])
    data = {"title": "Lanjutan", "start_date": "2027-01-01", "end_date": "2028-12-31"}
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "aturan yang berlaku mensyaratkan evaluasi akhir" in refused.content.decode()
    assert Agreement.objects.count() == 1
    assert Agreement.objects.get(pk=agreement.pk).version == version
    rules = ProcessRules.current()
    rules.renewal_requires_final_evaluation = False
    rules.save()
    assert client.post(url, data).status_code == 302
    assert Agreement.objects.filter(renews=agreement).count() == 1


def test_renew_creates_a_linked_successor(client, staff_user):
    agreement = _agreement(staff_user)
    _final_evaluation(agreement, staff_user)
    client.force_login(staff_user)
    url = reverse("agreements:renew", args=[agreement.pk])
    bad = client.post(url, {"title": "Lanjutan", "start_date": "2027-01-01", "end_date": "2026-01-01"})
    assert bad.status_code == 400
    assert "Tanggal berakhir tidak boleh sebelum tanggal mulai." in bad.content.decode()
    assert Agreement.objects.count() == 1
    response = client.post(url, {"title": "Lanjutan", "start_date": "2027-01-01", "end_date": "2028-12-31"})
    successor = Agreement.objects.get(renews=agreement)
    assert response["Location"] == successor.get_absolute_url()
    assert successor.parties.count() == 2
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert successor.get_absolute_url() in page


def test_checklist_tick_and_untick_by_hand_only(client, staff_user):
    agreement = _agreement(staff_user)
    client.force_login(staff_user)
    client.post(reverse("agreements:checklist_tick", args=[agreement.pk]), {"step": "periodic_reporting"})
    tick = ChecklistTick.objects.get()
    assert (tick.step, tick.done_by) == ("periodic_reporting", staff_user)
    response = client.post(
        reverse("agreements:checklist_tick", args=[agreement.pk]), {"step": "tkksd_review"}, follow=True
    )
    assert "Langkah ini dicentang otomatis dari data" in response.content.decode()
    client.post(reverse("agreements:checklist_untick", args=[agreement.pk]), {"step": "periodic_reporting"})
    assert not ChecklistTick.objects.exists()


def test_tkksd_review_by_manager_and_bad_input(client, staff_user, manager_user):
    agreement = _agreement(staff_user)
    client.force_login(manager_user)
    url = reverse("agreements:tkksd_review", args=[agreement.pk])
    bad = client.post(url, {"review_date": "bukan tanggal", "decision": "feasible"})
    assert bad.status_code == 400 and "Masukkan tanggal yang valid." in bad.content.decode()
    assert not TkksdReview.objects.exists()
    assert client.post(url, {"review_date": "2026-02-01", "decision": "feasible"}).status_code == 302
    review = TkksdReview.objects.get()
    assert review.recorded_by == manager_user


def test_dprd_approval(client, staff_user):
    agreement = _agreement(staff_user)
    Agreement.objects.filter(pk=agreement.pk).update(burdens_public=True)
    client.force_login(staff_user)
    url = reverse("agreements:dprd_approval", args=[agreement.pk])
    assert client.post(url, {"approval_date": ""}).status_code == 400
    assert client.post(url, {"approval_date": "2026-03-01", "reference": "DPRD/1"}).status_code == 302
    agreement.refresh_from_db()
    assert agreement.dprd_approval_date == datetime.date(2026, 3, 1)


def test_instrument_create_with_party_numbers(client, staff_user):
    agreement = _agreement(staff_user)
    first, second = agreement.parties.order_by("order")
    client.force_login(staff_user)
    url = reverse("agreements:instrument_create", args=[agreement.pk])
    bad = client.post(url, {"kind": "pks", "status": "signed"})
    assert bad.status_code == 400
    assert "memerlukan tanggal penandatanganan" in bad.content.decode()
    assert not agreement.instruments.exists()
    data = {"kind": "pks", "status": "signed", "signing_date": "2026-01-10", f"number_{first.pk}": "A/1"}
    assert client.post(url, data).status_code == 302
    instrument = agreement.instruments.get()
    assert [n.number for n in instrument.party_numbers.all()] == ["A/1"]
    agreement.refresh_from_db()
    assert agreement.signed_date == datetime.date(2026, 1, 10)


STAFF_POSTS = [
    ("agreements:advance", {}),
    ("agreements:archive", {}),
    ("agreements:restore", {}),
    ("agreements:checklist_tick", {"step": "proposal"}),
    ("agreements:close", {"outcome": "cancelled"}),
    ("agreements:reopen", {"note": "x"}),
    ("agreements:set_stage", {"stage": "signing"}),
    ("agreements:renew", {"title": "x"}),
    ("agreements:dprd_approval", {"approval_date": "2026-01-01"}),
    ("agreements:instrument_create", {"kind": "mou"}),
    ("agreements:document_upload", {}),
]


@pytest.mark.parametrize(("name", "data"), STAFF_POSTS)
def test_managers_are_read_only_for_staff_actions(client, staff_user, manager_user, name, data):
    agreement = _agreement(staff_user)
    version = Agreement.objects.get(pk=agreement.pk).version
    client.force_login(manager_user)
    assert client.post(reverse(name, args=[agreement.pk]), data).status_code == 403
    assert Agreement.objects.get(pk=agreement.pk).version == version


@pytest.mark.parametrize("who", ["partner_user", "opd_user"])
def test_partner_and_opd_users_get_404_on_every_staff_page(client, request, who, unit, partner):
    user = request.getfixturevalue(who)
    agreement = AgreementFactory(lead_unit=unit)
    AgreementPartyFactory(agreement=agreement, partner=partner)
    # They can read it through their scope (portal) …
    assert Agreement.objects.visible_to(user).filter(pk=agreement.pk).exists()
    client.force_login(user)
    # … but the staff pages answer 404.
    assert client.get(reverse("agreements:detail", args=[agreement.pk])).status_code == 404
    for name, data in STAFF_POSTS + [("agreements:tkksd_review", {})]:
        assert client.post(reverse(name, args=[agreement.pk]), data).status_code == 404, name


def test_anonymous_is_sent_to_login(client):
    agreement = AgreementFactory()
    response = client.get(reverse("agreements:detail", args=[agreement.pk]))
    assert response.status_code == 302


def test_missing_agreement_is_404(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("agreements:detail", args=[999999])).status_code == 404


def test_instrument_validation_needs_the_signed_file(client, staff_user, manager_user):
    from tests.agreements.builders import pdf_upload

    agreement = _agreement(staff_user)
    instrument = services.instrument_create(
        agreement=agreement,
        actor=staff_user,
        kind="pks",
        status="signed",
        signing_date=datetime.date(2026, 1, 5),
    )
    url = reverse("agreements:instrument_validate", args=[instrument.pk])
    client.force_login(manager_user)
    assert client.post(url).status_code == 403
    client.force_login(staff_user)
    response = client.post(url, follow=True)
    assert "Unggah naskah bertanda tangan sebelum validasi." in response.content.decode()
    instrument.refresh_from_db()
    assert instrument.status == "signed"
    services.document_upload(
        agreement=agreement,
        actor=staff_user,
        upload=pdf_upload(),
        doc_type="signed_copy",
        visibility="internal",
        instrument=instrument,
    )
    client.post(url)
    instrument.refresh_from_db()
    assert (instrument.status, instrument.validated_by) == ("validated", staff_user)
