"""The site while the database or Redis does not answer, against real services: "down" is a real
connection to a closed port (PostgreSQL, Redis) or a database file that cannot be opened (SQLite).
"""

import logging
import uuid
from contextlib import contextmanager

import psycopg
import pytest
import redis
from django.core.cache import cache, caches
from django.db import close_old_connections, connection, connections
from django.db.utils import load_backend
from django.test import Client

from campaigns import views as campaign_views
from campaigns.models import Signup
from core import outage
from tests.helpers import make_article, make_campaign, signup_data

pytestmark = pytest.mark.django_db

REDIS_UP = "redis://127.0.0.1:6379/15"
REDIS_DOWN = "redis://127.0.0.1:1/15"  # nothing listens on port 1: refused at once
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="breaks a live PostgreSQL connection from the server's side; SQLite has no server",
)


@pytest.fixture(autouse=True)
def fresh_outage_state():
    """Back-off, warnings and the per-process rate counts are per process: none carries over."""

    def clear():
        outage.warned_at.clear()
        outage.redis_down_until.clear()
        campaign_views.local_rate_counts.clear()

    clear()
    yield
    clear()


@pytest.fixture
def copies_never_fresh(settings):
    """Every page is made by its view, which needs the database. With the page cache on, a page
    just seen would come from its fresh copy without asking the database (that, and copies that
    stopped being fresh standing in during an outage: tests/core/test_page_cache.py)."""
    settings.PAGE_CACHE_SECONDS = 0


@contextmanager
def database_down():
    """The default connection replaced by one to a database that cannot be reached; the original
    (the test's own, with its transaction) is put back untouched afterwards."""
    original = connections["default"]
    unreachable = dict(original.settings_dict)
    if original.vendor == "sqlite":
        unreachable["NAME"] = "/nonexistent-directory/newsroom.sqlite3"
    else:
        unreachable |= {"HOST": "127.0.0.1", "PORT": "1"}
    connections["default"] = load_backend(unreachable["ENGINE"]).DatabaseWrapper(
        unreachable, "default"
    )
    try:
        yield
    finally:
        connections["default"] = original


def redis_caches(url, key_prefix=""):
    """CACHES as settings.py writes them for REDIS_URL=url."""
    options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    return {
        alias: {"BACKEND": backend, "LOCATION": url, "KEY_PREFIX": key_prefix, "OPTIONS": options}
        for alias, backend in (
            ("default", "core.outage.FailSoftRedisCache"),
            ("ratelimit", "core.outage.BackOffRedisCache"),
        )
    }


@pytest.fixture
def redis_down(settings):
    settings.CACHES = redis_caches(REDIS_DOWN)  # setting CACHES resets django.core.cache.caches


@pytest.fixture
def redis_up(settings):
    """The real Redis, under a key prefix of this test's own; its keys are deleted afterwards."""
    prefix = f"test-outage-{uuid.uuid4().hex}"
    settings.CACHES = redis_caches(REDIS_UP, prefix)
    client = redis.Redis.from_url(REDIS_UP)
    yield client
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)
    client.close()


def outage_warnings(caplog):
    return [r for r in caplog.records if r.name == "core.outage" and r.levelname == "WARNING"]


def assert_never_cached(response):
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def assert_try_again_page(response, language):
    html = response.content.decode()
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert_never_cached(response)
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert f'href="/{language}/"' in html  # its links stay in the reader's language
    assert "Traceback" not in html and "Error" not in html


# --- Health check --------------------------------------------------------------------------


def test_healthz_is_ok_and_never_cached_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert_never_cached(response)


def test_healthz_is_503_and_says_nothing_more_when_the_database_is_down(client):
    with database_down():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b'{"status": "unavailable"}'  # no error text, host or port
    assert_never_cached(response)


