"""The agreement page's history: the agreement's and its children's changes, newest first, with diffs."""

import datetime

import pytest

from agreements import services
from agreements.selectors_detail import history_entries
from tests.accounts.factories import UserFactory
from tests.agreements.pages import agreement_page
from tests.registry.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def test_history_merges_children_newest_first_with_changed_fields(staff_user):
    other = UserFactory(roles=["staff"], first_name="Rina", last_name="Staf")
    agreement = services.agreement_create(
        actor=staff_user,
        title="Judul lama",
        category="ksdpk",
        start_date=datetime.date(2026, 1, 1),
        parties=[{"partner": PartnerFactory()}, {"partner": PartnerFactory()}],
    )
    # To a category the parties (two companies) also fit: the category rules check every change.
    services.agreement_update(agreement=agreement, actor=other, title="Judul baru", category="kpbu")
    first = agreement.parties.order_by("order").first()
    services.risk_create(
        agreement=agreement,
        actor=other,
        category="financial",
        event="Kurs",
        likelihood=2,
        impact=3,
        shares=[{"party": first, "percent": 100}],
    )
    entries = history_entries(agreement)
    assert [e["when"] for e in entries] == sorted((e["when"] for e in entries), reverse=True)
    change = next(e for e in entries if e["type"] == "~" and e["model"] == "kerja sama")
    assert change["who"] == other
    fields = {(str(c["field"]), c["old"], c["new"]) for c in change["changes"]}
    assert ("judul", "Judul lama", "Judul baru") in fields
    assert (
        "kategori",
        "KSDPK — Kerja Sama Daerah dengan Pihak Ketiga",
        "KPBU — Kerja Sama Pemerintah dan Badan Usaha",
    ) in fields
    labels = {(e["type"], str(e["model"]), e["label"]) for e in entries}
    assert ("+", "risiko", "Kurs") in labels
    assert ("+", "pihak", "Pihak Kesatu") in labels
    assert ("+", "alokasi risiko", "100.00 %") in labels


def test_history_is_shown_on_the_page(client, staff_user):
    agreement = services.agreement_create(actor=staff_user, title="Awal", category="ksdpk")
    services.agreement_update(agreement=agreement, actor=staff_user, title="Akhir")
    client.force_login(staff_user)
    html = agreement_page(client, agreement, "riwayat")
    assert "Judul: Awal → Akhir" in html
