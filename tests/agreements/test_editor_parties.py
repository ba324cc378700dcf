"""The editor offers only what fits and says everything at once: the selects that name a party list
the agreement's parties, a partner can be created without leaving the page, and one save answers
with every field, row, split and party problem."""

import json
import re

import pytest
from django.urls import reverse

from agreements.models import Agreement
from registry.choices import Sector
from registry.models import Partner
from tests.agreements.editor_data import BASIC_FIELDS, editor_data
from tests.agreements.test_editor import _counts, _full_submission
from tests.registry.factories import OrganisationUnitFactory, PartnerFactory

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


def _options(html, name):
    """(value, label) of the options of the select called `name`."""
    select = re.search(rf'<select name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    return re.findall(r'<option value="(\d*)"[^>]*>([^<]*)</option>', select[1])


def test_party_selects_list_the_agreements_parties_and_party_rows_every_partner(
    client, staff_user, three_partners
):
    a, b, c = three_partners
    client.force_login(staff_user)
    assert client.post(reverse("agreements:create"), _full_submission(three_partners)).status_code == 302
    agreement = Agreement.objects.get()
    html = client.get(reverse("agreements:edit", args=[agreement.pk])).content.decode()
    parties = [(str(p.pk), p.name) for p in (a, b, c)]
    assert _options(html, "obligations-0-party_partner")[1:] == parties
    assert _options(html, "risks-0-shares-0-partner")[1:] == parties
    # Every selectable partner for a party row, the other two only as the agreement's parties.
    outsider = PartnerFactory(name="Yayasan Luar")
    html = client.get(reverse("agreements:edit", args=[agreement.pk])).content.decode()
    assert (str(outsider.pk), "Yayasan Luar") in _options(html, "parties-0-partner")
    assert (str(outsider.pk), "Yayasan Luar") not in _options(html, "obligations-0-party_partner")
    assert "data-party-select" in html


def test_a_party_added_in_the_submission_is_offered_to_the_rows_below(client, staff_user, three_partners):
    a, b, c = three_partners
    client.force_login(staff_user)
    data = editor_data(BASIC_FIELDS, parties=[{"partner": a.pk}, {"partner": c.pk}], obligations=[{}])
    data["_add"] = "obligations"
    html = client.post(reverse("agreements:create"), data).content.decode()
    assert _options(html, "obligations-1-party_partner")[1:] == [(str(a.pk), a.name), (str(c.pk), c.name)]
    # A party row marked for removal is not offered.
    data["parties-1-DELETE"] = "on"
    html = client.post(reverse("agreements:create"), data).content.decode()
    assert _options(html, "obligations-1-party_partner")[1:] == [(str(a.pk), a.name)]


def test_a_new_row_by_htmx_offers_the_parties_of_the_page(client, staff_user, three_partners):
    a, b, _c = three_partners
    client.force_login(staff_user)
    response = client.get(
        reverse("agreements:editor_row"),
        {
            "prefix": "risks-0-shares",
            "risks-0-shares-TOTAL_FORMS": "2",
            "parties-0-partner": str(b.pk),
            "parties-1-partner": str(a.pk),
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert _options(html, "risks-0-shares-2-partner")[1:] == [(str(b.pk), b.name), (str(a.pk), a.name)]


def test_one_save_answers_every_field_row_split_and_party_problem(client, staff_user, three_partners):
    client.force_login(staff_user)
    outsider = PartnerFactory(name="Orang Luar")
    data = _full_submission(three_partners, risk_split=(50, 30, 10))
    data["end_date"] = "31-31-2027"  # does not parse
    data["obligations-0-first_due_date"] = ""  # required
    data["benefits-0-shares-1-partner"] = str(outsider.pk)  # not a party
    data.update(
        {
            "contributions-TOTAL_FORMS": "1",
            "contributions-INITIAL_FORMS": "0",
            "contributions-0-party_partner": str(outsider.pk),
            "contributions-0-kind": "funds",
        }
    )
    before = _counts()
    response = client.post(reverse("agreements:create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_end_date_error">Masukkan tanggal yang valid.' in html
    assert 'id="id_obligations-0-first_due_date_error">Bidang ini harus diisi.' in html
    assert "Jumlah porsi 90 %, harus tepat 100 %." in html
    assert "Porsi hanya dapat diberikan kepada mitra yang tercantum sebagai pihak." in html
    assert "Pilih mitra yang tercantum sebagai pihak." in html
    assert _counts() == before


# --- a partner created from inside the editor -------------------------------------------------------


def test_a_partner_is_created_from_the_editor_dialog_and_named_to_the_page(client, staff_user):
    client.force_login(staff_user)
    page = client.get(reverse("agreements:create")).content.decode()
    assert 'id="new-partner-dialog"' in page and 'data-open-dialog="new-partner-dialog"' in page
    response = client.post(
        reverse("agreements:partner_create"),
        {"mitra_baru-name": "Koperasi Kopi Lereng", "mitra_baru-partner_type": "cooperative"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    partner = Partner.objects.get(name="Koperasi Kopi Lereng")
    assert json.loads(response["HX-Trigger"]) == {
        "partnerCreated": {"id": partner.pk, "name": "Koperasi Kopi Lereng"}
    }
    html = response.content.decode()
    assert "Mitra Koperasi Kopi Lereng ditambahkan" in html
    assert 'name="mitra_baru-name"' in html and 'value="Koperasi Kopi Lereng"' not in html
    assert partner.sector == Sector.PRIVATE  # the sector follows the type (decision 0053)


def test_a_partner_without_a_name_is_refused_in_indonesian_and_nothing_is_created(client, staff_user):
    client.force_login(staff_user)
    before = Partner.objects.count()
    response = client.post(
        reverse("agreements:partner_create"),
        {"mitra_baru-name": "", "mitra_baru-partner_type": "cooperative", "mitra_baru-nib": "123"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200  # htmx swaps the dialog's form with its reasons
    assert "HX-Trigger" not in response
    html = response.content.decode()
    assert 'id="id_mitra_baru-name_error">Bidang ini harus diisi.' in html and 'value="123"' in html
    assert Partner.objects.count() == before


def test_managers_are_not_offered_and_may_not_create_partners(client, manager_user):
    client.force_login(manager_user)
    response = client.post(
        reverse("agreements:partner_create"),
        {"mitra_baru-name": "Mitra", "mitra_baru-partner_type": "cooperative"},
    )
    assert response.status_code == 403
    assert not Partner.objects.filter(name="Mitra").exists()
    assert client.get(reverse("agreements:partner_create")).status_code in (403, 405)


def test_an_opd_has_one_name_in_every_select_of_the_editor(client, staff_user):
    OrganisationUnitFactory(
        name="Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", short_name="DPMPTSP"
    )
    client.force_login(staff_user)
    data = editor_data(BASIC_FIELDS, obligations=[{}])
    data["_add"] = "obligations"
    html = client.post(reverse("agreements:create"), data).content.decode()
    for name in ("lead_unit", "obligations-0-responsible_unit"):
        assert "DPMPTSP" in [label for _value, label in _options(html, name)], name
    assert "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu" not in html
