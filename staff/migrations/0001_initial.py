"""The audit log, taken over from the newsroom app with its table, rows and permission."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor, source="newsroom", target="staff"):
    # The "view" permission hangs on the content type: moving it keeps the roles that hold it.
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label=target, model="auditentry").exists():
        ContentType.objects.using(db).filter(app_label=source, model="auditentry").update(
            app_label=target
        )


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="staff", target="newsroom")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("newsroom", "0003_audit_log_moves_to_staff"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEntry",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("created_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="when")),
                        ("actor_name", models.CharField(blank=True, max_length=150, verbose_name="user name")),
                        ("action", models.CharField(choices=[("login", "Signed in"), ("login_failed", "Sign-in failed"), ("locked_out", "Locked out"), ("logout", "Signed out"), ("factor_added", "Second factor added"), ("factor_reset", "Second factors reset"), ("publish", "Published"), ("unpublish", "Unpublished"), ("roles_changed", "Roles changed"), ("signup_export", "Signups exported"), ("erasure", "Signup erased")], db_index=True, max_length=32, verbose_name="action")),
                        ("target", models.CharField(blank=True, max_length=300, verbose_name="on what")),
                        ("details", models.JSONField(blank=True, default=dict, verbose_name="details")),
                        ("actor", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="who")),
                    ],
                    options={
                        "verbose_name": "audit log entry",
                        "verbose_name_plural": "audit log",
                        "ordering": ["-created_at", "-pk"],
                        "default_permissions": ("view",),
                    },
                )
            ]
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
