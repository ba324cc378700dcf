"""Notices of what happened to evidence: the partner's people hear of a verdict (verified, or rejected
with the comment), the cooperation unit's staff of evidence that waits for one.

They travel the reminders' way: one ReminderDelivery per reader, written with ON CONFLICT DO NOTHING
(the item is the occurrence's history record of the change, so one change is told once to each
reader), an in-app notification for every reader with an account, and an e-mail to those whose
preferences ask for it. The rows are written in the transaction of the change itself — an outbox: the
notices exist exactly when the change does — and each e-mail is sent by `delivery_send` in a task of
its own once the change is committed. A task lost with the broker is sent by the next claim run,
which sends every delivery still pending.
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.roles import roles_load
from accounts.scope import scope_load
from agreements.models import ObligationOccurrence
from core.headers import header_safe
from core.templatetags.formatting import tanggal

from . import links
from .choices import DeliveryStatus, ItemType, NoticeKind
from .models import Notification, NotificationPreference
from .recipients import RecipientDirectory, unique
from .services import SUBJECT_MAX_LENGTH, deliveries_insert, wants_email
from .tasks import delivery_send

EVENTS = ("submitted", "verified", "rejected")


def occurrence_event_received(sender=None, occurrence_id=None, event=None, history_id=None, **kwargs):
    """Receiver of agreements.signals.occurrence_event (sent inside the change's transaction): the
    notices join that transaction, their e-mails go to send tasks once it commits. A broker that is
    away loses no mail (robust: the change stands; the claim run sends what is still pending)."""
    to_send = occurrence_notices_claim(occurrence_id, event, history_id)
    if to_send:
        transaction.on_commit(lambda: [delivery_send.delay(pk) for pk in to_send], robust=True)


def _readers(occurrence, event, actor_id):
    """Who hears of `event`: staff of the cooperation unit for new evidence, otherwise those who
    answer for the occurrence (the party's people when it is shared with the parties, and the officers
    of the responsible OPD, or of the leading one) — never the person who acted."""
    obligation = occurrence.obligation
    partner_ids = {obligation.party.partner_id} if obligation.shared_with_parties else set()
    unit_id = obligation.responsible_unit_id or obligation.agreement.lead_unit_id
    directory = RecipientDirectory(timezone.localdate(), partner_ids, {unit_id} - {None})
    if event == "submitted":
        people = directory.cooperation_unit
    else:
        people = [r for pid in partner_ids for r in directory.of_partner(pid)] + directory.of_unit(unit_id)
    return [r for r in unique(people) if not (r.user and r.user.pk == actor_id)]


def occurrence_notices_claim(occurrence_id: int, event: str, history_id: int) -> list[int]:
    """Write the notices of one change of an occurrence; returns the ids of the deliveries whose
    e-mail a send task must send (none when the change was told before)."""
    if event not in EVENTS:
        raise ValueError(f"unknown occurrence event {event!r}")
    occurrence = (
        ObligationOccurrence.objects.select_related("obligation__agreement", "obligation__party__partner")
        .filter(pk=occurrence_id)
        .first()
    )
    record = occurrence and occurrence.history.filter(history_id=history_id).first()
    if record is None:
        return []
    readers = _readers(occurrence, event, record.history_user_id)
    kind = NoticeKind.EVIDENCE_SUBMITTED if event == "submitted" else NoticeKind.OCCURRENCE_VERDICT
    preferences = {
        p.user_id: p
        for p in NotificationPreference.objects.filter(user_id__in=[r.user.pk for r in readers if r.user])
    }
    # The link builders ask each reader's roles and scope (a page they may open).
    roles_load([r.user for r in readers])
    scope_load([r.user for r in readers if r.user])
    rows, messages, wanted, now = [], {}, {}, timezone.now()
    for r in readers:
        key = (ItemType.OCCURRENCE_EVENT, history_id, occurrence.due_date, 0, r.key)
        wanted[key] = r
        with translation.override(r.language):
            message = messages[key] = _message(occurrence, record, event, r)
        wants = bool(r.email) and (not r.user or wants_email(preferences.get(r.user.pk), kind))
        rows.append((*key, getattr(r.user, "pk", None), r.email or "", occurrence.obligation.agreement_id,
                     DeliveryStatus.PENDING if wants else DeliveryStatus.IN_APP_ONLY, message["subject"],
                     message["text"] if wants else "", message["html"] if wants else "",
                     None if wants else now))  # fmt: skip
    with transaction.atomic():  # on its own (a shell, a test): the rows and the inbox together
        created = deliveries_insert(rows) if rows else {}
        Notification.objects.bulk_create(
            Notification(user=wanted[key].user, title=messages[key]["subject"],
                         body=messages[key]["line"], link=messages[key]["path"])
            for key in created
            if wanted[key].user
        )  # fmt: skip
    return sorted(created[row[:5]] for row in rows if row[:5] in created and row[8] == DeliveryStatus.PENDING)


def _message(occurrence, record, event, recipient) -> dict:
    """Subject, one line for the inbox, plain text, HTML and link, in the active language."""
    obligation = occurrence.obligation
    agreement = obligation.agreement
    values = {"title": obligation.title, "date": tanggal(occurrence.due_date)}
    if event == "verified":
        subject = _('Bukti "%(title)s" (jatuh tempo %(date)s) diverifikasi: terpenuhi') % values
    elif event == "rejected":
        subject = _('Bukti "%(title)s" (jatuh tempo %(date)s) ditolak: ajukan bukti baru') % values
    else:
        subject = _('Bukti baru menunggu verifikasi: "%(title)s" (jatuh tempo %(date)s)') % values
    subject = header_safe(subject, SUBJECT_MAX_LENGTH)
    kind = "evidence" if event == "submitted" else "occurrence"
    path = links.link_path(kind, recipient.user, occurrence)
    note = record.submission_note if event == "submitted" else record.verification_note
    context = {
        "subject": subject,
        "event": event,
        "occurrence": occurrence,
        "agreement": agreement,
        "party": obligation.party,
        "note": note,
        "url": links.absolute(path),
        "home_government": settings.HOME_GOVERNMENT_NAME,
    }
    return {
        "subject": subject,
        "line": note or (_("Kerja sama: %(agreement)s") % {"agreement": agreement.number or agreement.title}),
        "path": path,
        "text": render_to_string("notifications/email/notice.txt", context),
        "html": render_to_string("notifications/email/notice.html", context),
    }
