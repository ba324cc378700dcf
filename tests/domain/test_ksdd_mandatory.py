"""A KSDD *wajib* rests on regions that border each other and a government affair they share (PP
28/2018): the bordering regions (among its parties) and the affair are required when the nature is
*wajib*, and refused for any other agreement — through the services, the editor page and the API."""

import pytest
from django.urls import reverse

from agreements import services
from agreements.choices import Category
from agreements.models import Agreement, ProcessRules
from agreements.services.editing import ChangesRefused
from registry.models import GovernmentAffair, Partner
from tests.agreements.test_agreement_save import edit_submission
from tests.api.conftest import client_for
from tests.domain.law import counterpart, prepared
from tests.registry.factories import HomeGovernmentFactory, PartnerFactory

pytestmark = pytest.mark.django_db

NEEDS_AFFAIR = "KSDD wajib memerlukan urusan pemerintahan yang dikerjasamakan: pilih urusannya."
NEEDS_BORDER = "KSDD wajib memerlukan daerah yang berbatasan: pilih di antara daerah para pihak."
ONLY_WAJIB = (
    "Daerah yang berbatasan dan urusan yang dikerjasamakan hanya diisi untuk KSDD yang bersifat wajib; "
    "kosongkan."
)


@pytest.fixture
def affair():
    return GovernmentAffair.objects.get(code="lingkungan_hidup")


@pytest.fixture
def ksdd(staff_user):
    return prepared(Category.KSDD, actor=staff_user)


def _neighbour(agreement):
    return agreement.parties.exclude(partner__is_home_government=True).get().partner


def refused(call) -> dict:
    with pytest.raises(ChangesRefused) as caught:
        call()
    return caught.value.message_dict


def test_wajib_needs_the_bordering_regions_and_the_affair(staff_user, ksdd, affair):
    errors = refused(
        lambda: services.agreement_update(agreement=ksdd, actor=staff_user, ksdd_nature="mandatory")
    )
    assert errors == {"ksdd_affair": [NEEDS_AFFAIR], "ksdd_bordering_regions": [NEEDS_BORDER]}
    assert Agreement.objects.get(pk=ksdd.pk).ksdd_nature == ""
    services.agreement_update(
        agreement=ksdd,
        actor=staff_user,
        ksdd_nature="mandatory",
        ksdd_affair=affair,
        ksdd_bordering_regions=[_neighbour(ksdd).pk],
    )
    saved = Agreement.objects.get(pk=ksdd.pk)
    assert (saved.ksdd_nature, saved.ksdd_affair) == ("mandatory", affair)
    assert list(saved.ksdd_bordering_regions.all()) == [_neighbour(ksdd)]


def test_bordering_regions_are_other_regions_among_the_parties(staff_user, ksdd, affair):
    stranger = PartnerFactory(name="Pemerintah Kabupaten Lumajang", partner_type="regency")
    company = PartnerFactory(name="PT Bukan Daerah", partner_type="private_company")
    home = Partner.objects.get(is_home_government=True)
    errors = refused(
        lambda: services.agreement_update(
            agreement=ksdd,
            actor=staff_user,
            ksdd_nature="mandatory",
            ksdd_affair=affair,
            ksdd_bordering_regions=[stranger.pk, company.pk, home.pk],
        )
    )
    assert sorted(errors["ksdd_bordering_regions"]) == sorted(
        [
            "Pemerintah Kabupaten Lumajang bukan pihak dalam kerja sama ini; pilih di antara daerah para pihak.",
            "PT Bukan Daerah bukan daerah lain yang dapat berbatasan.",
            f"{home.name} bukan daerah lain yang dapat berbatasan.",
        ]
    )


