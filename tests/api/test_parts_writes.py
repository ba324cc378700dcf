"""Writes to an agreement's parts through the nested API: the services' rules as 400 per field in the
user's language, the agreement's version carried by every write (missing → 400, stale → 409)."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements import services
from agreements.choices import DocumentType, InstrumentStatus, Visibility
from agreements.models import Agreement, AgreementParty, Contribution, Obligation, Risk
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory, RiskFactory
from tests.registry.factories import PartnerFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(agreement, segment, pk=None, action=None):
    if action:
        return reverse(f"api:agreement-{segment}-{action}", args=[agreement.pk, pk])
    if pk is None:
        return reverse(f"api:agreement-{segment}-list", args=[agreement.pk])
    return reverse(f"api:agreement-{segment}-detail", args=[agreement.pk, pk])


def version_of(agreement):
    return Agreement.objects.values_list("version", flat=True).get(pk=agreement.pk)


@pytest.fixture
def staff(api_as, staff_user):
    return api_as(staff_user)


@pytest.fixture
def two_parties(world):
    agreement = world["mine"]
    return agreement, list(agreement.parties.order_by("order"))


# --- parties ---------------------------------------------------------------------------------


def test_party_add_update_remove(staff, world):
    agreement = world["mine"]
    newcomer = PartnerFactory()
    version = version_of(agreement)
    added = staff.post(
        url(agreement, "parties"),
        {"partner": newcomer.pk, "roles": ["funder"], "signatory_name": "Ibu Ani", "version": version},
        format="json",
    )
    assert added.status_code == 201, added.json()
    data = added.json()
    assert (data["order"], data["partner_name"], data["roles"]) == (3, newcomer.name, ["funder"])
    assert data["agreement_version"] == version + 1 == version_of(agreement)

    changed = staff.patch(
        url(agreement, "parties", data["id"]),
        {"signatory_title": "Direktur", "version": data["agreement_version"]},
        format="json",
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["signatory_title"] == "Direktur"

    removed = staff.delete(
        url(agreement, "parties", data["id"]) + f"?version={changed.json()['agreement_version']}"
    )
    assert removed.status_code == 200
    assert removed.json() == {"agreement_version": version + 3}
    assert not AgreementParty.objects.filter(pk=data["id"]).exists()


def test_party_twice_is_400_and_changes_nothing(staff, world):
    agreement = world["mine"]
    version = version_of(agreement)
    response = staff.post(
        url(agreement, "parties"),
        {"partner": world["party"].partner_id, "version": version},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Mitra ini sudah menjadi pihak dalam kerja sama ini."]}
    assert version_of(agreement) == version


def test_party_with_obligations_cannot_be_removed(staff, world):
    agreement = world["mine"]
    response = staff.delete(url(agreement, "parties", world["party"].pk) + f"?version={agreement.version}")
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Pihak ini masih memegang kewajiban; pindahkan atau hapus kewajibannya dahulu."]
    }


def test_unknown_party_role_is_400_under_roles(staff, world):
    agreement = world["mine"]
    response = staff.patch(
        url(agreement, "parties", world["party"].pk),
        {"roles": ["king"], "version": agreement.version},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["roles"]


# --- risks and shares ------------------------------------------------------------------------


def test_risk_with_shares_totalling_100(staff, two_parties):
    agreement, (first, second) = two_parties
    body = {
        "category": "financial",
        "event": "Biaya naik",
        "likelihood": 3,
        "impact": 4,
        "shares": [{"party": second.pk, "percent": "40"}, {"party": first.pk, "percent": "60.00"}],
        "version": agreement.version,
    }
    response = staff.post(url(agreement, "risks"), body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["score"] == 12
    assert data["shares"] == [
        {"party": first.pk, "percent": "60.00"},
        {"party": second.pk, "percent": "40.00"},
    ]
    assert data["agreement_version"] == version_of(agreement)


def test_split_not_100_is_400_under_shares_and_nothing_saved(staff, two_parties):
    agreement, (first, second) = two_parties
    version = version_of(agreement)
    body = {
        "category": "financial",
        "event": "Biaya naik",
        "likelihood": 3,
        "impact": 4,
        "shares": [{"party": first.pk, "percent": "50"}, {"party": second.pk, "percent": "40"}],
        "version": version,
    }
    response = staff.post(url(agreement, "risks"), body, format="json")
    assert response.status_code == 400
    assert response.json() == {"shares": ["Jumlah porsi 90 %, harus tepat 100 %."]}
    assert not Risk.objects.filter(agreement=agreement).exists()
    assert version_of(agreement) == version


def test_split_message_in_the_users_language(api_as, staff_user, two_parties):
    staff_user.preferred_language = "en"
    staff_user.save(update_fields=["preferred_language"])
    agreement, (first, second) = two_parties
    risk = RiskFactory(agreement=agreement)
    client = api_as(staff_user)
    response = client.patch(
        url(agreement, "risks", risk.pk),
        {
            "shares": [{"party": first.pk, "percent": "50"}, {"party": second.pk, "percent": "40"}],
            "version": 1,
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"shares": ["Shares total 90 %; they must be exactly 100 %."]}
    missing = client.patch(url(agreement, "risks", risk.pk), {"event": "x"}, format="json")
    assert missing.json() == {"version": ["Include the version of the agreement you are changing."]}


def test_field_rules_are_400_per_field_in_indonesian(staff, world):
    agreement = world["mine"]
    response = staff.post(
        url(agreement, "risks"),
        {"category": "financial", "likelihood": 9, "version": agreement.version},
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()
    assert errors["event"] == ["Bidang ini harus diisi."]
    assert set(errors) == {"event", "impact", "likelihood"}


def test_share_for_a_party_of_another_agreement_is_400_under_shares(staff, world):
    agreement = world["mine"]
    stranger = world["other"].parties.get()
    mine = world["party"]
    body = {
        "shares": [{"party": stranger.pk, "percent": "50"}, {"party": mine.pk, "percent": "50"}],
        "version": agreement.version,
    }
    risk = RiskFactory(agreement=agreement)
    response = staff.patch(url(agreement, "risks", risk.pk), body, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["shares"]
    assert response.json()["shares"] == {
        "0": {"party": [f'Objek dengan primary key "{stranger.pk}" tidak ditemukan.']}
    }


def test_write_without_version_is_400(staff, world):
    agreement = world["mine"]
    risk = RiskFactory(agreement=agreement)
    version = version_of(agreement)
    response = staff.patch(url(agreement, "risks", risk.pk), {"event": "Baru"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"version": ["Sertakan versi kerja sama yang Anda ubah."]}
    assert staff.delete(url(agreement, "risks", risk.pk)).json() == {
        "version": ["Sertakan versi kerja sama yang Anda ubah."]
    }
    assert version_of(agreement) == version


def test_stale_version_is_409_with_current_version(staff, world):
    agreement = world["mine"]
    risk = RiskFactory(agreement=agreement)
    version = version_of(agreement)
    first = staff.patch(url(agreement, "risks", risk.pk), {"event": "A", "version": version}, format="json")
    assert first.status_code == 200
    assert first.json()["agreement_version"] == version + 1
    stale = staff.patch(url(agreement, "risks", risk.pk), {"event": "B", "version": version}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current_version"] == version + 1
    gone = staff.delete(url(agreement, "risks", risk.pk) + f"?version={version}")
    assert gone.status_code == 409
    risk.refresh_from_db()
    assert risk.event == "A"
    assert staff.delete(url(agreement, "risks", risk.pk) + f"?version={version + 1}").status_code == 200
    assert not Risk.objects.filter(pk=risk.pk).exists()


# --- benefits, realisations, contributions ---------------------------------------------------


def test_benefit_shares_by_amount_and_a_realisation(staff, two_parties):
    agreement, (first, second) = two_parties
    body = {
        "kind": "profit_share",
        "split_method": "amount",
        "shares": [{"party": first.pk, "amount": "1000000"}, {"party": second.pk, "amount": "250000.50"}],
        "version": agreement.version,
    }
    created = staff.post(url(agreement, "benefits"), body, format="json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert [s["amount"] for s in data["shares"]] == ["1000000.00", "250000.50"]
    assert [s["percent"] for s in data["shares"]] == [None, None]

    realised = staff.post(
        url(agreement, "benefits", data["id"], "realisations"),
        {
            "party": second.pk,
            "realised_on": "2026-11-22",
            "amount": "250000.50",
            "version": data["agreement_version"],
        },
        format="json",
    )
    assert realised.status_code == 201, realised.json()
    assert [r["realised_on"] for r in realised.json()["realisations"]] == ["2026-11-22"]
    assert realised.json()["agreement_version"] == data["agreement_version"] + 1


def test_benefit_percent_split_with_amounts_is_400_under_shares(staff, two_parties):
    agreement, (first, second) = two_parties
    body = {
        "kind": "profit_share",
        "split_method": "percent",
        "shares": [{"party": first.pk, "amount": "10"}, {"party": second.pk, "percent": "100"}],
        "version": agreement.version,
    }
    response = staff.post(url(agreement, "benefits"), body, format="json")
    assert response.status_code == 400
    assert response.json() == {"shares": ["Manfaat dibagi dalam persen: isi persen saja untuk setiap pihak."]}


def test_benefit_update_and_delete(staff, two_parties):
    agreement, (first, second) = two_parties
    benefit = services.benefit_create(
        agreement=agreement,
        actor=None,
        kind="profit_share",
        shares=[{"party": first, "percent": Decimal(100)}],
    )
    version = version_of(agreement)
    changed = staff.patch(
        url(agreement, "benefits", benefit.pk),
        {
            "shares": [{"party": first.pk, "percent": "70"}, {"party": second.pk, "percent": "30"}],
            "version": version,
        },
        format="json",
    )
    assert changed.status_code == 200, changed.json()
    assert [s["percent"] for s in changed.json()["shares"]] == ["70.00", "30.00"]
    assert staff.delete(url(agreement, "benefits", benefit.pk) + f"?version={version + 1}").status_code == 200


def test_contribution_create_update_delete(staff, two_parties):
    agreement, (first, _second) = two_parties
    created = staff.post(
        url(agreement, "contributions"),
        {"party": first.pk, "kind": "funds", "estimated_value": "1250000000", "version": agreement.version},
        format="json",
    )
    assert created.status_code == 201, created.json()
    data = created.json()
    changed = staff.put(
        url(agreement, "contributions", data["id"]),
        {"party": first.pk, "kind": "funds", "estimated_value": "5", "version": data["agreement_version"]},
        format="json",
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["estimated_value"] == "5.00"
    deleted = staff.delete(
        url(agreement, "contributions", data["id"]) + f"?version={changed.json()['agreement_version']}"
    )
    assert deleted.status_code == 200
    assert not Contribution.objects.filter(pk=data["id"]).exists()


def test_contribution_from_a_party_of_another_agreement_is_400_under_party(staff, world):
    agreement = world["mine"]
    stranger = world["other"].parties.get()
    response = staff.post(
        url(agreement, "contributions"),
        {"party": stranger.pk, "kind": "funds", "version": agreement.version},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["party"]


# --- obligations -----------------------------------------------------------------------------


def test_obligation_create_makes_occurrences_and_delete(staff, two_parties):
    agreement, (first, _second) = two_parties
    Agreement.objects.filter(pk=agreement.pk).update(start_date="2027-01-01", end_date="2027-12-31")
    created = staff.post(
        url(agreement, "obligations"),
        {
            "party": first.pk,
            "title": "Laporan triwulan",
            "frequency": "quarterly",
            "first_due_date": "2027-03-31",
            "version": version_of(agreement),
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    obligation = Obligation.objects.get(pk=created.json()["id"])
    assert obligation.occurrences.count() == 4
    response = staff.patch(
        url(agreement, "obligations", obligation.pk),
        {"until_date": "2027-01-01", "version": created.json()["agreement_version"]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Tanggal akhir jadwal tidak boleh sebelum jatuh tempo pertama."]
    }
    deleted = staff.delete(
        url(agreement, "obligations", obligation.pk) + f"?version={created.json()['agreement_version']}"
    )
    assert deleted.status_code == 200
    assert not Obligation.objects.filter(pk=obligation.pk).exists()


# --- instruments -----------------------------------------------------------------------------


def test_instrument_create_sign_validate(staff, staff_user, two_parties):
    agreement, (first, second) = two_parties
    created = staff.post(
        url(agreement, "instruments"),
        {
            "kind": "pks",
            "title": "PKS Air Bersih",
            "party_numbers": [
                {"party": first.pk, "number": "001/PKS/2026"},
                {"party": second.pk, "number": "B-7"},
            ],
            "version": agreement.version,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["status"] == InstrumentStatus.DRAFT
    assert [n["number"] for n in data["party_numbers"]] == ["001/PKS/2026", "B-7"]

    too_early = staff.post(
        url(agreement, "instruments", data["id"], "validate"),
        {"version": data["agreement_version"]},
        format="json",
    )
    assert too_early.status_code == 400
    assert too_early.json() == {
        "non_field_errors": ["Hanya naskah yang sudah ditandatangani yang dapat divalidasi."]
    }

    renumbered = staff.patch(
        url(agreement, "instruments", data["id"]),
        {"party_numbers": [{"party": second.pk, "number": "B-8"}], "version": data["agreement_version"]},
        format="json",
    )
    assert renumbered.status_code == 200, renumbered.json()
    assert renumbered.json()["party_numbers"] == [{"party": second.pk, "number": "B-8"}]
    data = renumbered.json()

    signed = staff.post(
        url(agreement, "instruments", data["id"], "sign"),
        {"signing_date": "2026-11-22", "signing_place": "Jember", "version": data["agreement_version"]},
        format="json",
    )
    assert signed.status_code == 200, signed.json()
    assert signed.json()["status"] == InstrumentStatus.SIGNED
    agreement.refresh_from_db()
    assert str(agreement.signed_date) == "2026-11-22"

    services.document_upload(
        agreement=agreement,
        actor=staff_user,
        upload=SimpleUploadedFile("pks.pdf", PDF),
        title="PKS bertanda tangan",
        doc_type=DocumentType.SIGNED_COPY,
        visibility=Visibility.PARTIES,
        instrument=agreement.instruments.get(pk=data["id"]),
    )
    version = version_of(agreement)
    stale = staff.post(
        url(agreement, "instruments", data["id"], "validate"), {"version": version - 1}, format="json"
    )
    assert stale.status_code == 409
    validated = staff.post(
        url(agreement, "instruments", data["id"], "validate"), {"version": version}, format="json"
    )
    assert validated.status_code == 200, validated.json()
    body = validated.json()
    assert body["status"] == InstrumentStatus.VALIDATED
    assert body["has_initials"] and body["has_duty_stamp"] and body["has_seal"]


def test_instruments_are_not_deleted(staff, world):
    agreement = world["mine"]
    instrument = services.instrument_create(agreement=agreement, actor=None, kind="mou")
    response = staff.delete(
        url(agreement, "instruments", instrument.pk) + f"?version={version_of(agreement)}"
    )
    assert response.status_code == 405


def test_addendum_needs_its_parent(staff, world):
    agreement = world["mine"]
    response = staff.post(
        url(agreement, "instruments"), {"kind": "addendum", "version": agreement.version}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Adendum harus menunjuk naskah induk yang diubahnya."]}


def test_parent_from_another_agreement_is_unknown(staff, world):
    foreign = services.instrument_create(agreement=world["other"], actor=None, kind="mou")
    agreement = world["mine"]
    response = staff.post(
        url(agreement, "instruments"),
        {"kind": "addendum", "parent": foreign.pk, "version": agreement.version},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["parent"]


# --- who may write ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["partner_user", "opd_user", "manager_user"])
def test_only_staff_write(role, request, api_as, world):
    client = api_as(request.getfixturevalue(role))
    agreement = world["mine"]
    version = version_of(agreement)
    body = {"category": "financial", "event": "x", "likelihood": 1, "impact": 1, "version": version}
    assert client.post(url(agreement, "risks"), body, format="json").status_code == 403
    shared = world["shared"]
    assert (
        client.patch(
            url(agreement, "obligations", shared.pk), {"title": "x", "version": version}, format="json"
        ).status_code
        == 403
    )
    assert client.delete(url(agreement, "obligations", shared.pk) + f"?version={version}").status_code == 403
    assert version_of(agreement) == version


def test_outside_scope_is_404_not_403(api_as, partner_user, world):
    client = api_as(partner_user)
    other = world["other"]
    body = {"category": "financial", "event": "x", "likelihood": 1, "impact": 1, "version": other.version}
    assert client.post(url(other, "risks"), body, format="json").status_code == 404
    assert client.get(url(other, "risks")).status_code == 404


def test_internal_part_is_404_for_partner(api_as, partner_user, world):
    client = api_as(partner_user)
    agreement = world["mine"]
    assert client.get(url(agreement, "obligations", world["internal"].pk)).status_code == 404
    assert client.get(url(agreement, "obligations", world["shared"].pk)).status_code == 200


def test_part_of_another_agreement_is_404(staff, world):
    risk = RiskFactory(agreement=world["other"])
    agreement = world["mine"]
    response = staff.patch(
        url(agreement, "risks", risk.pk), {"event": "x", "version": agreement.version}, format="json"
    )
    assert response.status_code == 404


def test_anonymous_is_401(api_as, world):
    assert api_as(None).get(url(world["mine"], "parties")).status_code == 401
    assert api_as(None).post(url(world["mine"], "parties"), {}, format="json").status_code == 401


def test_archived_agreement_parts_hidden_from_partner(api_as, partner_user, staff_user, world):
    services.agreement_archive(agreement=world["mine"], actor=staff_user)
    assert api_as(partner_user).get(url(world["mine"], "parties")).status_code == 404


def test_new_agreement_party_then_a_risk_split_between_three(staff, world):
    """A whole flow as a client does it: each write answers the version for the next one."""
    agreement = AgreementFactory()
    partners = [PartnerFactory() for _ in range(3)]
    version = agreement.version
    party_ids = []
    for partner in partners:
        answer = staff.post(
            url(agreement, "parties"), {"partner": partner.pk, "version": version}, format="json"
        )
        assert answer.status_code == 201, answer.json()
        party_ids.append(answer.json()["id"])
        version = answer.json()["agreement_version"]
    shares = [
        {"party": pk, "percent": p} for pk, p in zip(party_ids, ["33.33", "33.33", "33.34"], strict=True)
    ]
    answer = staff.post(
        url(agreement, "risks"),
        {
            "category": "financial",
            "event": "Kurs",
            "likelihood": 2,
            "impact": 5,
            "shares": shares,
            "version": version,
        },
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    assert [s["percent"] for s in answer.json()["shares"]] == ["33.33", "33.33", "33.34"]
    assert AgreementPartyFactory._meta.model.objects.filter(agreement=agreement).count() == 3


def test_a_nested_write_is_one_action_with_one_version_bump(staff, two_parties):
    """The API's part writes go through agreement_save: one bump, one AgreementAction whose key every
    history record of the write carries."""
    from agreements.models import AgreementAction, RiskShare

    agreement, (first, second) = two_parties
    version = version_of(agreement)
    body = {
        "category": "financial",
        "event": "Kurs",
        "likelihood": 2,
        "impact": 2,
        "shares": [{"party": first.pk, "percent": "25"}, {"party": second.pk, "percent": "75"}],
        "version": version,
    }
    response = staff.post(url(agreement, "risks"), body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["agreement_version"] == version + 1 == version_of(agreement)
    action = AgreementAction.objects.get(agreement=agreement, version=version + 1)
    assert action.summary == {"risks": {"created": 1}, "risk_shares": {"created": 2}}
    assert action.history_records(Risk).count() == 1 and action.history_records(RiskShare).count() == 2
    # The agreement's own update through the API is one action too.
    changed = staff.patch(
        reverse("api:agreement-detail", args=[agreement.pk]),
        {"title": "Baru", "version": version + 1},
        format="json",
    )
    assert changed.status_code == 200 and changed.json()["version"] == version + 2
    assert AgreementAction.objects.get(agreement=agreement, version=version + 2).summary == {
        "agreement": ["title"]
    }
