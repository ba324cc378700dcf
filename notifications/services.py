"""The daily run and the reminders it sends (DESIGN.md §4.3), and in-app notifications.

The run is a pipeline of beat tasks (notifications/tasks.py): mark overdue occurrences, move ended
agreements to evaluation, claim today's reminders, and send each claimed e-mail in a task of its own.

Exactly once: every (item, due date, offset, recipient) is inserted into ReminderDelivery with
ON CONFLICT DO NOTHING before anything is sent; only the run whose insert created the row notifies. Two
workers, or a retried task, find the rows already there and claim nothing. A delivery's mail is sent by
`delivery_send`, which first takes the row from pending (or retrying) to sending, so that a send task
that runs twice sends once.
"""

import logging
import operator
import smtplib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import reduce

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.roles import roles_load
from accounts.scope import scope_load
from agreements.choices import NOT_YET_DUE_STATUSES, InstrumentStatus, OccurrenceStatus, Stage
from agreements.models import Agreement, AgreementParty, Instrument, ObligationOccurrence
from agreements.services import agreements_move_ended_to_evaluation, occurrences_mark_overdue
from core.headers import header_safe
from core.templatetags.formatting import tanggal

from . import links
from .choices import SENDABLE_STATUSES, DeliveryStatus, ItemType, ReminderKind
from .models import Notification, NotificationPreference, ReminderDelivery, ReminderPolicy
from .recipients import RecipientDirectory, unique

log = logging.getLogger(__name__)

# Agreements whose end (and whose instruments' ends) still matter.
RUNNING_STAGES = (Stage.SIGNING, Stage.IMPLEMENTATION, Stage.EVALUATION)
SUBJECT_MAX_LENGTH = ReminderDelivery._meta.get_field("subject").max_length
# What a send task retries: the mail server or the network is away, or answers "try later" (4xx).
MAIL_UNAVAILABLE = (smtplib.SMTPException, OSError)


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
    """The three steps of the daily pipeline in order, in this process (the benchmark and the shell use
    it; beat sends them as separate tasks). It sends no mail itself: the mails it claims wait as
    pending ("waiting") until the next claim task hands them to send tasks. Every date is read afresh,
    so an addendum's new end date is what counts."""
    today = today or timezone.localdate()
    marked = occurrences_mark_overdue(today)
    moved = agreements_move_ended_to_evaluation(today)
    claimed = reminders_claim(today)
    waiting = len(claimed.pop("to_send"))
    log.info("daily run %s: %s overdue, %s moved to evaluation, reminders %s", today, marked, moved, claimed)
    return {"overdue": marked, "moved": moved, **claimed, "waiting": waiting}


def _by_date(today, offsets, sign=1):
    """{due date: offset} for the policy's offsets (sign -1: days after the date)."""
    return {today + timedelta(days=sign * o): sign * o for o in offsets}


