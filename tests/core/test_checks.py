"""With DEBUG off, Django's checks (which every start runs: manage.py, gunicorn.conf.py) refuse
a SITE_URL that is this machine, unless a production trial on one machine says so."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    return settings


def check():
    call_command("check", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.parametrize(
    "site_url",
    [
        "http://localhost:8000",
        "https://127.0.0.1",
        "https://127.8.9.1:8443",
        "https://[::1]:8000/",
        "https://news.localhost",
    ],
)
def test_a_site_url_on_this_machine_stops_production_unless_allowed(production, site_url):
    production.SITE_URL = site_url
    with pytest.raises(SystemCheckError, match=r"core\.E005"):
        check()
    production.ALLOW_LOCAL_SITE_URL = True
    check()


@pytest.mark.parametrize("site_url", ["", "news.example.org", "ftp://news.example.org"])
def test_a_site_url_that_is_no_address_stops_production(production, site_url):
    production.SITE_URL = site_url
    with pytest.raises(SystemCheckError, match=r"core\.E004"):
        check()


def test_a_public_site_url_passes(production):
    production.SITE_URL = "https://news.example.org"
    check()


def test_debug_takes_any_site_url(settings):
    settings.DEBUG, settings.SITE_URL = True, "http://localhost:8000"
    check()
