"""Campaign managers and administrators see the queued, failed and retried supporter emails in the
admin (django_tasks_db's read-only "Task Results"); nobody can change or delete them there."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ("Campaign manager", "Administrator")


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; these groups need this one now.
    app_config = apps.get_app_config("django_tasks_database")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.get(
        content_type__app_label="django_tasks_database", codename="view_dbtaskresult"
    )
    for name in ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(view)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0002_campaign_roles"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
