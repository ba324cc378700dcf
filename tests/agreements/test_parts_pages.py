"""The parts of an agreement edited from its page: contributions (editor rows), benefit realisations,
instruments (edit, sign, signed copy), documents (title and visibility), and the editor's partner search.

Every write goes through the services; bad input is refused at its field with nothing changed; the
change shows in the page's history.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from agreements import services
from agreements.models import Agreement, Contribution
from tests.agreements.editor_data import BASIC_FIELDS, editor_data
from tests.registry.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def _agreement(actor, parties=2, **fields):
    return services.agreement_create(
        actor=actor,
        title=fields.pop("title", "Uji bagian"),
        category="ksdpk",
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2027, 12, 31),
        parties=[{"partner": PartnerFactory()} for _ in range(parties)],
        **fields,
    )


def _page(client, agreement):
    """The agreement page's HTML with whitespace collapsed, so history lines read as one."""
    html = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    return re.sub(r"\s+", " ", html)


def _history(kind, model, label):
    return f'{kind}: {model} <em class="text-break">{label}</em>'


# --- contributions: rows of the one-page editor ----------------------------------------------------


def _editor_submission(agreement, contributions, initial_contributions=0):
    parties = list(agreement.parties.order_by("order"))
    return editor_data(
        {**BASIC_FIELDS, "title": agreement.title},
        version=agreement.version,
        parties=[{"id": p.pk, "partner": p.partner_id} for p in parties],
        contributions=contributions,
        initial={"parties": len(parties), "contributions": initial_contributions},
    )


def test_contributions_are_added_edited_and_removed_in_the_editor(client, staff_user):
    agreement = _agreement(staff_user)
    first, second = agreement.parties.order_by("order")
    client.force_login(staff_user)
    url = reverse("agreements:edit", args=[agreement.pk])
    assert 'name="contributions-TOTAL_FORMS"' in client.get(url).content.decode()
    data = _editor_submission(
        agreement,
        [
            {
                "party_partner": first.partner_id,
                "kind": "funds",
                "description": "APBD 2026",
                "estimated_value": "1250000000",
                "shared_with_parties": True,
            },
            {"party_partner": second.partner_id, "kind": "expertise", "description": "Tenaga ahli"},
        ],
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    funds, expertise = Contribution.objects.order_by("pk")
    assert (funds.party, funds.kind, funds.estimated_value, funds.shared_with_parties) == (
        first,
        "funds",
        Decimal("1250000000"),
        True,
    )
    assert (expertise.party, expertise.shared_with_parties) == (second, False)
    page = _page(client, agreement)
    assert "Rp 1.250.000.000" in page and "Tenaga ahli" in page
    assert _history("Ditambahkan", "kontribusi", "APBD 2026") in page

    agreement.refresh_from_db()
    data = _editor_submission(
        agreement,
        [
            {
                "id": funds.pk,
                "party_partner": first.partner_id,
                "kind": "funds",
                "description": "APBD 2026",
                "estimated_value": "1500000000",
                "shared_with_parties": True,
            },
            {
                "id": expertise.pk,
                "party_partner": second.partner_id,
                "kind": "expertise",
                "description": "Tenaga ahli",
                "DELETE": True,
            },
        ],
        initial_contributions=2,
    )
    assert client.post(url, data).status_code == 302
    assert list(Contribution.objects.values_list("pk", "estimated_value")) == [
        (funds.pk, Decimal("1500000000"))
    ]
    page = _page(client, agreement)
    assert "Perkiraan nilai (Rp): 1250000000.00 → 1500000000.00" in page
    assert _history("Dihapus", "kontribusi", "Tenaga ahli") in page


def test_contribution_refused_at_its_field_and_nothing_saved(client, staff_user):
    agreement = _agreement(staff_user)
    first = agreement.parties.order_by("order").first()
    outsider = PartnerFactory()
    version = agreement.version
    client.force_login(staff_user)
    url = reverse("agreements:edit", args=[agreement.pk])
    negative = [{"party_partner": first.partner_id, "kind": "funds", "estimated_value": "-5"}]
    response = client.post(url, _editor_submission(agreement, negative))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_contributions-0-estimated_value_error"' in html
    assert "Pastikan nilai ini lebih besar dari atau sama dengan 0." in html
    not_a_party = [{"party_partner": outsider.pk, "kind": "data"}]
    response = client.post(url, _editor_submission(agreement, not_a_party))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_contributions-0-party_partner_error"' in html
    assert "Pilih mitra yang tercantum sebagai pihak." in html
    assert not Contribution.objects.exists()
    assert Agreement.objects.get(pk=agreement.pk).version == version


def test_new_agreement_saves_its_contributions(client, staff_user):
    a, b = PartnerFactory(), PartnerFactory()
    client.force_login(staff_user)
    data = editor_data(
        BASIC_FIELDS,
        parties=[{"partner": a.pk}, {"partner": b.pk}],
        contributions=[{"party_partner": b.pk, "kind": "land_assets", "estimated_value": "300000000"}],
    )
    assert client.post(reverse("agreements:create"), data).status_code == 302
    contribution = Contribution.objects.get()
    assert (contribution.party.partner, contribution.kind) == (b, "land_assets")


def test_htmx_contribution_row(client, staff_user):
    client.force_login(staff_user)
    html = client.get(
        reverse("agreements:editor_row"), {"prefix": "contributions", "contributions-TOTAL_FORMS": "2"}
    ).content.decode()
    assert 'name="contributions-2-estimated_value"' in html and 'value="3"' in html
