"""A readable comparison of two revisions: per field and language, words removed and added.

Plain-text fields are compared word by word. Rich text (a body) is compared as readers see it:
block by block (paragraphs, headings, quotes, list items), on the words of each block, never on
its markup; every piece of it reaches the page escaped.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from html.parser import HTMLParser

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django_prose_editor.fields import ProseEditorField

from articles.models import REVISION_FIELDS, REVISION_TRANSLATED_FIELDS, Article, Author, Topic
from core.languages import LANGUAGE_CODES, direction

WORDS = re.compile(r"\s+|\S+")
# A link's target is compared as a token of its own after the link's words, so a link pointed
# somewhere else shows as a change (a reader does not see it; an editor must).
LINK = "\x00href:"
# Blocks whose words are this alike (0–1) are one block changed, not one removed and one added.
SAME_BLOCK = 0.5
# Beyond this many block pairs to weigh in one changed stretch, it shows as removed then added.
MAX_PAIRS = 2500
# Unchanged blocks shown around a change; longer runs of unchanged blocks are folded.
CONTEXT = 1


@dataclass
class FieldChange:
    label: str
    language: str  # "" for a field that is not translated
    diff: str = ""  # HTML: <del> for what was removed, <ins> for what was added
    blocks: list | None = None  # rich text: BlockChange and Unchanged items, in order

    @property
    def direction(self):
        return direction(self.language) if self.language else ""


@dataclass
class Block:
    """One block of rich text as a reader sees it: its kind and its words."""

    kind: str  # "p", "h2", "h3", "h4", "quote", "ul", "ol", "caption"
    tokens: list = field(default_factory=list)
    formatting: list = field(default_factory=list)  # inline tags (bold, italic, links)
    number: int | None = None  # an ordered list item's number

    @property
    def key(self):
        return (self.kind, tuple(self.words), tuple(self.formatting))

    @property
    def words(self):
        return [" " if token.isspace() else token for token in self.tokens]

    @property
    def is_empty(self):
        return not any(token.strip() for token in self.tokens)


@dataclass
class BlockChange:
    """A block as the newer revision has it (or the older one, when it was removed)."""

    kind: str
    html: str  # words, with <del>/<ins> marks
    state: str  # "equal", "changed", "inserted" or "deleted"
    number: int | None = None
    formatting_changed: bool = False  # the same words, bold/italic/links changed

    @property
    def heading_level(self):
        """Its level under the field's own heading (h2): the article's h2 is one below."""
        return int(self.kind[1]) + 1 if self.kind in ("h2", "h3", "h4") else None


@dataclass
class Unchanged:
    """A run of unchanged blocks, folded away from the changes."""

    blocks: list
    folded: bool = True


class BlockParser(HTMLParser):
    """The blocks of sanitized rich text (core.sanitize's allow-list)."""

    STARTS_BLOCK = {"p", "h2", "h3", "h4", "figcaption", "li"}
    INLINE = {"strong", "em", "a"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.current = None
        self.containers = []  # open blockquote, ul, ol, li elements
        self.counters = []  # the next number of each open ordered list
        self.links = []

    def context_kind(self, tag="p"):
        for container in reversed(self.containers):
            if container == "li":
                lists = [c for c in self.containers if c in ("ul", "ol")]
                return lists[-1] if lists else "ul"
            if container == "blockquote":
                return "quote"
        return {"figcaption": "caption"}.get(tag, tag)

    def close_block(self):
        if self.current is not None and not self.current.is_empty:
            tokens = []  # spaces as a reader sees them: one between words, none around
            for token in self.current.tokens:
                if not token.isspace():
                    tokens.append(token)
                elif tokens and not tokens[-1].isspace():
                    tokens.append(" ")
            self.current.tokens = tokens[:-1] if tokens[-1].isspace() else tokens
            self.blocks.append(self.current)
        self.current = None

    def open_block(self, tag):
        self.close_block()
        self.current = Block(self.context_kind(tag))

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.close_block()
            number = None
            if self.counters and self.counters[-1] is not None:
                number = self.counters[-1]
                self.counters[-1] += 1
            self.containers.append("li")
            self.current = Block(self.context_kind(), number=number)
        elif tag in ("ul", "ol", "blockquote"):
            self.close_block()
            self.containers.append(tag)
            if tag in ("ul", "ol"):
                self.counters.append(1 if tag == "ol" else None)
        elif tag in self.STARTS_BLOCK:
            # A list item's first paragraph is the item itself.
            if not (tag == "p" and self.current is not None and self.current.is_empty):
                self.open_block(tag)
        elif tag == "br":
            self.handle_data(" ")
        elif tag in self.INLINE:
            if self.current is None:
                self.open_block("p")
            self.current.formatting.append(self.get_starttag_text())
            if tag == "a":
                self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag in ("ul", "ol", "blockquote", "li"):
            self.close_block()
            if tag in self.containers:
                while self.containers.pop() != tag:
                    pass
            if tag in ("ul", "ol") and self.counters:
                self.counters.pop()
        elif tag in self.STARTS_BLOCK:
            self.close_block()
        elif tag in self.INLINE and self.current is not None:
            self.current.formatting.append(f"</{tag}>")
            if tag == "a" and self.links and (href := self.links.pop()):
                self.current.tokens.append(LINK + href)

    def handle_data(self, data):
        if self.current is None:
            if not data.strip():
                return
            self.open_block("p")
        self.current.tokens.extend(WORDS.findall(data))

    def parse(self, html):
        self.feed(html or "")
        self.close()
        self.close_block()
        return self.blocks


def blocks_of(html):
    return BlockParser().parse(str(html or ""))


def render_tokens(tokens):
    parts = []
    for token in tokens:
        if token.startswith(LINK):
            parts.append(
                format_html('<span class="revision-link" dir="ltr">{}</span>', token[len(LINK) :])
            )
        else:
            parts.append(escape(" " if token.isspace() else token))
    return "".join(parts)


def token_diff(old_tokens, new_tokens, render=lambda tokens: escape("".join(tokens))):
    parts = []
    matcher = SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            parts.append(render(new_tokens[b1:b2]))
            continue
        if a2 > a1:
            parts.append(format_html("<del>{}</del>", mark_safe(render(old_tokens[a1:a2]))))  # noqa: S308
        if b2 > b1:
            parts.append(format_html("<ins>{}</ins>", mark_safe(render(new_tokens[b1:b2]))))  # noqa: S308
    return mark_safe("".join(parts))  # noqa: S308 (every part was escaped above)


def word_diff(old, new):
    """Two plain texts, words removed in <del> and added in <ins>; any markup typed is text."""
    return token_diff(WORDS.findall(str(old)), WORDS.findall(str(new)))


def changed_block(old, new):
    return BlockChange(
        kind=new.kind,
        html=token_diff(old.words, new.words, render_tokens),
        state="changed",
        number=new.number,
        formatting_changed=old.kind != new.kind or old.formatting != new.formatting,
    )


def whole_block(block, state):
    mark = "ins" if state == "inserted" else "del"
    html = format_html("<{}>{}</{}>", mark, mark_safe(render_tokens(block.words)), mark)  # noqa: S308
    return BlockChange(kind=block.kind, html=html, state=state, number=block.number)


def replaced_blocks(old, new):
    """A stretch of blocks that differ: the most alike pair is one block changed, and the blocks
    either side of it are compared the same way (difflib's Differ does this with lines)."""
    if not old or not new or len(old) * len(new) > MAX_PAIRS:
        return [whole_block(b, "deleted") for b in old] + [whole_block(b, "inserted") for b in new]
    best, best_i, best_j = SAME_BLOCK - 1e-9, None, None  # half the words alike is enough
    matcher = SequenceMatcher(autojunk=False)
    for j, new_block in enumerate(new):
        matcher.set_seq2(new_block.words)
        for i, old_block in enumerate(old):
            matcher.set_seq1(old_block.words)
            if "p" != old_block.kind != new_block.kind != "p":
                continue  # a paragraph may become a quote or a heading, not a heading a quote
            if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
                ratio = matcher.ratio() if old_block.words or new_block.words else 1.0
                if ratio > best:
                    best, best_i, best_j = ratio, i, j
    if best_i is None:
        return [whole_block(b, "deleted") for b in old] + [whole_block(b, "inserted") for b in new]
    return [
        *replaced_blocks(old[:best_i], new[:best_j]),
        changed_block(old[best_i], new[best_j]),
        *replaced_blocks(old[best_i + 1 :], new[best_j + 1 :]),
    ]


def block_diff(old_html, new_html):
    """The blocks of the newer text in order, changed ones marked, removed ones where they were;
    runs of unchanged blocks away from any change folded into one Unchanged item."""
    old, new = blocks_of(old_html), blocks_of(new_html)
    items = []
    matcher = SequenceMatcher(a=[b.key for b in old], b=[b.key for b in new], autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            items.extend(
                BlockChange(b.kind, mark_safe(render_tokens(b.words)), "equal", b.number)  # noqa: S308
                for b in new[b1:b2]
            )
        else:
            items.extend(replaced_blocks(old[a1:a2], new[b1:b2]))
    return fold_unchanged(items)


def fold_unchanged(items):
    folded, run = [], []

    def flush(first, last):
        keep_before = 0 if first else CONTEXT
        keep_after = 0 if last else CONTEXT
        if len(run) <= keep_before + keep_after + 1:
            folded.extend(run)
            return
        folded.extend(run[:keep_before])
        folded.append(Unchanged(run[keep_before : len(run) - keep_after]))
        folded.extend(run[len(run) - keep_after :])

    first = True
    for item in items:
        if item.state == "equal":
            run.append(item)
            continue
        if run:
            flush(first, False)
            run = []
        folded.append(item)
        first = False
    if run:
        flush(first, True)
    return folded


def is_rich_text(field_name):
    return isinstance(Article._meta.get_field(field_name), ProseEditorField)


def compare(old, new):
    """The fields whose value differs between two revisions' contents, in form order."""
    changes = []
    for field_name in REVISION_TRANSLATED_FIELDS:
        label = str(Article._meta.get_field(field_name).verbose_name)
        for code in LANGUAGE_CODES:
            key = f"{field_name}_{code}"
            before, after = old.get(key) or "", new.get(key) or ""
            if before == after:
                continue
            if is_rich_text(field_name):
                changes.append(FieldChange(label, code, blocks=block_diff(before, after)))
            else:
                changes.append(FieldChange(label, code, word_diff(before, after)))
    for field_name in ("hero_image", *REVISION_FIELDS):
        if old.get(field_name) != new.get(field_name):
            label = Article._meta.get_field(field_name).verbose_name
            diff = word_diff(old.get(field_name), new.get(field_name))
            changes.append(FieldChange(str(label), "", diff))
    for field_name, model in (("topics", Topic), ("authors", Author)):
        if old.get(field_name) != new.get(field_name):
            names = model.objects.in_bulk([*old.get(field_name, []), *new.get(field_name, [])])

            def listed(ids, names=names):
                return ", ".join(str(names[pk]) for pk in ids if pk in names)

            label = Article._meta.get_field(field_name).verbose_name
            diff = word_diff(listed(old.get(field_name, [])), listed(new.get(field_name, [])))
            changes.append(FieldChange(str(label), "", diff))
    return changes
