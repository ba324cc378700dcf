"""The data migrations of issue 10 carry existing data over: a DPRD approval date becomes an approved
Approval, a closed agreement gets its closing date from the move that closed it, a partner marked
verified keeps its standing as a legality record; the stage of every agreement is left as it was. The
migrations' functions run here on today's models, and backwards remove only what they added."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from agreements.models import Agreement, Approval, ProcessRules, StageTransition
from registry.models import PartnerLegality
from tests.agreements.factories import AgreementFactory
from tests.registry.factories import PartnerFactory

pytestmark = pytest.mark.django_db
agreements_data = importlib.import_module("agreements.migrations.0008_law_process_existing_data")
registry_data = importlib.import_module("registry.migrations.0003_legality_from_verification_status")


def test_dprd_dates_and_closing_dates_are_carried_over_and_stages_kept():
    approved = AgreementFactory(
        stage="implementation",
        dprd_approval_date=datetime.date(2025, 3, 1),
        dprd_approval_reference="170/DPRD",
    )
    closed = AgreementFactory(stage="terminated")
    moment = timezone.make_aware(datetime.datetime(2026, 5, 2, 22, 30), datetime.UTC)  # 3 May in Jakarta
    move = StageTransition.objects.create(
        agreement=closed, from_stage="implementation", to_stage="terminated"
    )
    StageTransition.objects.filter(pk=move.pk).update(created_at=moment)
    ProcessRules.objects.all().delete()

    agreements_data.forward(apps, None)

    approval = Approval.objects.get(agreement=approved)
    assert (approval.kind, approval.result, approval.decided_on, approval.letter_number) == (
        "dprd",
        "approved",
        datetime.date(2025, 3, 1),
        "170/DPRD",
    )
    closed.refresh_from_db()
    assert closed.closed_on == datetime.date(2026, 5, 3)
    assert dict(Agreement.objects.values_list("pk", "stage")) == {
        approved.pk: "implementation",
        closed.pk: "terminated",
    }
    assert ProcessRules.objects.filter(pk=1).exists()

    agreements_data.backward(apps, None)
    assert not Approval.objects.exists()


def test_verified_partners_keep_their_standing_as_legality_records():
    verified = PartnerFactory(verification_status="verified")
    unverified = PartnerFactory(verification_status="unverified")
    PartnerFactory(verification_status="verified", is_home_government=True)

    registry_data.forward(apps, None)

    check = PartnerLegality.objects.get()
    assert (check.partner, check.result, check.document_kind, check.verified_by) == (
        verified,
        "verified",
        "other",
        None,
    )
    assert not PartnerLegality.objects.filter(partner=unverified).exists()
    registry_data.forward(apps, None)  # again: no second record
    assert PartnerLegality.objects.count() == 1
    registry_data.backward(apps, None)
    assert not PartnerLegality.objects.exists()
