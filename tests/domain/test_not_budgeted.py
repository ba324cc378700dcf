"""The DPRD trigger "belum teranggarkan dalam APBD tahun anggaran berjalan" is computed from the funding
sources (`agreements.models.structure.is_budgeted`), never ticked: an APBD row of the current year
without its budget line asks for DPRD approval, and naming the line answers it — through the services,
the agreement page and the API alike. Agreements that had the old tick keep needing the approval."""

from datetime import date
from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from agreements import services
from agreements.choices import Category
from agreements.models import Agreement, FundingSource, ProcessRules
from agreements.rules.approvals import approval_needs, dprd_triggers
from tests.api.conftest import client_for
from tests.domain.law import not_budgeted, prepared

NOT_BUDGETED = "belum teranggarkan dalam APBD tahun anggaran berjalan"
BURDENS = "membebani masyarakat dan daerah"


def _dprd_why(agreement):
    return [n.why for n in approval_needs(Agreement.objects.get(pk=agreement.pk)) if n.kind == "dprd"]


@pytest.mark.django_db
def test_the_trigger_follows_the_apbd_budget_line(staff_user):
    agreement = prepared(Category.KSDPK, actor=staff_user)
    assert _dprd_why(agreement) == []
    not_budgeted(agreement, staff_user)
    assert _dprd_why(agreement) == [(NOT_BUDGETED,)]
    row = agreement.funding_sources.get()
    services.funding_source_update(funding_source=row, actor=staff_user, budget_line="5.1.02.01.01.0026")
    assert _dprd_why(agreement) == []


@pytest.mark.django_db
def test_only_the_current_year_and_the_home_budget_count(staff_user):
    agreement = prepared(Category.KSDPK, actor=staff_user)
    year = timezone.localdate().year
    for kind, row_year in (("apbd", year + 1), ("partner", year), ("apbd_other", year)):
        services.funding_source_create(
            agreement=agreement, actor=staff_user, kind=kind, year=row_year, amount=1000
        )
    assert _dprd_why(agreement) == []
    assert Agreement.objects.get(pk=agreement.pk).not_budgeted is False


@pytest.mark.django_db
def test_trigger_words_are_the_regulations(staff_user):
    agreement = not_budgeted(prepared(Category.KSDPK, actor=staff_user, burdens_public=True), staff_user)
    rules = ProcessRules.current()
    assert dprd_triggers(Agreement.objects.get(pk=agreement.pk), rules) == [BURDENS, NOT_BUDGETED]
    rules.dprd_when_not_budgeted = False
    rules.save()
    assert dprd_triggers(Agreement.objects.get(pk=agreement.pk), rules) == [BURDENS]


@pytest.mark.django_db
def test_the_page_and_the_api_read_the_funding_sources(client, staff_user):
    agreement = prepared(Category.KSDPK, actor=staff_user)
    client.force_login(staff_user)
    editor = client.get(reverse("agreements:edit", args=[agreement.pk])).content.decode()
    assert "outside_budget" not in editor and "biaya belum dianggarkan" not in editor
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "Tidak disyaratkan" in page
    api = client_for(staff_user)
    version = Agreement.objects.get(pk=agreement.pk).version
    created = api.post(
        reverse("api:agreement-funding-sources-list", args=[agreement.pk]),
        {"kind": "apbd", "year": timezone.localdate().year, "amount": "150000000", "version": version},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert "outside_budget" not in api.get(reverse("api:agreement-detail", args=[agreement.pk])).json()
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "Disyaratkan" in page and "belum teranggarkan" in page
    services.agreement_advance(agreement=agreement, actor=staff_user)
    with pytest.raises(Exception, match=f"Persetujuan DPRD disyaratkan \\({NOT_BUDGETED}\\)"):
        services.instrument_create(
            agreement=agreement,
            actor=staff_user,
            kind="pks",
            title="PKS",
            status="signed",
            signing_date=date(2026, 1, 20),
        )


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_ticked_agreements_needing_dprd_approval():
    """Migrated back to before 0017, an agreement with the old tick and one without; forward, the first
    has an unbudgeted APBD row for this year (and so still needs the DPRD), the second nothing; and
    back again the tick returns."""
    before = [("agreements", "0016_list_order_indexes")]
    executor = MigrationExecutor(connection)
    # Forward to the latest agreements migration (0017 and after): the checks read the current model.
    after = [key for key in executor.loader.graph.leaf_nodes() if key[0] == "agreements"]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("agreements", "Agreement")
    ticked = old.objects.create(title="Ditandai belum dianggarkan", category="ksdpk", outside_budget=True)
    plain = old.objects.create(title="Tidak ditandai", category="ksdpk")
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    try:
        migration = import_module("agreements.migrations.0017_law_fields_not_budgeted_and_ksdd_mandatory")
        row = FundingSource.objects.get(agreement_id=ticked.pk)
        assert (row.kind, row.year, row.budget_line, row.description) == (
            "apbd",
            timezone.localdate().year,
            "",
            migration.NOTE,
        )
        assert not FundingSource.objects.filter(agreement_id=plain.pk).exists()
        # The model as it is now reads the latest schema (later migrations add columns).
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        assert Agreement.objects.get(pk=ticked.pk).requires_dprd_approval is True
        assert Agreement.objects.get(pk=plain.pk).requires_dprd_approval is False
        executor = MigrationExecutor(connection)
        executor.migrate(before)
        old = executor.loader.project_state(before).apps.get_model("agreements", "Agreement")
        assert old.objects.get(pk=ticked.pk).outside_budget is True
        assert old.objects.get(pk=plain.pk).outside_budget is False
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
