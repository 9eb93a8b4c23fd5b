from django.core.paginator import Paginator
from django.utils.functional import cached_property

# Lists offer their newest MAX_PAGES pages: counting (and skipping to) every row of a list that
# grows without end would read it all on each request. Older items are reached by topic, author,
# search, the feeds and the sitemap, as on any large news site.
MAX_PAGES = 500


class CappedPaginator(Paginator):
    """A paginator whose count stops at MAX_PAGES pages' worth of rows (a bounded subquery)."""

    @cached_property
    def count(self):
        limit = self.per_page * MAX_PAGES
        if isinstance(self.object_list, list):
            return min(len(self.object_list), limit)
        # Counted unordered and without annotations (a search's rank): the same number, without
        # sorting the rows or ranking each.
        return self.object_list.order_by().values("pk")[:limit].count()
