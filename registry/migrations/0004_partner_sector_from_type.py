"""Every partner's sector follows from its type (decision 0053), before the constraint that keeps it so.

Existing rows were free to disagree — a BUMN or BUMD labelled Swasta, a cooperative Sosial — so each row
takes the sector its type has in the table. The table is copied here as it stood when this ran; the
previous sectors cannot be told apart afterwards, so going back leaves them as they are.
"""

from django.db import migrations

SECTOR_BY_TYPE = {
    "province": "public",
    "regency": "public",
    "city": "public",
    "ministry": "public",
    "vertical_agency": "public",
    "bumn": "public",
    "bumd": "public",
    "private_company": "private",
    "cooperative": "private",
    "foundation": "social",
    "community": "social",
    "individual": "social",
    "university": "academic",
    "foreign_government": "foreign",
    "foreign_institution": "foreign",
}


def sector_from_type(apps, schema_editor):
    Partner = apps.get_model("registry", "Partner")
    for partner_type, sector in SECTOR_BY_TYPE.items():
        Partner.objects.filter(partner_type=partner_type).exclude(sector=sector).update(sector=sector)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0003_legality_from_verification_status"),
    ]

    operations = [
        migrations.RunPython(sector_from_type, migrations.RunPython.noop),
    ]
