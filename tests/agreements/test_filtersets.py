"""AgreementFilterSet: each filter on its own, full-text search on PostgreSQL, scoped choices."""

import datetime
import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from agreements.choices import Category, Form, OccurrenceStatus, Stage
from agreements.filtersets import AgreementFilterSet
from agreements.models import Agreement
from registry.choices import Sector
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory, OccurrenceFactory
from tests.registry.factories import OrganisationUnitFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def _filter(user, **params):
    request = RequestFactory().get("/", params)
    request.user = user
    filterset = AgreementFilterSet(request.GET, queryset=Agreement.objects.visible_to(user), request=request)
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs.values_list("title", flat=True))


def test_stage_category_form(staff_user):
    AgreementFactory(title="A", stage=Stage.SIGNING, category=Category.KSDD, form=Form.INVESTMENT)
    AgreementFactory(title="B", stage=Stage.PREPARATION, category=Category.KPBU, form=Form.PUBLIC_PRIVATE)
    assert _filter(staff_user, stage="signing") == {"A"}
    assert _filter(staff_user, category="kpbu") == {"B"}
    assert _filter(staff_user, form="investment") == {"A"}


def test_lead_unit_matches_lead_or_related(staff_user):
    unit = OrganisationUnitFactory()
    AgreementFactory(title="Lead", lead_unit=unit)
    AgreementFactory(title="Related").related_units.add(unit)
    AgreementFactory(title="Other")
    assert _filter(staff_user, lead_unit=unit.pk) == {"Lead", "Related"}


def test_partner_and_sector_of_any_party(staff_user):
    university = PartnerFactory(sector=Sector.ACADEMIC)
    first = AgreementFactory(title="With university")
    AgreementPartyFactory(agreement=first, partner=PartnerFactory(sector=Sector.PRIVATE))
    AgreementPartyFactory(agreement=first, partner=university)
    AgreementPartyFactory(agreement__title="Private only", partner__sector=Sector.PRIVATE)
    assert _filter(staff_user, partner=university.pk) == {"With university"}
    assert _filter(staff_user, sector="academic") == {"With university"}
    assert _filter(staff_user, sector="private") == {"With university", "Private only"}


def test_year_signed_and_ending_within(staff_user):
    today = timezone.localdate()
    AgreementFactory(
        title="2025", signed_date=datetime.date(2025, 3, 1), end_date=today + datetime.timedelta(days=10)
    )
    AgreementFactory(
        title="2026", signed_date=datetime.date(2026, 3, 1), end_date=today + datetime.timedelta(days=200)
    )
    AgreementFactory(title="Ended", start_date=None, end_date=today - datetime.timedelta(days=1))
    assert _filter(staff_user, year_signed=2025) == {"2025"}
    assert _filter(staff_user, ending_within_days=30) == {"2025"}
    assert _filter(staff_user, ending_within_days=365) == {"2025", "2026"}


def test_has_overdue(staff_user):
    OccurrenceFactory(obligation__party__agreement__title="Late", status=OccurrenceStatus.OVERDUE)
    OccurrenceFactory(obligation__party__agreement__title="On time", status=OccurrenceStatus.FULFILLED)
    assert _filter(staff_user, has_overdue="true") == {"Late"}
    assert _filter(staff_user, has_overdue="false") == {"On time"}


def test_archived_are_left_out_unless_asked(staff_user):
    AgreementFactory(title="Live")
    AgreementFactory(title="Archived", archived_at=timezone.now())
    assert _filter(staff_user) == {"Live"}
    assert _filter(staff_user, archived="true") == {"Archived"}


def test_ordering(staff_user):
    AgreementFactory(title="Beta", estimated_value=5)
    AgreementFactory(title="Alpha", estimated_value=10)
    request = RequestFactory().get("/", {"ordering": "-estimated_value"})
    request.user = staff_user
    filterset = AgreementFilterSet(request.GET, queryset=Agreement.objects.all(), request=request)
    assert [a.title for a in filterset.qs] == ["Alpha", "Beta"]
    request = RequestFactory().get("/", {"ordering": "title"})
    request.user = staff_user
    filterset = AgreementFilterSet(request.GET, queryset=Agreement.objects.all(), request=request)
    assert [a.title for a in filterset.qs] == ["Alpha", "Beta"]


def test_search_number_title_and_partner_names(staff_user):
    first = AgreementFactory(title="Pengelolaan Sampah Terpadu", number="180/12/KS/2026")
    AgreementPartyFactory(agreement=first, partner=PartnerFactory(name="PT Bumi Lestari", short_name="Bumi"))
    AgreementFactory(title="Beasiswa Mahasiswa", number="070/3/2025")
    assert _filter(staff_user, q="sampah") == {"Pengelolaan Sampah Terpadu"}
    assert _filter(staff_user, q="180/12") == {"Pengelolaan Sampah Terpadu"}
    assert _filter(staff_user, q="lestari") == {"Pengelolaan Sampah Terpadu"}
    assert _filter(staff_user, q="beasiswa mahasiswa") == {"Beasiswa Mahasiswa"}
    assert _filter(staff_user, q="tidakada") == set()


def test_search_uses_postgresql_full_text(staff_user, django_assert_max_num_queries):
    assert connection.vendor == "postgresql", "tests run on PostgreSQL (DATABASE_URL)"
    AgreementFactory(title="Pengembangan Pertanian Organik Terpadu")
    # Word prefixes in any order: substring matching could not find this, full-text search does.
    assert _filter(staff_user, q="terpadu pertan") == {"Pengembangan Pertanian Organik Terpadu"}
    request = RequestFactory().get("/", {"q": "pertanian"})
    request.user = staff_user
    sql = str(AgreementFilterSet(request.GET, queryset=Agreement.objects.all(), request=request).qs.query)
    assert "to_tsvector" in sql and "to_tsquery" in sql


def _search_sql(user, value):
    request = RequestFactory().get("/", {"q": value})
    request.user = user
    return str(AgreementFilterSet(request.GET, queryset=Agreement.objects.all(), request=request).qs.query)


def test_number_substring_match_is_the_trigram_indexs_expression_from_three_characters(staff_user):
    """Migration 0004's trigram index is on UPPER(number::text); the substring match on the number
    is written with that expression, and only from 3 characters (below, pg_trgm has nothing to look
    up and the match would read every number)."""
    assert connection.vendor == "postgresql", "tests run on PostgreSQL (DATABASE_URL)"
    AgreementFactory(title="Beasiswa", number="180/12/KS/2026")
    assert re.search(r'UPPER\([^)]*"number"(::text)?\) LIKE UPPER\(', _search_sql(staff_user, "180/12"))
    assert "LIKE" not in _search_sql(staff_user, "ks")
    assert _filter(staff_user, q="12/KS") == {"Beasiswa"}
    assert _filter(staff_user, q="beasiswa") == {"Beasiswa"}


def test_choices_are_scoped_to_the_user(partner_user, partner):
    other = PartnerFactory(name="Mitra Lain Rahasia")
    AgreementPartyFactory(partner=other)
    mine = AgreementPartyFactory(partner=partner).agreement
    request = RequestFactory().get("/")
    request.user = partner_user
    filterset = AgreementFilterSet(
        request.GET, queryset=Agreement.objects.visible_to(partner_user), request=request
    )
    choices = list(filterset.form.fields["partner"].queryset)
    assert partner in choices and other not in choices
    assert list(filterset.qs) == [mine]


def _partner_options(user, limit, **params):
    """The (value, label) options the partner select renders, with the select capped at `limit`."""
    request = RequestFactory().get("/", params)
    request.user = user
    filterset = AgreementFilterSet(request.GET, queryset=Agreement.objects.visible_to(user), request=request)
    field = filterset.form.fields["partner"]
    field.limit = limit
    result = set(filterset.qs.values_list("title", flat=True))
    options = [(str(o.data["value"]), o.data["label"]) for o in filterset.form["partner"].subwidgets]
    return options, result


def test_partner_select_lists_every_partner_up_to_its_limit(staff_user):
    a, b = PartnerFactory(name="Alfa"), PartnerFactory(name="Beta")
    options, _ = _partner_options(staff_user, limit=2)
    assert options == [("", "Semua"), (str(a.pk), "Alfa"), (str(b.pk), "Beta")]


def test_partner_select_past_its_limit_offers_only_the_chosen_partner_and_still_filters(staff_user):
    a, c = PartnerFactory(name="Alfa"), PartnerFactory(name="Gama")
    PartnerFactory(name="Beta")
    AgreementPartyFactory(agreement__title="Dengan Gama", partner=c)
    AgreementPartyFactory(agreement__title="Dengan Alfa", partner=a)
    options, _ = _partner_options(staff_user, limit=2)
    assert options == [("", "Semua")]
    options, result = _partner_options(staff_user, limit=2, partner=c.pk)
    assert options == [("", "Semua"), (str(c.pk), "Gama")]
    assert result == {"Dengan Gama"}
