"""A database made before the audit log moved from the newsroom app to the staff app migrates
cleanly: its rows, and the Administrators' right to read them, are kept."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection

from staff.models import AuditEntry

BEFORE_THE_MOVE = ("newsroom", "0002_administrators_read_audit_log")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_its_audit_log():
    call_command("migrate", "staff", "zero", verbosity=0)
    call_command("migrate", *BEFORE_THE_MOVE, verbosity=0)
    try:
        tables = connection.introspection.table_names()
        assert "newsroom_auditentry" in tables and "staff_auditentry" not in tables
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO newsroom_auditentry (created_at, actor_name, action, target, details)"
                " VALUES (CURRENT_TIMESTAMP, 'before-the-move', 'login', '', '{}')"
            )
    finally:
        call_command("migrate", verbosity=0)
    assert list(AuditEntry.objects.values_list("actor_name", flat=True)) == ["before-the-move"]
    administrators = Group.objects.get(name="Administrator")
    assert administrators.permissions.filter(
        content_type__app_label="staff", codename="view_auditentry"
    ).exists()
