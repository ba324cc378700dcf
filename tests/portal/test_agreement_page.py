"""The partner's view of an agreement: parties and shared items only; other agreements are 404."""

import pytest
from django.urls import reverse

from agreements.choices import DocumentType, Visibility
from agreements.services import document_upload
from evaluations.models import Challenge

from .files import pdf_upload

pytestmark = pytest.mark.django_db


def test_partner_sees_parties_and_shared_items_only(client, world):
    document_upload(
        agreement=world.agreement,
        actor=world.staff_user,
        upload=pdf_upload("naskah.pdf"),
        title="Naskah PKS bertanda tangan",
        doc_type=DocumentType.SIGNED_COPY,
        visibility=Visibility.PARTIES,
    )
    document_upload(
        agreement=world.agreement,
        actor=world.staff_user,
        upload=pdf_upload("telaah.pdf"),
        title="Telaah staf internal",
        doc_type=DocumentType.OTHER,
        visibility=Visibility.INTERNAL,
    )
    Challenge.objects.create(
        agreement=world.agreement,
        category="resources",
        description="Kendala anggaran bersama",
        reported_on=world.today,
        shared_with_parties=True,
    )
    Challenge.objects.create(
        agreement=world.agreement,
        category="resources",
        description="KENDALA-INTERNAL-Y",
        reported_on=world.today,
        shared_with_parties=False,
    )
    client.force_login(world.partner_user)
    response = client.get(reverse("portal:agreement", args=[world.agreement.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for shown in (
        world.home.name,
        world.partner.name,
        "Budi Santoso",
        "Pihak Kedua",
        "Laporan triwulan mitra",
        "Risiko banjir bersama",
        "Naskah PKS bertanda tangan",
        "Kendala anggaran bersama",
    ):
        assert shown in html, shown
    for hidden in (
        "CATATAN-INTERNAL-RAHASIA",
        "RISIKO-INTERNAL-X",
        "Kewajiban internal tersembunyi",
        "Telaah staf internal",
        "KENDALA-INTERNAL-Y",
    ):
        assert hidden not in html, hidden


def test_agreement_outside_scope_is_404(client, world):
    client.force_login(world.partner_user)
    assert client.get(reverse("portal:agreement", args=[world.other.pk])).status_code == 404
    assert client.get(reverse("portal:agreement", args=[999999])).status_code == 404


def test_opd_officer_sees_their_opd_agreement(client, world):
    client.force_login(world.opd_user)
    assert client.get(reverse("portal:agreement", args=[world.agreement.pk])).status_code == 200
    assert client.get(reverse("portal:agreement", args=[world.other.pk])).status_code == 404


def test_agreement_page_query_count_is_fixed(client, world, django_assert_num_queries):
    client.force_login(world.partner_user)
    # Session, user, scope ids, the agreement, then one query per kind of row the page lists, and the
    # user's memberships for the line saying who they are.
    with django_assert_num_queries(19):
        response = client.get(reverse("portal:agreement", args=[world.agreement.pk]))
    assert response.status_code == 200


def test_clause_reads_once_as_pasal(client, world):
    """A clause entered as "Pasal 5" or "5" reads "Pasal 5" on the partner's page, never doubled."""
    shared = world.agreement.obligations.filter(shared_with_parties=True)
    first, *rest = list(shared)
    first.clause_reference = "Pasal 5"
    first.save(update_fields=["clause_reference"])
    client.force_login(world.partner_user)
    html = client.get(reverse("portal:agreement", args=[world.agreement.pk])).content.decode()
    assert "Pasal 5" in html and "Pasal Pasal" not in html
    first.clause_reference = "7"
    first.save(update_fields=["clause_reference"])
    html = client.get(reverse("portal:agreement", args=[world.agreement.pk])).content.decode()
    assert "Pasal 7" in html
