"""The demo's yearly and semester reports, as `pimpinan` asks for them after `make run`: their counts
agree with a count made in plain Python over every agreement (a second reading of the rules in
agreements.reporting, one agreement at a time), and their pages print."""

import pytest
from django.utils import timezone, translation

from accounts.models import User
from agreements.choices import InstrumentKind, InstrumentStatus, Stage
from agreements.models import Agreement
from agreements.reporting import Period
from jobs.choices import JobKind
from jobs.reports import report_pdf
from jobs.reports.periodic import periodic
from tests.seeded import seeded_fixture

from .pdftools import SCIENTIFIC, chars_outside_page, overlapping_words, page_text, pdf_words

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]
_seeded = seeded_fixture()
BINDING = {
    InstrumentKind.MOU,
    InstrumentKind.PKS,
    InstrumentKind.KPBU_AGREEMENT,
    InstrumentKind.ASSET_AGREEMENT,
}
SIGNED = {InstrumentStatus.SIGNED, InstrumentStatus.VALIDATED, InstrumentStatus.EXPIRED}


def _count_by_hand(period: Period, today):
    """Each agreement read on its own, the way a person goes through the register."""
    running = signed = ended = 0
    for a in Agreement.objects.filter(archived_at__isnull=True).prefetch_related("instruments"):
        if a.stage in (Stage.REJECTED, Stage.CANCELLED):
            continue
        texts = [t for t in a.instruments.all() if t.kind in BINDING and t.status in SIGNED]
        if any(t.signing_date and period.start <= t.signing_date <= period.end for t in texts):
            signed += 1
        dates = sorted(t.signing_date for t in texts if t.signing_date)
        start = a.start_date or (dates[0] if dates else None)
        if not texts or start is None:
            continue
        ends = [d for d in (a.end_date, a.closed_on) if d]
        end = min(ends) if ends else None
        if start <= period.end and (end is None or end >= period.start):
            running += 1
            if end is not None and end <= min(period.end, today):
                ended += 1
    return {"running": running, "signed": signed, "ended": ended}


@pytest.mark.parametrize("semester", [None, 1, 2])
def test_the_demo_report_counts_what_a_person_counts(seeded, semester):
    pimpinan = User.objects.get(username="pimpinan")
    today = timezone.localdate()
    with translation.override("id"):
        report = periodic(pimpinan, {"year": today.year, "semester": semester})
    summary = dict(report.tables[0].rows)
    hand = _count_by_hand(Period(today.year, semester), today)
    assert summary["Kerja sama berjalan dalam periode"] == hand["running"]
    assert (
        summary["Kerja sama ditandatangani dalam periode (MoU, PKS, perjanjian KPBU/aset)"] == hand["signed"]
    )
    assert summary["Kerja sama berakhir dalam periode"] == hand["ended"]
    assert len(report.tables[2].rows) == hand["running"]


def test_the_demo_yearly_report_prints(seeded):
    pimpinan = User.objects.get(username="pimpinan")
    with translation.override("id"):
        content = report_pdf(periodic(pimpinan, {}), kind=JobKind.REPORT_YEARLY)
    assert "Yth. Gubernur" in page_text(content, 1)
    assert chars_outside_page(content) == []
    assert overlapping_words(content) == []
    assert SCIENTIFIC.findall(pdf_words(content)) == []
