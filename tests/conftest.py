import pytest

from tests.helpers import staff_login


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploads made by tests go to a throwaway folder, never into the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters (and anything cached) start from zero in every test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """Emails are sent when queued, into Django's test outbox (mail.outbox)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-editor-1")


@pytest.fixture
def editor_client(client, editor):
    staff_login(client, editor)
    return client