def test_healthz_is_503_when_redis_is_configured_and_down(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


def test_healthz_is_200_when_redis_is_configured_and_answers(client, redis_up):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


# --- Database down -------------------------------------------------------------------------


def test_a_public_page_seen_before_is_served_from_its_last_copy_while_the_database_is_down(
    client, copies_never_fresh
):
    article = make_article()
    fresh = client.get(article.url_in("ar"))
    assert "public" in fresh["Cache-Control"]
    with database_down():
        stale = client.get(article.url_in("ar"))
    assert stale.status_code == 200
    assert stale.content == fresh.content
    assert stale["X-Stale-Copy"]  # recognisable: when it was last seen fresh
    assert stale["Cache-Control"] == f"public, max-age={outage.STALE_COPY_MAX_AGE}"


def test_only_pages_marked_public_are_kept(client):
    """The campaign page carries a CSRF token for one reader: no copy of it for anyone else."""
    campaign = make_campaign()
    assert client.get(campaign.url_in("en")).status_code == 200
    with database_down():
        response = client.get(campaign.url_in("en"))
    assert_try_again_page(response, "en")


def test_a_query_string_of_the_readers_invention_is_not_kept(client):
    """Else each ?a=1, ?a=2, … would be one more copy, without end; page numbers are kept."""
    make_article()
    assert "public" in client.get("/en/articles/?page=1")["Cache-Control"]
    assert "public" in client.get("/en/articles/?a=1")["Cache-Control"]
    with database_down():
        assert client.get("/en/articles/?page=1").status_code == 200
        assert_try_again_page(client.get("/en/articles/?a=1"), "en")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # An existing translation: the page's own new strings reach the catalogue later.
        ("ar", "الانتقال إلى الصفحة الرئيسية"),
        ("en", "This page cannot be shown right now"),
    ],
)
def test_a_page_never_seen_gets_the_try_again_page_in_the_language_of_its_url(
    client, language, text
):
    """Any query made to render it would fail here, so a 503 with its text proves it needs none
    (base.html's header and footer query campaigns)."""
    article = make_article()
    with database_down():
        response = client.get(article.url_in(language))
    assert_try_again_page(response, language)
    assert text in response.content.decode()
    assert article.title_en not in response.content.decode()


def test_a_signup_sent_while_the_database_is_down_gets_try_again_and_stores_nothing(client):
    campaign = make_campaign()
    with database_down():
        response = client.post(campaign.url_in("en"), signup_data())
    assert_try_again_page(response, "en")
    assert "send it again" in response.content.decode()
    assert not Signup.objects.exists()
    # The database is back: the same form goes through, with no restart of anything.
    assert client.post(campaign.url_in("en"), signup_data()).status_code == 302
    assert Signup.objects.get().email == "leila@example.org"


def test_once_the_database_is_back_pages_are_fresh_again(client, copies_never_fresh):
    article = make_article()
    client.get(article.url_in("en"))
    with database_down():
        assert "X-Stale-Copy" in client.get(article.url_in("en"))
    article.title_en = "Corrected after the outage"
    article.save()
    response = client.get(article.url_in("en"))
    assert response.status_code == 200
    assert "X-Stale-Copy" not in response
    assert "Corrected after the outage" in response.content.decode()


def test_an_error_escaping_a_middleware_during_an_outage_gets_the_503_page(settings):
    """A signed-in editor's session is saved on the way out (SessionMiddleware, outside the
    outage middleware): with the database down that fails after the view, and handler500 must
    answer "try again", not the 500 page."""
    article = make_article()
    client = Client(raise_request_exception=False)
    client.get(article.url_in("en"))  # its last copy is kept, so the view itself succeeds
    client.cookies[settings.SESSION_COOKIE_NAME] = "a" * 32
    with database_down():
        response = client.get(article.url_in("en"))
    assert_try_again_page(response, "en")


def test_the_database_outage_is_logged_once_not_per_request(client, caplog):
    article = make_article()
    with database_down(), caplog.at_level(logging.WARNING):
        for _ in range(3):
            client.get(article.url_in("en"))
    assert len(outage_warnings(caplog)) == 1


