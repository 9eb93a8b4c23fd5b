"""A readable comparison of two revisions: per field and language, words removed and added."""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from articles.models import REVISION_FIELDS, REVISION_TRANSLATED_FIELDS, Article, Author, Topic
from core.languages import LANGUAGE_CODES, direction

# Markup and words are compared as separate tokens, so a changed tag shows as a changed tag.
TOKENS = re.compile(r"<[^>]*>|\s+|[^\s<]+")


@dataclass
class FieldChange:
    label: str
    language: str  # "" for a field that is not translated
    diff: str  # HTML: <del> for what was removed, <ins> for what was added

    @property
    def direction(self):
        return direction(self.language) if self.language else ""


def word_diff(old, new):
    old_tokens, new_tokens = TOKENS.findall(str(old)), TOKENS.findall(str(new))
    parts = []
    matcher = SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            parts.append(escape("".join(old_tokens[a1:a2])))
            continue
        if a2 > a1:
            parts.append(format_html("<del>{}</del>", "".join(old_tokens[a1:a2])))
        if b2 > b1:
            parts.append(format_html("<ins>{}</ins>", "".join(new_tokens[b1:b2])))
    return mark_safe("".join(parts))  # noqa: S308 (every part was escaped above)


def compare(old, new):
    """The fields whose value differs between two revisions' contents, in form order."""
    changes = []
    for field in REVISION_TRANSLATED_FIELDS:
        label = Article._meta.get_field(field).verbose_name
        for code in LANGUAGE_CODES:
            key = f"{field}_{code}"
            if (old.get(key) or "") != (new.get(key) or ""):
                diff = word_diff(old.get(key) or "", new.get(key) or "")
                changes.append(FieldChange(str(label), code, diff))
    for field in ("hero_image", *REVISION_FIELDS):
        if old.get(field) != new.get(field):
            label = Article._meta.get_field(field).verbose_name
            changes.append(FieldChange(str(label), "", word_diff(old.get(field), new.get(field))))
    for field, model in (("topics", Topic), ("authors", Author)):
        if old.get(field) != new.get(field):
            names = model.objects.in_bulk([*old.get(field, []), *new.get(field, [])])

            def listed(ids, names=names):
                return ", ".join(str(names[pk]) for pk in ids if pk in names)

            label = Article._meta.get_field(field).verbose_name
            diff = word_diff(listed(old.get(field, [])), listed(new.get(field, [])))
            changes.append(FieldChange(str(label), "", diff))
    return changes
