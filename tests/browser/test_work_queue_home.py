"""The admin home in a real browser: the work queue's panels side by side at a desktop's width
and one under the other on a phone, in Arabic and English, with no accessibility violation."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article
from tests.browser.helpers import describe_violations
from tests.helpers import make_article, make_campaign, make_staff, record_signup


@pytest.fixture
def work(site):
    """A little of every panel's work for the signed-in superuser ("editor")."""
    me = get_user_model().objects.get(username="editor")
    writer = make_staff("Writer", "leila")
    make_article(status=Article.Status.DRAFT, created_by=me, title_en="Draft on press freedom")
    make_article(
        languages=("en",),
        status=Article.Status.DRAFT,
        created_by=me,
        title_en="An English-only draft with a title long enough to wrap onto a second line",
    )
    make_article(status=Article.Status.REVIEW, created_by=writer, updated_by=writer)
    make_article(publish_at=timezone.now() + timedelta(hours=20))
    live = Article.objects.get(pk=site["press"].pk)
    live.title_en = "A writer's better title"
    live.propose_change(writer, [], [])
    record_signup(make_campaign(goal=5000), "one@example.org")


def panel_boxes(page):
    return page.locator(".work-queue-panel").evaluate_all(
        "panels => panels.map(panel => panel.getBoundingClientRect().toJSON())"
    )


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_home_lays_out_its_panels_and_passes_axe(
    admin_session, work, sign_in, new_context, live_server, axe, language
):
    context = new_context(
        viewport={"width": 1280, "height": 900},
        locale=language,
        extra_http_headers={"Accept-Language": language},
    )
    sign_in(context)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/")

    boxes = panel_boxes(page)
    assert len(boxes) == 6  # five articles' panels and the campaigns'
    # Two columns at 1280 px: the first two panels share a row; the first is on the reading
    # side (right in Arabic, left in English).
    first, second = boxes[:2]
    assert first["top"] == second["top"]
    assert (first["x"] > second["x"]) == (language == "ar")
    # Nothing sticks out of its panel (a long title wraps, the numbers' headings too).
    overflowing = page.locator(".work-queue-panel table").evaluate_all(
        "tables => tables.filter(t => t.scrollWidth > t.parentElement.clientWidth + 1).length"
    )
    assert overflowing == 0
    assert not (violations := axe(page)), describe_violations(violations)

    page.set_viewport_size({"width": 390, "height": 800})
    boxes = panel_boxes(page)
    assert len({box["x"] for box in boxes}) == 1  # one column on a phone
    assert all(box["width"] <= 390 for box in boxes)
