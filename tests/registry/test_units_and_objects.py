"""OPD and cooperation-object pages, and moving everything of one OPD to another."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements.models import Agreement, Obligation
from agreements.services.units import organisation_unit_transfer
from registry.models import CooperationObject, OrganisationUnit
from tests.agreements.factories import AgreementFactory, ObligationFactory
from tests.registry.factories import CooperationObjectFactory, OrganisationUnitFactory

pytestmark = pytest.mark.django_db


def test_unit_list_create_edit(client, staff_user):
    OrganisationUnitFactory(name="Dinas Pertanian", code="3.27")
    client.force_login(staff_user)
    response = client.get(reverse("registry:unit_list"), {"q": "pertanian"})
    assert [u.name for u in response.context["units"]] == ["Dinas Pertanian"]
    response = client.post(
        reverse("registry:unit_create"),
        {"code": "2.11", "name": "Dinas Pariwisata", "short_name": "", "is_active": "on"},
    )
    assert response.url == reverse("registry:unit_list")
    unit = OrganisationUnit.objects.get(code="2.11")
    client.post(
        reverse("registry:unit_edit", args=[unit.pk]),
        {
            "code": "2.11",
            "name": "Dinas Pariwisata dan Kebudayaan",
            "short_name": "Disparbud",
            "is_active": "on",
        },
    )
    unit.refresh_from_db()
    assert unit.short_name == "Disparbud"
    duplicate = client.post(reverse("registry:unit_create"), {"code": "2.11", "name": "Lain"})
    assert "code" in duplicate.context["form"].errors


def test_object_list_create_edit(client, staff_user, unit):
    client.force_login(staff_user)
    data = {"name": "Kawasan Agrowisata", "government_affair": "Pariwisata", "location": "Kec. Arjasa"}
    response = client.post(
        reverse("registry:object_create"), {**data, "organisation_unit": unit.pk, "is_active": "on"}
    )
    assert response.url == reverse("registry:object_list")
    cooperation_object = CooperationObject.objects.get(name="Kawasan Agrowisata")
    assert cooperation_object.organisation_unit == unit
    client.post(
        reverse("registry:object_edit", args=[cooperation_object.pk]), {**data, "location": "Kec. Sukowono"}
    )
    cooperation_object.refresh_from_db()
    assert cooperation_object.location == "Kec. Sukowono"
    page = client.get(reverse("registry:object_list"), {"q": "agrowisata"})
    assert list(page.context["objects"]) == [cooperation_object]


def _unit_list_queries(client, django_assert_num_queries, rows):
    OrganisationUnitFactory.create_batch(rows)
    with django_assert_num_queries(6):  # session, user, groups, count, page, unread notifications
        client.get(reverse("registry:unit_list"))


def test_unit_list_query_count_does_not_grow(client, staff_user, django_assert_num_queries):
    client.force_login(staff_user)
    _unit_list_queries(client, django_assert_num_queries, 2)
    _unit_list_queries(client, django_assert_num_queries, 30)


@pytest.fixture
def merger(staff_user):
    source = OrganisationUnitFactory(name="Dinas Lama")
    target = OrganisationUnitFactory(name="Dinas Baru")
    led = AgreementFactory(title="Dipimpin", lead_unit=source)
    related = AgreementFactory(title="Terkait")
    related.related_units.add(source)
    both = AgreementFactory(title="Terkait ke tujuan", lead_unit=target)
    both.related_units.add(source)
    untouched = AgreementFactory(title="Lain")
    obligation = ObligationFactory(responsible_unit=source)
    cooperation_object = CooperationObjectFactory(organisation_unit=source)
    return {
        "source": source,
        "target": target,
        "led": led,
        "related": related,
        "both": both,
        "untouched": untouched,
        "obligation": obligation,
        "object": cooperation_object,
    }


def test_transfer_moves_everything_in_one_go_with_history(merger, staff_user):
    source, target = merger["source"], merger["target"]
    versions = {a.pk: a.version for a in Agreement.objects.all()}
    moved = organisation_unit_transfer(source=source, target=target, actor=staff_user)
    assert moved == {"agreements": 3, "obligations": 1, "cooperation_objects": 1}
    led = Agreement.objects.get(pk=merger["led"].pk)
    assert led.lead_unit == target
    assert led.version == versions[led.pk] + 1
    assert list(merger["related"].related_units.all()) == [target]
    assert list(merger["both"].related_units.all()) == []  # already the lead OPD
    assert Obligation.objects.get(pk=merger["obligation"].pk).responsible_unit == target
    assert CooperationObject.objects.get(pk=merger["object"].pk).organisation_unit == target
    assert Agreement.objects.get(pk=merger["untouched"].pk).version == versions[merger["untouched"].pk]
    source.refresh_from_db()
    assert not source.is_active
    record = led.history.first()
    assert record.history_user == staff_user
    assert record.history_change_reason == f"Dipindahkan dari {source} ke {target}"
    assert merger["obligation"].history.first().history_user == staff_user
    assert merger["object"].history.first().history_change_reason == record.history_change_reason
    assert source.history.first().is_active is False
    assert not Agreement.objects.filter(lead_unit=source).exists()
    assert not Agreement.objects.filter(related_units=source).exists()


def test_transfer_refuses_same_or_inactive_target(merger, staff_user):
    source, target = merger["source"], merger["target"]
    with pytest.raises(ValidationError, match="harus berbeda"):
        organisation_unit_transfer(source=source, target=source, actor=staff_user)
    OrganisationUnit.objects.filter(pk=target.pk).update(is_active=False)
    target.refresh_from_db()
    with pytest.raises(ValidationError, match="tidak aktif"):
        organisation_unit_transfer(source=source, target=target, actor=staff_user)
    assert Agreement.objects.get(pk=merger["led"].pk).lead_unit == source


def test_transfer_page(client, staff_user, merger):
    source, target = merger["source"], merger["target"]
    client.force_login(staff_user)
    page = client.get(reverse("agreements:unit_transfer", args=[source.pk]))
    assert "3 kerja sama" in page.text
    assert source not in page.context["form"].fields["target"].queryset
    response = client.post(
        reverse("agreements:unit_transfer", args=[source.pk]), {"target": target.pk, "deactivate_source": ""}
    )
    assert response.url == reverse("registry:unit_list")
    source.refresh_from_db()
    assert source.is_active  # left active when asked
    assert Agreement.objects.get(pk=merger["led"].pk).lead_unit == target


def test_manager_cannot_transfer(client, manager_user, merger):
    client.force_login(manager_user)
    url = reverse("agreements:unit_transfer", args=[merger["source"].pk])
    assert client.post(url, {"target": merger["target"].pk}).status_code == 403
    assert Agreement.objects.get(pk=merger["led"].pk).lead_unit == merger["source"]
