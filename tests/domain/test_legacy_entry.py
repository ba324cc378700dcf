"""Agreements that predate the system (issue 10, item 11) enter at their current stage through a legacy
entry that records which steps happened outside the system; `legacy_steps` tells the gates which; the
existing rows are carried over as legacy entries by a data migration."""

from datetime import date
from importlib import import_module

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
from tests.domain.law import prepared

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
