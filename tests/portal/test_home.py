"""The partner and OPD home: their agreements and due dates, nothing of anyone else."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from agreements.choices import Stage
from agreements.services import occurrence_submit
from notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.registry.factories import MembershipFactory

from .conftest import make_obligation
from .files import pdf_upload

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
# latest notifications (fewer than five: the badge's count too, notifications/inbox.py), the memberships
# with their organisations (who you are)
HOME_QUERIES = 10
# From the cache (portal.views.home): the duties and agreements (four queries) and who you are (one).
HOME_QUERIES_CACHED = HOME_QUERIES - 5


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
    with django_assert_num_queries(HOME_QUERIES_CACHED):
        assert client.get(reverse("portal:home")).text.count("Tambahan") == 5


def test_two_users_of_one_partner_share_the_duties_but_not_their_names_or_notices(client, world):
    colleague = UserFactory(first_name="Rekan", last_name="Sekantor", roles=[Role.PARTNER])
    MembershipFactory(user=colleague, partner=world.partner)
    Notification.objects.create(user=world.partner_user, title="Pesan untuk pengguna pertama")
    Notification.objects.create(user=colleague, title="Pesan untuk rekan")
    client.force_login(world.partner_user)
    first = client.get(reverse("portal:home")).text
    client.force_login(colleague)
    second = client.get(reverse("portal:home")).text  # duties from the cache the first one filled
    assert "Laporan triwulan mitra" in first and "Laporan triwulan mitra" in second
    assert "Pesan untuk pengguna pertama" in first and "Pesan untuk pengguna pertama" not in second
    assert "Pesan untuk rekan" in second and "Pesan untuk rekan" not in first
    assert "Rekan Sekantor" in second and "Rekan Sekantor" not in first
    assert all(world.partner.name in html.split('id="portal-identity"', 1)[1] for html in (first, second))


def test_evidence_submitted_shows_on_the_home_served_from_the_cache(client, world):
    client.force_login(world.partner_user)
    assert "Belum ada bukti yang diajukan." in client.get(reverse("portal:home")).text
    occurrence = world.upcoming.occurrences.get()
    occurrence_submit(
        occurrence=occurrence, actor=world.partner_user, note="Laporan terlampir", files=[pdf_upload()]
    )
    recent = client.get(reverse("portal:home")).text.split('id="recent-heading"', 1)[1]
    assert "Laporan triwulan mitra" in recent.split("</section>", 1)[0]


def _badge(html):
    return html.split('href="/notifikasi/"', 1)[1].split("</a>", 1)[0]


@pytest.mark.parametrize("unread", [3, 7])
def test_the_badge_counts_every_unread_notice_beside_the_latest_five(client, world, unread):
    for n in range(unread):
        Notification.objects.create(user=world.partner_user, title=f"Pemberitahuan {n}")
    Notification.objects.create(user=world.partner_user, title="Sudah dibaca", read_at=timezone.now())
    client.force_login(world.partner_user)
    html = client.get(reverse("portal:home")).text
    assert f">{unread}<span" in _badge(html)
    assert html.count("Pemberitahuan ") == min(unread, 5) and "Sudah dibaca" not in html
