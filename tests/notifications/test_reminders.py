"""The daily run: which reminders go to whom, exactly once, with fresh dates and preferences."""

import datetime

import pytest
from django.core import mail
from django.utils import formats, timezone, translation

from agreements.choices import InstrumentKind, InstrumentStatus, OccurrenceStatus, Stage
from agreements.models import Agreement, Instrument
from notifications.choices import ItemType
from notifications.models import Notification, NotificationPreference, ReminderDelivery, ReminderPolicy
from notifications.services import reminders_due

from .factories import reminder_world, reminder_world_extra, run_day

pytestmark = pytest.mark.django_db


def _recipients():
    return sorted(m.to[0] for m in mail.outbox)


def test_occurrence_seven_days_before_goes_to_partner_side_and_opd_not_staff():
    w = reminder_world(due_in_days=7)
    result = run_day()
    assert result["deliveries"] == 3
    assert _recipients() == ["budi@tani.test", "mitra@tani.test", "petugas@distan.test"]
    assert all("Laporan triwulan" in m.subject and "7 hari" in m.subject for m in mail.outbox)
    # In-app for users (not for a contact without an account).
    assert set(Notification.objects.values_list("user__username", flat=True)) == {
        "mitra_tani",
        "petugas_distan",
    }
    deliveries = ReminderDelivery.objects.filter(item_type=ItemType.OCCURRENCE, item_id=w.occurrence.pk)
    assert {d.offset for d in deliveries} == {7}


def test_running_twice_sends_nothing_new():
    reminder_world(due_in_days=1)
    run_day()
    first = len(mail.outbox)
    assert first == 3
    again = run_day()
    assert again["deliveries"] == 0
    assert len(mail.outbox) == first
    assert Notification.objects.count() == 2


def test_offset_not_in_policy_sends_nothing():
    reminder_world(due_in_days=5)
    assert run_day()["deliveries"] == 0
    assert mail.outbox == []


def test_overdue_escalates_to_cooperation_unit():
    w = reminder_world(due_in_days=-1)  # due yesterday, still upcoming: the run marks it overdue first
    result = run_day()
    w.occurrence.refresh_from_db()
    assert w.occurrence.status == OccurrenceStatus.OVERDUE
    assert result["overdue"] == 1
    assert "staf@pemkab.test" in _recipients()
    assert all(m.subject.startswith("Terlambat") for m in mail.outbox)
    assert ReminderDelivery.objects.filter(offset=-1).count() == 4


def test_submitted_occurrence_waits_and_is_not_reminded():
    w = reminder_world(due_in_days=-1, status=OccurrenceStatus.SUBMITTED)
    run_day()
    w.occurrence.refresh_from_db()
    assert w.occurrence.status == OccurrenceStatus.SUBMITTED
    assert mail.outbox == []


def test_internal_obligation_is_not_sent_to_partner():
    reminder_world(due_in_days=0, shared=False)
    run_day()
    assert _recipients() == ["petugas@distan.test"]


def test_email_preference_off_keeps_in_app():
    w = reminder_world(due_in_days=30)
    NotificationPreference.objects.create(user=w.officer, email_occurrence_before=False)
    run_day()
    assert "petugas@distan.test" not in _recipients()
    assert Notification.objects.filter(user=w.officer).count() == 1


def test_language_follows_recipient():
    w = reminder_world(due_in_days=7)
    w.officer.preferred_language = "en"
    w.officer.save(update_fields=["preferred_language"])
    run_day()
    to_officer = next(m for m in mail.outbox if m.to == ["petugas@distan.test"])
    html = to_officer.alternatives[0][0]
    assert f"http://127.0.0.1:8000/portal/kerja-sama/{w.agreement.pk}/" in to_officer.body
    assert "<a href=" in html
    assert '<html lang="en">' in html  # screen readers read each mail in its own language
    # Each mail is written in its recipient's language: the date is formatted in English for the
    # officer and in Bahasa Indonesia for the partner user.
    due = w.occurrence.due_date
    with translation.override("en"):
        english_date = formats.date_format(due, "j F Y")
    with translation.override("id"):
        indonesian_date = formats.date_format(due, "j F Y")
    assert english_date in to_officer.subject
    to_partner = next(m for m in mail.outbox if m.to == ["mitra@tani.test"])
    assert indonesian_date in to_partner.subject
    assert '<html lang="id">' in to_partner.alternatives[0][0]


