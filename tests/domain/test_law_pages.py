"""The law's process in the browser (issue 10): the HTML advance action refuses the issue's "Why" with
what is missing; the compliance panel ticks steps from records with their regulation; staff record
the steps and partners' legality; the rules page and the list of agreements not yet in line."""

from datetime import date

import pytest
from django.urls import reverse

from agreements import services
from agreements.choices import Category, Stage
from agreements.models import Agreement, Approval, ProcessRules
from registry.models import PartnerLegality
from tests.agreements.pages import agreement_page
from tests.domain.law import pdf_upload, prepared
from tests.registry.factories import HomeGovernmentFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def _page(client, agreement):
    return agreement_page(client, agreement)


def test_advance_of_an_unverified_private_partner_is_refused_in_the_browser(client, staff_user):
    agreement = services.agreement_create(
        actor=staff_user,
        title="Baru",
        category="ksdpk",
        parties=[
            {"partner": HomeGovernmentFactory()},
            {"partner": PartnerFactory(name="PT Tanpa Legalitas")},
        ],
    )
    client.force_login(staff_user)
    html = client.post(reverse("agreements:advance", args=[agreement.pk]), follow=True).content.decode()
    assert "Tahap belum dapat dilanjutkan:" in html
    assert "Legalitas PT Tanpa Legalitas belum diverifikasi (dokumen, oleh siapa, kapan)." in html
    assert "Belum ada pembahasan TKKSD dengan rekomendasi layak." in html
    agreement.refresh_from_db()
    assert agreement.stage == Stage.PREPARATION


def test_tidak_layak_stops_the_browser_advance_and_leaves_the_step_unticked(client, staff_user):
    agreement = prepared(Category.KSDPK, actor=staff_user)
    services.tkksd_review_record(
        agreement=agreement, actor=staff_user, review_date=date(2026, 2, 2), decision="not_feasible"
    )
    client.force_login(staff_user)
    html = client.post(reverse("agreements:advance", args=[agreement.pk]), follow=True).content.decode()
    assert "TKKSD menyatakan tidak layak pada 2 Februari 2026" in html
    assert 'data-step="tkksd_review" data-done="0"' in html


def test_compliance_panel_ticks_from_records_with_the_regulation(client, staff_user):
    agreement = prepared(Category.KSDLL, actor=staff_user)
    client.force_login(staff_user)
    html = _page(client, agreement)
    assert 'id="kepatuhan"' in html
    assert 'data-step="partner_legality" data-done="1"' in html
    assert 'data-step="benefit_study" data-done="1"' in html
    assert 'data-step="approval_dprd" data-done="0"' in html
    assert 'data-step="approval_foreign_affairs" data-done="0"' in html
    assert "Permendagri 25/2020" in html
    Approval.objects.create(agreement=agreement, kind="dprd", decided_on=date(2026, 1, 9), result="approved")
    assert 'data-step="approval_dprd" data-done="1"' in _page(client, agreement)


def test_staff_record_an_approval_in_the_browser_and_future_dates_are_refused(client, staff_user):
    agreement = prepared(Category.KSDPK, actor=staff_user, burdens_public=True)
    client.force_login(staff_user)
    url = reverse("agreements:process_create", args=[agreement.pk, "persetujuan"])
    assert client.get(url).status_code == 200
    future = client.post(url, {"kind": "dprd", "result": "approved", "decided_on": "2099-01-01"})
    assert future.status_code == 400
    assert "Tanggal tidak boleh setelah hari ini." in future.content.decode()
    saved = client.post(
        url, {"kind": "dprd", "result": "approved", "decided_on": "2026-01-15", "letter_number": "170/DPRD"}
    )
    assert saved.status_code == 302
    approval = Approval.objects.get()
    assert (approval.recorded_by, approval.letter_number) == (staff_user, "170/DPRD")
    assert "170/DPRD" in _page(client, agreement)


def test_managers_record_tkksd_but_not_the_other_steps(client, manager_user, staff_user):
    agreement = prepared(Category.KSDPK, actor=staff_user)
    client.force_login(manager_user)
    assert client.get(reverse("agreements:tkksd_review", args=[agreement.pk])).status_code == 200
    assert client.get(reverse("agreements:process_create", args=[agreement.pk, "kajian"])).status_code == 403


def test_partner_legality_is_recorded_on_the_partner_and_hidden_from_partners(
    client, staff_user, partner_user, partner
):
    client.force_login(staff_user)
    url = reverse("registry:legality_create", args=[partner.pk])
    response = client.post(
        url,
        {
            "document_kind": "nib",
            "document_number": "9120001112223",
            "result": "verified",
            "verified_on": "2026-01-05",
            "upload": pdf_upload("nib.pdf"),
        },
    )
    assert response.status_code == 302, response.content.decode()
    check = PartnerLegality.objects.get()
    assert (check.partner, check.verified_by, check.document_number) == (partner, staff_user, "9120001112223")
    partner.refresh_from_db()
    assert partner.verification_status == "verified"
    detail = client.get(reverse("registry:partner_detail", args=[partner.pk])).content.decode()
    assert "9120001112223" in detail
    download = reverse("registry:legality_download", args=[check.pk])
    assert client.get(download).status_code == 200
    client.force_login(partner_user)
    assert client.get(download).status_code == 404
    assert client.get(url).status_code == 404


def test_rules_page_lists_the_rules_with_their_sources_and_changes(
    client, staff_user, manager_user, partner_user
):
    rules = ProcessRules.current()
    rules.legal_review_required = True
    rules.save()
    client.force_login(manager_user)
    html = client.get(reverse("agreements:rules")).content.decode()
    assert 'data-rule="mandate_exempt_titles"' in html and "PP 28/2018 Pasal 2" in html
    assert 'data-rule="legal_review_required"' in html and "diubah" in html
    assert "Permendagri 25/2020" in html
    client.force_login(partner_user)
    assert client.get(reverse("agreements:rules")).status_code == 404


def test_agreements_past_preparation_that_the_new_gates_would_refuse_are_listed(client, staff_user):
    old = services.agreement_create(actor=staff_user, title="Kerja sama lama", category="ksdpk")
    Agreement.objects.filter(pk=old.pk).update(stage=Stage.IMPLEMENTATION)  # as before the new rules
    fresh = prepared(Category.KSDPK, actor=staff_user, title="Siap")
    client.force_login(staff_user)
    html = client.get(reverse("agreements:not_compliant")).content.decode()
    assert "Kerja sama lama" in html
    assert "Pemerintah daerah sendiri belum tercatat sebagai pihak." in html
    assert "Siap" not in html  # still in preparation: the gates will ask when it moves
    assert fresh.stage == Stage.PREPARATION
