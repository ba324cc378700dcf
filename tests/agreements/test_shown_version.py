"""Agreement.shown_version rises with every write that changes what an agreement's pages show, so the
cached sections (agreements/section_cache.py) are never stale; and no model can forget it."""

import datetime

import pytest
from django.apps import apps
from django.db.models.signals import post_delete, post_save
from django.dispatch.dispatcher import _make_id
from django.urls import reverse

from agreements import services
from agreements.choices import OccurrenceStatus
from agreements.models import Agreement, ObligationOccurrence
from agreements.services.obligations import occurrences_mark_overdue
from agreements.shown import NOT_SHOWN, REFERENCED, bump
from registry import services as registry_services
from tests.agreements.builders import furnished_agreement, pdf_upload

HTMX = {"HTTP_HX_REQUEST": "true"}


# --- structure: every model below an agreement, and every model a page names, is covered ----------


def _paths_to_agreement(model, depth=4):
    """Independently of agreements/shown.py: does a chain of foreign keys lead to Agreement?"""
    frontier = [model]
    for _ in range(depth):
        following = []
        for current in frontier:
            for field in current._meta.concrete_fields:
                if not (field.is_relation and (field.many_to_one or field.one_to_one)):
                    continue
                if field.related_model is Agreement:
                    return True
                if field.related_model not in (current, model):
                    following.append(field.related_model)
        frontier = following
    return False


def _is_historical(model):
    return hasattr(model, "instance_type")


def _below_an_agreement():
    return [
        m
        for m in apps.get_models()
        if m is not Agreement and not _is_historical(m) and _paths_to_agreement(m)
    ]


def _has_receiver(signal, model, uid):
    return any(key == (uid, _make_id(model)) for key, *_rest in signal.receivers)


def test_the_walk_finds_the_rows_of_every_app_that_hang_off_an_agreement():
    labels = {m._meta.label_lower for m in _below_an_agreement()}
    for expected in (
        "agreements.obligationoccurrence",
        "agreements.document",
        "agreements.agreementparty",
        "agreements.riskshare",
        "evaluations.observation",
        "jobs.agreementsummary",
    ):
        assert expected in labels


def test_every_model_below_an_agreement_raises_its_counter_on_save_and_delete():
    missing = [
        m._meta.label_lower
        for m in _below_an_agreement()
        if not _has_receiver(post_save, m, f"agreements.shown.save.{m._meta.label_lower}")
        or not _has_receiver(post_delete, m, f"agreements.shown.delete.{m._meta.label_lower}")
    ]
    assert missing == [], f"no shown_version receiver for {missing} (agreements/shown.py)"
    assert _has_receiver(post_save, Agreement, "agreements.shown.save.agreement")


def test_every_model_the_rows_name_is_covered_or_left_out_by_name():
    below = set(_below_an_agreement())
    named = set()
    for owner in [Agreement, *below]:
        for field in owner._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is not None:
                related = field.related_model
                if related is not Agreement and related not in below and not _is_historical(related):
                    named.add(related._meta.label_lower)
    uncovered = named - set(REFERENCED) - set(NOT_SHOWN)
    assert uncovered == set(), f"say in agreements/shown.py which agreements show {uncovered}"
    for label in REFERENCED:
        model = apps.get_model(label)
        assert _has_receiver(post_save, model, f"agreements.shown.save.{label}")
        assert _has_receiver(post_delete, model, f"agreements.shown.delete.{label}")


def test_the_counter_is_not_written_back_by_a_stale_copy(staff_user):
    agreement = furnished_agreement(staff_user, size=1)
    stale = Agreement.objects.get(pk=agreement.pk)
    bump(agreement.pk)
    bump(agreement.pk)
    before = Agreement.objects.values_list("shown_version", flat=True).get(pk=agreement.pk)
    stale.title = "Judul baru"
    stale.save()
    assert Agreement.objects.values_list("shown_version", flat=True).get(pk=agreement.pk) == before + 1


def test_new_rules_in_force_raise_every_agreements_counter(staff_user):
    from agreements.models import ProcessRules

    agreement = furnished_agreement(staff_user, size=1)
    before = Agreement.objects.values_list("shown_version", flat=True).get(pk=agreement.pk)
    rules = ProcessRules.current()
    rules.dprd_for_foreign = not rules.dprd_for_foreign
    rules.save()
    assert Agreement.objects.values_list("shown_version", flat=True).get(pk=agreement.pk) == before + 1


