"""The portal says who you are — your name, your role and the organisation you act for — on its pages,
and reads agreements at Indonesian paths; the English path of earlier links redirects there."""

import pytest
from django.urls import reverse

from .conftest import occurrence

pytestmark = pytest.mark.django_db


def test_a_partner_user_reads_their_organisation_and_role(client, world):
    client.force_login(world.partner_user)
    for url in (
        reverse("portal:home"),
        reverse("portal:agreement", args=[world.agreement.pk]),
        reverse("portal:occurrence_submit", args=[occurrence(world.upcoming).pk]),
    ):
        html = client.get(url).content.decode()
        identity = html.split('id="portal-identity"', 1)[1].split("</p>", 1)[0]
        assert "Pengguna Mitra" in identity and world.partner.name in identity, url


def test_an_opd_officer_reads_their_opd(client, world):
    client.force_login(world.opd_user)
    html = client.get(reverse("portal:home")).content.decode()
    identity = html.split('id="portal-identity"', 1)[1].split("</p>", 1)[0]
    assert "Petugas Perangkat Daerah" in identity and world.unit.name in identity


def test_agreements_live_at_indonesian_paths_and_the_old_path_redirects(client, world):
    client.force_login(world.partner_user)
    url = reverse("portal:agreement", args=[world.agreement.pk])
    assert url == f"/portal/kerja-sama/{world.agreement.pk}/"
    old = client.get(f"/portal/agreements/{world.agreement.pk}/")
    assert (old.status_code, old["Location"]) == (301, url)
    assert client.get(url).status_code == 200
    assert client.get(reverse("portal:agreement", args=[world.other.pk])).status_code == 404
