"""Creating and editing an agreement with its rows on one page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from agreements import services
from agreements.models import Agreement, AgreementParty, Benefit, Obligation, Risk, RiskShare
from registry.choices import Sector
from tests.agreements.editor_data import BASIC_FIELDS, editor_data
from tests.registry.factories import PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_partners():
    return [
        PartnerFactory(
            name="Pemerintah Kota Contoh", sector=Sector.PUBLIC, partner_type="city", is_home_government=True
        ),
        PartnerFactory(name="PT Sampah Bersih", sector=Sector.PRIVATE),
        PartnerFactory(name="Universitas Contoh", sector=Sector.ACADEMIC, partner_type="university"),
    ]


def _full_submission(partners, *, risk_split=(50, 30, 20)):
    a, b, c = partners
    return editor_data(
        BASIC_FIELDS,
        parties=[
            {"partner": a.pk, "roles": ["lead"], "signatory_name": "Wali Kota"},
            {"partner": b.pk, "roles": ["implementer", "funder"]},
            {"partner": c.pk, "roles": ["facilitator"]},
        ],
        obligations=[
            {
                "party_partner": b.pk,
                "title": "Laporan triwulan",
                "kind": "obligation",
                "category": "reporting",
                "frequency": "quarterly",
                "first_due_date": "2026-03-31",
                "shared_with_parties": True,
            },
            {
                "party_partner": a.pk,
                "title": "Penyediaan lahan",
                "kind": "obligation",
                "category": "delivery",
                "frequency": "once",
                "first_due_date": "2026-02-28",
            },
        ],
        risks=[
            {
                "category": "financial",
                "event": "Pendanaan terlambat",
                "likelihood": 3,
                "impact": 4,
                "status": "open",
                "shares": [
                    {"partner": p.pk, "percent": pct} for p, pct in zip(partners, risk_split, strict=True)
                ],
            },
        ],
        benefits=[
            {
                "kind": "profit_share",
                "split_method": "percent",
                "shares": [{"partner": a.pk, "percent": 60}, {"partner": b.pk, "percent": 40}],
            },
        ],
    )


def _counts():
    return (
        Agreement.objects.count(),
        AgreementParty.objects.count(),
        Obligation.objects.count(),
        Risk.objects.count(),
        RiskShare.objects.count(),
        Benefit.objects.count(),
    )


def test_create_page_offers_two_party_rows(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("agreements:create"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="parties-1-partner"' in html and 'name="parties-2-partner"' not in html
    assert "js/splits.js" in html


def test_create_saves_everything_in_one_submission(client, staff_user, three_partners):
    client.force_login(staff_user)
    response = client.post(reverse("agreements:create"), _full_submission(three_partners))
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert response["Location"] == agreement.get_absolute_url()
    assert [p.partner.name for p in agreement.parties.order_by("order")] == [p.name for p in three_partners]
    assert agreement.obligations.count() == 2
    assert agreement.obligations.get(title="Laporan triwulan").occurrences.count() == 8
    risk = agreement.risks.get()
    assert sorted(s.percent for s in risk.shares.all()) == [Decimal(20), Decimal(30), Decimal(50)]
    assert sorted(s.percent for s in agreement.benefits.get().shares.all()) == [Decimal(40), Decimal(60)]
    assert agreement.created_by == staff_user


def test_split_of_90_percent_is_refused_at_its_row_and_nothing_is_saved(client, staff_user, three_partners):
    client.force_login(staff_user)
    before = _counts()
    response = client.post(
        reverse("agreements:create"), _full_submission(three_partners, risk_split=(50, 30, 10))
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Jumlah porsi 90 %, harus tepat 100 %." in html
    assert 'data-testid="row-error"' in html
    # What was typed is still there.
    assert 'value="Pengelolaan Sampah Terpadu"' in html
    assert 'value="Pendanaan terlambat"' in html and 'value="Laporan triwulan"' in html
    assert _counts() == before


def test_missing_title_is_refused_in_indonesian(client, staff_user, three_partners):
    client.force_login(staff_user)
    data = _full_submission(three_partners)
    data["title"] = ""
    before = _counts()
    response = client.post(reverse("agreements:create"), data)
    assert response.status_code == 400
    assert "Bidang ini harus diisi." in response.content.decode()
    assert _counts() == before


def test_obligation_of_a_partner_that_is_not_a_party_is_refused(client, staff_user, three_partners):
    client.force_login(staff_user)
    outsider = PartnerFactory()
    data = _full_submission(three_partners)
    data["obligations-0-party_partner"] = str(outsider.pk)
    before = _counts()
    response = client.post(reverse("agreements:create"), data)
    assert response.status_code == 400
    assert "Pilih mitra yang tercantum sebagai pihak." in response.content.decode()
    assert _counts() == before


def test_share_for_a_partner_that_is_not_a_party_is_refused(client, staff_user, three_partners):
    client.force_login(staff_user)
    data = _full_submission(three_partners)
    data["benefits-0-shares-1-partner"] = str(PartnerFactory().pk)
    before = _counts()
    response = client.post(reverse("agreements:create"), data)
    assert response.status_code == 400
    assert (
        "Porsi hanya dapat diberikan kepada mitra yang tercantum sebagai pihak." in response.content.decode()
    )
    assert _counts() == before


def test_add_row_without_javascript_keeps_what_was_typed(client, staff_user, three_partners):
    client.force_login(staff_user)
    data = _full_submission(three_partners)
    data["_add"] = "risks"
    response = client.post(reverse("agreements:create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="risks-1-event"' in html and 'name="risks-1-shares-0-partner"' in html
    assert 'value="Pendanaan terlambat"' in html
    assert "Bidang ini harus diisi." not in html
    assert Agreement.objects.count() == 0


def test_add_share_row_without_javascript(client, staff_user, three_partners):
    client.force_login(staff_user)
    data = _full_submission(three_partners)
    data["_add"] = "benefits-0-shares"
    response = client.post(reverse("agreements:create"), data)
    assert response.status_code == 200
    assert 'name="benefits-0-shares-2-partner"' in response.content.decode()


def test_htmx_row_has_the_next_index_and_moves_the_total(client, staff_user):
    client.force_login(staff_user)
    response = client.get(
        reverse("agreements:editor_row"),
        {"prefix": "risks", "risks-TOTAL_FORMS": "3"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="risks-3-event"' in html
    assert 'name="risks-3-shares-TOTAL_FORMS"' in html and 'name="risks-3-shares-1-percent"' in html
    assert 'id="id_risks-TOTAL_FORMS"' in html and 'value="4"' in html and "hx-swap-oob" in html
    share = client.get(
        reverse("agreements:editor_row"),
        {"prefix": "benefits-2-shares", "benefits-2-shares-TOTAL_FORMS": "2"},
    )
    assert 'name="benefits-2-shares-2-amount"' in share.content.decode()
    assert client.get(reverse("agreements:editor_row"), {"prefix": "evil"}).status_code == 404


def _existing(staff_user, partners):
    a, b, c = partners
    agreement = services.agreement_create(
        actor=staff_user,
        title="Lama",
        category="ksdpk",
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        parties=[{"partner": a}, {"partner": b}, {"partner": c}],
    )
    pa, pb, pc = agreement.parties.order_by("order")
    services.risk_create(
        agreement=agreement,
        actor=staff_user,
        category="financial",
        event="Kurs",
        likelihood=2,
        impact=2,
        shares=[{"party": pa, "percent": 100}],
    )
    agreement.refresh_from_db()
    return agreement, (pa, pb, pc)


def _edit_submission(agreement, parties, *, title="Baru", version=None, drop_third=False, risk_split=None):
    pa, pb, pc = parties
    risk = agreement.risks.get()
    rows = [
        {"id": pa.pk, "partner": pa.partner_id},
        {"id": pb.pk, "partner": pb.partner_id},
        {"id": pc.pk, "partner": pc.partner_id, "DELETE": drop_third},
    ]
    split = risk_split or [(pa, 100)]
    return editor_data(
        {**BASIC_FIELDS, "title": title},
        version=agreement.version if version is None else version,
        parties=rows,
        risks=[
            {
                "id": risk.pk,
                "category": "financial",
                "event": "Kurs",
                "likelihood": 2,
                "impact": 2,
                "status": "open",
                "shared_with_parties": True,
                "_shares_initial": 1,
                "shares": [{"partner": p.partner_id, "percent": pct} for p, pct in split],
            }
        ],
        initial={"parties": 3, "risks": 1},
    )


def test_edit_changes_fields_removes_a_party_and_resplits(client, staff_user, three_partners):
    agreement, parties = _existing(staff_user, three_partners)
    pa, pb, _pc = parties
    client.force_login(staff_user)
    response = client.get(reverse("agreements:edit", args=[agreement.pk]))
    assert response.status_code == 200
    assert f'name="version" value="{agreement.version}"' in response.content.decode()
    data = _edit_submission(agreement, parties, drop_third=True, risk_split=[(pa, 70), (pb, 30)])
    response = client.post(reverse("agreements:edit", args=[agreement.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement.refresh_from_db()
    assert agreement.title == "Baru"
    assert agreement.parties.count() == 2
    assert sorted(s.percent for s in agreement.risks.get().shares.all()) == [Decimal(30), Decimal(70)]


def test_edit_reorders_parties(client, staff_user, three_partners):
    agreement, (pa, pb, pc) = _existing(staff_user, three_partners)
    client.force_login(staff_user)
    data = _edit_submission(agreement, (pa, pb, pc))
    # Swap the first two rows.
    data["parties-0-id"], data["parties-1-id"] = str(pb.pk), str(pa.pk)
    data["parties-0-partner"], data["parties-1-partner"] = str(pb.partner_id), str(pa.partner_id)
    response = client.post(reverse("agreements:edit", args=[agreement.pk]), data)
    assert response.status_code == 302
    assert [p.pk for p in agreement.parties.order_by("order")] == [pb.pk, pa.pk, pc.pk]


def test_second_save_on_a_stale_version_is_refused_and_keeps_the_typing(client, staff_user, three_partners):
    agreement, parties = _existing(staff_user, three_partners)
    stale = agreement.version
    # Someone else saves first.
    services.agreement_update(
        agreement=agreement, actor=staff_user, expected_version=stale, title="Oleh orang lain"
    )
    client.force_login(staff_user)
    data = _edit_submission(agreement, parties, title="Ketikan saya", version=stale)
    response = client.post(reverse("agreements:edit", args=[agreement.pk]), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Kerja sama ini telah diubah oleh orang lain" in html
    assert 'value="Ketikan saya"' in html
    assert f'href="{agreement.get_absolute_url()}" target="_blank"' in html
    agreement.refresh_from_db()
    assert agreement.title == "Oleh orang lain"
    assert agreement.parties.count() == 3


def test_tampered_row_id_of_another_agreement_is_refused(client, staff_user, three_partners):
    agreement, parties = _existing(staff_user, three_partners)
    other, _ = _existing(staff_user, [PartnerFactory(), PartnerFactory(), PartnerFactory()])
    client.force_login(staff_user)
    data = _edit_submission(agreement, parties)
    data["risks-0-id"] = str(other.risks.get().pk)
    response = client.post(reverse("agreements:edit", args=[agreement.pk]), data)
    assert response.status_code == 400
    agreement.refresh_from_db()
    assert agreement.title == "Lama"
    assert other.risks.get().shares.count() == 1


@pytest.mark.parametrize("name", ["agreements:create", "agreements:edit"])
def test_managers_may_not_edit(client, manager_user, three_partners, staff_user, name):
    agreement, _ = _existing(staff_user, three_partners)
    client.force_login(manager_user)
    args = [agreement.pk] if name.endswith("edit") else []
    assert client.get(reverse(name, args=args)).status_code == 403


@pytest.mark.parametrize("who", ["partner_user", "opd_user"])
def test_portal_users_get_404_on_editor(client, request, who, staff_user, three_partners):
    agreement, _ = _existing(staff_user, three_partners)
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("agreements:create")).status_code == 404
    assert client.get(reverse("agreements:edit", args=[agreement.pk])).status_code == 404
    assert client.get(reverse("agreements:editor_row"), {"prefix": "parties"}).status_code == 404


def test_htmx_rows_offer_the_partners(client, staff_user, three_partners):
    """A party row offers every partner; a share row only the parties on the page."""
    client.force_login(staff_user)
    html = client.get(reverse("agreements:editor_row"), {"prefix": "parties"}).content.decode()
    assert all(p.name in html for p in three_partners)
    a, b, c = three_partners
    hints = {"prefix": "risks-0-shares", "parties-0-partner": a.pk, "parties-1-partner": c.pk}
    html = client.get(reverse("agreements:editor_row"), hints).content.decode()
    assert a.name in html and c.name in html and b.name not in html


def test_saving_without_changes_to_rows_writes_only_the_agreement(client, staff_user, three_partners):
    agreement, parties = _existing(staff_user, three_partners)
    risk = agreement.risks.get()
    before = (risk.history.count(), sum(p.history.count() for p in parties))
    client.force_login(staff_user)
    data = _edit_submission(agreement, parties, title="Lama")
    assert client.post(reverse("agreements:edit", args=[agreement.pk]), data).status_code == 302
    assert (risk.history.count(), sum(p.history.count() for p in parties)) == before


def test_removing_every_party_is_allowed_while_preparing(client, staff_user, three_partners):
    agreement, parties = _existing(staff_user, three_partners)
    client.force_login(staff_user)
    data = _edit_submission(agreement, parties)
    for index in range(3):
        data[f"parties-{index}-DELETE"] = "on"
    data["risks-0-shares-0-DELETE"] = "on"
    response = client.post(reverse("agreements:edit", args=[agreement.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert agreement.parties.count() == 0


def test_end_before_start_and_a_taken_number_are_refused(client, staff_user, three_partners):
    services.agreement_create(actor=staff_user, title="Ada", category="ksdpk", number="KS/1/2026")
    client.force_login(staff_user)
    data = _full_submission(three_partners)
    data.update(start_date="2027-01-01", end_date="2026-01-01", number="KS/1/2026")
    before = _counts()
    response = client.post(reverse("agreements:create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tanggal berakhir tidak boleh sebelum tanggal mulai." in html
    assert "Nomor registrasi ini sudah dipakai kerja sama lain." in html
    assert _counts() == before
