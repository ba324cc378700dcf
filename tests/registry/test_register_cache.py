"""The register's pages from the cache (registry/register_cache.py): every write that changes what they
show gives a new token, whichever way it is written; no page crosses a reader's scope."""

import datetime

import pytest
from django.urls import reverse

from accounts.roles import Role
from agreements import shown
from agreements.choices import OccurrenceStatus, Stage
from agreements.models import Agreement
from agreements.services import occurrences_mark_overdue
from registry import register_cache
from tests.accounts.factories import UserFactory
from tests.agreements.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    ObligationFactory,
    OccurrenceFactory,
)
from tests.registry.factories import MembershipFactory, PartnerFactory

pytestmark = pytest.mark.django_db

LIST = "/kerja-sama/"


def _main(html):
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_every_model_a_register_page_can_show_is_watched_or_left_out_with_a_reason():
    watched = {model._meta.label_lower for model in register_cache.watched_models()}
    related = {m._meta.label_lower for m in [*shown.belonging_models(), *shown.referenced_models()]}
    assert related - watched <= set(register_cache.NOT_SHOWN), (
        related - watched - set(register_cache.NOT_SHOWN)
    )
    assert set(register_cache.NOT_SHOWN) <= related  # no stale entry
    assert {"agreements.agreement", "registry.partner", "evaluations.evaluation"} <= watched


def _agreement_with_due_occurrence(partner_name):
    agreement = AgreementFactory(title="Air Bersih Desa", stage=Stage.IMPLEMENTATION)
    party = AgreementPartyFactory(agreement=agreement, partner=PartnerFactory(short_name=partner_name))
    obligation = ObligationFactory(
        agreement=agreement, party=party, first_due_date=datetime.date(2026, 1, 31)
    )
    OccurrenceFactory(obligation=obligation, status=OccurrenceStatus.UPCOMING)
    return agreement, party.partner


def test_a_cached_list_follows_a_rename_a_bulk_overdue_marking_and_a_new_agreement(
    client, staff_user, django_assert_max_num_queries
):
    _agreement, partner = _agreement_with_due_occurrence("PDAM Lama")
    client.force_login(staff_user)
    assert "PDAM Lama" in client.get(LIST).text
    assert "Air Bersih Desa" not in client.get(LIST, {"has_overdue": "true"}).text
    with django_assert_max_num_queries(4):  # session, user, roles, unread notices: the rest is cached
        assert "PDAM Lama" in client.get(LIST).text

    partner.short_name = "PDAM Baru"
    partner.save()  # a receiver (post_save of a registry model)
    page = client.get(LIST).text
    assert "PDAM Baru" in page and "PDAM Lama" not in page

    occurrences_mark_overdue(datetime.date(2026, 2, 1))  # a QuerySet.update: no signal, an explicit bump
    assert "Air Bersih Desa" in client.get(LIST, {"has_overdue": "true"}).text

    AgreementFactory(title="Jalan Poros Desa")
    assert "Jalan Poros Desa" in client.get(LIST).text


def test_a_save_of_any_watched_model_changes_the_token(partner):
    # A membership reaches no agreement (agreements/shown.py has no receiver for it): only the register's
    # own receivers see it, as they see a new agreement, which raises no agreement's counter.
    before = register_cache.register_token()
    MembershipFactory(user=UserFactory(roles=[Role.PARTNER]), partner=partner)
    after_membership = register_cache.register_token()
    Agreement.objects.create(
        title="Baru Tanpa Pihak", category=Agreement._meta.get_field("category").choices[0][0]
    )
    assert len({before, after_membership, register_cache.register_token()}) == 3


def test_the_token_changes_at_the_write_and_once_more_at_commit(django_capture_on_commit_callbacks):
    before = register_cache.register_token()
    with django_capture_on_commit_callbacks() as callbacks:
        register_cache.register_changed()
        first = register_cache.register_token()
        register_cache.register_changed()
        second = register_cache.register_token()
    assert len({before, first, second}) == 3  # each write: what this transaction reads next is fresh
    assert len(callbacks) == 1  # one more token when the transaction commits, however many writes
    callbacks[0]()
    assert register_cache.register_token() not in {before, first, second}


def test_staff_and_managers_never_share_a_cached_page(client, staff_user, manager_user):
    create = reverse("agreements:create")
    client.force_login(staff_user)
    assert create in client.get(LIST).text
    client.force_login(manager_user)
    assert create not in client.get(LIST).text  # a manager reads, does not create
    client.force_login(UserFactory(roles=[Role.STAFF]))
    assert create in client.get(LIST).text


def test_dashboard_and_partner_list_follow_writes(client, staff_user):
    client.force_login(staff_user)
    assert "Kebun Raya Berakhir" not in client.get(reverse("dashboard")).text
    assert "Koperasi Sumber Rejeki" not in client.get(reverse("registry:partner_list")).text
    PartnerFactory(name="Koperasi Sumber Rejeki", short_name="")
    assert "Koperasi Sumber Rejeki" in client.get(reverse("registry:partner_list")).text
    AgreementFactory(
        title="Kebun Raya Berakhir",
        stage=Stage.IMPLEMENTATION,
        end_date=datetime.date.today() + datetime.timedelta(days=30),
    )
    assert "Kebun Raya Berakhir" in client.get(reverse("dashboard")).text  # "ending within 90 days"


def test_the_public_register_is_one_page_for_every_visitor(client, staff_user, django_assert_num_queries):
    AgreementFactory(title="Pasar Rakyat Terbuka", is_public=True)
    AgreementFactory(title="Rahasia Internal", is_public=False)
    anonymous = client.get(reverse("public:register")).text
    client.force_login(staff_user)
    with django_assert_num_queries(4):  # session, user, roles, unread notices: the content is cached
        logged_in = client.get(reverse("public:register")).text
    content = _main(anonymous)
    assert content == _main(logged_in)
    assert "Pasar Rakyat Terbuka" in content and "Rahasia Internal" not in content


def test_odd_characters_in_the_query_string_are_a_key_like_any_other(client, staff_user):
    # Bytes that are not UTF-8 never reach a view (core/request_guard.py answers 400); these do.
    odd = "?q=%e2%80%ae%f0%9f%98%80%27%22%3c&page=-1&ordering=%3bdrop&q=dua"
    client.force_login(staff_user)
    first = client.get(LIST + odd)
    again = client.get(LIST + odd)
    assert first.status_code == again.status_code == 200
    assert _main(first.text) == _main(again.text)
