"""Campaign managers run campaigns and see supporters; administrators see them too. Writers and
editors never do."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Campaign manager": [
        "add_campaign",
        "change_campaign",
        "view_campaign",
        "export_signup",
        "change_signup",
        "delete_signup",
        "view_signup",
    ],
    "Administrator": ["view_campaign", "view_signup"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; these groups need them now.
    app_config = apps.get_app_config("campaigns")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="campaigns", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("articles", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