def test_agreement_end_and_addendum_extension_gets_fresh_reminders():
    w = reminder_world(due_in_days=100, end_in_days=30)
    run_day()
    ending = [m for m in mail.outbox if "berakhir dalam 30 hari" in m.subject]
    assert {m.to[0] for m in ending} == {
        "budi@tani.test",
        "mitra@tani.test",
        "petugas@distan.test",
        "staf@pemkab.test",
    }
    # An addendum extends the agreement: tomorrow nothing goes out for the old date…
    mail.outbox.clear()
    Agreement.objects.filter(pk=w.agreement.pk).update(
        end_date=w.agreement.end_date + datetime.timedelta(days=60)
    )
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    run_day(tomorrow)
    assert not [m for m in mail.outbox if "berakhir" in m.subject]
    # …and 90 days before the new date, the new date has its own reminder.
    new_end = w.agreement.end_date + datetime.timedelta(days=60)
    run_day(new_end - datetime.timedelta(days=90))
    assert [m for m in mail.outbox if "berakhir dalam 90 hari" in m.subject]
    assert ReminderDelivery.objects.filter(item_type=ItemType.AGREEMENT, due_date=new_end).exists()


def test_instrument_end_with_own_validity():
    w = reminder_world(due_in_days=100, end_in_days=400)
    Instrument.objects.create(
        agreement=w.agreement,
        kind=InstrumentKind.PKS,
        title="PKS Agrowisata",
        status=InstrumentStatus.SIGNED,
        end_date=timezone.localdate() + datetime.timedelta(days=60),
    )
    run_day()
    assert [m for m in mail.outbox if m.subject.startswith('Naskah "PKS Agrowisata"')]


def test_ended_agreement_moves_to_evaluation_by_system():
    w = reminder_world(due_in_days=100, end_in_days=-1)
    result = run_day()
    w.agreement.refresh_from_db()
    assert w.agreement.stage == Stage.EVALUATION
    assert result["moved"] == 1
    assert w.agreement.transitions.get(to_stage=Stage.EVALUATION).actor is None


def test_policy_change_in_admin_is_used():
    reminder_world(due_in_days=5)
    ReminderPolicy.objects.update_or_create(kind="occurrence_before", defaults={"offsets": [5]})
    assert run_day()["deliveries"] == 3


def test_reminders_due_query_count_does_not_grow(django_assert_max_num_queries):
    for _ in range(3):
        reminder_world_extra()
    with django_assert_max_num_queries(12):
        reminders = reminders_due(timezone.localdate())
    assert len(reminders) >= 3


def test_an_officer_reminded_of_a_duty_outside_their_agreements_opens_their_portal_home(client):
    """The responsible OPD of an obligation may neither lead the agreement nor be related to it: its
    officer's reminder links to the portal home (which they may open), not to an agreement page that
    answers 404 to them; the leading OPD's officer keeps the agreement's portal page."""
    from accounts.roles import Role
    from tests.accounts.factories import UserFactory
    from tests.registry.factories import MembershipFactory, OrganisationUnitFactory

    w = reminder_world(due_in_days=7)
    dishub = OrganisationUnitFactory(name="Dinas Perhubungan")
    outsider = UserFactory(username="petugas_dishub", email="dishub@pemkab.test", roles=[Role.OPD_OFFICER])
    MembershipFactory(user=outsider, organisation_unit=dishub)
    w.obligation.responsible_unit = dishub
    w.obligation.save(update_fields=["responsible_unit"])
    run_day()
    (notice,) = Notification.objects.filter(user=outsider)
    assert notice.link == "/portal/"
    (to_outsider,) = [m for m in mail.outbox if m.to == ["dishub@pemkab.test"]]
    assert "http://127.0.0.1:8000/portal/\n" in to_outsider.body
    client.force_login(outsider)
    assert client.get(notice.link).status_code == 200
    assert Notification.objects.get(user=w.partner_user).link == f"/portal/kerja-sama/{w.agreement.pk}/"