# --- behaviour: after each write the cached section shows it ---------------------------------------


def _section(client, agreement, slug):
    url = reverse("agreements:section", args=[agreement.pk, slug])
    return client.get(url, **HTMX).content.decode()


def _page(client, agreement, slug):
    return client.get(reverse("agreements:detail", args=[agreement.pk]), {"tab": slug}).content.decode()


def _counts(html):
    start = html.index("terpenuhi")
    return html[start - 40 : start + 80]


@pytest.fixture
def open_occurrence(staff_user):
    agreement = furnished_agreement(staff_user, size=1)
    occurrence = (
        ObligationOccurrence.objects.filter(obligation__agreement=agreement).order_by("due_date").first()
    )
    ObligationOccurrence.objects.filter(obligation__agreement=agreement).update(
        status=OccurrenceStatus.UPCOMING
    )
    bump(agreement.pk)  # QuerySet.update() sends no signal: a bulk writer raises the counter itself
    occurrence.refresh_from_db()
    return agreement, occurrence


def _warm(client, agreement, slug):
    first = _section(client, agreement, slug)
    assert _section(client, agreement, slug) == first  # served again, from the cache
    return first


def test_a_submission_a_verdict_and_a_rejection_show_at_once(client, staff_user, open_occurrence):
    agreement, occurrence = open_occurrence
    client.force_login(staff_user)
    before = _warm(client, agreement, "kewajiban")
    assert "0 terpenuhi, 0 diajukan, 0 ditolak" in before
    services.occurrence_submit(occurrence=occurrence, actor=staff_user, files=[pdf_upload("bukti.pdf")])
    assert "0 terpenuhi, 1 diajukan, 0 ditolak" in _warm(client, agreement, "kewajiban")
    services.occurrence_reject(occurrence=occurrence, actor=staff_user, note="Kurang tanda tangan")
    assert "0 terpenuhi, 0 diajukan, 1 ditolak" in _warm(client, agreement, "kewajiban")
    assert "1 bukti ditolak" in _page(client, agreement, "kewajiban")  # the header too
    services.occurrence_submit(occurrence=occurrence, actor=staff_user, note="Sudah diperbaiki")
    services.occurrence_verify(occurrence=occurrence, actor=staff_user)
    assert "1 terpenuhi, 0 diajukan, 0 ditolak" in _warm(client, agreement, "kewajiban")


def test_the_daily_overdue_marking_shows_at_once(client, staff_user, open_occurrence):
    agreement, occurrence = open_occurrence
    client.force_login(staff_user)
    assert "tidak ada jatuh tempo yang terlambat" in _page(client, agreement, "kewajiban")
    assert "0 terlambat" in _counts(_warm(client, agreement, "kewajiban"))
    assert occurrence.due_date == datetime.date(2026, 3, 31)
    assert occurrences_mark_overdue(datetime.date(2026, 4, 1)) == 1
    assert "1 terlambat" in _counts(_section(client, agreement, "kewajiban"))
    assert "1 jatuh tempo terlambat" in _page(client, agreement, "kewajiban")


def test_a_partners_new_name_shows_at_once(client, staff_user):
    agreement = furnished_agreement(staff_user, size=1)
    partner = agreement.parties.order_by("order").first().partner
    client.force_login(staff_user)
    assert partner.name in _warm(client, agreement, "pihak")
    registry_services.partner_update(partner=partner, actor=staff_user, name="Koperasi Nama Baru")
    assert "Koperasi Nama Baru" in _section(client, agreement, "pihak")


def test_an_uploaded_document_shows_at_once(client, staff_user):
    agreement = furnished_agreement(staff_user, size=1)
    client.force_login(staff_user)
    assert "Notulen rapat kedua" not in _warm(client, agreement, "dokumen")
    services.document_upload(
        agreement=agreement,
        actor=staff_user,
        upload=pdf_upload("notulen.pdf"),
        title="Notulen rapat kedua",
        doc_type="proposal",
        visibility="internal",
    )
    assert "Notulen rapat kedua" in _section(client, agreement, "dokumen")
