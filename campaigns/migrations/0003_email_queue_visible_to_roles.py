"""Once a data migration granting roles their permissions; roles are now applied after every
migrate from the one table in staff/roles.py. Kept, empty, for the databases that ran it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0002_campaign_roles"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = []
