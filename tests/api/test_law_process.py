"""The law's process through the API (issue 10): the situations of the issue's "Why" refused by
`POST /api/v1/agreements/{id}/advance/` and the part writes with what is missing, and every new record
under /agreements/{id}/<part>/ with the parts' scoping and version rules."""

from datetime import date

import pytest
from django.urls import reverse

from agreements import services
from agreements.choices import Category, Stage
from agreements.models import Agreement, Approval
from tests.domain.law import approve, counterpart, not_budgeted, pdf_upload, prepared, signed
from tests.registry.factories import HomeGovernmentFactory, OrganisationUnitFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def part_url(agreement, segment, pk=None, action=None):
    if action:
        return reverse(f"api:agreement-{segment}-{action}", args=[agreement.pk, pk])
    if pk is None:
        return reverse(f"api:agreement-{segment}-list", args=[agreement.pk])
    return reverse(f"api:agreement-{segment}-detail", args=[agreement.pk, pk])


def version_of(agreement):
    return Agreement.objects.values_list("version", flat=True).get(pk=agreement.pk)


def advance(client, agreement):
    return client.post(reverse("api:agreement-advance", args=[agreement.pk]), {}, format="json")


@pytest.fixture
def staff(api_as, staff_user):
    return api_as(staff_user)


# --- the "Why", through the API --------------------------------------------------------


