"""API reads from the cache (registry/cached_reads.py): a stored answer never crosses a reader's scope
or a host, follows every write, and only JSON answers are stored."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.registry.factories import MembershipFactory, PartnerFactory

from .conftest import client_for

pytestmark = pytest.mark.django_db

AGREEMENTS = reverse("api:agreement-list")


def _titles(client, url=AGREEMENTS, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return {row["title"] for row in response.json()["results"]}


def test_a_cached_list_is_never_served_to_another_scope(world, staff_user, partner_user):
    staff, partner = client_for(staff_user), client_for(partner_user)
    outsider = UserFactory(roles=["partner"])
    MembershipFactory(user=outsider, partner=PartnerFactory())
    for _ in range(2):  # the second round is served from the cache
        assert {"Kerja Sama Milik Mitra", "Kerja Sama Lain"} <= _titles(staff)
        assert _titles(partner) == {"Kerja Sama Milik Mitra"}
        assert _titles(client_for(outsider)) == set()


def test_a_detail_stored_for_staff_is_a_404_for_a_partner_of_another_agreement(
    world, staff_user, partner_user
):
    url = reverse("api:agreement-detail", args=[world["other"].pk])
    assert client_for(staff_user).get(url).status_code == 200
    assert client_for(partner_user).get(url).status_code == 404


def test_a_write_through_the_api_shows_in_the_next_read_of_the_list_and_the_detail(world, staff_user):
    client = client_for(staff_user)
    agreement = world["mine"]
    detail = reverse("api:agreement-detail", args=[agreement.pk])
    assert client.get(detail).json()["title"] == "Kerja Sama Milik Mitra"
    assert "Kerja Sama Milik Mitra" in _titles(client)

    changed = client.patch(detail, {"title": "Kerja Sama Berganti Judul", "version": agreement.version})
    assert changed.status_code == 200, changed.content
    assert client.get(detail).json()["title"] == "Kerja Sama Berganti Judul"
    assert "Kerja Sama Berganti Judul" in _titles(client)

    AgreementPartyFactory(agreement=AgreementFactory(title="Kerja Sama Baru"), order=1)
    assert "Kerja Sama Baru" in _titles(client)


def test_links_in_a_stored_answer_name_the_host_it_was_asked_of(world, staff_user, settings):
    settings.ALLOWED_HOSTS = ["intranet.example", "kemitraan.example"]
    client = client_for(staff_user)
    occurrences = reverse("api:occurrence-list")
    for host in ("intranet.example", "kemitraan.example", "intranet.example"):
        page = client.get(occurrences, {"page_size": 1}, HTTP_HOST=host).json()
        assert page["next"].startswith(f"http://{host}/")


def test_only_json_answers_are_stored(world, staff_user):
    cache.clear()
    client = client_for(staff_user)
    browsable = client.get(AGREEMENTS, {"format": "api"}, HTTP_ACCEPT="text/html")
    assert browsable.status_code == 200 and browsable["Content-Type"].startswith("text/html")
    assert not [key for key in cache._cache if ":api.agreement.list:" in key]  # locmem's own store
    client.get(AGREEMENTS)
    assert [key for key in cache._cache if ":api.agreement.list:" in key]
