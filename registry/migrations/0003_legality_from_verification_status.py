"""Partners already marked verified keep that standing: each gets one legality record saying it was
verified before the system recorded documents (kind "other", no file, no verifier), dated the last
change of the partner. Staff can add the real documents later; the gates read these records."""

from django.db import migrations
from django.utils import timezone

NOTE = "Terverifikasi sebelum sistem mencatat dokumen legalitas; lengkapi dokumennya."


def forward(apps, schema_editor):
    Partner = apps.get_model("registry", "Partner")
    PartnerLegality = apps.get_model("registry", "PartnerLegality")
    rows = [
        PartnerLegality(
            partner_id=partner.pk,
            document_kind="other",
            result="verified",
            verified_on=timezone.localdate(partner.updated_at),
            notes=NOTE,
        )
        for partner in Partner.objects.filter(verification_status="verified", is_home_government=False)
        .exclude(legality_checks__isnull=False)
        .only("pk", "updated_at")
    ]
    PartnerLegality.objects.bulk_create(rows, batch_size=1000)


def backward(apps, schema_editor):
    apps.get_model("registry", "PartnerLegality").objects.filter(notes=NOTE, file="").delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_partner_legality")]
    operations = [migrations.RunPython(forward, backward)]
