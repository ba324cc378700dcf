"""The daily run and the reminders it sends (DESIGN.md §4.3), and in-app notifications.

Exactly once: every (item, due date, offset, recipient) is inserted into ReminderDelivery with
ON CONFLICT DO NOTHING before anything is sent; only the run whose insert created the row sends. Two
workers, or a retried task, find the rows already there and send nothing.
"""

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agreements.choices import InstrumentStatus, OccurrenceStatus, Stage
from agreements.models import Agreement, AgreementParty, Instrument, ObligationOccurrence

from .choices import DeliveryStatus, ItemType, ReminderKind
from .models import Notification, NotificationPreference, ReminderDelivery, ReminderPolicy
from .recipients import RecipientDirectory, unique

log = logging.getLogger(__name__)

# Agreements whose end (and whose instruments' ends) still matter.
RUNNING_STAGES = (Stage.SIGNING, Stage.IMPLEMENTATION, Stage.EVALUATION)


@dataclass
class Reminder:
    """One item due on one date at one offset, with whom to tell."""

    kind: str
    item_type: str
    item_id: int
    due_date: date
    offset: int  # days before the date; negative: days after it
    title: str
    agreement: Agreement
    recipients: list


def daily_run(today: date | None = None) -> dict:
    """Mark overdue occurrences, move ended agreements to evaluation, then send today's reminders.
    Every date is read afresh, so an addendum's new end date is what counts."""
    from agreements.services import agreements_move_ended_to_evaluation, occurrences_mark_overdue

    today = today or timezone.localdate()
    marked = occurrences_mark_overdue(today)
    moved = agreements_move_ended_to_evaluation(today)
    sent = reminders_send(today)
    log.info("daily run %s: %s overdue, %s moved to evaluation, reminders %s", today, marked, moved, sent)
    return {"overdue": marked, "moved": moved, **sent}


def _by_date(today, offsets, sign=1):
    """{due date: offset} for the policy's offsets (sign -1: days after the date)."""
    return {today + timedelta(days=sign * o): sign * o for o in offsets}


def reminders_due(today: date) -> list[Reminder]:
    """Every reminder due today, from set-based queries on the policy's dates only."""
    offsets = ReminderPolicy.offsets_by_kind()
    before = _by_date(today, offsets[ReminderKind.OCCURRENCE_BEFORE])
    after = _by_date(today, offsets[ReminderKind.OCCURRENCE_AFTER], sign=-1)
    agreement_end = _by_date(today, offsets[ReminderKind.AGREEMENT_END])
    instrument_end = _by_date(today, offsets[ReminderKind.INSTRUMENT_END])

    live = {"archived_at__isnull": True, "stage__in": RUNNING_STAGES}
    occurrence_fields = ("obligation__agreement", "obligation__party")
    upcoming = ObligationOccurrence.objects.filter(
        due_date__in=list(before),
        status__in=[OccurrenceStatus.UPCOMING, OccurrenceStatus.IN_PROGRESS],
        **{f"obligation__agreement__{k}": v for k, v in live.items()},
    ).select_related(*occurrence_fields, "obligation")
    late = ObligationOccurrence.objects.filter(
        due_date__in=list(after),
        status=OccurrenceStatus.OVERDUE,
        **{f"obligation__agreement__{k}": v for k, v in live.items()},
    ).select_related(*occurrence_fields, "obligation")
    ending = Agreement.objects.filter(end_date__in=list(agreement_end), **live)
    instruments = Instrument.objects.filter(
        end_date__in=list(instrument_end),
        status__in=[InstrumentStatus.SIGNED, InstrumentStatus.VALIDATED],
        **{f"agreement__{k}": v for k, v in live.items()},
    ).select_related("agreement")

    upcoming, late, ending, instruments = list(upcoming), list(late), list(ending), list(instruments)
    agreement_ids = {a.pk for a in ending} | {i.agreement_id for i in instruments}
    parties = {}
    for party in AgreementParty.objects.filter(
        agreement_id__in=agreement_ids, partner__is_home_government=False
    ).select_related("partner"):
        parties.setdefault(party.agreement_id, []).append(party.partner_id)
    occurrence_partners = {
        o.obligation.party.partner_id for o in upcoming + late if o.obligation.shared_with_parties
    }
    partner_ids = occurrence_partners | {p for ids in parties.values() for p in ids}
    unit_ids = {
        o.obligation.responsible_unit_id or o.obligation.agreement.lead_unit_id for o in upcoming + late
    }
    unit_ids |= {a.lead_unit_id for a in ending} | {i.agreement.lead_unit_id for i in instruments}
    directory = RecipientDirectory(today, partner_ids, unit_ids - {None})

    def occurrence_recipients(o, escalate):
        obligation = o.obligation
        people = []
        if obligation.shared_with_parties:
            people += directory.of_partner(obligation.party.partner_id)
        people += directory.of_unit(obligation.responsible_unit_id or obligation.agreement.lead_unit_id)
        if escalate:
            people += directory.cooperation_unit
        return unique(people)

    def agreement_recipients(agreement):
        people = [r for pid in parties.get(agreement.pk, []) for r in directory.of_partner(pid)]
        people += directory.of_unit(agreement.lead_unit_id) + directory.cooperation_unit
        return unique(people)

    reminders = [
        Reminder(ReminderKind.OCCURRENCE_BEFORE, ItemType.OCCURRENCE, o.pk, o.due_date, before[o.due_date],
                 o.obligation.title, o.obligation.agreement, occurrence_recipients(o, escalate=False))
        for o in upcoming
    ] + [
        Reminder(ReminderKind.OCCURRENCE_AFTER, ItemType.OCCURRENCE, o.pk, o.due_date, after[o.due_date],
                 o.obligation.title, o.obligation.agreement, occurrence_recipients(o, escalate=True))
        for o in late
    ] + [
        Reminder(ReminderKind.AGREEMENT_END, ItemType.AGREEMENT, a.pk, a.end_date, agreement_end[a.end_date],
                 a.title, a, agreement_recipients(a))
        for a in ending
    ] + [
        Reminder(ReminderKind.INSTRUMENT_END, ItemType.INSTRUMENT, i.pk, i.end_date, instrument_end[i.end_date],
                 str(i), i.agreement, agreement_recipients(i.agreement))
        for i in instruments
    ]  # fmt: skip
    return reminders


