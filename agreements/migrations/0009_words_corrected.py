"""Labels corrected after review (issue 10, item 9): meterai, "Diakhiri sebelum waktunya", TJSL/CSR, assets "diserahterimakan"; stored values unchanged."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agreements', '0008_law_process_existing_data'),
    ]

    operations = [
        migrations.AlterField(
            model_name='agreement',
            name='stage',
            field=models.CharField(choices=[('preparation', 'Persiapan'), ('signing', 'Penandatanganan'), ('implementation', 'Pelaksanaan'), ('evaluation', 'Evaluasi'), ('completed', 'Selesai'), ('terminated', 'Diakhiri sebelum waktunya'), ('revoked', 'Dicabut'), ('rejected', 'Ditolak'), ('cancelled', 'Dibatalkan')], default='preparation', max_length=20, verbose_name='tahap'),
        ),
        migrations.AlterField(
            model_name='benefit',
            name='kind',
            field=models.CharField(choices=[('fixed_contribution', 'Kontribusi Tetap'), ('profit_share', 'Bagi Hasil'), ('local_revenue', 'Pendapatan Asli Daerah'), ('assets', 'Aset yang diserahterimakan'), ('public_service', 'Peningkatan pelayanan publik'), ('knowledge_transfer', 'Alih pengetahuan'), ('csr', 'TJSL/CSR')], max_length=30, verbose_name='jenis manfaat'),
        ),
        migrations.AlterField(
            model_name='historicalagreement',
            name='stage',
            field=models.CharField(choices=[('preparation', 'Persiapan'), ('signing', 'Penandatanganan'), ('implementation', 'Pelaksanaan'), ('evaluation', 'Evaluasi'), ('completed', 'Selesai'), ('terminated', 'Diakhiri sebelum waktunya'), ('revoked', 'Dicabut'), ('rejected', 'Ditolak'), ('cancelled', 'Dibatalkan')], default='preparation', max_length=20, verbose_name='tahap'),
        ),
        migrations.AlterField(
            model_name='historicalbenefit',
            name='kind',
            field=models.CharField(choices=[('fixed_contribution', 'Kontribusi Tetap'), ('profit_share', 'Bagi Hasil'), ('local_revenue', 'Pendapatan Asli Daerah'), ('assets', 'Aset yang diserahterimakan'), ('public_service', 'Peningkatan pelayanan publik'), ('knowledge_transfer', 'Alih pengetahuan'), ('csr', 'TJSL/CSR')], max_length=30, verbose_name='jenis manfaat'),
        ),
        migrations.AlterField(
            model_name='historicalinstrument',
            name='has_duty_stamp',
            field=models.BooleanField(default=False, verbose_name='bermeterai'),
        ),
        migrations.AlterField(
            model_name='historicalrisk',
            name='stage',
            field=models.CharField(blank=True, choices=[('preparation', 'Persiapan'), ('signing', 'Penandatanganan'), ('implementation', 'Pelaksanaan'), ('evaluation', 'Evaluasi'), ('completed', 'Selesai'), ('terminated', 'Diakhiri sebelum waktunya'), ('revoked', 'Dicabut'), ('rejected', 'Ditolak'), ('cancelled', 'Dibatalkan')], max_length=20, verbose_name='tahap'),
        ),
        migrations.AlterField(
            model_name='instrument',
            name='has_duty_stamp',
            field=models.BooleanField(default=False, verbose_name='bermeterai'),
        ),
        migrations.AlterField(
            model_name='risk',
            name='stage',
            field=models.CharField(blank=True, choices=[('preparation', 'Persiapan'), ('signing', 'Penandatanganan'), ('implementation', 'Pelaksanaan'), ('evaluation', 'Evaluasi'), ('completed', 'Selesai'), ('terminated', 'Diakhiri sebelum waktunya'), ('revoked', 'Dicabut'), ('rejected', 'Ditolak'), ('cancelled', 'Dibatalkan')], max_length=20, verbose_name='tahap'),
        ),
        migrations.AlterField(
            model_name='stagetransition',
            name='from_stage',
            field=models.CharField(blank=True, choices=[('preparation', 'Persiapan'), ('signing', 'Penandatanganan'), ('implementation', 'Pelaksanaan'), ('evaluation', 'Evaluasi'), ('completed', 'Selesai'), ('terminated', 'Diakhiri sebelum waktunya'), ('revoked', 'Dicabut'), ('rejected', 'Ditolak'), ('cancelled', 'Dibatalkan')], max_length=20, verbose_name='dari tahap'),
        ),
        migrations.AlterField(
            model_name='stagetransition',
            name='to_stage',
            field=models.CharField(choices=[('preparation', 'Persiapan'), ('signing', 'Penandatanganan'), ('implementation', 'Pelaksanaan'), ('evaluation', 'Evaluasi'), ('completed', 'Selesai'), ('terminated', 'Diakhiri sebelum waktunya'), ('revoked', 'Dicabut'), ('rejected', 'Ditolak'), ('cancelled', 'Dibatalkan')], max_length=20, verbose_name='ke tahap'),
        ),
    ]
