from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control
from js_asset import Media

from core.privacy import is_trusted_proxy

# Powerful features a news site never uses are off for every page and any frame; passkeys stay
# allowed on this origin (staff sign in with them). A browser ignores the names it does not know.
PERMISSIONS_POLICY = ", ".join(
    [
        *(
            f"{feature}=()"
            for feature in (
                "accelerometer",
                "autoplay",
                "bluetooth",
                "browsing-topics",
                "camera",
                "display-capture",
                "encrypted-media",
                "geolocation",
                "gyroscope",
                "hid",
                "identity-credentials-get",
                "idle-detection",
                "local-fonts",
                "magnetometer",
                "microphone",
                "midi",
                "otp-credentials",
                "payment",
                "screen-wake-lock",
                "serial",
                "usb",
                "window-management",
                "xr-spatial-tracking",
            )
        ),
        "publickey-credentials-create=(self)",
        "publickey-credentials-get=(self)",
    ]
)


class ServedByMiddleware:
    """X-Served-By: settings.SERVED_BY, the app server's name (only when it is set)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["X-Served-By"] = settings.SERVED_BY
        return response


class ForwardedHeadersMiddleware:
    """X-Forwarded-For and X-Forwarded-Proto are believed from TRUSTED_PROXIES only: from anyone
    else they are the client's own words, dropped before SecurityMiddleware (`is_secure()`, through
    SECURE_PROXY_SSL_HEADER), the rate limits or anything else reads them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            request.META.pop("HTTP_X_FORWARDED_FOR", None)
            request.META.pop("HTTP_X_FORWARDED_PROTO", None)
        return self.get_response(request)


# A CDN may hand out a page this long past max-age while it fetches the new one in the background
# (a reader never waits for it), and, when it cannot reach the site at all, as long as the site
# itself keeps a page's last good copy to serve (STALE_PAGE_SECONDS, core.pagecache).
STALE_WHILE_REVALIDATE_SECONDS = 60


class PublicCacheMiddleware:
    """Let a CDN (and core.pagecache) cache what every anonymous reader sees; never cache a
    signed-in editor's pages.

    The session cookie is checked rather than `request.user`, so public requests never touch the
    session (no query, no `Vary: Cookie`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        elif (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a form: its token is personal
        ):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.PUBLIC_CACHE_SECONDS,
                stale_while_revalidate=STALE_WHILE_REVALIDATE_SECONDS,
                stale_if_error=settings.STALE_PAGE_SECONDS,
            )
        return response


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set; on every response, static files too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # No other site's page may load our responses as images, scripts or media, so nothing
        # a signed-in editor is sent can be pulled into another origin's process.
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


def is_admin(request):
    return request.path_info.startswith(f"/{settings.ADMIN_URL}")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp, with the admin's wider policy (settings.ADMIN_CONTENT_SECURITY_POLICY)."""

    def process_template_response(self, request, response):
        # Admin forms render their widgets' media, django-prose-editor's inline import map among
        # them, with `{{ media }}`: give it this request's nonce before the template renders.
        media = (response.context_data or {}).get("media")
        if is_admin(request) and isinstance(media, Media):
            response.context_data["media"] = media.with_nonce(request.csp_nonce)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if is_admin(request) and not report_only:
            parts.replace = settings.ADMIN_CONTENT_SECURITY_POLICY | (parts.replace or {})
        return parts