@pytest.mark.parametrize("nature", ["", "voluntary"])
def test_the_fields_are_refused_unless_wajib(staff_user, ksdd, affair, nature):
    errors = refused(
        lambda: services.agreement_update(
            agreement=ksdd, actor=staff_user, ksdd_nature=nature, ksdd_affair=affair
        )
    )
    assert errors == {"ksdd_affair": [ONLY_WAJIB]}
    errors = refused(
        lambda: services.agreement_update(
            agreement=ksdd, actor=staff_user, ksdd_bordering_regions=[_neighbour(ksdd).pk]
        )
    )
    assert errors == {"ksdd_bordering_regions": [ONLY_WAJIB]}


def test_outside_a_ksdd_the_fields_are_refused(staff_user, affair):
    agreement = prepared(Category.KSDPK, actor=staff_user)
    errors = refused(
        lambda: services.agreement_update(agreement=agreement, actor=staff_user, ksdd_affair=affair)
    )
    assert errors == {"ksdd_affair": [ONLY_WAJIB]}


def test_a_wajib_ksdd_renews_with_its_bordering_regions(staff_user, ksdd, affair):
    services.agreement_update(
        agreement=ksdd,
        actor=staff_user,
        ksdd_nature="mandatory",
        ksdd_affair=affair,
        ksdd_bordering_regions=[_neighbour(ksdd).pk],
    )
    rules = ProcessRules.current()
    rules.renewal_requires_final_evaluation = False
    rules.save()
    successor = services.agreement_renew(agreement=Agreement.objects.get(pk=ksdd.pk), actor=staff_user)
    assert list(successor.ksdd_bordering_regions.all()) == [_neighbour(ksdd)]
    assert successor.ksdd_affair == affair


def test_through_the_api(staff_user, affair):
    home = HomeGovernmentFactory()
    neighbour = counterpart(Category.KSDD, staff_user)
    client = client_for(staff_user)
    body = {
        "title": "KSDD Pengelolaan Sampah Regional",
        "category": "ksdd",
        "ksdd_nature": "mandatory",
        "start_date": "2026-01-01",
        "parties": [{"partner": home.pk}, {"partner": neighbour.pk}],
    }
    response = client.post(reverse("api:agreement-list"), body, format="json")
    assert response.status_code == 400
    assert response.json()["ksdd_affair"] == [NEEDS_AFFAIR]
    assert response.json()["ksdd_bordering_regions"] == [NEEDS_BORDER]
    assert not Agreement.objects.exists()
    body.update(ksdd_affair=affair.pk, ksdd_bordering_regions=[neighbour.pk])
    response = client.post(reverse("api:agreement-list"), body, format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["ksdd_affair"], response.json()["ksdd_bordering_regions"]) == (
        affair.pk,
        [neighbour.pk],
    )
    company = PartnerFactory(partner_type="private_company")
    response = client.post(
        reverse("api:agreement-list"),
        {**body, "ksdd_bordering_regions": [company.pk], "title": "Lain"},
        format="json",
    )
    assert response.status_code == 400  # not a region: not even a choice


def test_through_the_editor_page(client, staff_user, ksdd, affair):
    client.force_login(staff_user)
    url = reverse("agreements:edit", args=[ksdd.pk])
    html = client.get(url).content.decode()
    assert 'name="ksdd_bordering_regions"' in html and 'name="ksdd_affair"' in html
    data = edit_submission(ksdd, title=ksdd.title, category="ksdd", ksdd_nature="mandatory")
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert NEEDS_AFFAIR in page and NEEDS_BORDER in page
    assert Agreement.objects.get(pk=ksdd.pk).ksdd_nature == ""
    data["ksdd_affair"] = str(affair.pk)
    data["ksdd_bordering_regions"] = [str(_neighbour(ksdd).pk)]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = Agreement.objects.get(pk=ksdd.pk)
    assert (saved.ksdd_nature, saved.ksdd_affair_id) == ("mandatory", affair.pk)
    detail = client.get(saved.get_absolute_url()).content.decode()
    assert "Daerah yang berbatasan" in detail and _neighbour(ksdd).name in detail
