"""Creates the role groups of DESIGN.md §1 with their model permissions."""

from django.db import migrations

READ_MODELS = {
    "registry": ["partner", "organisationunit", "contact", "membership", "cooperationobject"],
    "agreements": [
        "agreement", "agreementparty", "instrument", "instrumentnumber", "obligation", "obligationoccurrence",
        "risk", "riskshare", "benefit", "benefitshare", "benefitrealisation", "contribution", "document",
        "stagetransition", "checklisttick", "tkksdreview",
    ],
    "evaluations": ["evaluation", "indicator", "observation", "challenge"],
}


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perms(actions, models=None):
        result = []
        for app_label, names in READ_MODELS.items():
            for name in names:
                if models is not None and name not in models:
                    continue
                for action in actions:
                    result += list(
                        Permission.objects.filter(content_type__app_label=app_label, codename=f"{action}_{name}")
                    )
        return result

    admin, _ = Group.objects.get_or_create(name="admin")
    admin.permissions.set(Permission.objects.all())
    staff, _ = Group.objects.get_or_create(name="staff")
    staff.permissions.set(perms(["view", "add", "change"]))
    manager, _ = Group.objects.get_or_create(name="manager")
    manager.permissions.set(
        perms(["view"]) + perms(["add", "change"], models={"evaluation", "tkksdreview", "indicator", "observation"})
    )
    Group.objects.get_or_create(name="opd_officer")
    Group.objects.get_or_create(name="partner")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("agreements", "0002_initial"),
        ("evaluations", "0001_initial"),
        ("registry", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
