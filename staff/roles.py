"""The staff roles and what each may do: one table, applied to the groups after every migrate."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS

WRITER = [
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    "articles.add_author",
    "articles.change_author",
    "articles.view_author",
    "articles.view_topic",
    "articles.view_revision",
]
ROLES = {
    # Writes and submits for review; a change to a live article waits for an editor, and the
    # profile of an author a published article names is an editor's to change
    # (Author.may_be_changed_by: the permission to publish decides, as for articles).
    "Writer": WRITER,
    # Also publishes, unpublishes, schedules and features; manages topics, and the site's own
    # pages (about, contact, the privacy policy), which go live when saved as published.
    "Editor": [
        *WRITER,
        "articles.delete_article",
        "articles.publish_article",
        "articles.add_topic",
        "articles.change_topic",
        "articles.delete_topic",
        "pages.add_page",
        "pages.change_page",
        "pages.delete_page",
        "pages.view_page",
    ],
    # Runs campaigns and sees supporters; writers and editors never do.
    "Campaign manager": [
        "campaigns.add_campaign",
        "campaigns.change_campaign",
        "campaigns.view_campaign",
        "campaigns.export_signup",
        "campaigns.delete_signup",
        "campaigns.view_signup",
        "django_tasks_database.view_dbtaskresult",
    ],
    # Accounts and their roles (never superuser powers), and what happened: the audit log.
    "Administrator": [
        "auth.add_user",
        "auth.change_user",
        "auth.view_user",
        "auth.add_group",
        "auth.change_group",
        "auth.view_group",
        "campaigns.view_campaign",
        "campaigns.view_signup",
        "django_tasks_database.view_dbtaskresult",
        "staff.view_auditentry",
    ],
}


def apply_roles(using=DEFAULT_DB_ALIAS, **kwargs):
    """Make each role's group hold exactly its permissions (post_migrate receiver)."""
    # Permissions are created app by app after migrate; the roles need every app's now.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    available = {
        f"{permission.content_type.app_label}.{permission.codename}": permission
        for permission in Permission.objects.using(using).select_related("content_type")
    }
    for role, names in ROLES.items():
        if missing := set(names) - available.keys():
            raise ImproperlyConfigured(f"Role {role}: no such permission {sorted(missing)}")
        group, _created = Group.objects.using(using).get_or_create(name=role)
        group.permissions.set([available[name] for name in names])
