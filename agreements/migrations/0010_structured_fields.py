"""The structured fields of issue 10 item 6: government affairs, funding sources per year, the axes of the form of cooperation, the KPBU stages and project phase."""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agreements', '0009_words_corrected'),
        ('registry', '0007_government_affairs_seed'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='agreement',
            name='arrangement',
            field=models.CharField(blank=True, choices=[('performance_contract', 'Kontrak kinerja'), ('investment', 'Investasi'), ('joint_construction', 'Pembangunan bersama'), ('contract_services', 'Kontrak jasa'), ('asset_utilisation', 'Pemanfaatan aset / BMD'), ('other', 'Lainnya')], max_length=30, verbose_name='bentuk pengaturan'),
        ),
        migrations.AddField(
            model_name='agreement',
            name='asset_utilisation',
            field=models.CharField(blank=True, choices=[('lease', 'Sewa'), ('loan_for_use', 'Pinjam pakai'), ('ksp', 'Kerja sama pemanfaatan (KSP)'), ('bgs_bsg', 'Bangun guna serah / bangun serah guna (BGS/BSG)'), ('kspi', 'Kerja sama penyediaan infrastruktur (KSPI)')], help_text='Hanya untuk pemanfaatan aset / BMD.', max_length=20, verbose_name='bentuk pemanfaatan BMD'),
        ),
        migrations.AddField(
            model_name='agreement',
            name='depth',
            field=models.CharField(blank=True, choices=[('strategic', 'Strategis'), ('operational', 'Operasional')], max_length=20, verbose_name='kedalaman kemitraan'),
        ),
        migrations.AddField(
            model_name='agreement',
            name='formality',
            field=models.CharField(blank=True, choices=[('formal', 'Formal'), ('informal', 'Informal'), ('exploration', 'Penjajakan')], max_length=20, verbose_name='sifat formal'),
        ),
        migrations.AddField(
            model_name='agreement',
            name='government_affairs',
            field=models.ManyToManyField(blank=True, help_text='Urusan pemerintahan konkuren (UU 23/2014) yang menjadi objek kerja sama.', related_name='agreements', to='registry.governmentaffair', verbose_name='urusan pemerintahan'),
        ),
        migrations.AddField(
            model_name='agreement',
            name='kpbu_government_support',
            field=models.TextField(blank=True, help_text='Dukungan kelayakan, insentif perpajakan, jaminan pemerintah, …', verbose_name='dukungan / jaminan pemerintah'),
        ),
        migrations.AddField(
            model_name='agreement',
            name='kpbu_initiation',
            field=models.CharField(blank=True, choices=[('solicited', 'Prakarsa pemerintah (solicited)'), ('unsolicited', 'Prakarsa badan usaha (unsolicited)')], max_length=20, verbose_name='prakarsa KPBU'),
        ),
        migrations.AddField(
            model_name='agreement',
            name='kpbu_pjpk',
            field=models.CharField(blank=True, help_text='Penanggung Jawab Proyek Kerja Sama: menteri, kepala lembaga atau kepala daerah.', max_length=200, verbose_name='PJPK'),
        ),
        migrations.AddField(
            model_name='agreement',
            name='kpbu_stage',
            field=models.CharField(blank=True, choices=[('planning', 'Perencanaan'), ('obc', 'Penyiapan: prastudi kelayakan awal (OBC)'), ('fbc', 'Penyiapan: prastudi kelayakan akhir (FBC)'), ('market_sounding', 'Penjajakan minat pasar (market sounding)'), ('procurement', 'Pengadaan badan usaha pelaksana'), ('agreement', 'Penandatanganan perjanjian KPBU'), ('financial_close', 'Pemenuhan pembiayaan (financial close)'), ('implementation', 'Pelaksanaan')], max_length=20, verbose_name='tahap KPBU'),
        ),
        migrations.AddField(
            model_name='agreement',
            name='project_phase',
            field=models.CharField(blank=True, choices=[('pre_construction', 'Prakonstruksi'), ('construction', 'Konstruksi'), ('operation', 'Operasi'), ('termination', 'Pengakhiran')], max_length=20, verbose_name='fase proyek (risiko)'),
        ),
        migrations.AddField(
            model_name='agreement',
            name='sector_mix',
            field=models.CharField(blank=True, choices=[('public_public', 'Antarpemerintah'), ('public_private', 'Kemitraan Publik-Swasta'), ('public_social', 'Kemitraan Publik-Sosial'), ('triple_helix', 'Triple Helix (pemerintah, industri, akademisi)'), ('penta_helix', 'Penta Helix (dengan masyarakat dan media)')], max_length=20, verbose_name='bauran sektor'),
        ),
        migrations.AddField(
            model_name='historicalagreement',
            name='arrangement',
            field=models.CharField(blank=True, choices=[('performance_contract', 'Kontrak kinerja'), ('investment', 'Investasi'), ('joint_construction', 'Pembangunan bersama'), ('contract_services', 'Kontrak jasa'), ('asset_utilisation', 'Pemanfaatan aset / BMD'), ('other', 'Lainnya')], max_length=30, verbose_name='bentuk pengaturan'),
        ),
        migrations.AddField(
            model_name='historicalagreement',
            name='asset_utilisation',
            field=models.CharField(blank=True, choices=[('lease', 'Sewa'), ('loan_for_use', 'Pinjam pakai'), ('ksp', 'Kerja sama pemanfaatan (KSP)'), ('bgs_bsg', 'Bangun guna serah / bangun serah guna (BGS/BSG)'), ('kspi', 'Kerja sama penyediaan infrastruktur (KSPI)')], help_text='Hanya untuk pemanfaatan aset / BMD.', max_length=20, verbose_name='bentuk pemanfaatan BMD'),
        ),
        migrations.AddField(
            model_name='historicalagreement',
            name='depth',
            field=models.CharField(blank=True, choices=[('strategic', 'Strategis'), ('operational', 'Operasional')], max_length=20, verbose_name='kedalaman kemitraan'),
        ),
        migrations.AddField(
            model_name='historicalagreement',
            name='formality',
            field=models.CharField(blank=True, choices=[('formal', 'Formal'), ('informal', 'Informal'), ('exploration', 'Penjajakan')], max_length=20, verbose_name='sifat formal'),
        ),
        migrations.AddField(
            model_name='historicalagreement',
            name='kpbu_government_support',
            field=models.TextField(blank=True, help_text='Dukungan kelayakan, insentif perpajakan, jaminan pemerintah, …', verbose_name='dukungan / jaminan pemerintah'),
        ),
        migrations.AddField(
            model_name='historicalagreement',
            name='kpbu_initiation',
            field=models.CharField(blank=True, choices=[('solicited', 'Prakarsa pemerintah (solicited)'), ('unsolicited', 'Prakarsa badan usaha (unsolicited)')], max_length=20, verbose_name='prakarsa KPBU'),
        ),
        migrations.AddField(
            model_name='historicalagreement',
            name='kpbu_pjpk',
            field=models.CharField(blank=True, help_text='Penanggung Jawab Proyek Kerja Sama: menteri, kepala lembaga atau kepala daerah.', max_length=200, verbose_name='PJPK'),
        ),
        migrations.AddField(
            model_name='historicalagreement',
            name='kpbu_stage',
            field=models.CharField(blank=True, choices=[('planning', 'Perencanaan'), ('obc', 'Penyiapan: prastudi kelayakan awal (OBC)'), ('fbc', 'Penyiapan: prastudi kelayakan akhir (FBC)'), ('market_sounding', 'Penjajakan minat pasar (market sounding)'), ('procurement', 'Pengadaan badan usaha pelaksana'), ('agreement', 'Penandatanganan perjanjian KPBU'), ('financial_close', 'Pemenuhan pembiayaan (financial close)'), ('implementation', 'Pelaksanaan')], max_length=20, verbose_name='tahap KPBU'),
        ),
        migrations.AddField(
            model_name='historicalagreement',
            name='project_phase',
            field=models.CharField(blank=True, choices=[('pre_construction', 'Prakonstruksi'), ('construction', 'Konstruksi'), ('operation', 'Operasi'), ('termination', 'Pengakhiran')], max_length=20, verbose_name='fase proyek (risiko)'),
        ),
        migrations.AddField(
            model_name='historicalagreement',
            name='sector_mix',
            field=models.CharField(blank=True, choices=[('public_public', 'Antarpemerintah'), ('public_private', 'Kemitraan Publik-Swasta'), ('public_social', 'Kemitraan Publik-Sosial'), ('triple_helix', 'Triple Helix (pemerintah, industri, akademisi)'), ('penta_helix', 'Penta Helix (dengan masyarakat dan media)')], max_length=20, verbose_name='bauran sektor'),
        ),
        migrations.CreateModel(
            name='HistoricalFundingSource',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='dibuat pada')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='diubah pada')),
                ('kind', models.CharField(choices=[('apbd', 'APBD (pemerintah daerah sendiri)'), ('apbd_other', 'APBD daerah lain / provinsi'), ('apbn', 'APBN'), ('partner', 'Dana mitra / badan usaha'), ('csr', 'TJSL/CSR'), ('grant', 'Hibah (dalam / luar negeri)'), ('other', 'Sumber lain yang sah')], max_length=20, verbose_name='sumber dana')),
                ('year', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='tahun anggaran')),
                ('amount', models.DecimalField(decimal_places=2, max_digits=18, validators=[django.core.validators.MinValueValidator(0)], verbose_name='jumlah (Rp)')),
                ('budget_line', models.CharField(blank=True, help_text='Kode rekening / sub kegiatan pada DPA; kosong berarti belum teranggarkan.', max_length=200, verbose_name='mata anggaran APBD')),
                ('description', models.CharField(blank=True, max_length=300, verbose_name='keterangan')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('agreement', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement', verbose_name='kerja sama')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical sumber pendanaan',
                'verbose_name_plural': 'historical sumber pendanaan',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='FundingSource',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='dibuat pada')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='diubah pada')),
                ('kind', models.CharField(choices=[('apbd', 'APBD (pemerintah daerah sendiri)'), ('apbd_other', 'APBD daerah lain / provinsi'), ('apbn', 'APBN'), ('partner', 'Dana mitra / badan usaha'), ('csr', 'TJSL/CSR'), ('grant', 'Hibah (dalam / luar negeri)'), ('other', 'Sumber lain yang sah')], max_length=20, verbose_name='sumber dana')),
                ('year', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='tahun anggaran')),
                ('amount', models.DecimalField(decimal_places=2, max_digits=18, validators=[django.core.validators.MinValueValidator(0)], verbose_name='jumlah (Rp)')),
                ('budget_line', models.CharField(blank=True, help_text='Kode rekening / sub kegiatan pada DPA; kosong berarti belum teranggarkan.', max_length=200, verbose_name='mata anggaran APBD')),
                ('description', models.CharField(blank=True, max_length=300, verbose_name='keterangan')),
                ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='funding_sources', to='agreements.agreement', verbose_name='kerja sama')),
            ],
            options={
                'verbose_name': 'sumber pendanaan',
                'verbose_name_plural': 'sumber pendanaan',
                'ordering': ['year', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('amount__gte', 0)), name='funding_amount_not_negative', violation_error_message='Jumlah dana tidak boleh negatif.'), models.CheckConstraint(condition=models.Q(('kind__in', ['apbd', 'apbd_other', 'apbn', 'partner', 'csr', 'grant', 'other'])), name='funding_kind_valid')],
            },
        ),
    ]