def _claim(rows: list[tuple]) -> set[tuple]:
    """Insert deliveries, skipping existing ones; returns the keys this call created (and so sends)."""
    if not rows:
        return set()
    table = ReminderDelivery._meta.db_table
    q = connection.ops.quote_name
    columns = ["item_type", "item_id", "due_date", "offset", "recipient", "user_id", "email",
               "agreement_id", "status", "error", "created_at"]  # fmt: skip
    created = set()
    now = timezone.now()
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 500):
            batch = rows[start : start + 500]
            placeholders = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(batch))
            params = [v for row in batch for v in (*row, DeliveryStatus.PENDING, "", now)]
            cursor.execute(
                f"INSERT INTO {q(table)} ({', '.join(q(c) for c in columns)}) VALUES {placeholders} "
                f"ON CONFLICT DO NOTHING RETURNING {q('item_type')}, {q('item_id')}, {q('due_date')}, "
                f"{q('offset')}, {q('recipient')}",
                params,
            )
            for item_type, item_id, due, offset, recipient in cursor.fetchall():
                due = due if isinstance(due, str) else due.isoformat()
                created.add((item_type, int(item_id), due, int(offset), recipient))
    return created


def reminders_send(today: date) -> dict:
    """Send what is due today to whoever has not had it yet; returns counts."""
    reminders = reminders_due(today)
    rows, pending = [], []
    for reminder in reminders:
        for r in reminder.recipients:
            key = (
                reminder.item_type,
                reminder.item_id,
                reminder.due_date.isoformat(),
                reminder.offset,
                r.key,
            )
            rows.append((*key[:2], reminder.due_date, reminder.offset, r.key, getattr(r.user, "pk", None),
                         r.email or "", reminder.agreement.pk))  # fmt: skip
            pending.append((key, reminder, r))
    with transaction.atomic():
        created = _claim(rows)
    mine = [(key, reminder, r) for key, reminder, r in pending if key in created]
    if not mine:
        return {"reminders": len(reminders), "deliveries": 0, "emails": 0}

    user_ids = {r.user.pk for _k, _rem, r in mine if r.user}
    preferences = {p.user_id: p for p in NotificationPreference.objects.filter(user_id__in=user_ids)}
    outcome = {DeliveryStatus.SENT: [], DeliveryStatus.IN_APP_ONLY: [], DeliveryStatus.FAILED: []}
    notifications = []
    mail = get_connection(fail_silently=False)
    try:
        for key, reminder, r in mine:
            with translation.override(r.language):
                message = _message(reminder, r)
                if r.user:
                    notifications.append(
                        Notification(user=r.user, title=message["subject"], body=message["text_line"],
                                     link=message["path"])
                    )  # fmt: skip
                wants = r.email and (not r.user or _wants_email(preferences.get(r.user.pk), reminder.kind))
                if not wants:
                    outcome[DeliveryStatus.IN_APP_ONLY].append(key)
                    continue
                try:
                    email = EmailMultiAlternatives(
                        message["subject"],
                        message["text"],
                        settings.DEFAULT_FROM_EMAIL,
                        [r.email],
                        connection=mail,
                    )
                    email.attach_alternative(message["html"], "text/html")
                    email.send()
                    outcome[DeliveryStatus.SENT].append(key)
                except Exception:  # a bad address or a mail server hiccup must not stop the others
                    log.exception("reminder mail to %s failed", r.email)
                    outcome[DeliveryStatus.FAILED].append(key)
    finally:
        mail.close()
    Notification.objects.bulk_create(notifications)
    now = timezone.now()
    for status, keys in outcome.items():
        for key in keys:
            ReminderDelivery.objects.filter(
                item_type=key[0], item_id=key[1], due_date=key[2], offset=key[3], recipient=key[4]
            ).update(status=status, sent_at=now)
    return {
        "reminders": len(reminders),
        "deliveries": len(mine),
        "emails": len(outcome[DeliveryStatus.SENT]),
    }


