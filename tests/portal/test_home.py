"""The partner and OPD home: their agreements and due dates, nothing of anyone else."""

import datetime

import pytest
from django.urls import reverse

from agreements.choices import Stage
from notifications.models import Notification
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory

from .conftest import make_obligation

pytestmark = pytest.mark.django_db


def test_partner_home_lists_own_due_dates_and_agreements(client, world):
    Notification.objects.create(user=world.partner_user, title="Pengingat laporan triwulan")
    client.force_login(world.partner_user)
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Laporan triwulan mitra" in html
    assert "Setoran kontribusi tetap" in html
    assert "Pengingat laporan triwulan" in html
    assert world.agreement.title in html
    assert [o.obligation_id for o in response.context["overdue"]] == [world.overdue.pk]
    assert [o.obligation_id for o in response.context["upcoming"]] == [world.upcoming.pk]
    for hidden in (
        "Kewajiban internal tersembunyi",
        "Laporan dinas penanggung jawab",
        "Kewajiban mitra lain",
    ):
        assert hidden not in html
    assert "Kerja Sama Orang Luar" not in html


def test_opd_home_lists_its_agreements_and_its_duties(client, world):
    client.force_login(world.opd_user)
    html = client.get(reverse("portal:home")).content.decode()
    assert world.agreement.title in html
    assert "Laporan dinas penanggung jawab" in html
    assert "Laporan triwulan mitra" not in html  # the partner's duty, not the OPD's
    assert "Kerja Sama Orang Luar" not in html


def test_staff_home_goes_to_the_queue_and_others_get_404(client, world, manager_user):
    client.force_login(world.staff_user)
    assert client.get(reverse("portal:home")).url == reverse("portal:verification_queue")
    client.force_login(manager_user)
    assert client.get(reverse("portal:home")).status_code == 404


def test_past_agreements_are_listed_apart(client, world):
    past = AgreementFactory(title="Kerja Sama Lama Selesai", stage=Stage.COMPLETED)
    AgreementPartyFactory(agreement=past, partner=world.partner, order=1)
    client.force_login(world.partner_user)
    response = client.get(reverse("portal:home"))
    assert [a.pk for a in response.context["past_agreements"]] == [past.pk]
    assert world.agreement in response.context["active_agreements"]


# session, user, roles, membership ids (accounts/scope.py), agreements, overdue, upcoming, recent,
# latest notifications, the memberships with their organisations (who you are), unread badge (base)
HOME_QUERIES = 11


def test_home_query_count_does_not_grow_with_rows(client, world, django_assert_num_queries):
    client.force_login(world.partner_user)
    with django_assert_num_queries(HOME_QUERIES):
        assert client.get(reverse("portal:home")).status_code == 200
    for n in range(5):
        agreement = AgreementFactory()
        party = AgreementPartyFactory(agreement=agreement, partner=world.partner, order=1)
        make_obligation(agreement, party, f"Tambahan {n}", world.today + datetime.timedelta(days=n + 1))
    with django_assert_num_queries(HOME_QUERIES):
        response = client.get(reverse("portal:home"))
    assert len(response.context["upcoming"]) == 6
