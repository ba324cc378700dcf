"""Two law fields (issue 10).

The DPRD trigger "belum teranggarkan dalam APBD tahun anggaran berjalan" is derived from the funding
sources (an APBD row of the year without its budget line), no longer ticked. An agreement that had the
tick keeps needing DPRD approval: unless its funding sources already say the current year is not
budgeted, it gets an APBD row for the current year without a budget line, its amount not yet known
(0), saying where it came from. Backwards, the tick is set again where such a row exists.

A KSDD *wajib* names its bordering regions and the government affair it rests on (new, empty fields:
no existing agreement had them)."""

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone

NOTE = (
    "Dari tanda 'biaya belum dianggarkan tahun ini' sebelum sumber pendanaan dicatat; jumlah belum diketahui."
)


def _unbudgeted(FundingSource, year):
    return FundingSource.objects.filter(kind="apbd", year=year, budget_line__regex=r"^\s*$")


def forward(apps, schema_editor):
    Agreement = apps.get_model("agreements", "Agreement")
    FundingSource = apps.get_model("agreements", "FundingSource")
    year = timezone.localdate().year
    already = set(_unbudgeted(FundingSource, year).values_list("agreement_id", flat=True))
    FundingSource.objects.bulk_create(
        FundingSource(agreement_id=pk, kind="apbd", year=year, amount=0, budget_line="", description=NOTE)
        for pk in Agreement.objects.filter(outside_budget=True).values_list("pk", flat=True)
        if pk not in already
    )


def backward(apps, schema_editor):
    Agreement = apps.get_model("agreements", "Agreement")
    FundingSource = apps.get_model("agreements", "FundingSource")
    year = timezone.localdate().year
    Agreement.objects.filter(pk__in=_unbudgeted(FundingSource, year).values("agreement_id")).update(
        outside_budget=True
    )
    FundingSource.objects.filter(description=NOTE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0016_list_order_indexes"),
        ("registry", "0007_government_affairs_seed"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.RemoveField(
            model_name="agreement",
            name="outside_budget",
        ),
        migrations.RemoveField(
            model_name="historicalagreement",
            name="outside_budget",
        ),
        migrations.AlterField(
            model_name="agreement",
            name="burdens_public",
            field=models.BooleanField(default=False, verbose_name="membebani masyarakat dan daerah"),
        ),
        migrations.AlterField(
            model_name="historicalagreement",
            name="burdens_public",
            field=models.BooleanField(default=False, verbose_name="membebani masyarakat dan daerah"),
        ),
        migrations.AlterField(
            model_name="historicalinstrument",
            name="adds_burden",
            field=models.BooleanField(
                default=False,
                help_text="Untuk adendum yang membebani masyarakat dan daerah atau menambah biaya yang belum teranggarkan: persetujuannya ditinjau ulang sebelum ditandatangani.",
                verbose_name="menambah beban atau biaya",
            ),
        ),
        migrations.AlterField(
            model_name="historicalprocessrules",
            name="dprd_when_burdens",
            field=models.BooleanField(
                default=True, verbose_name="persetujuan DPRD bila membebani masyarakat dan daerah"
            ),
        ),
        migrations.AlterField(
            model_name="instrument",
            name="adds_burden",
            field=models.BooleanField(
                default=False,
                help_text="Untuk adendum yang membebani masyarakat dan daerah atau menambah biaya yang belum teranggarkan: persetujuannya ditinjau ulang sebelum ditandatangani.",
                verbose_name="menambah beban atau biaya",
            ),
        ),
        migrations.AlterField(
            model_name="processrules",
            name="dprd_when_burdens",
            field=models.BooleanField(
                default=True, verbose_name="persetujuan DPRD bila membebani masyarakat dan daerah"
            ),
        ),
        migrations.AddField(
            model_name="agreement",
            name="ksdd_affair",
            field=models.ForeignKey(
                blank=True,
                help_text="KSDD wajib: urusan yang eksternalitasnya lintas daerah atau yang layanan publiknya lebih efisien bila dikelola bersama.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="registry.governmentaffair",
                verbose_name="urusan pemerintahan yang dikerjasamakan",
            ),
        ),
        migrations.AddField(
            model_name="agreement",
            name="ksdd_bordering_regions",
            field=models.ManyToManyField(
                blank=True,
                help_text="KSDD wajib: daerah para pihak yang berbatasan dengan daerah sendiri.",
                related_name="+",
                to="registry.partner",
                verbose_name="daerah yang berbatasan",
            ),
        ),
        migrations.AddField(
            model_name="historicalagreement",
            name="ksdd_affair",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="KSDD wajib: urusan yang eksternalitasnya lintas daerah atau yang layanan publiknya lebih efisien bila dikelola bersama.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="registry.governmentaffair",
                verbose_name="urusan pemerintahan yang dikerjasamakan",
            ),
        ),
    ]
