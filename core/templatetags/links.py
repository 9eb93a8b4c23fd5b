from django import template
from django.utils.encoding import uri_to_iri

from core.links import absolute_url

register = template.Library()


@register.filter
def web_address(path):
    """A page's public address as a reader reads or types it (a printed article says where it
    came from): on SITE_URL, its Arabic letters as letters rather than %-escapes."""
    return uri_to_iri(absolute_url(path))