def reminders_due(today: date) -> list[Reminder]:
    """Every reminder due today, from set-based queries on the policy's dates only."""
    offsets = ReminderPolicy.offsets_by_kind()
    before = _by_date(today, offsets[ReminderKind.OCCURRENCE_BEFORE])
    after = {
        d: o for d, o in _by_date(today, offsets[ReminderKind.OCCURRENCE_AFTER], sign=-1).items() if d < today
    }
    agreement_end = _by_date(today, offsets[ReminderKind.AGREEMENT_END])
    instrument_end = _by_date(today, offsets[ReminderKind.INSTRUMENT_END])

    live = {"archived_at__isnull": True, "stage__in": RUNNING_STAGES}
    occurrence_fields = ("obligation__agreement", "obligation__party")
    upcoming = ObligationOccurrence.objects.filter(
        due_date__in=list(before),
        status__in=NOT_YET_DUE_STATUSES,  # a rejected submission is reminded of like an open one
        **{f"obligation__agreement__{k}": v for k, v in live.items()},
    ).select_related(*occurrence_fields, "obligation")
    # Past their date and not handed in: overdue, whether or not today's overdue step has marked them
    # yet (the claim does not depend on the order the beat tasks run in).
    late = ObligationOccurrence.objects.filter(
        due_date__in=list(after),
        status__in=[OccurrenceStatus.OVERDUE, *NOT_YET_DUE_STATUSES],
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


_COLUMNS = ("item_type", "item_id", "due_date", "offset", "recipient", "user_id", "email", "agreement_id",
            "status", "subject", "body_text", "body_html", "sent_at")  # fmt: skip
_KEY = ("item_type", "item_id", "due_date", "offset", "recipient")


def _key(item_type, item_id, due, offset, recipient) -> tuple:
    # SQLite returns dates as text.
    return (item_type, int(item_id), due if isinstance(due, date) else date.fromisoformat(due), int(offset),
            recipient)  # fmt: skip


def _existing(keys) -> dict[tuple, tuple[int, str]]:
    """{key: (delivery id, status)} of the keys that already have a delivery."""
    if not keys:
        return {}
    by_type = {}
    for key in keys:
        by_type.setdefault(key[0], set()).add(key[1])
    rows = ReminderDelivery.objects.filter(
        reduce(operator.or_, (Q(item_type=t, item_id__in=ids) for t, ids in by_type.items())),
        due_date__in={key[2] for key in keys},
    ).values_list(*_KEY, "pk", "status")
    found = {}
    for *key, pk, status in rows:
        key = _key(*key)
        if key in keys:
            found[key] = (pk, status)
    return found


def deliveries_insert(rows: list[tuple]) -> dict[tuple, int]:
    """Insert deliveries (values in _COLUMNS order), skipping existing keys; returns {key: id} of the
    rows this call created — and so notifies."""
    table = ReminderDelivery._meta.db_table
    q = connection.ops.quote_name
    columns = [*_COLUMNS, "attempts", "error", "created_at"]
    created = {}
    now = timezone.now()
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 500):
            batch = rows[start : start + 500]
            placeholders = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(batch))
            params = [v for row in batch for v in (*row, 0, "", now)]
            cursor.execute(
                f"INSERT INTO {q(table)} ({', '.join(q(c) for c in columns)}) VALUES {placeholders} "
                f"ON CONFLICT DO NOTHING RETURNING {q('id')}, {', '.join(q(c) for c in _KEY)}",
                params,
            )
            for pk, *key in cursor.fetchall():
                created[_key(*key)] = pk
    return created


def reminders_claim(today: date | None = None) -> dict:
    """Claim what is due today for whoever has not had it yet: one delivery row per recipient, written
    in bulk with its final status (in the app only, or pending for its mail), and the in-app
    notifications. Returns counts, and under "to_send" the ids of the deliveries whose mail a send task
    must send: the ones claimed now, and any earlier one still pending (its task was lost)."""
    today = today or timezone.localdate()
    reminders = reminders_due(today)
    wanted = {}
    for reminder in reminders:
        for r in reminder.recipients:
            key = (reminder.item_type, reminder.item_id, reminder.due_date, reminder.offset, r.key)
            wanted.setdefault(key, (reminder, r))
    existing = _existing(wanted.keys())
    new = {key: value for key, value in wanted.items() if key not in existing}
    user_ids = {r.user.pk for _rem, r in new.values() if r.user}
    preferences = {p.user_id: p for p in NotificationPreference.objects.filter(user_id__in=user_ids)}
    # The link builders ask each reader's roles and scope (a page they may open).
    roles_load([r.user for _rem, r in new.values()])
    scope_load([r.user for _rem, r in new.values() if r.user])

    rows, messages, now = [], {}, timezone.now()
    for key, (reminder, r) in new.items():
        with translation.override(r.language):
            message = messages[key] = _message(reminder, r)
        wants = r.email and (not r.user or wants_email(preferences.get(r.user.pk), reminder.kind))
        status = DeliveryStatus.PENDING if wants else DeliveryStatus.IN_APP_ONLY
        rows.append((*key, getattr(r.user, "pk", None), r.email or "", reminder.agreement.pk, status,
                     message["subject"], message["text"] if wants else "", message["html"] if wants else "",
                     None if wants else now))  # fmt: skip
    with transaction.atomic():
        created = deliveries_insert(rows) if rows else {}
        Notification.objects.bulk_create(
            Notification(user=new[key][1].user, title=messages[key]["subject"],
                         body=messages[key]["text_line"], link=messages[key]["path"])
            for key in created
            if new[key][1].user
        )  # fmt: skip
    emails = sorted(
        created[row[:5]] for row in rows if row[:5] in created and row[8] == DeliveryStatus.PENDING
    )
    waiting = ReminderDelivery.objects.filter(status=DeliveryStatus.PENDING).exclude(pk__in=emails)
    return {
        "reminders": len(reminders),
        "deliveries": len(created),
        "emails": len(emails),
        "to_send": emails + list(waiting.order_by("pk").values_list("pk", flat=True)),
    }


