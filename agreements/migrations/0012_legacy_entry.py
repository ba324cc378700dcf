"""Legacy entries: the stage an agreement that predates the system entered at, and the steps that happened outside it."""

import core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agreements', '0011_structured_fields_from_existing'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalLegacyEntry',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='dibuat pada')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='diubah pada')),
                ('entered_stage', models.CharField(choices=[('preparation', 'Persiapan'), ('signing', 'Penandatanganan'), ('implementation', 'Pelaksanaan'), ('evaluation', 'Evaluasi'), ('completed', 'Selesai'), ('terminated', 'Diakhiri sebelum waktunya'), ('revoked', 'Dicabut'), ('rejected', 'Ditolak'), ('cancelled', 'Dibatalkan')], max_length=20, verbose_name='dicatat pada tahap')),
                ('note', models.TextField(blank=True, verbose_name='catatan')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('agreement', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement', verbose_name='kerja sama')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('recorded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='dicatat oleh')),
            ],
            options={
                'verbose_name': 'historical pencatatan kerja sama lama',
                'verbose_name_plural': 'historical pencatatan kerja sama lama',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='LegacyEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='dibuat pada')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='diubah pada')),
                ('entered_stage', models.CharField(choices=[('preparation', 'Persiapan'), ('signing', 'Penandatanganan'), ('implementation', 'Pelaksanaan'), ('evaluation', 'Evaluasi'), ('completed', 'Selesai'), ('terminated', 'Diakhiri sebelum waktunya'), ('revoked', 'Dicabut'), ('rejected', 'Ditolak'), ('cancelled', 'Dibatalkan')], max_length=20, verbose_name='dicatat pada tahap')),
                ('note', models.TextField(blank=True, verbose_name='catatan')),
                ('agreement', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='legacy_entry', to='agreements.agreement', verbose_name='kerja sama')),
                ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='dicatat oleh')),
            ],
            options={
                'verbose_name': 'pencatatan kerja sama lama',
                'verbose_name_plural': 'pencatatan kerja sama lama',
            },
        ),
        migrations.CreateModel(
            name='HistoricalLegacyStep',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='dibuat pada')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='diubah pada')),
                ('step', models.CharField(choices=[('initiative_letter', 'Surat penawaran / permohonan dan jawabannya'), ('proposal', 'Proposal / KAK dari mitra'), ('partner_legality', 'Verifikasi legalitas mitra'), ('benefit_study', 'Kajian manfaat'), ('tkksd_review', 'Pembahasan TKKSD'), ('draft_mou', 'Penyusunan kesepakatan bersama'), ('sign_mou', 'Penandatanganan kesepakatan bersama'), ('approval_dprd', 'Persetujuan DPRD'), ('approval_home_affairs', 'Persetujuan Menteri Dalam Negeri'), ('approval_foreign_affairs', 'Pertimbangan Menteri Luar Negeri'), ('approval_governor', 'Fasilitasi gubernur'), ('legal_review', 'Telaah hukum'), ('sign_operational', 'Penandatanganan PKS / naskah operasional'), ('validate_signed', 'Validasi naskah bertanda tangan (paraf, meterai, stempel)')], max_length=40, verbose_name='langkah')),
                ('happened_on', models.DateField(blank=True, null=True, validators=[core.validators.not_after_today], verbose_name='tanggal')),
                ('reference', models.CharField(blank=True, max_length=200, verbose_name='nomor surat / dokumen')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('document', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.document', verbose_name='dokumen')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('entry', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.legacyentry', verbose_name='pencatatan')),
            ],
            options={
                'verbose_name': 'historical langkah di luar sistem',
                'verbose_name_plural': 'historical langkah di luar sistem',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='LegacyStep',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='dibuat pada')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='diubah pada')),
                ('step', models.CharField(choices=[('initiative_letter', 'Surat penawaran / permohonan dan jawabannya'), ('proposal', 'Proposal / KAK dari mitra'), ('partner_legality', 'Verifikasi legalitas mitra'), ('benefit_study', 'Kajian manfaat'), ('tkksd_review', 'Pembahasan TKKSD'), ('draft_mou', 'Penyusunan kesepakatan bersama'), ('sign_mou', 'Penandatanganan kesepakatan bersama'), ('approval_dprd', 'Persetujuan DPRD'), ('approval_home_affairs', 'Persetujuan Menteri Dalam Negeri'), ('approval_foreign_affairs', 'Pertimbangan Menteri Luar Negeri'), ('approval_governor', 'Fasilitasi gubernur'), ('legal_review', 'Telaah hukum'), ('sign_operational', 'Penandatanganan PKS / naskah operasional'), ('validate_signed', 'Validasi naskah bertanda tangan (paraf, meterai, stempel)')], max_length=40, verbose_name='langkah')),
                ('happened_on', models.DateField(blank=True, null=True, validators=[core.validators.not_after_today], verbose_name='tanggal')),
                ('reference', models.CharField(blank=True, max_length=200, verbose_name='nomor surat / dokumen')),
                ('document', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='agreements.document', verbose_name='dokumen')),
                ('entry', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='steps', to='agreements.legacyentry', verbose_name='pencatatan')),
            ],
            options={
                'verbose_name': 'langkah di luar sistem',
                'verbose_name_plural': 'langkah di luar sistem',
                'ordering': ['happened_on', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('entry', 'step'), name='legacy_step_once', violation_error_message='Langkah ini sudah dicatat.'), models.CheckConstraint(condition=models.Q(('step__in', ['initiative_letter', 'proposal', 'partner_legality', 'benefit_study', 'tkksd_review', 'draft_mou', 'sign_mou', 'approval_dprd', 'approval_home_affairs', 'approval_foreign_affairs', 'approval_governor', 'legal_review', 'sign_operational', 'validate_signed'])), name='legacy_step_known')],
            },
        ),
    ]
