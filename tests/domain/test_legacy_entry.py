"""Agreements that predate the system (issue 10, item 11) enter at their current stage through a legacy
entry that records which steps happened outside the system; `legacy_steps` tells the gates which; the
existing rows are carried over as legacy entries by a data migration."""

from datetime import date
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements import services
from agreements.choices import Category, Stage
from agreements.legacy import PREPARATION_STEPS, SIGNING_STEPS, legacy_steps
from agreements.models import LegacyEntry, LegacyStep, StageTransition
from core.services import GateRefused
from tests.agreements.factories import AgreementFactory
from tests.domain.law import pdf_upload, prepared

pytestmark = pytest.mark.django_db


def test_a_new_agreement_has_no_legacy_steps():
    assert legacy_steps(AgreementFactory()) == set()


def test_entering_at_signing_records_the_steps_and_the_stage(staff_user):
    agreement = prepared(Category.KSDPK, actor=staff_user)
    services.agreement_enter_legacy(
        agreement=agreement,
        actor=staff_user,
        stage=Stage.SIGNING,
        steps=[
            {"step": "initiative_letter", "happened_on": date(2019, 3, 1), "reference": "415/123/2019"},
            "tkksd_review",
        ],
        note="Ditandatangani 2019, dicatat 2026",
    )
    agreement.refresh_from_db()
    assert agreement.stage == Stage.SIGNING
    entry = LegacyEntry.objects.get(agreement=agreement)
    assert (entry.entered_stage, entry.recorded_by) == (Stage.SIGNING, staff_user)
    assert legacy_steps(agreement) == {"initiative_letter", "tkksd_review"}
    letter = entry.steps.get(step="initiative_letter")
    assert (letter.happened_on, letter.reference) == (date(2019, 3, 1), "415/123/2019")
    assert StageTransition.objects.filter(agreement=agreement, to_stage=Stage.SIGNING).count() == 1


def test_a_refused_gate_records_nothing(staff_user):
    """A brand-new agreement with no parties cannot be entered at signing: no entry stays behind."""
    agreement = AgreementFactory(category=Category.KSDPK)
    with pytest.raises(GateRefused):
        services.agreement_enter_legacy(
            agreement=agreement, actor=staff_user, stage=Stage.SIGNING, steps=["tkksd_review"]
        )
    assert not LegacyEntry.objects.exists() and not LegacyStep.objects.exists()
    agreement.refresh_from_db()
    assert agreement.stage == Stage.PREPARATION


def test_unknown_repeated_future_or_foreign_steps_are_refused(staff_user):
    agreement = AgreementFactory()
    other = AgreementFactory()
    document = other.documents.create(title="Surat lain", doc_type="other", file="x.pdf", size=1)
    for steps, message in (
        (["no_such_step"], "Langkah tidak dikenal: no_such_step."),
        (["tkksd_review", "tkksd_review"], "Setiap langkah hanya dicatat sekali."),
        ([{"step": "sign_mou", "happened_on": date(2999, 1, 1)}], "hari ini"),
        ([{"step": "sign_mou", "document": document}], "Pilih dokumen kerja sama ini."),
    ):
        with pytest.raises(ValidationError) as refused:
            services.agreement_enter_legacy(
                agreement=agreement, actor=staff_user, stage=Stage.SIGNING, steps=steps
            )
        assert message in str(refused.value), steps
        assert not LegacyEntry.objects.exists()


def test_the_set_stage_page_offers_the_steps(client, staff_user):
    agreement = AgreementFactory()
    client.force_login(staff_user)
    page = client.get(reverse("agreements:set_stage", args=[agreement.pk])).content.decode()
    assert 'name="steps" value="tkksd_review"' in page
    assert "Langkah yang dilakukan di luar sistem" in page


