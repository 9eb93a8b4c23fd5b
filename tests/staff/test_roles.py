"""Roles come from one table (staff/roles.py), applied to the groups after every migrate."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured

from staff import roles

pytestmark = pytest.mark.django_db


def held(role):
    group = Group.objects.get(name=role)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


@pytest.mark.parametrize("role", roles.ROLES)
def test_after_migrate_each_role_holds_exactly_its_permissions(role):
    assert held(role) == set(roles.ROLES[role])


def test_a_permission_granted_by_hand_is_taken_back_and_a_removed_one_restored():
    writer = Group.objects.get(name="Writer")
    writer.permissions.add(Permission.objects.get(codename="publish_article"))
    writer.permissions.remove(Permission.objects.get(codename="add_article"))
    roles.apply_roles()
    assert held("Writer") == set(roles.ROLES["Writer"])


def test_a_role_naming_a_permission_that_does_not_exist_stops_the_migrate(monkeypatch):
    monkeypatch.setitem(roles.ROLES, "Writer", ["articles.fly_article"])
    with pytest.raises(ImproperlyConfigured, match=r"articles\.fly_article"):
        roles.apply_roles()


def test_writers_and_editors_never_see_supporters():
    for role in ("Writer", "Editor"):
        assert not any(name.startswith("campaigns.") for name in roles.ROLES[role])
