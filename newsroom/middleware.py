from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control


class PublicCacheMiddleware:
    """Let a CDN cache what every anonymous reader sees; never cache a signed-in editor's pages.

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
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
        return response


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
