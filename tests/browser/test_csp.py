"""The Content-Security-Policy as a real browser enforces it: the public pages and the admin's
article form (tabs, rich-text editor, author autocomplete, saving) work with it on, and not a
single thing on them is refused."""

import pytest

from articles.models import Article
from tests.browser.helpers import url_in, watched_page
from tests.helpers import make_author, make_campaign

ADMIN_ADD = "/admin/articles/article/add/"
NOT_FOUND = "Failed to load resource: the server responded with a status of 404 (Not Found)"


def open_tab(page, field, language):
    page.click(f".ui-tabs-nav a[href='#tab_id_{field}_{language}']")
    assert page.is_visible(f"#tab_id_{field}_{language}")
    assert not page.is_visible(f"#tab_id_{field}_{'en' if language == 'ar' else 'ar'}")


def type_body(page, language, text):
    open_tab(page, "body", language)
    editable = page.locator(f".prose-editor:has(> #id_body_{language}) [contenteditable=true]")
    editable.click()
    page.keyboard.type(text)
    assert text in editable.inner_text()


def test_admin_article_form_works_without_a_single_refusal(
    new_context, live_server, sign_in, transactional_db
):
    author = make_author(name_ar="سلمى الكردي", name_en="Salma Al-Kurdi")
    context = new_context(extra_http_headers={"Accept-Language": "ar"})
    sign_in(context)
    page = watched_page(context)
    response = page.goto(live_server.url + ADMIN_ADD)
    policy = response.headers["content-security-policy"]
    assert "'nonce-" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    page.wait_for_selector(".ui-tabs-nav")  # the tabs are jQuery UI's, run under the policy
    page.wait_for_selector(".prose-editor [contenteditable=true]")  # and the editor's modules

    open_tab(page, "title", "ar")
    page.fill("#id_title_ar", "المراقبون يطالبون بإعادة الفرز")
    type_body(page, "ar", "قدّم المراقبون طلبًا رسميًا لإعادة فرز الأصوات.")
    open_tab(page, "title", "en")
    page.fill("#id_title_en", "Observers call for a recount")
    type_body(page, "en", "Observers filed a formal request for a recount.")
    page.click("#bylines-0 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", "سلمى")
    page.click(".select2-results__option:has-text('سلمى الكردي')")
    with page.expect_navigation():
        page.click("input[name=_continue]")
    assert page.locator(".errornote, .errorlist").count() == 0

    article = Article.objects.get()
    assert article.title_ar == "المراقبون يطالبون بإعادة الفرز"
    assert "طلبًا رسميًا" in article.body_ar
    assert "formal request" in article.body_en
    assert list(article.authors.all()) == [author]
    page.wait_for_load_state("networkidle")
    assert page.problems == [], "\n".join(page.problems)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_public_pages_work_without_a_single_refusal(new_context, live_server, site, language):
    campaign = make_campaign(slug_ar="حملة-الحرية", slug_en="freedom")
    paths = [
        url_in(language, "articles:home"),
        url_in(language, "articles:list"),
        site["elections"].url_in(language),
        site["omar"].url_in(language),
        site["topic"].url_in(language),
        url_in(language, "campaigns:join"),
        campaign.url_in(language),
        url_in(language, "campaigns:thanks", slug=campaign.in_language("slug", language)),
    ]
    page = watched_page(new_context())
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        # Script files of this site only (the share links' "copy link"), never an inline one.
        assert "script-src 'self';" in response.headers["content-security-policy"] + ";"
        page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")  # lazy images
        page.wait_for_load_state("networkidle")
    assert page.problems == [], "\n".join(page.problems)
    missing = f"{live_server.url}/{language}/no-such-page/"
    assert page.goto(missing).status == 404
    # Chromium reports the 404 itself, and nothing else.
    assert page.problems == [f"console: {NOT_FOUND} ({missing})"], "\n".join(page.problems)
