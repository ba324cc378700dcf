"""Every API read is scoped like the pages: outside the user's scope is a 404, lists show only what is in it."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def ids(response):
    return {row["id"] for row in response.json()["results"]}


def test_anonymous_gets_401(world, api_as):
    response = api_as(None).get(reverse("api:agreement-list"))
    assert response.status_code == 401


def test_staff_sees_every_agreement(world, api_as, staff_user):
    response = api_as(staff_user).get(reverse("api:agreement-list"))
    assert response.status_code == 200
    assert ids(response) == {world["mine"].pk, world["other"].pk}


def test_partner_sees_only_its_agreements(world, api_as, partner_user):
    client = api_as(partner_user)
    assert ids(client.get(reverse("api:agreement-list"))) == {world["mine"].pk}
    assert client.get(reverse("api:agreement-detail", args=[world["other"].pk])).status_code == 404


def test_opd_officer_sees_agreements_of_its_unit(world, api_as, opd_user):
    client = api_as(opd_user)
    assert ids(client.get(reverse("api:agreement-list"))) == {world["mine"].pk}
    assert client.get(reverse("api:agreement-detail", args=[world["other"].pk])).status_code == 404


def test_partner_detail_hides_internal_items(world, api_as, partner_user):
    data = api_as(partner_user).get(reverse("api:agreement-detail", args=[world["mine"].pk])).json()
    assert [o["title"] for o in data["obligations"]] == ["Laporan bersama"]
    assert data["internal_notes"] is None
    assert [p["order"] for p in data["parties"]] == [1, 2]


def test_staff_detail_shows_everything(world, api_as, staff_user):
    data = api_as(staff_user).get(reverse("api:agreement-detail", args=[world["mine"].pk])).json()
    assert {o["title"] for o in data["obligations"]} == {"Laporan bersama", "Catatan internal pemda"}


def test_partner_occurrences_scoped(world, api_as, partner_user):
    client = api_as(partner_user)
    assert ids(client.get(reverse("api:occurrence-list"))) == {world["occurrence"].pk}
    url = reverse("api:occurrence-detail", args=[world["internal_occurrence"].pk])
    assert client.get(url).status_code == 404


def test_partner_cannot_see_unrelated_partner(world, api_as, partner_user):
    outsider = world["other"].parties.get().partner
    client = api_as(partner_user)
    assert client.get(reverse("api:partner-detail", args=[outsider.pk])).status_code == 404
    assert client.get(reverse("api:partner-detail", args=[world["party"].partner_id])).status_code == 200


def test_partner_cannot_write(world, api_as, partner_user):
    client = api_as(partner_user)
    url = reverse("api:agreement-detail", args=[world["mine"].pk])
    assert client.patch(url, {"title": "x", "version": 1}, format="json").status_code == 403
    assert client.post(reverse("api:agreement-advance", args=[world["mine"].pk])).status_code == 403


def test_each_reader_is_told_their_audience_and_only_staff_read_the_internal_notes(
    world, api_as, staff_user, manager_user, opd_user, partner_user
):
    """The detail answers with agreements.audience_for: OPD officers read the internal items of
    their agreements (decision 0010) but, like partner users, never the internal notes."""
    agreement = world["mine"]
    agreement.internal_notes = "CATATAN-INTERNAL-API"
    agreement.save(update_fields=["internal_notes"])
    url = reverse("api:agreement-detail", args=[agreement.pk])
    expected = {
        staff_user: ("internal", "CATATAN-INTERNAL-API"),
        manager_user: ("internal", "CATATAN-INTERNAL-API"),
        opd_user: ("government", None),
        partner_user: ("parties", None),
    }
    for user, (audience, notes) in expected.items():
        data = api_as(user).get(url).json()
        assert (data["audience"], data["internal_notes"]) == (audience, notes), user
    officer = api_as(opd_user).get(url).json()
    assert {o["title"] for o in officer["obligations"]} == {"Laporan bersama", "Catatan internal pemda"}