def test_existing_agreements_past_preparation_become_legacy_entries():
    working = AgreementFactory(stage=Stage.IMPLEMENTATION)
    signing = AgreementFactory(stage=Stage.SIGNING)
    fresh = AgreementFactory(stage=Stage.PREPARATION)
    closed_early = AgreementFactory(stage=Stage.TERMINATED)
    StageTransition.objects.create(
        agreement=closed_early, from_stage=Stage.SIGNING, to_stage=Stage.TERMINATED
    )
    rejected = AgreementFactory(stage=Stage.REJECTED)
    StageTransition.objects.create(agreement=rejected, from_stage=Stage.PREPARATION, to_stage=Stage.REJECTED)
    migration = import_module("agreements.migrations.0013_legacy_entries_for_existing")
    migration.forward(apps, None)
    assert legacy_steps(working) == set(PREPARATION_STEPS) | set(SIGNING_STEPS)
    assert legacy_steps(signing) == set(PREPARATION_STEPS)
    assert legacy_steps(closed_early) == set(PREPARATION_STEPS)
    assert legacy_steps(fresh) == legacy_steps(rejected) == set()
    assert LegacyEntry.objects.get(agreement=working).entered_stage == Stage.IMPLEMENTATION
    migration.forward(apps, None)  # once only
    assert LegacyEntry.objects.count() == 3
    migration.backward(apps, None)
    assert not LegacyEntry.objects.exists()


# --- the set-stage page: per step its date, number and document ---------------------------------


def _set_stage_url(agreement):
    return reverse("agreements:set_stage", args=[agreement.pk])


def test_the_set_stage_page_takes_each_steps_date_number_and_document(client, staff_user):
    agreement = prepared(Category.KSDPK, actor=staff_user)
    client.force_login(staff_user)
    page = client.get(_set_stage_url(agreement)).content.decode()
    for name in ("tkksd_review__happened_on", "tkksd_review__reference", "tkksd_review__file"):
        assert f'name="{name}"' in page
    response = client.post(
        _set_stage_url(agreement),
        {
            "stage": Stage.SIGNING,
            "steps": ["initiative_letter", "tkksd_review"],
            "initiative_letter__happened_on": "2019-03-01",
            "initiative_letter__reference": "415/123/2019",
            "initiative_letter__file": pdf_upload("surat-penawaran.pdf"),
            "note": "Ditandatangani 2019",
        },
    )
    assert response.status_code == 302, response.content.decode()
    agreement.refresh_from_db()
    assert agreement.stage == Stage.SIGNING
    letter = LegacyStep.objects.get(entry__agreement=agreement, step="initiative_letter")
    assert (letter.happened_on, letter.reference) == (date(2019, 3, 1), "415/123/2019")
    assert letter.document.agreement_id == agreement.pk
    assert (letter.document.doc_type, letter.document.visibility) == ("letter", "internal")
    assert letter.document.file.read().startswith(b"%PDF")
    review = LegacyStep.objects.get(entry__agreement=agreement, step="tkksd_review")
    assert (review.happened_on, review.reference, review.document) == (None, "", None)


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        (
            {"steps": ["tkksd_review"], "tkksd_review__happened_on": "2999-01-01"},
            "tkksd_review__happened_on",
            "hari ini",
        ),
        ({"steps": [], "proposal__reference": "KAK/1"}, "proposal__reference", "Centang langkah ini"),
        (
            {"steps": ["tkksd_review"], "tkksd_review__happened_on": "kemarin"},
            "tkksd_review__happened_on",
            "tanggal",
        ),
    ],
)
def test_bad_step_details_are_refused_and_change_nothing(client, staff_user, extra, field, message):
    agreement = prepared(Category.KSDPK, actor=staff_user)
    client.force_login(staff_user)
    response = client.post(_set_stage_url(agreement), {"stage": Stage.SIGNING, **extra})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    agreement.refresh_from_db()
    assert agreement.stage == Stage.PREPARATION
    assert not LegacyEntry.objects.exists()


def test_a_refused_entry_keeps_no_uploaded_document(client, staff_user, settings):
    """The gate refuses (no parties): the entry, its steps and the uploaded file are all gone."""
    agreement = AgreementFactory(category=Category.KSDPK)
    client.force_login(staff_user)
    response = client.post(
        _set_stage_url(agreement),
        {"stage": Stage.SIGNING, "steps": ["proposal"], "proposal__file": pdf_upload("kak.pdf")},
    )
    assert response.status_code == 400
    assert "Pemerintah daerah sendiri belum tercatat sebagai pihak." in response.content.decode()
    assert not LegacyEntry.objects.exists()
    assert not agreement.documents.exists()
    folder = Path(settings.PRIVATE_STORAGE_ROOT) / "agreements" / str(agreement.pk)
    assert not folder.exists() or not any(folder.iterdir())