def _describe(exc: BaseException) -> str:
    """An error as it is kept on the delivery: never empty."""
    if isinstance(exc, smtplib.SMTPResponseException):
        text = (
            exc.smtp_error.decode(errors="replace")
            if isinstance(exc.smtp_error, bytes)
            else str(exc.smtp_error)
        )
        text = f"{exc.smtp_code} {text}".strip()
    else:
        text = str(exc).strip()
    return (text or exc.__class__.__name__)[:2000]


def _worth_retrying(exc: BaseException) -> bool:
    """A mail server that is away or answers "try later" (4xx); a refusal (5xx) will not change."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return any(code < 500 for code, _msg in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code < 500
    return isinstance(exc, MAIL_UNAVAILABLE)


def delivery_send(delivery_id: int, *, final: bool = False) -> str:
    """Send one claimed delivery's mail; returns "sent", "failed" or "skipped".

    The row goes from pending (or retrying) to sending in one conditional UPDATE first: another run of
    the same task finds it taken and sends nothing. When the server is away or answers "try later", the
    error is recorded, the row waits as retrying and the exception is raised again for the task to
    retry it; on the `final` attempt, or for a refusal, the row is marked failed with the error.
    """
    taken = ReminderDelivery.objects.filter(pk=delivery_id, status__in=SENDABLE_STATUSES).update(
        status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, last_attempt_at=timezone.now()
    )
    if not taken:
        return "skipped"
    delivery = ReminderDelivery.objects.get(pk=delivery_id)
    try:
        email = EmailMultiAlternatives(
            header_safe(delivery.subject, SUBJECT_MAX_LENGTH),
            delivery.body_text,
            settings.DEFAULT_FROM_EMAIL,
            [delivery.email],
        )
        if delivery.body_html:
            email.attach_alternative(delivery.body_html, "text/html")
        email.send()
    except Exception as exc:
        retry = _worth_retrying(exc) and not final
        ReminderDelivery.objects.filter(pk=delivery_id).update(
            status=DeliveryStatus.RETRYING if retry else DeliveryStatus.FAILED, error=_describe(exc)
        )
        if retry:
            log.warning("reminder mail %s to %s not sent, will retry: %s", delivery_id, delivery.email, exc)
            raise
        log.exception("reminder mail %s to %s failed", delivery_id, delivery.email)
        return "failed"
    ReminderDelivery.objects.filter(pk=delivery_id).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now(), error=""
    )
    return "sent"


def wants_email(preference, kind) -> bool:
    return preference is None or preference.wants_email(kind)


def _message(reminder: Reminder, recipient) -> dict:
    """Subject, plain text, HTML and link of one reminder, in the active (the recipient's) language."""
    agreement = reminder.agreement
    path = links.link_path("agreement", recipient.user, agreement)
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
    subject = header_safe(subject, SUBJECT_MAX_LENGTH)
    context = {
        "subject": subject,
        "reminder": reminder,
        "agreement": agreement,
        "recipient": recipient,
        "url": links.absolute(path),
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
