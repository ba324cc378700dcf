"""Government affairs (UU 23/2014) as a reference table, many per cooperation object."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0005_partner_sector_follows_type'),
    ]

    operations = [
        migrations.AlterField(
            model_name='cooperationobject',
            name='government_affair',
            field=models.CharField(blank=True, max_length=200, verbose_name='urusan pemerintahan (teks lama)'),
        ),
        migrations.AlterField(
            model_name='historicalcooperationobject',
            name='government_affair',
            field=models.CharField(blank=True, max_length=200, verbose_name='urusan pemerintahan (teks lama)'),
        ),
        migrations.CreateModel(
            name='GovernmentAffair',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=40, unique=True, verbose_name='kode')),
                ('name', models.CharField(max_length=200, unique=True, verbose_name='nama')),
                ('kind', models.CharField(choices=[('basic_service', 'Wajib — pelayanan dasar'), ('non_basic_service', 'Wajib — bukan pelayanan dasar'), ('elective', 'Pilihan')], max_length=20, verbose_name='kelompok')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='urutan')),
            ],
            options={
                'verbose_name': 'urusan pemerintahan',
                'verbose_name_plural': 'urusan pemerintahan',
                'ordering': ['order', 'name'],
                'constraints': [models.CheckConstraint(condition=models.Q(('kind__in', ['basic_service', 'non_basic_service', 'elective'])), name='government_affair_kind_valid')],
            },
        ),
        migrations.AddField(
            model_name='cooperationobject',
            name='government_affairs',
            field=models.ManyToManyField(blank=True, related_name='cooperation_objects', to='registry.governmentaffair', verbose_name='urusan pemerintahan'),
        ),
    ]
