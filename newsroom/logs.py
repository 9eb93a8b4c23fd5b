import logging


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = "-"
        return True


class RedactFilter(logging.Filter):
    def filter(self, record):
        return True
