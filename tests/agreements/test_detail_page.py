"""The staff agreement page: a header over one section at a time, each section at its own URL (htmx)
and linkable (`?tab=`); who may open it, what each section shows, and a pinned number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from agreements import services
from agreements.choices import OccurrenceStatus
from agreements.models import ObligationOccurrence
from agreements.shown import bump
from agreements.views.detail import OCCURRENCES_PER_PAGE, TABS
from core.templatetags.formatting import tanggal
from tests.agreements.builders import furnished_agreement
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
SLUGS = [tab.slug for tab in TABS]


def page(client, agreement, tab=None, **params):
    query = {"tab": tab, **params} if tab else params
    return client.get(reverse("agreements:detail", args=[agreement.pk]), query)


def section(client, agreement, slug, **params):
    return client.get(reverse("agreements:section", args=[agreement.pk, slug]), params, **HTMX)


# What each section shows of furnished_agreement(size=2), and what it leaves to the other sections.
SHOWS = {
    "ringkasan": ["Rp 1.250.000.000", "1 Januari 2026", "31 Desember 2027", "Catatan rahasia staf"],
    "pihak": ["Pihak Kesatu", "Pihak Ketiga", "Rp 5.000.000"],
    "naskah": ["PKS 1", "NO/1/1"],
    "persetujuan": ["Lanjutkan ke tahap Penandatanganan", "Layak", 'data-testid="compliance"'],
    "kewajiban": ["Laporan 1", "Triwulanan"],
    "risiko": ["Risiko 1", "Realisasi:"],
    "dokumen": ["PKS bertanda tangan 1"],
    "monev": ["Indikator 1", "40 orang"],
    "kendala": ["Kendala 1"],
    "riwayat": ['id="riwayat"', "Ditambahkan"],
}


# The id of each section's card: only the section shown is on the page.
ANCHORS = dict(
    zip(
        SLUGS,
        [
            "ringkasan",
            "pihak",
            "naskah",
            "tahap",
            "kewajiban",
            "risiko",
            "dokumen",
            "evaluasi",
            "kendala",
            "riwayat",
        ],
        strict=True,
    )
)


@pytest.mark.parametrize("slug", SLUGS)
def test_each_section_shows_its_own_rows_on_the_page_and_at_its_url(client, staff_user, slug):
    agreement = furnished_agreement(staff_user, size=2)
    client.force_login(staff_user)
    full = page(client, agreement, slug)
    assert full.status_code == 200
    html = full.content.decode()
    for text in SHOWS[slug]:
        assert text in html, (slug, text)
    for other, anchor in ANCHORS.items():
        if other != slug:
            assert f'id="{anchor}"' not in html, (slug, other)
    assert f'href="?tab={slug}"' in html and 'aria-current="page">' in html
    alone = section(client, agreement, slug)
    assert alone.status_code == 200
    part = alone.content.decode()
    assert "<html" not in part and f'data-section="{slug}"' in part
    for text in SHOWS[slug]:
        assert text in part, (slug, text)


def test_the_page_opens_on_the_summary_and_ignores_an_unknown_section(client, staff_user):
    agreement = furnished_agreement(staff_user, size=1)
    client.force_login(staff_user)
    for response in (page(client, agreement), page(client, agreement, "tidak-ada")):
        assert response.status_code == 200
        assert 'data-section="ringkasan"' in response.content.decode()
    assert section(client, agreement, "tidak-ada").status_code == 404


def test_a_section_url_opened_without_htmx_is_the_page_on_that_section(client, staff_user):
    agreement = furnished_agreement(staff_user, size=1)
    client.force_login(staff_user)
    response = client.get(reverse("agreements:section", args=[agreement.pk, "risiko"]))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('agreements:detail', args=[agreement.pk])}?tab=risiko"


def test_header_says_number_stage_next_due_date_and_open_problems(client, staff_user):
    agreement = furnished_agreement(staff_user, size=2)
    occurrences = ObligationOccurrence.objects.filter(obligation__agreement=agreement)
    occurrences.update(status=OccurrenceStatus.UPCOMING)
    client.force_login(staff_user)
    assert "tidak ada jatuh tempo yang terlambat" in page(client, agreement).content.decode()
    first = occurrences.order_by("due_date").first()
    ObligationOccurrence.objects.filter(pk=first.pk).update(status=OccurrenceStatus.OVERDUE)
    bump(agreement.pk)  # a QuerySet.update() sends no signal: its writer raises the counter
    html = page(client, agreement, "dokumen").content.decode()
    assert "Persiapan" in html
    assert "Jatuh tempo berikutnya:" in html and "31 Maret 2026" in html
    assert "1 jatuh tempo terlambat" in html and 'href="?tab=kewajiban"' in html


@pytest.mark.parametrize("who", ["partner_user", "opd_user"])
def test_outside_the_staff_scope_page_sections_and_occurrences_are_404(client, request, who, unit, partner):
    user = request.getfixturevalue(who)
    agreement = AgreementFactory(lead_unit=unit)
    AgreementPartyFactory(agreement=agreement, partner=partner)
    client.force_login(user)
    assert page(client, agreement).status_code == 404
    for slug in SLUGS:
        assert section(client, agreement, slug).status_code == 404, slug
    obligation = services.obligation_create(
        agreement=agreement,
        actor=None,
        party=agreement.parties.get(),
        title="Laporan",
        frequency="once",
        first_due_date=datetime.date(2026, 3, 31),
    )
    url = reverse("agreements:obligation_occurrences", args=[obligation.pk])
    assert client.get(url, **HTMX).status_code == 404


def test_missing_agreement_sections_and_obligations_are_404(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("agreements:section", args=[999999, "pihak"]), **HTMX).status_code == 404
    assert client.get(reverse("agreements:obligation_occurrences", args=[999999])).status_code == 404


def test_managers_read_everything_but_are_offered_only_reviews_and_evaluations(
    client, staff_user, manager_user
):
    agreement = furnished_agreement(staff_user, size=1)
    client.force_login(manager_user)
    html = "".join(page(client, agreement, slug).content.decode() for slug in SLUGS)
    assert "Catatan rahasia staf" in html
    assert reverse("agreements:tkksd_review", args=[agreement.pk]) in html
    assert reverse("evaluations:create", args=[agreement.pk]) in html
    for name in ("edit", "advance", "archive", "renew", "close", "document_upload", "instrument_create"):
        assert reverse(f"agreements:{name}", args=[agreement.pk]) not in html, name


# --- obligations: one row each, from the roll-up; occurrences a page at a time -------------------


def monthly_obligation(agreement, months=30):
    return services.obligation_create(
        agreement=agreement,
        actor=None,
        party=agreement.parties.order_by("order").first(),
        title="Laporan bulanan",
        clause_reference="Pasal 5",
        frequency="monthly",
        first_due_date=datetime.date(2026, 1, 31),
        until_date=datetime.date(2026, 1, 31) + datetime.timedelta(days=31 * (months - 1)),
    )


def test_an_obligation_is_one_row_with_its_roll_up_and_no_occurrences_inline(client, staff_user):
    agreement = furnished_agreement(staff_user, size=1)
    obligation = monthly_obligation(agreement)
    occurrences = list(obligation.occurrences.order_by("due_date"))
    assert len(occurrences) == 30
    statuses = (
        [OccurrenceStatus.FULFILLED] * 3 + [OccurrenceStatus.SUBMITTED] * 2 + [OccurrenceStatus.OVERDUE]
    )
    ObligationOccurrence.objects.filter(obligation__agreement=agreement).update(
        status=OccurrenceStatus.UPCOMING
    )
    for occurrence, status in zip(occurrences, statuses, strict=False):
        ObligationOccurrence.objects.filter(pk=occurrence.pk).update(status=status)
    client.force_login(staff_user)
    html = section(client, agreement, "kewajiban").content.decode()
    assert html.count('class="border rounded mb-2 obligation-row"') == 2
    assert "3 terpenuhi, 2 diajukan, 0 ditolak, 1 terlambat dari 30" in html
    assert "Pasal 5" in html and "Pasal Pasal" not in html
    # The next open due date is the overdue one, the sixth month's.
    assert f"jatuh tempo berikutnya: <strong>{tanggal(occurrences[5].due_date)}</strong>" in html
    assert html.count("badge") == 0  # occurrences load when the row is opened
    assert reverse("agreements:obligation_occurrences", args=[obligation.pk]) in html


def test_occurrences_come_twelve_a_page_in_place_or_as_a_page_of_their_own(
    client, staff_user, django_assert_num_queries
):
    agreement = furnished_agreement(staff_user, size=1)
    obligation = monthly_obligation(agreement)
    client.force_login(staff_user)
    url = reverse("agreements:obligation_occurrences", args=[obligation.pk])
    # session, user, the user's roles, the obligation with its agreement, the count, the page
    with django_assert_num_queries(6):
        first = client.get(url, **HTMX)
    html = first.content.decode()
    assert "<html" not in html
    assert html.count("badge") == OCCURRENCES_PER_PAGE
    assert "31 Januari 2026" in html and "Halaman 1 dari 3" in html and "?halaman=2" in html
    last = client.get(url, {"halaman": 3}, **HTMX).content.decode()
    assert last.count("badge") == 30 - 2 * OCCURRENCES_PER_PAGE and "Halaman 3 dari 3" in last
    assert client.get(url, {"halaman": "x"}, **HTMX).status_code == 200  # any bad number is page 1
    own = client.get(url, {"halaman": 2})
    assert own.status_code == 200 and "<html" in own.content.decode()


# --- history: Indonesian dates, a page at a time --------------------------------------------------


def test_history_shows_changed_dates_and_numbers_as_people_write_them(client, staff_user):
    agreement = furnished_agreement(staff_user, size=1)
    services.agreement_update(
        agreement=agreement,
        actor=staff_user,
        end_date=datetime.date(2028, 6, 30),
        estimated_value=Decimal(300_000_000),
    )
    client.force_login(staff_user)
    html = section(client, agreement, "riwayat").content.decode()
    assert "31 Desember 2027 → 30 Juni 2028" in html
    assert "1.250.000.000 → 300.000.000" in html
    assert "2028-06-30" not in html and "300000000" not in html


def test_history_comes_twenty_entries_a_page(client, staff_user):
    agreement = furnished_agreement(staff_user, size=6)
    client.force_login(staff_user)
    first = section(client, agreement, "riwayat").content.decode()
    assert first.count('class="border-bottom py-2"') == 20
    assert "?halaman=2" in first
    second = page(client, agreement, "riwayat", halaman=2).content.decode()
    assert second.count('class="border-bottom py-2"') == 20 and "?halaman=1" in second


# --- a pinned number of queries, whatever the number of rows ---------------------------------------

# Every page: session, user, the user's roles, the navbar's unread-notification count, the agreement's
# own row (what keys the cache), its lead unit, object, renewal and creator (one joined query, read only
# to render a section), its related units, and the obligations' roll-up for the header. Then what the section reads: one prefetch per kind of row it shows, and the reads of
# the panels placed there (the compliance panel: the law's records, the parties' legality checks, the
# rules in force; the gate of the next stage reads the rows it checks).
BASE_QUERIES = 8
WARM_PAGE_QUERIES = 5
SECTION_QUERIES = {
    "ringkasan": BASE_QUERIES + 3,  # urusan, funding sources, renewals
    "pihak": BASE_QUERIES + 2,  # parties, contributions
    "naskah": BASE_QUERIES + 6,  # parties, instruments, their numbers, parties, partners, documents
    "persetujuan": BASE_QUERIES + 26,
    "kewajiban": BASE_QUERIES,  # the header's roll-up is the section's list
    "risiko": BASE_QUERIES + 5,  # risks, shares, benefits, shares, realisations
    "dokumen": BASE_QUERIES + 2,  # documents, their latest downloads
    "monev": BASE_QUERIES + 3,  # evaluations, indicators, observations
    "kendala": BASE_QUERIES + 1,
    "riwayat": BASE_QUERIES + 24,  # one history query per kind of row
}


@pytest.mark.parametrize("size", [1, 6])
@pytest.mark.parametrize("slug", SLUGS)
def test_query_count_of_each_section_is_pinned_and_does_not_grow_with_rows(
    client, staff_user, django_assert_num_queries, size, slug
):
    agreement = furnished_agreement(staff_user, size=size)
    client.force_login(staff_user)
    with django_assert_num_queries(SECTION_QUERIES[slug]):  # cold: nothing cached yet
        assert page(client, agreement, slug).status_code == 200
    # warm (agreements/section_cache.py): session, user, roles, the agreement (its counter keys the
    # cache) and the navbar's count; the header's figures and the section come from the cache.
    with django_assert_num_queries(WARM_PAGE_QUERIES):
        assert page(client, agreement, slug).status_code == 200
    with django_assert_num_queries(WARM_PAGE_QUERIES - 1):  # a section alone has no navbar
        assert section(client, agreement, slug).status_code == 200
    cache.clear()
    with django_assert_num_queries(SECTION_QUERIES[slug] - 1 - (slug != "kewajiban")):
        # cold, alone: without the header, only the obligations section reads the roll-up
        assert section(client, agreement, slug).status_code == 200
