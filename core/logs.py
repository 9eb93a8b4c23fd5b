"""Request ids and redaction for the logs: every line carries its request's id, and email and
network addresses, and the tokens of supporters' links, are masked before anything is written,
whoever logged them (gunicorn too: gunicorn.conf.py)."""

import ipaddress
import logging
import re
import uuid
from contextvars import ContextVar

from django.core.signals import request_finished

current_request_id = ContextVar("request_id", default="-")

# What we accept from the load balancer: a plain token, nothing that could forge a log line.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")

# A confirm or leave link opens a supporter's signup: the path segment after join/confirm/ or
# join/leave/ is masked whatever the token's format, in raw request lines (%2F) too.
SUPPORTER_LINK = re.compile(
    r"(join(?:/|%2f)(?:confirm|leave)(?:/|%2f))[^/\s'\"<>?#]+", re.IGNORECASE
)

# Also in their percent-encoded (raw request lines) and unicode-escaped (Django's "Not Found: …")
# forms, so an address typed into a URL is masked however the path was written down.
_EMAIL_CHARACTER = r"(?:[\w.+\\-]|%[0-9a-f]{2})"  # a letter, or any byte percent-encoded
EMAIL = re.compile(rf"{_EMAIL_CHARACTER}+(?:@|%40){_EMAIL_CHARACTER}+", re.IGNORECASE)
IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
# Candidates only: times such as 10:04:00 look alike, so a match is masked only if it parses.
IPV6 = re.compile(r"(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:])", re.IGNORECASE)

# Attributes every LogRecord has; anything else came through `extra=` (Django passes the request).
STANDARD_ATTRIBUTES = {*vars(logging.makeLogRecord({})), "message", "asctime", "request_id"}


def _mask_ipv6(match):
    try:
        ipaddress.IPv6Address(match.group())
    except ValueError:
        return match.group()
    return "[ip]"


def redact(text):
    text = SUPPORTER_LINK.sub(r"\1[token]", text)  # first: a token may look like an address
    text = EMAIL.sub("[email]", text)
    text = IPV4.sub("[ip]", text)  # before IPv6: "::ffff:192.0.2.1" must not leave "[ip].0.2.1"
    return IPV6.sub(_mask_ipv6, text)


class RequestIdMiddleware:
    """First in MIDDLEWARE, so every log line of the request, and the response, carry the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        # An address is a sane token too, but would put a reader's address into every line.
        if SANE_REQUEST_ID.fullmatch(incoming) and redact(incoming) == incoming:
            request_id = incoming
        else:
            request_id = uuid.uuid4().hex
        current_request_id.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


def forget_request_id(**kwargs):
    current_request_id.set("-")


# Not reset in the middleware: Django logs 4xx/5xx responses (429, 400…) after the middleware
# chain has returned, and those lines need the id too. The request ends when its response closes.
request_finished.connect(forget_request_id, dispatch_uid="core.logs.forget_request_id")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = current_request_id.get()
        return True


class RedactFilter(logging.Filter):
    """Masks email and network addresses in everything a formatter may write: the message with
    its arguments, the traceback, and `extra` values (the JSON formatter writes them all)."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # a malformed logging call must not break the request that made it
            message = f"{record.msg} {record.args}"
        record.msg, record.args = redact(message), ()
        if record.exc_info:
            # Formatted here so it can be masked; exc_info is dropped because python-json-logger
            # would format it again (every formatter writes exc_text when exc_info is None).
            record.exc_text = record.exc_text or logging.Formatter().formatException(
                record.exc_info
            )
            record.exc_info = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        for name, value in list(vars(record).items()):
            if name not in STANDARD_ATTRIBUTES and not isinstance(value, int | float | None):
                setattr(record, name, redact(str(value)))
        return True


def logging_configuration(output_format, level):
    """settings.LOGGING: every line to stderr through the request id and redaction filters."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "core.logs.RequestIdFilter"},
            "redact": {"()": "core.logs.RedactFilter"},
        },
        "formatters": {
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            },
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": output_format,
                "filters": ["request_id", "redact"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        # Django's loggers reach the root handler only, in production as in debug (no
        # duplicates); runserver's request lines too, which Django otherwise writes unfiltered.
        "loggers": {
            "django": {"handlers": [], "propagate": True},
            "django.server": {"handlers": [], "propagate": True},
        },
    }
