"""Supporters as CSV, streamed from a database cursor chunk by chunk: values_list tuples and
iterator(), so memory stays flat whatever the number of rows."""

import csv
import io
import unicodedata
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from core.languages import LANGUAGE_CODES

CHUNK_SIZE = 2000

# A spreadsheet program runs a cell starting with one of these as a formula (CSV injection),
# fullwidth and small forms included (＝＋－＠ read as =+-@, after NFKC).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Leading characters a spreadsheet may skip or not show before a formula: format (soft hyphen,
# U+180E, bidi marks), controls, combining marks (U+034F), spaces and separators.
HIDDEN_CATEGORIES = {"Cf", "Cc", "Mn", "Me", "Zs", "Zl", "Zp"}


# (header, field) per column, in the file's order; the headers are translated, the values never.
COLUMNS = (
    (_("email"), "email"),
    (_("full name"), "full_name"),
    (_("country code"), "country"),
    (_("phone"), "phone"),
    (_("language"), "language"),
    (_("campaign title"), "campaign_id"),
    (_("signed up"), "created_at"),
    (_("confirmed at"), "confirmed_at"),
    (_("unsubscribed at"), "unsubscribed_at"),
    (_("consent given at"), "consent_given_at"),
    (_("last source"), "last_source"),
)
FIELDS = [field for _header, field in COLUMNS]
CAMPAIGN = FIELDS.index("campaign_id")
TIMES = [
    FIELDS.index(f) for f in ("created_at", "confirmed_at", "unsubscribed_at", "consent_given_at")
]
TEXTS = [i for i in range(len(FIELDS)) if i != CAMPAIGN and i not in TIMES]


def neutralize(value):
    """Text a spreadsheet shows as text: a would-be formula gets a leading apostrophe."""
    first = value[:1]
    if first and (
        unicodedata.normalize("NFKC", first).startswith(FORMULA_STARTS)
        or unicodedata.category(first) in HIDDEN_CATEGORIES
    ):
        return f"'{value}"
    return value


def csv_chunks(queryset, headers, campaign_titles, zone, on_end):
    """The CSV file in pieces of CHUNK_SIZE rows, starting with a BOM and the header.

    Runs while the response is sent, possibly after the request's language is no longer active:
    everything translated (headers, campaign titles) is resolved before, by `export_response`.
    `on_end(finished, rows)` is called once the stream ends, with the rows the server took: all
    of them, or fewer when it was cut (closed early by the server, a client that went away, an
    error). Only a process killed outright (SIGKILL) leaves it uncalled.
    """
    rows = queryset.values_list(*FIELDS).iterator(chunk_size=CHUNK_SIZE)
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush():
        piece = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return piece

    # A yield returns when the server comes back for the next piece: the last one is sent.
    count = sent = 0
    finished = False
    try:
        # The BOM tells spreadsheet programs the file is UTF-8, so Arabic names open readable.
        buffer.write("\ufeff")
        writer.writerow([neutralize(header) for header in headers])
        for count, row in enumerate(rows, 1):
            cells = list(row)
            for i in TEXTS:
                cells[i] = neutralize(cells[i] or "")
            for i in TIMES:
                if cells[i] is not None:
                    cells[i] = cells[i].astimezone(zone).isoformat(sep=" ", timespec="seconds")
            cells[CAMPAIGN] = neutralize(campaign_titles.get(cells[CAMPAIGN], ""))
            writer.writerow(cells)
            if count % CHUNK_SIZE == 0:
                yield flush()
                sent = count
        yield flush()
        sent, finished = count, True
    finally:
        on_end(finished, sent)


def export_response(queryset, on_end):
    """A streamed CSV download of the signups in `queryset` (in its order); `on_end(finished,
    rows)` once the stream has ended, whichever way (`csv_chunks`)."""
    # A few campaigns, in one small query: no join on every row, and __str__'s language fallback.
    titles = [f"title_{code}" for code in LANGUAGE_CODES]
    campaign_titles = {c.pk: str(c) for c in Campaign.objects.only("pk", *titles).order_by()}
    headers = [str(header) for header, _field in COLUMNS]
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    return StreamingHttpResponse(
        csv_chunks(queryset, headers, campaign_titles, ZoneInfo(settings.TIME_ZONE), on_end),
        content_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="signups-{stamp}.csv"',
            "Cache-Control": "no-store",
        },
    )
