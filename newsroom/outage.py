from django.core.cache.backends.redis import RedisCache


class FailSoftRedisCache(RedisCache):
    pass


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
