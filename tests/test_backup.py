"""The restore drill, as an operator runs it: a site with content (articles with images and
revisions, authors, a campaign, confirmed and unconfirmed signups, queued emails) is backed up
(`manage.py backup`), its database dropped and its media deleted, then restored (`manage.py
restore`) into a new database: every row, every sequence and every image comes back identical,
and the site serves them. Slow, PostgreSQL only."""

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from deploy.local import Topology

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="backups are of PostgreSQL",
    ),
]

DATABASE = "newsroom_backup_drill"
POSTGRES = "postgres://postgres@127.0.0.1:5432"

MORE_CONTENT = """
from articles.models import Article
from campaigns.models import Campaign, Signup
campaign = Campaign.objects.first()
for number in range(6):
    signup = Signup.objects.record(
        campaign, email=f"drill-{number}@example.org", full_name="سلمى حداد", country="EG",
        phone="", language="ar", consent=True, source={"page": "/ar/"},
    )
    if number % 2:
        signup.confirm()
for article in Article.objects.exclude(hero_image="")[:3]:
    article.title_en = f"{article.title_en} (revised)"
    article.save_revision(None)
"""

SERVES = """
from django.test import Client
from articles.models import Article
article = Article.objects.live().exclude(hero_image="").first()
client = Client(HTTP_HOST="localhost")
page = client.get(article.url_in("ar"))
image = client.get(article.hero_image.url)
body = b"".join(image.streaming_content)
print(page.status_code, image.status_code, article.title_ar in page.content.decode(), len(body))
"""


def dropdb():
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE])


def createdb():
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)


def database_snapshot():
    """{table: checksum of its rows in order} and {sequence: last value}."""
    with psycopg.connect(f"{POSTGRES}/{DATABASE}") as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        rows = {
            table: connection.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM \"{table}\" t"  # noqa: E501, S608
            ).fetchone()
            for table in tables
        }
        sequences = dict(
            connection.execute("SELECT sequencename, last_value FROM pg_sequences").fetchall()
        )
    return rows, sequences


def media_snapshot(folder):
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def site(tmp_path):
    dropdb()
    topology = Topology(run=tmp_path / "site", database=DATABASE)
    topology.run.mkdir()
    topology.prepare()
    topology.manage("shell", "-c", MORE_CONTENT)
    yield topology
    dropdb()


def test_a_backup_restores_every_row_and_every_image_and_the_site_serves_them(site, tmp_path):
    rows, sequences = database_snapshot()
    media = media_snapshot(site.run / "media")
    assert rows["campaigns_signup"][0] >= 6 and rows["articles_revision"][0] >= 3
    assert rows["django_tasks_database_dbtaskresult"][0] >= 6  # the signups' queued emails
    assert sum(1 for name in media if name.startswith("renditions/")) > 10

    out = site.manage("backup", "--to", tmp_path / "backups", capture_output=True, text=True)
    folder = Path(re.search(r"Backup written to (\S+)", out.stdout).group(1))
    assert (folder / "database.dump").stat().st_size > 10_000

    # The machine is lost: the database and every media file.
    dropdb()
    shutil.rmtree(site.run / "media")
    (site.run / "media").mkdir()
    createdb()
    out = site.manage("restore", folder, capture_output=True, text=True)
    assert "restored" in out.stdout

    assert database_snapshot() == (rows, sequences)
    assert media_snapshot(site.run / "media") == media
    said = site.manage("shell", "-c", SERVES, capture_output=True, text=True).stdout
    served = said.strip().splitlines()[-1].split()
    assert served[:3] == ["200", "200", "True"] and int(served[3]) > 1000

    # Never over data: a restore into a database that has tables is refused.
    refused = site.manage("restore", folder, capture_output=True, text=True, check=False)
    assert refused.returncode != 0 and "not empty" in refused.stderr
    # And a damaged backup is found out before anything is restored.
    victim = next(path for path in (folder / "media").rglob("*.jpg"))
    victim.write_bytes(victim.read_bytes()[:-10])
    check = site.manage("restore", "--check", folder, capture_output=True, text=True, check=False)
    assert check.returncode != 0 and "missing or damaged" in check.stderr
