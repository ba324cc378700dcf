"""The concurrent government affairs of UU 23/2014 Pasal 12 as a reference list, and each cooperation
object's old free-text affair matched to it (an exact name, else the affairs whose name begins with the
text: "Pekerjaan Umum" → "Pekerjaan umum dan penataan ruang"). An unmatched text stays where it was."""

from django.db import migrations

BASIC = "basic_service"
NON_BASIC = "non_basic_service"
ELECTIVE = "elective"

AFFAIRS = [
    # Pasal 12 ayat (1): wajib, pelayanan dasar
    ("pendidikan", "Pendidikan", BASIC),
    ("kesehatan", "Kesehatan", BASIC),
    ("pupr", "Pekerjaan umum dan penataan ruang", BASIC),
    ("perkim", "Perumahan rakyat dan kawasan permukiman", BASIC),
    ("trantibum", "Ketenteraman, ketertiban umum, dan pelindungan masyarakat", BASIC),
    ("sosial", "Sosial", BASIC),
    # Pasal 12 ayat (2): wajib, bukan pelayanan dasar
    ("tenaga_kerja", "Tenaga kerja", NON_BASIC),
    ("pppa", "Pemberdayaan perempuan dan pelindungan anak", NON_BASIC),
    ("pangan", "Pangan", NON_BASIC),
    ("pertanahan", "Pertanahan", NON_BASIC),
    ("lingkungan_hidup", "Lingkungan hidup", NON_BASIC),
    ("adminduk", "Administrasi kependudukan dan pencatatan sipil", NON_BASIC),
    ("pmd", "Pemberdayaan masyarakat dan desa", NON_BASIC),
    ("ppkb", "Pengendalian penduduk dan keluarga berencana", NON_BASIC),
    ("perhubungan", "Perhubungan", NON_BASIC),
    ("kominfo", "Komunikasi dan informatika", NON_BASIC),
    ("kukm", "Koperasi, usaha kecil, dan menengah", NON_BASIC),
    ("penanaman_modal", "Penanaman modal", NON_BASIC),
    ("kepemudaan_olahraga", "Kepemudaan dan olah raga", NON_BASIC),
    ("statistik", "Statistik", NON_BASIC),
    ("persandian", "Persandian", NON_BASIC),
    ("kebudayaan", "Kebudayaan", NON_BASIC),
    ("perpustakaan", "Perpustakaan", NON_BASIC),
    ("kearsipan", "Kearsipan", NON_BASIC),
    # Pasal 12 ayat (3): pilihan
    ("kelautan_perikanan", "Kelautan dan perikanan", ELECTIVE),
    ("pariwisata", "Pariwisata", ELECTIVE),
    ("pertanian", "Pertanian", ELECTIVE),
    ("kehutanan", "Kehutanan", ELECTIVE),
    ("esdm", "Energi dan sumber daya mineral", ELECTIVE),
    ("perdagangan", "Perdagangan", ELECTIVE),
    ("perindustrian", "Perindustrian", ELECTIVE),
    ("transmigrasi", "Transmigrasi", ELECTIVE),
]


def seed(apps, schema_editor):
    GovernmentAffair = apps.get_model("registry", "GovernmentAffair")
    for order, (code, name, kind) in enumerate(AFFAIRS, start=1):
        GovernmentAffair.objects.update_or_create(code=code, defaults={"name": name, "kind": kind, "order": order})
    CooperationObject = apps.get_model("registry", "CooperationObject")
    for cooperation_object in CooperationObject.objects.exclude(government_affair="").order_by("pk"):
        text = cooperation_object.government_affair.strip()
        matched = list(GovernmentAffair.objects.filter(name__iexact=text)) or list(
            GovernmentAffair.objects.filter(name__istartswith=text)
        )
        if matched:
            cooperation_object.government_affairs.add(*matched)


def unseed(apps, schema_editor):
    apps.get_model("registry", "GovernmentAffair").objects.filter(code__in=[a[0] for a in AFFAIRS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0006_government_affairs"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