@on_postgresql
@pytest.mark.django_db(transaction=True)  # the test's own transaction would die with the link
def test_a_connection_the_server_dropped_is_replaced_at_the_next_request(
    client, copies_never_fresh
):
    """Under a real server every request starts with close_old_connections() (the test client
    leaves it out); with CONN_HEALTH_CHECKS it finds the dead connection before the view does."""
    article = make_article()
    client.get(article.url_in("en"))
    dropped = connection.connection.info.backend_pid
    terminate_backend(dropped)

    close_old_connections()  # request_started
    response = client.get(article.url_in("en"))
    assert response.status_code == 200
    assert "X-Stale-Copy" not in response
    assert connection.connection.info.backend_pid != dropped


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_signup_whose_connection_dies_mid_transaction_leaves_no_row(client):
    """The server drops the connection in the middle of the signup's transaction: after the row
    is inserted, at the update that adds its source."""
    campaign = make_campaign()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION drop_my_connection() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END $$; "
            "CREATE TRIGGER drop_my_connection AFTER UPDATE ON campaigns_signup "
            "FOR EACH ROW EXECUTE FUNCTION drop_my_connection()"
        )
    try:
        response = client.post(campaign.url_in("ar"), signup_data())
    finally:
        close_old_connections()  # request_finished: the broken connection is dropped
        with connection.cursor() as cursor:
            cursor.execute(
                "DROP TRIGGER drop_my_connection ON campaigns_signup; "
                "DROP FUNCTION drop_my_connection()"
            )
    assert_try_again_page(response, "ar")
    assert not Signup.objects.exists()
    assert client.post(campaign.url_in("ar"), signup_data()).status_code == 302
    assert Signup.objects.count() == 1


def terminate_backend(pid):
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


# --- Redis down ----------------------------------------------------------------------------


def test_with_redis_down_pages_come_from_the_database_and_one_warning_is_logged(
    client, redis_down, caplog
):
    article = make_article()
    with caplog.at_level(logging.WARNING):
        for language in ("ar", "en"):
            for url in (f"/{language}/", f"/{language}/articles/", article.url_in(language)):
                response = client.get(url)
                assert response.status_code == 200, url
                assert "X-Stale-Copy" not in response
    warnings = outage_warnings(caplog)
    assert len(warnings) == 1
    assert "Redis did not answer" in warnings[0].getMessage()


def test_with_redis_down_signups_are_stored_and_each_process_still_limits_an_address(
    client, redis_down
):
    campaign = make_campaign()
    for n in range(campaign_views.SIGNUPS_PER_ADDRESS):
        response = client.post(campaign.url_in("en"), signup_data(email=f"person{n}@example.org"))
        assert response.status_code == 302
    assert Signup.objects.count() == campaign_views.SIGNUPS_PER_ADDRESS
    one_more = client.post(campaign.url_in("en"), signup_data(email="one.more@example.org"))
    assert one_more.status_code == 429
    assert not Signup.objects.filter(email="one.more@example.org").exists()


def test_a_redis_that_failed_is_left_alone_for_a_few_seconds(redis_down, monkeypatch):
    attempts = []  # every connection opened to Redis (each fails: nothing listens there)
    connect = redis.connection.Connection._connect

    def counted_connect(redis_connection):
        attempts.append((redis_connection.host, redis_connection.port))
        return connect(redis_connection)

    monkeypatch.setattr(redis.connection.Connection, "_connect", counted_connect)
    with pytest.raises(redis.ConnectionError) as first:
        caches["ratelimit"].get("key")
    assert not isinstance(first.value, outage.RedisUnavailable)
    assert attempts  # Redis was really asked
    attempts.clear()

    with pytest.raises(outage.RedisUnavailable):
        caches["ratelimit"].get("key")  # not asked: it failed a moment ago
    assert cache.get("key", "missing") == "missing"  # the default cache: a miss, no error
    assert cache.add("key", 1) is False
    assert attempts == []  # neither cache tried to reach Redis during the back-off

    outage.redis_down_until.clear()  # the back-off is over
    with pytest.raises(redis.ConnectionError) as again:
        caches["ratelimit"].get("key")
    assert not isinstance(again.value, outage.RedisUnavailable)
    assert attempts  # asked again


def test_stale_copies_are_kept_in_redis_for_every_app_server(client, redis_up, settings):
    article = make_article()
    fresh = client.get(article.url_in("en"))
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    assert any(b":page:" in key for key in redis_up.scan_iter(f"{prefix}:*"))
    with database_down():
        stale = client.get(article.url_in("en"))
    assert stale.status_code == 200 and stale.content == fresh.content
