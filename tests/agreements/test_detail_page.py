"""The staff agreement page: who may open it, what it shows, and a constant number of queries."""

import pytest
from django.urls import reverse

from tests.agreements.builders import furnished_agreement

pytestmark = pytest.mark.django_db


def test_staff_see_every_section_with_rupiah_and_indonesian_dates(client, staff_user):
    agreement = furnished_agreement(staff_user, size=2)
    client.force_login(staff_user)
    response = client.get(reverse("agreements:detail", args=[agreement.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rp 1.250.000.000" in html
    assert "1 Januari 2026" in html and "31 Desember 2027" in html
    assert "Pihak Kesatu" in html and "Pihak Ketiga" in html
    assert "Catatan rahasia staf" in html
    assert "Risiko 1" in html and "PKS bertanda tangan 1" in html and "Indikator 1" in html
    assert "Kendala 1" in html and "Layak" in html
    assert 'id="riwayat"' in html and "Ditambahkan" in html


# Session, user and the navbar's unread-notification count; the agreement and one prefetch per kind of
# child; the stage checklist and gate; one history query per kind of child (agreements/selectors_detail.py);
# the latest downloads of its documents (core.audit.read_log_recent); the law's records and the
# parties' legality checks for the compliance panel, their history, the rules in force and the legacy
# entry, if any, that the gates read (issue 10).
DETAIL_QUERIES = 73  # realisations and instrument numbers have history too


@pytest.mark.parametrize("size", [1, 6])
def test_query_count_is_pinned_and_does_not_grow_with_rows(
    client, staff_user, django_assert_num_queries, size
):
    agreement = furnished_agreement(staff_user, size=size)
    client.force_login(staff_user)
    with django_assert_num_queries(DETAIL_QUERIES):
        assert client.get(reverse("agreements:detail", args=[agreement.pk])).status_code == 200


def test_managers_read_everything_but_are_offered_only_reviews_and_evaluations(
    client, staff_user, manager_user
):
    agreement = furnished_agreement(staff_user, size=1)
    client.force_login(manager_user)
    response = client.get(reverse("agreements:detail", args=[agreement.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Catatan rahasia staf" in html
    assert reverse("agreements:tkksd_review", args=[agreement.pk]) in html
    assert reverse("evaluations:create", args=[agreement.pk]) in html
    for name in ("edit", "advance", "archive", "renew", "close", "document_upload", "instrument_create"):
        assert reverse(f"agreements:{name}", args=[agreement.pk]) not in html, name


def test_gate_preview_names_what_the_next_stage_needs(client, staff_user):
    agreement = furnished_agreement(staff_user, size=1)
    client.force_login(staff_user)
    html = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert reverse("agreements:advance", args=[agreement.pk]) in html
    assert "Lanjutkan ke tahap Penandatanganan" in html
