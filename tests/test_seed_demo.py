"""`manage.py seed_demo`: a believable demo on an empty database, refused twice, and bulk volume."""

import io
import time

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from accounts.roles import Role, roles_of
from agreements.choices import OUTCOMES, WORKING_STAGES, Category, OccurrenceStatus, Stage
from agreements.models import (
    Agreement,
    AgreementParty,
    Document,
    Instrument,
    ObligationOccurrence,
    StageTransition,
)
from demo.users import DEMO_PASSWORD
from evaluations.models import Challenge, Evaluation, Observation
from registry.choices import Sector
from registry.models import Membership, Partner
from tests.seeded import seeded_fixture

pytestmark = pytest.mark.django_db
_seeded = seeded_fixture()


def test_home_government_and_every_sector(seeded):
    home = Partner.objects.get(is_home_government=True)
    assert home.name == "Pemerintah Kabupaten Jember"
    assert (home.sector, home.partner_type) == ("public", "regency")
    assert set(Partner.objects.values_list("sector", flat=True)) == set(Sector.values)
    assert Partner.objects.values("partner_type").distinct().count() >= 10
    assert (
        home.contacts.count() == 0 and Partner.objects.filter(contacts__isnull=False).distinct().count() >= 8
    )


def test_every_working_stage_and_some_outcomes(seeded):
    stages = set(Agreement.objects.values_list("stage", flat=True))
    assert set(WORKING_STAGES) <= stages
    assert len(stages & set(OUTCOMES)) >= 3
    assert set(Agreement.objects.values_list("category", flat=True)) == set(Category.values)
    assert Agreement.objects.filter(is_public=True).count() >= 3
    assert Agreement.objects.filter(archived_at__isnull=False).count() == 1
    assert Agreement.objects.filter(renews__isnull=False).count() == 1


def test_stages_were_reached_through_the_lifecycle(seeded):
    """No agreement past preparation got there without a recorded transition; one was moved by the system."""
    for agreement in Agreement.objects.exclude(stage=Stage.PREPARATION):
        assert agreement.transitions.filter(to_stage=agreement.stage).exists(), agreement
    assert StageTransition.objects.filter(actor__isnull=True, to_stage=Stage.EVALUATION).count() == 1
    for agreement in Agreement.objects.filter(stage=Stage.IMPLEMENTATION):
        assert agreement.instruments.filter(status__in=["signed", "validated"]).exists()
    signed_copy = Document.objects.filter(doc_type="signed_copy").first()
    assert signed_copy.content_type == "application/pdf"
    assert signed_copy.file.open("rb").read(5) == b"%PDF-"
    assert Instrument.objects.filter(kind="addendum", status="signed").exists()


def test_reminders_are_due_on_a_fresh_install(seeded):
    today = timezone.localdate()
    assert ObligationOccurrence.objects.filter(due_date=today).exists()
    assert ObligationOccurrence.objects.filter(due_date=today + timezone.timedelta(days=7)).exists()
    assert Agreement.objects.filter(
        stage=Stage.IMPLEMENTATION, end_date__range=(today, today + timezone.timedelta(days=90))
    ).exists()
    statuses = set(ObligationOccurrence.objects.values_list("status", flat=True))
    assert {OccurrenceStatus.OVERDUE, OccurrenceStatus.SUBMITTED, OccurrenceStatus.FULFILLED} <= statuses


def test_splits_evaluations_and_items_not_shared(seeded):
    for agreement in Agreement.objects.exclude(stage=Stage.PREPARATION).prefetch_related("risks__shares"):
        for risk in agreement.risks.all():
            assert sum(s.percent for s in risk.shares.all()) == 100
    assert Evaluation.objects.filter(period_type="final").exists()
    assert Observation.objects.count() >= 5 and Challenge.objects.count() >= 3
    assert Document.objects.filter(visibility="internal").exists()
    assert Document.objects.filter(visibility="public").exists()
    farmer = Agreement.objects.get(title__startswith="Kemitraan Pendampingan")
    assert farmer.obligations.filter(shared_with_parties=False).exists()
    assert farmer.risks.filter(shared_with_parties=False).exists()
    assert AgreementParty.objects.filter(agreement=farmer).count() == 3


def test_demo_users_hold_one_role_each(seeded):
    expected = {
        "admin": Role.ADMIN,
        "staf": Role.STAFF,
        "pimpinan": Role.MANAGER,
        "opd": Role.OPD_OFFICER,
        "mitra": Role.PARTNER,
    }
    for username, role in expected.items():
        user = authenticate(username=username, password=DEMO_PASSWORD)
        assert user is not None, username
        assert roles_of(user) == {role}
        assert username in seeded
    assert DEMO_PASSWORD in seeded
    assert Membership.objects.get(user__username="opd").organisation_unit.name == "Dinas Pertanian"
    assert Membership.objects.get(user__username="mitra").partner.name == "PT Agro Tani Lestari"
    assert Agreement.objects.visible_to(authenticate(username="mitra", password=DEMO_PASSWORD)).count() == 2


def test_refuses_a_second_run_and_if_empty_exits_quietly(seeded):
    count = Agreement.objects.count()
    with pytest.raises(CommandError, match="sudah berisi kerja sama"):
        call_command("seed_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert out.getvalue().strip() == "already seeded"
    assert Agreement.objects.count() == count


@override_settings(SETTINGS_MODULE="kemitraan.settings.production")
def test_refuses_production_settings(seeded):
    count = Agreement.objects.count()
    for args in ((), ("--if-empty",), ("--scale", "1")):
        with pytest.raises(CommandError, match="produksi"):
            call_command("seed_demo", *args, stdout=io.StringIO())
    assert Agreement.objects.count() == count


def test_scale_adds_a_thousand_agreements_in_bulk(seeded):
    before = Agreement.objects.count()
    partners_before = Partner.objects.count()
    out = io.StringIO()
    started = time.monotonic()
    call_command("seed_demo", "--scale", "1", stdout=out)
    seconds = time.monotonic() - started
    print(f"seed_demo --scale 1 took {seconds:.1f} s: {out.getvalue().strip().splitlines()[-1]}")
    assert Agreement.objects.count() == before + 1000
    assert Partner.objects.count() == partners_before + 200
    bulk = Agreement.objects.filter(number__startswith="SKALA/")
    parties = AgreementParty.objects.filter(agreement__in=bulk).count()
    assert 2000 <= parties <= 3000
    occurrences = ObligationOccurrence.objects.filter(obligation__agreement__in=bulk).count()
    assert 10_000 <= occurrences <= 11_000
    assert seconds < 120
