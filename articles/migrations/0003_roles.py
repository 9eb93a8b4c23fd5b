"""Once a data migration granting roles their permissions; roles are now applied after every
migrate from the one table in staff/roles.py. Kept, empty, for the databases that ran it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_workflow_revisions_previews"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = []
