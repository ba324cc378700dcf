"""The import follows the law like the pages (issue 10): the category ↔ party rules refuse a party the
category does not allow, and an agreement that predates the system enters its current stage through
`agreement_enter_legacy` — the legacy entry page's path — with its steps recorded. Nothing is written
when anything is refused, in a dry run as in an apply."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from agreements.choices import Stage
from agreements.imports.services import import_run
from agreements.legacy import PREPARATION_STEPS, SIGNING_STEPS, legacy_steps
from agreements.models import Agreement, AgreementAction, LegacyEntry, LegacyStep, StageTransition
from tests.imports.test_import import xlsx
from tests.registry.factories import HomeGovernmentFactory

pytestmark = pytest.mark.django_db


def agreement_row(kode, category, stage=""):
    # kode, nomor, judul, kategori, bentuk, mulai, berakhir, nilai, lokasi, objek, ruang lingkup, publik, tahap
    return [
        kode,
        "",
        f"Kerja sama {kode}",
        category,
        "",
        "2019-01-01",
        "2029-12-31",
        "",
        "",
        "",
        "",
        "",
        stage,
    ]


def rows(agreements, parties, steps=None):
    data = {
        "Mitra": [
            ["PT Maju Jaya", "Maju", "", "private_company", "1234567890123", "", "", "", ""],
            ["Pemerintah Kabupaten Bondowoso", "", "", "regency", "", "", "", "", ""],
        ],
        "Kerja Sama": agreements,
        "Pihak": parties,
    }
    if steps is not None:
        data["Langkah Lama"] = steps
    return data


def both_runs(data, actor):
    """The dry run and the apply report the same problems."""
    checked = import_run("f.xlsx", xlsx(data), actor, dry_run=True)
    assert not Agreement.objects.exists()
    applied = import_run("f.xlsx", xlsx(data), actor, dry_run=False)
    assert [(p.sheet, p.row, p.column, p.message) for p in checked.problems] == [
        (p.sheet, p.row, p.column, p.message) for p in applied.problems
    ]
    return applied


def test_a_party_the_category_does_not_allow_is_refused(staff_user):
    HomeGovernmentFactory()
    data = rows(
        [agreement_row("KS1", "ksdd")],
        [["KS1", "Pemerintah Kabupaten Jember", "", "", ""], ["KS1", "PT Maju Jaya", "", "", ""]],
    )
    result = both_runs(data, staff_user)
    assert not result.applied
    assert [(p.sheet, p.row, p.column) for p in result.problems] == [("Kerja Sama", 2, "kategori")]
    assert result.problems[0].message.startswith(
        "PT Maju Jaya (Badan Usaha Swasta) tidak dapat menjadi pihak"
    )
    assert not Agreement.objects.exists()
    data["Pihak"][1][1] = "Pemerintah Kabupaten Bondowoso"
    assert import_run("f.xlsx", xlsx(data), staff_user, dry_run=False).applied


def test_a_legacy_agreement_enters_its_stage_with_its_steps(staff_user):
    HomeGovernmentFactory()
    steps = [["KS1", code, "", ""] for code in (*PREPARATION_STEPS, *SIGNING_STEPS)]
    steps[0][2:] = ["2018-06-01", "415/77/2018"]
    data = rows(
        [agreement_row("KS1", "ksdpk", "Pelaksanaan"), agreement_row("KS2", "ksdpk")],
        [
            ["KS1", "Pemerintah Kabupaten Jember", "", "", ""],
            ["KS1", "PT Maju Jaya", "", "", ""],
            ["KS2", "PT Maju Jaya", "", "", ""],
        ],
        steps,
    )
    checked = import_run("f.xlsx", xlsx(data), staff_user, dry_run=True)
    assert checked.ok, checked.problems
    assert not Agreement.objects.exists() and not LegacyEntry.objects.exists()
    result = import_run("f.xlsx", xlsx(data), staff_user, dry_run=False)
    assert result.applied, result.problems
    old = Agreement.objects.get(title="Kerja sama KS1")
    assert old.stage == Stage.IMPLEMENTATION
    entry = LegacyEntry.objects.get(agreement=old)
    assert (entry.entered_stage, entry.recorded_by) == (Stage.IMPLEMENTATION, staff_user)
    assert legacy_steps(old) == set(PREPARATION_STEPS) | set(SIGNING_STEPS)
    letter = LegacyStep.objects.get(entry=entry, step=PREPARATION_STEPS[0])
    assert (letter.happened_on, letter.reference) == (date(2018, 6, 1), "415/77/2018")
    assert StageTransition.objects.filter(agreement=old, to_stage=Stage.IMPLEMENTATION).count() == 1
    assert AgreementAction.objects.filter(agreement=old).count() >= 1
    new = Agreement.objects.get(title="Kerja sama KS2")
    assert new.stage == Stage.PREPARATION and not LegacyEntry.objects.filter(agreement=new).exists()


def test_a_legacy_agreement_the_gates_refuse_is_not_imported(staff_user):
    """At implementation without the steps that happened: the gates' reasons on its row, nothing kept."""
    HomeGovernmentFactory()
    data = rows(
        [agreement_row("KS1", "ksdpk", "implementation")],
        [["KS1", "Pemerintah Kabupaten Jember", "", "", ""], ["KS1", "PT Maju Jaya", "", "", ""]],
        [["KS1", "tkksd_review", "", ""]],
    )
    result = both_runs(data, staff_user)
    assert not result.applied
    assert result.problems and {(p.sheet, p.row, p.column) for p in result.problems} == {
        ("Kerja Sama", 2, "tahap")
    }
    assert any("Legalitas PT Maju Jaya belum diverifikasi" in p.message for p in result.problems)
    assert not Agreement.objects.exists() and not LegacyEntry.objects.exists()


@pytest.mark.parametrize(
    ("stage", "step", "column", "message"),
    [
        ("completed", None, "tahap", "tahap akhir tidak dapat diimpor"),
        ("", ["KS1", "tkksd_review", "", ""], "kode_kerja_sama", "Isi kolom tahap"),
        ("signing", ["KS1", "tkksd_review", "FUTURE", ""], "tanggal", "setelah hari ini"),
        ("signing", ["KS1", "langkah_khayalan", "", ""], "langkah", "tidak dikenal"),
    ],
)
def test_bad_legacy_cells_are_refused_with_their_column(staff_user, stage, step, column, message):
    HomeGovernmentFactory()
    if step and step[2] == "FUTURE":
        step[2] = (timezone.localdate() + timedelta(days=3)).isoformat()
    data = rows(
        [agreement_row("KS1", "ksdpk", stage)],
        [["KS1", "Pemerintah Kabupaten Jember", "", "", ""], ["KS1", "PT Maju Jaya", "", "", ""]],
        [step] if step else None,
    )
    result = import_run("f.xlsx", xlsx(data), staff_user, dry_run=False)
    assert not result.applied
    assert any(p.column == column and message in p.message for p in result.problems), result.problems
    assert not Agreement.objects.exists()
