"""The apps' layers, read from their imports: `core` uses no other app of the project; `staff`
uses `core`; `articles` uses `core` and `staff`; `campaigns` and `pages` may use `articles` too
(pages: its sitemap's base), never each other; and none of them uses `newsroom`, the project
shell that puts them together (settings, URLs, commands). A template may still load another
app's tags (the privacy policy's link beside a campaign's consent box)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Each app, and the apps of the project it must never import. Migrations are left out: they
# name other apps' migrations, which is how Django orders them.
FORBIDDEN = {
    "core": {"articles", "campaigns", "pages", "staff", "newsroom"},
    "staff": {"articles", "campaigns", "pages", "newsroom"},
    "articles": {"campaigns", "pages", "newsroom"},
    "campaigns": {"pages", "newsroom"},
    "pages": {"campaigns", "newsroom"},
}


def imports_in(source, module):
    """(line, dotted name) of each module `source` imports, wherever the import statement is
    (inside functions too). `module` is the source's own dotted name (`articles.views`,
    `articles.__init__`), against which relative imports are resolved."""
    package = module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) + 1 - node.level] if node.level else []
            if node.module:
                found.append((node.lineno, ".".join([*base, node.module])))
            else:  # `from . import search`: each name is a module of that package
                found += [(node.lineno, ".".join([*base, alias.name])) for alias in node.names]
    return sorted(found)


def violations_in(source, module):
    """(line, dotted name) of each import in `source` that the app of `module` may not make."""
    forbidden = FORBIDDEN[module.split(".")[0]]
    return [
        (line, name) for line, name in imports_in(source, module) if name.split(".")[0] in forbidden
    ]


def app_modules():
    """(path from the project's root, dotted module name) of every module of the apps."""
    for app in FORBIDDEN:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" not in relative.parts:
                yield relative, ".".join(relative.with_suffix("").parts)


def test_no_app_imports_an_app_it_must_not_depend_on():
    problems = [
        f"{path}:{line} imports {name}"
        for path, module in app_modules()
        for line, name in violations_in((ROOT / path).read_text("utf-8"), module)
    ]
    assert not problems, "Imports across the layers:\n" + "\n".join(problems)


def test_the_check_finds_every_form_of_import_at_any_depth():
    source = """\
import campaigns
from newsroom.settings import DEBUG
import core.links, newsroom.urls as urls
def later():
    from campaigns.models import Signup
    if DEBUG:
        import newsroom
from . import search, newsroom
from ..campaigns.forms import SignupForm
from .. import newsroom
import staff.models, core
from django.db import models
from .feeds import LatestFeed
"""
    assert violations_in(source, "articles.views") == [
        (1, "campaigns"),
        (2, "newsroom.settings"),
        (3, "newsroom.urls"),
        (5, "campaigns.models"),
        (7, "newsroom"),
        (9, "campaigns.forms"),
        (10, "newsroom"),
    ]  # line 8's `newsroom` is articles.newsroom, a module of the app itself
    # Relative imports resolve from the module's own package, up to leaving the app.
    tag_library = "core.templatetags.bilingual"
    assert violations_in("from ..links import url_in", tag_library) == []  # core.links
    assert violations_in("from ...articles import models", tag_library) == [(1, "articles")]
    assert violations_in("from staff.models import AuditEntry", "core.__init__") == [
        (1, "staff.models")
    ]
