import secrets

from django.db import migrations, models

import campaigns.models


def name_every_row(apps, schema_editor):
    """A random link_id for each existing signup, in one statement (a million rows included)."""
    if schema_editor.connection.vendor == "postgresql":
        # gen_random_uuid() draws from a strong random source; 16 random bytes, as new_link_id.
        schema_editor.execute(
            "UPDATE campaigns_signup SET link_id = "
            "rtrim(translate(encode(uuid_send(gen_random_uuid()), 'base64'), '+/', '-_'), '=')"
        )
        return
    Signup = apps.get_model("campaigns", "Signup")
    rows = Signup.objects.filter(link_id__isnull=True).values_list("pk", flat=True)
    for pk in rows.iterator():
        Signup.objects.filter(pk=pk).update(link_id=secrets.token_urlsafe(16))


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0003_email_queue_visible_to_roles"),
    ]

    operations = [
        migrations.AddField(
            model_name="signup",
            name="pending_change",
            field=models.JSONField(
                default=dict, editable=False, verbose_name="change waiting for confirmation"
            ),
        ),
        migrations.AddField(
            model_name="signup",
            name="link_id",
            field=models.CharField(editable=False, max_length=22, null=True),
        ),
        migrations.RunPython(name_every_row, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="signup",
            name="link_id",
            field=models.CharField(
                default=campaigns.models.new_link_id, editable=False, max_length=22, unique=True
            ),
        ),
    ]
