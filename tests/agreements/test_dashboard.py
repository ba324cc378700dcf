"""The staff dashboard: counts by stage and category, ending soon, overdue, recent activity; server SVG."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.choices import Category, OccurrenceStatus, Stage
from agreements.models import StageTransition
from core.charts import bar_chart, pie_chart
from tests.agreements.factories import AgreementFactory, OccurrenceFactory

pytestmark = pytest.mark.django_db


def _world(size):
    today = timezone.localdate()
    for index in range(size):
        agreement = AgreementFactory(
            stage=Stage.IMPLEMENTATION,
            category=Category.KPBU if index % 2 else Category.KSDD,
            end_date=today + datetime.timedelta(days=30 + index),
        )
        OccurrenceFactory(obligation__party__agreement=agreement, status=OccurrenceStatus.OVERDUE)
        StageTransition.objects.create(
            agreement=agreement, from_stage=Stage.SIGNING, to_stage=Stage.IMPLEMENTATION
        )


def test_dashboard_content(client, staff_user):
    today = timezone.localdate()
    soon = AgreementFactory(
        title="Segera Berakhir", stage=Stage.IMPLEMENTATION, end_date=today + datetime.timedelta(days=20)
    )
    AgreementFactory(
        title="Masih Lama", stage=Stage.IMPLEMENTATION, end_date=today + datetime.timedelta(days=400)
    )
    AgreementFactory(title="Persiapan", stage=Stage.PREPARATION, category=Category.KPBU)
    occurrence = OccurrenceFactory(
        obligation__party__agreement=soon,
        obligation__title="Laporan triwulan",
        status=OccurrenceStatus.OVERDUE,
    )
    StageTransition.objects.create(agreement=soon, from_stage=Stage.SIGNING, to_stage=Stage.IMPLEMENTATION)
    client.force_login(staff_user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    context = response.context
    assert dict(context["by_stage"]) == {"Persiapan": 1, "Pelaksanaan": 2}
    assert [a.title for a in context["ending_soon"]] == ["Segera Berakhir"]
    assert context["overdue"] == [occurrence]
    page = response.text
    assert "Laporan triwulan" in page
    assert (
        "<svg" in page
        and '<script type="text/javascript">' not in page.split("<svg", 1)[1].split("</svg>")[0]
    )
    assert "Segera Berakhir" in page
    assert "Penandatanganan → Pelaksanaan" in page


def _dashboard_queries(client, django_assert_num_queries, size):
    _world(size)
    # session, user, groups, by stage, by category, ending soon + count, overdue + count, transitions,
    # history, the decisions (agreements/selectors_decisions.py: 6), unread notifications (navigation badge)
    with django_assert_num_queries(18):
        assert client.get(reverse("dashboard")).status_code == 200


def test_dashboard_query_count_does_not_grow(client, staff_user, django_assert_num_queries):
    client.force_login(staff_user)
    _dashboard_queries(client, django_assert_num_queries, 2)
    _dashboard_queries(client, django_assert_num_queries, 15)


def test_manager_sees_dashboard_portal_users_do_not(client, manager_user, partner_user):
    client.force_login(manager_user)
    assert client.get(reverse("dashboard")).status_code == 200
    client.force_login(partner_user)
    assert client.get(reverse("dashboard")).status_code == 404


def test_charts_are_plain_svg_without_script():
    for svg in (
        bar_chart("Per tahap", [("Persiapan", 2), ("Pelaksanaan", 5)]),
        pie_chart("Kategori", [("A", 1)]),
    ):
        assert svg.startswith("<svg ")
        assert "<script" not in svg
        assert "<?xml" not in svg
        assert 'font-family="DejaVu Sans' in svg
        assert "http://kozea" not in svg and "cdn" not in svg.lower()
    assert "Persiapan" in bar_chart("Per tahap", [("Persiapan", 2)])


def test_count_charts_have_whole_number_ticks():
    import re

    from core.charts import bar_chart

    svg = bar_chart("Per tahap", [("Persiapan", 1), ("Pelaksanaan", 3)])
    ticks = set(re.findall(r"<text[^>]*>([0-9.,]+)</text>", svg))
    assert ticks and all("." not in t and "," not in t for t in ticks)
    assert "<script" not in svg


def test_money_charts_print_rupiah_in_short_on_whole_ticks():
    import re

    svg = bar_chart("Nilai", [("KPBU", 47_250_000_000), ("KSDPK", 850_000_000)], money=True)
    texts = re.findall(r"<text[^>]*>([^<]+)</text>", svg)
    assert "Rp 47,3 M" in texts and "Rp 850 jt" in texts
    assert {"Rp 0", "Rp 20 M", "Rp 40 M", "Rp 60 M"} <= set(texts)
    assert not any(re.search(r"\d[eE][+-]?\d", t) for t in texts)
