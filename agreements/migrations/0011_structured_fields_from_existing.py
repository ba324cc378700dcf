"""Existing agreements get the axes their one "bentuk" named, and the government affairs of their
cooperation object. The old `form` stays as it was; nothing is guessed beyond what it says."""

from django.db import migrations

FORM_TO_AXES = {
    "public_private": {"sector_mix": "public_private"},
    "public_social": {"sector_mix": "public_social"},
    "triple_helix": {"sector_mix": "triple_helix"},
    "sister_city": {"sector_mix": "public_public"},
    "contract_services": {"arrangement": "contract_services"},
    "joint_construction": {"arrangement": "joint_construction"},
    "asset_utilisation": {"arrangement": "asset_utilisation"},
    "investment": {"arrangement": "investment"},
    "strategic": {"depth": "strategic"},
    "operational": {"depth": "operational"},
}


def forward(apps, schema_editor):
    Agreement = apps.get_model("agreements", "Agreement")
    for form, axes in FORM_TO_AXES.items():
        for name, value in axes.items():
            Agreement.objects.filter(form=form, **{name: ""}).update(**{name: value})
    for agreement in (
        Agreement.objects.filter(cooperation_object__isnull=False).select_related("cooperation_object").order_by("pk")
    ):
        affairs = list(agreement.cooperation_object.government_affairs.values_list("pk", flat=True))
        if affairs and not agreement.government_affairs.exists():
            agreement.government_affairs.add(*affairs)


def backward(apps, schema_editor):
    Agreement = apps.get_model("agreements", "Agreement")
    Agreement.objects.update(sector_mix="", arrangement="", depth="")


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0010_structured_fields"),
        ("registry", "0007_government_affairs_seed"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
