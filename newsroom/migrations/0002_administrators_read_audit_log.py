"""Administrators read the audit log; nobody can change or delete it (no such permission)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs this one now.
    app_config = apps.get_app_config("newsroom")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Administrator")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="newsroom", codename="view_auditentry")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_audit_log"),
        ("articles", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
