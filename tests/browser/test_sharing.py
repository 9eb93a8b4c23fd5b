"""An article page's sharing metadata under the strict policy, in a real browser: the JSON-LD
block is data (never run, never refused), and a hostile title cannot turn it into a script."""

import json

import pytest

from tests.browser.helpers import hero, watched_page
from tests.helpers import make_article, make_author

HOSTILE_TITLE = '</script><script>document.title="owned"</script> & <!-- "quoted"'


@pytest.mark.parametrize("language", ["ar", "en"])
def test_article_page_with_json_ld_loads_without_a_single_refusal(
    new_context, live_server, transactional_db, media_in_tmp, language
):
    article = make_article(
        title_ar=f"عنوان {HOSTILE_TITLE}",
        title_en=f"Title {HOSTILE_TITLE}",
        summary_ar="ملخص <b>المقال</b>",
        summary_en="The <b>summary</b>",
        authors=[make_author(name_ar="رنا", name_en="Rana")],
    )
    hero(article, "hero.jpg", "وصف الصورة", "The picture", (30, 120, 110))
    page = watched_page(new_context())  # JavaScript on: a script that could run would run
    response = page.goto(live_server.url + article.url_in(language))
    assert response.status == 200
    assert "script-src 'none'" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")

    blocks = page.locator("script")
    assert blocks.count() == 1  # the title made no script of its own
    assert blocks.get_attribute("type") == "application/ld+json"
    data = json.loads(blocks.text_content())
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.in_language("title", language)
    assert data["inLanguage"] == language
    assert data["author"][0]["name"] == article.bylines.get().author.in_language("name", language)
    assert page.title().startswith(article.in_language("title", language)[:5])
    assert page.problems == []

    # The watcher is live on this page: an inline script is refused and reported.
    page.evaluate(
        "() => document.head.append("
        "Object.assign(document.createElement('script'), {textContent: '1'}))"
    )
    page.wait_for_timeout(200)
    assert any("script-src" in problem for problem in page.problems), page.problems
