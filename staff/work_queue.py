"""The admin home's work queue: panels other apps register, shown to whoever they concern.

`staff` knows no other app of the project (tests/test_layers.py): articles and campaigns register
their panels here when they are ready, and the admin site (staff.admin_site) renders them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from core.languages import current_language, direction


@dataclass(frozen=True)
class Panel:
    """A box on the admin home. `context(request)` returns what `template` shows, or None when
    the panel is not for the signed-in user (decided by their permissions, never by the name of
    their role). Panels are shown by `order`, smallest first; each runs a fixed number of
    queries, however many rows it could list."""

    name: str
    template: str
    context: Callable[[HttpRequest], dict | None]
    order: int = 100


_panels: dict[str, Panel] = {}


def register(panel):
    """Add `panel` (or replace the one of that name: ready() may run more than once in tests)."""
    _panels[panel.name] = panel
    return panel


def panels_for(request):
    """[(panel, its context)] of the panels the signed-in user sees, in order."""
    shown = []
    for panel in sorted(_panels.values(), key=lambda panel: (panel.order, panel.name)):
        if (context := panel.context(request)) is not None:
            shown.append((panel, context))
    return shown


def titled(obj, field="title"):
    """{"title", "language", "direction"} of a bilingual object's `field` for a panel's row: in the
    page's language when it exists there, else in the other, then marked with its own direction
    (None: the page's)."""
    title, language = obj.translation(field)
    foreign = language != current_language()
    return {
        "title": title,
        "language": language,
        "direction": direction(language) if foreign else None,
    }
