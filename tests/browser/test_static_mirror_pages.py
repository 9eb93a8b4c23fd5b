"""The static mirror in Chromium: served by a plain static host, and opened from disk."""

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, unquote

import pytest

from tests.helpers import LIVE_ORIGIN, export_mirror

FONT_LOADED = "[...document.fonts].some(f => f.family.includes('Newsroom') && f.status == 'loaded')"


def open_home_then_arabic_article(context, home_url, article):
    """The pages a reader goes through; the URLs that failed to load on the way."""
    page = context.new_page()
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(home_url)
    page.wait_for_url("**/ar/index.html")
    header = page.evaluate("getComputedStyle(document.querySelector('.site-header')).background")
    assert "rgb(11, 79, 74)" in header  # --brand, from static/css/site.css
    page.click(f"main a[href*='{quote(article.slug_ar)}'] >> nth=0")
    page.wait_for_load_state("load")
    assert unquote(page.url).endswith(f"/ar/articles/{article.slug_ar}/index.html")
    assert page.evaluate("document.querySelector('picture img').naturalWidth") > 0
    return page, failed


@pytest.fixture
def static_host(tmp_path):
    """The mirror's folder served by a plain static file server, as any host would."""
    root = tmp_path / "mirror"
    root.mkdir()
    handler = partial(SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.mark.django_db(transaction=True)
def test_the_mirror_reads_styled_from_a_static_host_and_from_disk(
    small_site,
    static_host,
    browser,
):
    """Chromium, JavaScript off. On a static host everything loads, the Arabic face included.
    From file:// too, except the fonts: Chromium fetches fonts in CORS mode, which a file://
    page (an opaque origin) can never pass, so the text shows in the system's own Arabic face."""
    root, host_url = static_host
    export_mirror(root, "--live-origin", LIVE_ORIGIN)
    context = browser.new_context(java_script_enabled=False)
    try:
        page, failed = open_home_then_arabic_article(context, host_url, small_site["lead"])
        assert failed == []
        assert page.evaluate(FONT_LOADED)

        page, failed = open_home_then_arabic_article(
            context, (root / "index.html").as_uri(), small_site["lead"]
        )
        assert failed and all(url.endswith(".woff2") for url in failed), failed
    finally:
        context.close()
