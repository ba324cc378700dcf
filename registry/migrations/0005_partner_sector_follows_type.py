"""The constraint that keeps a partner's sector to its type (decision 0053); 0004 corrected the rows first."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0004_partner_sector_from_type'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalpartner',
            name='sector',
            field=models.CharField(choices=[('public', 'Publik (pemerintah, BUMN/BUMD)'), ('social', 'Sosial (masyarakat sipil)'), ('private', 'Swasta'), ('academic', 'Akademisi (perguruan tinggi)'), ('foreign', 'Luar Negeri')], help_text='Mengikuti jenis mitra.', max_length=20, verbose_name='sektor'),
        ),
        migrations.AlterField(
            model_name='partner',
            name='sector',
            field=models.CharField(choices=[('public', 'Publik (pemerintah, BUMN/BUMD)'), ('social', 'Sosial (masyarakat sipil)'), ('private', 'Swasta'), ('academic', 'Akademisi (perguruan tinggi)'), ('foreign', 'Luar Negeri')], help_text='Mengikuti jenis mitra.', max_length=20, verbose_name='sektor'),
        ),
        migrations.AddConstraint(
            model_name='partner',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('partner_type', 'province'), ('sector', 'public')), models.Q(('partner_type', 'regency'), ('sector', 'public')), models.Q(('partner_type', 'city'), ('sector', 'public')), models.Q(('partner_type', 'ministry'), ('sector', 'public')), models.Q(('partner_type', 'vertical_agency'), ('sector', 'public')), models.Q(('partner_type', 'bumn'), ('sector', 'public')), models.Q(('partner_type', 'bumd'), ('sector', 'public')), models.Q(('partner_type', 'private_company'), ('sector', 'private')), models.Q(('partner_type', 'cooperative'), ('sector', 'private')), models.Q(('partner_type', 'foundation'), ('sector', 'social')), models.Q(('partner_type', 'community'), ('sector', 'social')), models.Q(('partner_type', 'individual'), ('sector', 'social')), models.Q(('partner_type', 'university'), ('sector', 'academic')), models.Q(('partner_type', 'foreign_government'), ('sector', 'foreign')), models.Q(('partner_type', 'foreign_institution'), ('sector', 'foreign')), _connector='OR'), name='partner_sector_follows_type', violation_error_message='Sektor mitra tidak sesuai dengan jenisnya.'),
        ),
    ]
