"""*Ditolak*: a rejected submission is a status of its own, open again for a new one with its due date
unchanged, overdue once that date has passed; the partner sees it, with the comment, at home and on the
occurrence, and "Bukti terakhir dan hasil verifikasi" keeps the rejected evidence."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from agreements.choices import OccurrenceStatus
from agreements.models import ObligationOccurrence
from agreements.rollup import rollup_of, with_rollup
from agreements.services import (
    occurrence_reject,
    occurrence_submit,
    occurrence_verify,
    occurrences_mark_overdue,
)

from .conftest import occurrence
from .files import pdf_upload

pytestmark = pytest.mark.django_db
migration = importlib.import_module("agreements.migrations.0015_occurrence_rejected")
COMMENT = "Tanda tangan direktur belum ada"


def _rejected(world, obligation=None):
    item = occurrence_submit(
        occurrence=occurrence(obligation or world.upcoming),
        actor=world.partner_user,
        note="Laporan pertama",
        files=[pdf_upload("laporan-pertama.pdf")],
    )
    return occurrence_reject(occurrence=item, actor=world.staff_user, note=COMMENT)


def test_a_rejection_keeps_the_due_date_and_opens_the_occurrence_again(world):
    due = occurrence(world.upcoming).due_date
    item = _rejected(world)
    assert (item.status, item.due_date, item.verification_note) == (OccurrenceStatus.REJECTED, due, COMMENT)
    again = occurrence_submit(occurrence=item, actor=world.partner_user, files=[pdf_upload("baru.pdf")])
    assert again.status == OccurrenceStatus.SUBMITTED
    assert occurrence_verify(occurrence=again, actor=world.staff_user).status == OccurrenceStatus.FULFILLED


def test_the_daily_run_marks_a_rejected_occurrence_overdue_after_its_date(world):
    item = _rejected(world)
    occurrences_mark_overdue(item.due_date)  # on its due date it is not late yet
    item.refresh_from_db()
    assert item.status == OccurrenceStatus.REJECTED
    occurrences_mark_overdue(item.due_date + datetime.timedelta(days=1))
    item.refresh_from_db()
    assert item.status == OccurrenceStatus.OVERDUE
    assert item.verification_note == COMMENT  # the verdict stays with it


def test_the_rollup_counts_a_rejected_occurrence_as_rejected_and_open(world):
    _rejected(world)
    (obligation,) = with_rollup(type(world.upcoming).objects.filter(pk=world.upcoming.pk))
    rollup = rollup_of(obligation)
    assert (rollup.rejected, rollup.open, rollup.next_due) == (1, 1, occurrence(world.upcoming).due_date)


def test_the_partner_sees_ditolak_with_the_comment_at_home_and_on_the_occurrence(client, world):
    item = _rejected(world)
    client.force_login(world.partner_user)
    response = client.get(reverse("portal:home"))
    assert [o.pk for o in response.context["upcoming"]] == [item.pk]
    assert [o.pk for o in response.context["recent"]] == [item.pk]  # the rejected submission stays
    html = response.content.decode()
    assert 'data-status="rejected">Ditolak</span>' in html
    assert COMMENT in html
    page = client.get(reverse("portal:occurrence_submit", args=[item.pk])).content.decode()
    assert 'data-status="rejected">Ditolak</span>' in page
    assert "Bukti ditolak." in page and COMMENT in page
    assert "laporan-pertama.pdf" in page  # the rejected evidence is still listed
    assert "Kirim bukti" in page


def test_an_overdue_rejection_stays_among_the_latest_verdicts(client, world):
    item = _rejected(world, world.overdue)
    occurrences_mark_overdue()
    item.refresh_from_db()
    assert item.status == OccurrenceStatus.OVERDUE
    client.force_login(world.partner_user)
    response = client.get(reverse("portal:home"))
    assert item.pk in [o.pk for o in response.context["overdue"]]
    assert item.pk in [o.pk for o in response.context["recent"]]
    page = client.get(reverse("portal:occurrence_submit", args=[item.pk])).content.decode()
    assert "Ditolak" in page and COMMENT in page


def test_earlier_rejections_move_to_the_new_status_unless_past_due(world):
    """Before the status existed a rejection left the occurrence in progress (overdue past its date)
    with the verdict's time on it."""
    now, today = timezone.now(), timezone.localdate()
    future, past = occurrence(world.upcoming), occurrence(world.overdue)
    untouched = occurrence(world.opd_duty)
    ObligationOccurrence.objects.filter(pk=future.pk).update(status="in_progress", verified_at=now)
    ObligationOccurrence.objects.filter(pk=past.pk).update(status="overdue", verified_at=now)
    ObligationOccurrence.objects.filter(pk=untouched.pk).update(status="in_progress")
    assert past.due_date < today <= future.due_date
    migration.forward(apps, None)
    statuses = dict(ObligationOccurrence.objects.values_list("pk", "status"))
    assert (statuses[future.pk], statuses[past.pk], statuses[untouched.pk]) == (
        "rejected",
        "overdue",
        "in_progress",
    )
    migration.backward(apps, None)
    assert ObligationOccurrence.objects.get(pk=future.pk).status == "in_progress"