def test_new_agreement_with_an_unverified_private_partner_is_refused(staff, staff_user, unit):
    private = PartnerFactory(name="PT Belum Diverifikasi")
    created = staff.post(
        reverse("api:agreement-list"),
        {
            "title": "Kerja sama baru",
            "category": "ksdpk",
            "lead_unit": unit.pk,
            "parties": [{"partner": HomeGovernmentFactory().pk}, {"partner": private.pk}],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    agreement = Agreement.objects.get(pk=created.json()["id"])
    response = advance(staff, agreement)
    assert response.status_code == 400
    reasons = response.json()["reasons"]
    assert "Legalitas PT Belum Diverifikasi belum diverifikasi (dokumen, oleh siapa, kapan)." in reasons
    assert "Belum ada pembahasan TKKSD dengan rekomendasi layak." in reasons
    assert any(r.startswith("Belum ada kajian manfaat") for r in reasons)
    agreement.refresh_from_db()
    assert agreement.stage == Stage.PREPARATION


def test_tkksd_not_feasible_recorded_by_a_manager_stops_the_advance(api_as, manager_user, staff, staff_user):
    agreement = prepared(Category.KSDPK, actor=staff_user)
    recorded = api_as(manager_user).post(
        part_url(agreement, "tkksd-reviews"),
        {"review_date": "2026-02-01", "decision": "not_feasible", "version": version_of(agreement)},
        format="json",
    )
    assert recorded.status_code == 201, recorded.json()
    assert recorded.json()["recorded_by"] == manager_user.pk
    response = advance(staff, agreement)
    assert response.status_code == 400
    assert response.json()["reasons"] == [
        "TKKSD menyatakan tidak layak pada 1 Februari 2026; kerja sama tidak dapat dilanjutkan."
    ]


def test_foreign_mou_cannot_be_signed_without_its_approvals(staff, staff_user):
    agreement = prepared(Category.KSDLL, actor=staff_user)
    assert advance(staff, agreement).status_code == 200
    mou = services.instrument_create(agreement=agreement, actor=staff_user, kind="mou", title="MoU")
    response = staff.post(
        part_url(agreement, "instruments", mou.pk, "sign"),
        {"signing_date": "2026-03-01", "version": version_of(agreement)},
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()["non_field_errors"]
    assert errors[0] == "Naskah belum dapat ditandatangani:"
    assert (
        "Persetujuan DPRD disyaratkan (kerja sama dengan pihak luar negeri) tetapi belum dicatat." in errors
    )
    for kind in ("dprd", "home_affairs", "foreign_affairs"):
        approve(agreement, staff_user, kind, decided_on=date(2026, 2, 1))
    signed_ok = staff.post(
        part_url(agreement, "instruments", mou.pk, "sign"),
        {"signing_date": "2026-03-01", "version": version_of(agreement)},
        format="json",
    )
    assert signed_ok.status_code == 200, signed_ok.json()


@pytest.mark.parametrize(
    "category, wrong",
    [
        ("ksdd", {"name": "PT Swasta", "sector": "private", "partner_type": "private_company"}),
        ("ksdpl", {"name": "Pemkab Dalam Negeri", "sector": "public", "partner_type": "regency"}),
        ("kpbu", {"name": "Komunitas Warga", "sector": "social", "partner_type": "community"}),
    ],
)
def test_a_party_of_the_wrong_kind_is_400_at_creation_and_as_a_part(staff, staff_user, unit, category, wrong):
    partner = PartnerFactory(**wrong)
    response = staff.post(
        reverse("api:agreement-list"),
        {
            "title": "Salah",
            "category": category,
            "lead_unit": unit.pk,
            "parties": [{"partner": HomeGovernmentFactory().pk}, {"partner": partner.pk}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "tidak dapat menjadi pihak" in " ".join(response.json()["category"])
    agreement = prepared(category, actor=staff_user)
    added = staff.post(
        part_url(agreement, "parties"),
        {"partner": partner.pk, "version": version_of(agreement)},
        format="json",
    )
    assert added.status_code == 400
    assert "tidak dapat menjadi pihak" in " ".join(added.json()["category"])


def test_agreement_without_the_home_government_is_refused(staff, staff_user):
    first, second = counterpart("ksdpk", staff_user), counterpart("ksdpk", staff_user, name="PT Kedua")
    agreement = services.agreement_create(
        actor=staff_user,
        title="Tanpa pemda",
        category="ksdpk",
        lead_unit=OrganisationUnitFactory(),
        parties=[{"partner": first}, {"partner": second}],
    )
    response = advance(staff, agreement)
    assert "Pemerintah daerah sendiri belum tercatat sebagai pihak." in response.json()["reasons"]


def test_closing_through_the_api_needs_a_reason_for_revocation_and_a_real_end_of_term(staff, staff_user):
    agreement = prepared(Category.KPBU, actor=staff_user)
    services.agreement_advance(agreement=agreement, actor=staff_user)
    signed(agreement, staff_user, kind="kpbu_agreement")
    services.agreement_advance(agreement=agreement, actor=staff_user)
    url = reverse("api:agreement-close", args=[agreement.pk])
    revoked = staff.post(url, {"outcome": "revoked"}, format="json")
    assert revoked.status_code == 400
    assert "Pencabutan memerlukan alasan sesuai peraturan." in revoked.json()["non_field_errors"]
    early = staff.post(url, {"outcome": "terminated", "reason": "term_ended"}, format="json")
    assert (
        "Jangka waktu belum berakhir (berakhir 31 Desember 2028); pilih alasan lain."
        in early.json()["non_field_errors"]
    )
    notice = services.document_upload(
        agreement=agreement,
        actor=staff_user,
        upload=pdf_upload(),
        title="Pemberitahuan",
        doc_type="termination_notice",
        visibility="parties",
    )
    closed = staff.post(
        url,
        {
            "outcome": "terminated",
            "reason": "mutual_agreement",
            "closed_on": "2026-11-01",
            "notice": notice.pk,
        },
        format="json",
    )
    assert closed.status_code == 200, closed.json()
    assert (closed.json()["closed_on"], closed.json()["closure_notice"]) == ("2026-11-01", notice.pk)


# --- the records as parts: scoping, permissions, versions --------------------------------------


def test_approvals_crud_with_versions(staff, staff_user):
    agreement = not_budgeted(prepared(Category.KSDPK, actor=staff_user), staff_user)
    version = version_of(agreement)
    missing = staff.post(part_url(agreement, "approvals"), {"kind": "dprd"}, format="json")
    assert missing.status_code == 400 and "version" in missing.json()
    created = staff.post(
        part_url(agreement, "approvals"),
        {"kind": "dprd", "submitted_on": "2026-01-10", "letter_number": "005/DPRD", "version": version},
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["result"], body["agreement_version"]) == ("pending", version + 1)
    stale = staff.patch(
        part_url(agreement, "approvals", body["id"]),
        {"result": "approved", "version": version},
        format="json",
    )
    assert stale.status_code == 409
    no_date = staff.patch(
        part_url(agreement, "approvals", body["id"]),
        {"result": "approved", "version": version + 1},
        format="json",
    )
    assert no_date.status_code == 400
    assert "memerlukan tanggal keputusan" in " ".join(no_date.json()["non_field_errors"])
    decided = staff.patch(
        part_url(agreement, "approvals", body["id"]),
        {"result": "approved", "decided_on": "2026-01-20", "version": version + 1},
        format="json",
    )
    assert decided.status_code == 200, decided.json()
    assert Approval.objects.get(pk=body["id"]).result == "approved"
    future = staff.patch(
        part_url(agreement, "approvals", body["id"]),
        {"decided_on": "2099-01-01", "version": version + 2},
        format="json",
    )
    assert future.json()["decided_on"] == ["Tanggal tidak boleh setelah hari ini."]
    deleted = staff.delete(part_url(agreement, "approvals", body["id"]) + f"?version={version + 2}")
    assert deleted.status_code == 200 and not Approval.objects.exists()


def test_only_staff_record_the_steps_and_partners_see_none_of_them(
    api_as, manager_user, partner_user, world, staff_user
):
    agreement = world["mine"]
    approve(agreement, staff_user, "dprd")
    services.benefit_study_create(
        agreement=agreement, actor=staff_user, study_date=date(2026, 1, 5), recommendation="recommended"
    )
    body = {"kind": "dprd", "version": version_of(agreement)}
    assert api_as(manager_user).post(part_url(agreement, "approvals"), body, format="json").status_code == 403
    assert api_as(partner_user).post(part_url(agreement, "approvals"), body, format="json").status_code == 403
    for segment in ("approvals", "benefit-studies", "tkksd-reviews"):
        listed = api_as(partner_user).get(part_url(agreement, segment))
        assert listed.status_code == 200 and listed.json()["count"] == 0
    assert api_as(manager_user).get(part_url(agreement, "approvals")).json()["count"] == 1
    other = world["other"]
    assert api_as(partner_user).get(part_url(other, "approvals")).status_code == 404


def test_every_record_kind_is_exposed(staff, staff_user):
    agreement = prepared(Category.KSDPK, actor=staff_user)
    party = agreement.parties.order_by("order").first()
    writes = {
        "benefit-studies": {
            "study_date": "2026-01-06",
            "recommendation": "with_notes",
            "yearly_apbd_cost": "10",
        },
        "legal-reviews": {"reviewer": "Bagian Hukum", "review_date": "2026-01-07", "result": "revise"},
        "initiative-letters": {
            "kind": "offer",
            "letter_date": "2026-01-02",
            "partner_selection": "selection",
        },
        "handovers": {"handed_over_on": "2026-01-08", "assets": "Gedung", "to_party": party.pk},
        "disputes": {"subject": "Keterlambatan", "raised_on": "2026-01-09"},
    }
    for segment, body in writes.items():
        before = staff.get(part_url(agreement, segment)).json()["count"]
        response = staff.post(
            part_url(agreement, segment), {**body, "version": version_of(agreement)}, format="json"
        )
        assert response.status_code == 201, (segment, response.json())
        assert response.json()["recorded_by"] == staff_user.pk
        assert staff.get(part_url(agreement, segment)).json()["count"] == before + 1


def test_dispute_stages_follow_musyawarah_facilitation_arbitration(staff, staff_user):
    agreement = prepared(Category.KSDPK, actor=staff_user)
    dispute = staff.post(
        part_url(agreement, "disputes"),
        {"subject": "Bagi hasil", "raised_on": "2026-02-01", "version": version_of(agreement)},
        format="json",
    ).json()

    def stage(body):
        return staff.post(
            part_url(agreement, "disputes", dispute["id"], "stages"),
            {**body, "version": version_of(agreement)},
            format="json",
        )

    first = stage({"kind": "arbitration", "started_on": "2026-02-02"})
    assert first.json()["non_field_errors"] == ["Penyelesaian perselisihan dimulai dengan musyawarah."]
    talks = stage({"kind": "deliberation", "started_on": "2026-02-02"})
    assert talks.status_code == 201
    assert (
        "belum selesai"
        in stage({"kind": "governor", "started_on": "2026-03-01"}).json()["non_field_errors"][0]
    )
    talks_id = talks.json()["stages"][0]["id"]
    ended = stage({"id": talks_id, "ended_on": "2026-02-20", "outcome": "not_settled"})
    assert ended.status_code == 200, ended.json()
    assert (
        "fasilitasi gubernur atau menteri"
        in stage({"kind": "court", "started_on": "2026-03-01"}).json()["non_field_errors"][0]
    )
    assert stage({"kind": "governor", "started_on": "2026-03-01"}).status_code == 201
