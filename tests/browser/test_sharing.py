"""An article page's sharing metadata under the strict policy, in a real browser: the JSON-LD
block is data (never run, never refused), and a hostile title cannot turn it into a script."""

import json
from urllib.parse import urlsplit

import pytest

from core.links import absolute_url
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
    assert "script-src 'self';" in response.headers["content-security-policy"] + ";"
    page.wait_for_load_state("load")

    # The title made no script of its own: the data block, and the share links' file.
    assert page.locator("script:not([src])").count() == 1
    assert "/js/share." in page.locator("script[src]").get_attribute("src")
    blocks = page.locator("script:not([src])")
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


# --- Share links and "copy link" ------------------------------------------------------------

SHARE_HOSTS = {"wa.me", "t.me", "x.com", "www.facebook.com"}


@pytest.mark.parametrize("language", ["ar", "en"])
def test_copy_link_puts_the_article_address_on_the_clipboard_and_says_so(
    new_context, live_server, transactional_db, language
):
    article = make_article()
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = watched_page(context)
    page.goto(live_server.url + article.url_in(language))
    button = page.locator(".share [data-share-copy]")
    status = page.locator(".share [role=status]")
    assert button.is_visible()  # shown by the script
    assert status.text_content() == ""

    button.click()
    page.wait_for_function("() => document.querySelector('[data-share-status]').textContent")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == absolute_url(article.url_in(language))
    # The message is the page's own, translated with it (gettext, in a data- attribute).
    assert status.text_content() == button.get_attribute("data-copied")
    if language == "en":
        assert status.text_content() == "Link copied"
    else:  # passes once the lead adds the Arabic msgstr
        assert status.text_content() == "نُسخ الرابط"
    assert page.problems == []


def test_copy_link_is_absent_without_javascript_and_the_share_links_remain(
    new_context, live_server, transactional_db
):
    article = make_article()
    page = new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + article.url_in("en"))
    assert page.locator(".share [data-share-copy]").count() == 1
    assert not page.locator(".share [data-share-copy]").is_visible()
    assert page.get_by_role("button", name="Copy link").count() == 0  # not in the a11y tree
    for name in ("WhatsApp", "Telegram", "X", "Facebook"):
        assert page.get_by_role("link", name=f"Share on {name}").is_visible()
    assert page.get_by_role("link", name="Share by email").is_visible()


def test_share_links_load_nothing_until_clicked(new_context, live_server, transactional_db):
    article = make_article()
    hero(article, "hero.jpg", "وصف الصورة", "The picture", (30, 120, 110))
    context = new_context()
    hosts = []
    context.on("request", lambda request: hosts.append(urlsplit(request.url).hostname))
    page = context.new_page()
    page.goto(live_server.url + article.url_in("ar"))
    page.wait_for_load_state("networkidle")

    links = page.locator(".share a").evaluate_all("links => links.map(link => link.href)")
    assert {urlsplit(link).hostname for link in links} == SHARE_HOSTS | {None}  # None: mailto
    assert set(hosts) <= {"localhost", "127.0.0.1"}, hosts
    # Nothing on the page names those hosts but the links themselves (no <img>, <iframe>...).
    html = page.content()
    assert html.count("https://wa.me/") == 1
    assert html.count("https://www.facebook.com/") == 1
