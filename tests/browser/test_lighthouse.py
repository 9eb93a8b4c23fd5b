"""Lighthouse (mobile preset) on the article and campaign pages: accessibility, best practices and
SEO at 100, through the shared audit tool (../shared/tools/audit-page) CI machines have.

About 20 s a page: marked slow. The tool installs Lighthouse into its own cache the first time
(npm, about 30 s).
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.helpers import make_campaign

AUDIT_PAGE = Path(settings.BASE_DIR).parent / "shared" / "tools" / "audit-page"
SCORES = re.compile(r"^lighthouse \S+ \(.*\): (?P<scores>.*)$", re.MULTILINE)
CATEGORIES = ("accessibility", "best-practices", "seo")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not AUDIT_PAGE.exists(), reason=f"no {AUDIT_PAGE}"),
]


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("page_name", ["article", "campaign"])
def test_lighthouse_gives_full_marks_to_the_article_and_campaign_pages(
    live_server, site, page_name, language
):
    campaign = make_campaign(goal=5000)
    path = {"article": site["elections"], "campaign": campaign}[page_name].url_in(language)
    audit = subprocess.run(
        [sys.executable, str(AUDIT_PAGE), live_server.url + path, "--lighthouse"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = audit.stdout + audit.stderr[-2000:]
    found = SCORES.search(audit.stdout)
    assert found, report
    scores = dict(re.findall(r"([a-z-]+) (\d+|n/a)", found["scores"]))
    assert {name: scores.get(name) for name in CATEGORIES} == dict.fromkeys(CATEGORIES, "100"), (
        report
    )
