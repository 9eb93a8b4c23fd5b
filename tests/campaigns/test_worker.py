"""Supporters' emails when the worker or the mail server is down: queued in the database, sent when
the worker runs, retried with a growing delay, never sent twice, and visible in the admin."""

import io
import json
import logging
import signal
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from campaigns.models import Signup
from campaigns.tasks import MAX_ATTEMPTS
from tests.helpers import make_campaign, make_staff, post_signup, staff_login

# The worker runs outside any transaction (and closes connections a transaction left open), as
# in production: the test database is not wrapped in one here.
pytestmark = pytest.mark.django_db(transaction=True)

CHANGELIST = "/admin/django_tasks_database/dbtaskresult/"


@pytest.fixture(autouse=True)
def database_tasks(settings):
    """The production backend: emails wait in the database for `manage.py db_worker`."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def smtp_down(settings):
    """A real SMTP connection, to a port where nothing listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 5


@pytest.fixture
def roles():
    """The staff roles, made again by their data migrations: the tables are emptied after each
    transactional test, and the roles are data. (serialized_rollback=True cannot restore them
    once another transactional test has run: its post-flush content types collide.)"""
    loader = MigrationLoader(connection)
    for key in (
        ("articles", "0003_roles"),
        ("campaigns", "0002_campaign_roles"),
        ("campaigns", "0003_email_queue_visible_to_roles"),
    ):
        historical_apps = loader.project_state(key).apps
        for operation in loader.get_migration(*key).operations:
            operation.code(historical_apps, None)


@pytest.fixture
def campaign():
    return make_campaign()


def run_worker():
    """One pass of the worker over the emails that are due, as `db_worker --batch` runs it."""
    # The command installs its own signal handlers and log levels: this process keeps its own.
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    levels = [each.level for each in loggers]
    try:
        call_command("db_worker", batch=True, startup_delay=False, interval=0, stdout=io.StringIO())
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        for each, level in zip(loggers, levels, strict=True):
            each.setLevel(level)


def make_retries_due():
    """Time passes: every waiting retry is now due."""
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())


def rows(status):
    return DBTaskResult.objects.filter(status=status)


def test_a_signup_is_accepted_while_no_worker_runs_and_its_email_goes_out_when_one_starts(
    client, campaign
):
    response = post_signup(client, campaign)
    assert response.status_code == 302
    queued = DBTaskResult.objects.get()
    assert queued.status == TaskResultStatus.READY
    assert not mail.outbox  # nobody sends it yet, and nothing is lost
    run_worker()
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    assert [message.to for message in mail.outbox] == [["leila@example.org"]]


def test_a_failed_send_is_retried_later_each_time_later_and_then_sent_exactly_once(
    client, campaign, settings, smtp_down
):
    # The mail server being down costs the reader nothing.
    assert post_signup(client, campaign).status_code == 302
    signup = Signup.objects.get()
    delays = []
    for attempt in (1, 2):
        run_worker()
        failed = rows(TaskResultStatus.FAILED).order_by("-finished_at").first()
        assert failed.exception_class_path == "builtins.ConnectionRefusedError"
        retry = rows(TaskResultStatus.READY).get()
        assert retry.args_kwargs == {"args": [signup.pk, False], "kwargs": {"attempt": attempt + 1}}
        delays.append(retry.run_after - failed.finished_at)
        assert not mail.outbox
        run_worker()  # not due yet: a worker that looks again does not try again
        assert rows(TaskResultStatus.READY).get() == retry
        make_retries_due()
    # The wait grows with each failure: 1 minute, then 4.
    assert delays[0] == pytest.approx(timedelta(minutes=1), abs=timedelta(seconds=5))
    assert delays[1] == pytest.approx(timedelta(minutes=4), abs=timedelta(seconds=5))

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the server is back
    run_worker()
    run_worker()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["leila@example.org"]
    assert rows(TaskResultStatus.SUCCESSFUL).count() == 1
    assert rows(TaskResultStatus.FAILED).count() == 2
    assert not rows(TaskResultStatus.READY).exists()


def test_retries_stop_after_the_last_attempt_which_stays_recorded_as_failed(
    client, campaign, smtp_down
):
    post_signup(client, campaign)
    for _ in range(MAX_ATTEMPTS + 1):
        run_worker()
        make_retries_due()
    assert rows(TaskResultStatus.FAILED).count() == MAX_ATTEMPTS
    assert not rows(TaskResultStatus.READY).exists()
    last = rows(TaskResultStatus.FAILED).order_by("-finished_at").first()
    assert last.args_kwargs["kwargs"] == {"attempt": MAX_ATTEMPTS}


def test_queued_emails_carry_no_address_only_the_signup_id(client, campaign, smtp_down):
    post_signup(client, campaign)
    run_worker()
    stored = json.dumps(list(DBTaskResult.objects.values_list("args_kwargs", flat=True)))
    assert "@" not in stored and "leila" not in stored


def test_an_erased_supporter_gets_no_retry(client, campaign, settings, smtp_down):
    post_signup(client, campaign)
    run_worker()
    Signup.objects.all().delete()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_retries_due()
    run_worker()
    assert not mail.outbox


@pytest.mark.parametrize(
    ("role", "status"),
    [("Campaign manager", 200), ("Administrator", 200), ("Writer", 403), ("Editor", 403)],
)
def test_failed_and_waiting_emails_are_shown_read_only_to_campaign_managers_and_administrators(
    client, campaign, smtp_down, roles, role, status
):
    post_signup(client, campaign)
    run_worker()
    failed = rows(TaskResultStatus.FAILED).get()
    waiting = rows(TaskResultStatus.READY).get()
    staff_login(client, make_staff(role))
    listing = client.get(CHANGELIST, headers={"Accept-Language": "en"})
    assert listing.status_code == status
    detail = client.get(f"{CHANGELIST}{failed.pk}/change/")
    assert detail.status_code == status
    if status == 200:
        assert str(failed.pk) in listing.content.decode()
        assert str(waiting.pk) in listing.content.decode()
        assert "ConnectionRefusedError" in detail.content.decode()
        # View only: nothing to change, delete or add.
        assert client.post(f"{CHANGELIST}{failed.pk}/change/", {}).status_code == 403
        assert client.post(f"{CHANGELIST}{failed.pk}/delete/", {"post": "yes"}).status_code == 403
        assert client.get(f"{CHANGELIST}add/").status_code == 403
    assert DBTaskResult.objects.count() == 2
