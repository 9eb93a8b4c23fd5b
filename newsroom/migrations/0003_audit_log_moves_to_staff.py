"""The audit log now belongs to the staff app: its table is renamed, its rows stay
(staff.0001_initial takes the model over)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0002_administrators_read_audit_log")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AlterModelTable("AuditEntry", "staff_auditentry")],
            state_operations=[migrations.DeleteModel("AuditEntry")],
        )
    ]
