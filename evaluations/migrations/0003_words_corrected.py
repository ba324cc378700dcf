"""The words corrected after review (issue 10, item 9): "Insidental", "Kelancaran administrasi", and the
one challenge category "Konflik kepentingan" split in two.

The old category covered what parties disagree about far more often than a personal interest clashing
with an official duty, so its challenges become "Perbedaan tujuan/kepentingan"; the stored value
`conflict_of_interest` stays for the narrower "Benturan kepentingan", chosen afresh where it applies.
"""

import django.core.validators
from django.db import migrations, models


def split_conflict_of_interest(apps, schema_editor):
    Challenge = apps.get_model("evaluations", "Challenge")
    Challenge.objects.filter(category="conflict_of_interest").update(category="divergent_goals")


def merge_back(apps, schema_editor):
    Challenge = apps.get_model("evaluations", "Challenge")
    Challenge.objects.filter(category="divergent_goals").update(category="conflict_of_interest")


class Migration(migrations.Migration):

    dependencies = [
        ('evaluations', '0002_dates_not_after_today'),
    ]

    operations = [
        migrations.AlterField(
            model_name='challenge',
            name='category',
            field=models.CharField(choices=[('coordination', 'Koordinasi'), ('divergent_goals', 'Perbedaan tujuan/kepentingan'), ('conflict_of_interest', 'Benturan kepentingan'), ('resources', 'Sumber daya'), ('unclear_split', 'Pembagian risiko/manfaat tidak jelas'), ('political_change', 'Perubahan kebijakan/kepemimpinan'), ('other', 'Lainnya')], max_length=30, verbose_name='kategori'),
        ),
        migrations.AlterField(
            model_name='evaluation',
            name='period_type',
            field=models.CharField(choices=[('quarter', 'Triwulan'), ('semester', 'Semester'), ('year', 'Tahunan'), ('final', 'Akhir'), ('ad_hoc', 'Insidental')], max_length=10, verbose_name='jenis periode'),
        ),
        migrations.AlterField(
            model_name='evaluation',
            name='score_administration',
            field=models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='Kelancaran administrasi'),
        ),
        migrations.AlterField(
            model_name='historicalchallenge',
            name='category',
            field=models.CharField(choices=[('coordination', 'Koordinasi'), ('divergent_goals', 'Perbedaan tujuan/kepentingan'), ('conflict_of_interest', 'Benturan kepentingan'), ('resources', 'Sumber daya'), ('unclear_split', 'Pembagian risiko/manfaat tidak jelas'), ('political_change', 'Perubahan kebijakan/kepemimpinan'), ('other', 'Lainnya')], max_length=30, verbose_name='kategori'),
        ),
        migrations.AlterField(
            model_name='historicalevaluation',
            name='period_type',
            field=models.CharField(choices=[('quarter', 'Triwulan'), ('semester', 'Semester'), ('year', 'Tahunan'), ('final', 'Akhir'), ('ad_hoc', 'Insidental')], max_length=10, verbose_name='jenis periode'),
        ),
        migrations.AlterField(
            model_name='historicalevaluation',
            name='score_administration',
            field=models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='Kelancaran administrasi'),
        ),
        migrations.RunPython(split_conflict_of_interest, merge_back),
    ]
