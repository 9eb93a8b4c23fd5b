"""Readers see every change at once: saving or deleting a page makes every cached page out of date
(core.pagecache), and with them the footer's kept list of pages (core.fragments)."""

from core import pagecache
from pages.models import Page

pagecache.watch(Page)