def _wants_email(preference, kind) -> bool:
    return preference is None or preference.wants_email(kind)


def _path(name, pk, fallback):
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return fallback


def _message(reminder: Reminder, recipient) -> dict:
    """Subject, plain text, HTML and link of one reminder, in the active (the recipient's) language."""
    from core.templatetags.formatting import tanggal

    agreement = reminder.agreement
    if recipient.is_partner:
        path = _path("portal:agreement", agreement.pk, f"/portal/agreements/{agreement.pk}/")
    else:
        path = _path("agreements:detail", agreement.pk, f"/kerja-sama/{agreement.pk}/")
    values = {"title": reminder.title, "days": abs(reminder.offset), "date": tanggal(reminder.due_date),
              "agreement": agreement.number or agreement.title}  # fmt: skip
    if reminder.kind == ReminderKind.OCCURRENCE_BEFORE:
        subject = (
            _('Pengingat: kewajiban "%(title)s" jatuh tempo hari ini (%(date)s)')
            if reminder.offset == 0
            else _('Pengingat: kewajiban "%(title)s" jatuh tempo dalam %(days)s hari (%(date)s)')
        ) % values
    elif reminder.kind == ReminderKind.OCCURRENCE_AFTER:
        subject = _('Terlambat: kewajiban "%(title)s" lewat %(days)s hari dari jatuh tempo %(date)s') % values
    elif reminder.kind == ReminderKind.AGREEMENT_END:
        subject = (
            _('Kerja sama "%(title)s" berakhir hari ini (%(date)s)')
            if reminder.offset == 0
            else _('Kerja sama "%(title)s" berakhir dalam %(days)s hari (%(date)s)')
        ) % values
    else:
        subject = (
            _('Naskah "%(title)s" (%(agreement)s) berakhir hari ini (%(date)s)')
            if reminder.offset == 0
            else _('Naskah "%(title)s" (%(agreement)s) berakhir dalam %(days)s hari (%(date)s)')
        ) % values
    context = {
        "subject": subject,
        "reminder": reminder,
        "agreement": agreement,
        "recipient": recipient,
        "url": settings.SITE_URL.rstrip("/") + path,
        "home_government": settings.HOME_GOVERNMENT_NAME,
        "escalated": reminder.kind == ReminderKind.OCCURRENCE_AFTER,
    }
    return {
        "subject": subject,
        "text_line": _("Kerja sama: %(agreement)s") % values,
        "path": path,
        "text": render_to_string("notifications/email/reminder.txt", context),
        "html": render_to_string("notifications/email/reminder.html", context),
    }


def notification_mark_read(*, user, notification_id=None) -> int:
    """Mark one (or, without an id, every) unread notification of `user` as read."""
    qs = Notification.objects.visible_to(user).unread()
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=timezone.now())


def preference_for(user) -> NotificationPreference:
    return NotificationPreference.objects.get_or_create(user=user)[0]
