"""The structure of a seed, before anyone speaks in it: Markdown blocks from a real parser, text
boxes, and where one run of lines holds several blocks.

For a Markdown seed, markdown-it-py (CommonMark, with HTML, and the front-matter and footnote
plugins of mdit-py-plugins) says what each line is: a heading (ATX or Setext), a thematic break,
a list and its items, a blockquote, a fenced code block, an HTML block or comment, a footnote
definition, or a paragraph; `parse_markdown` keeps that, by line number. Plain seeds have no
markup, so nothing is parsed for them. Either way, `refine_blocks` cuts a run of lines where a new
structure starts without a blank line before it: where the parser starts a new block, at the
edges of a text box, and at a line that opens with one of the catalog's speaker labels (turns
on consecutive lines, as transcripts print them). The cuts keep the tiling: every character
stays in exactly one block.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from .blocks import LIST_MARKER, Block, Line
from .labels import match_label
from .markup import is_bold_paragraph

BOXES = [
    (re.compile(r"[ \t]*=TEXTBOX_START=.*"), re.compile(r"[ \t]*=TEXTBOX_END=.*")),
    (re.compile(r"[ \t]*\{\{[<%][ \t]*(?:box|aside|sidebar|textbox)\b.*"),
     re.compile(r".*\{\{[<%][ \t]*/(?:box|aside|sidebar|textbox)\b.*")),
    (re.compile(r"[ \t]*<aside\b.*", re.IGNORECASE), re.compile(r".*</aside>.*", re.IGNORECASE)),
]
"""Text boxes: a sidebar, a glossary, a licence notice set apart from the interview, from its
opening line to its closing one (a site directive, a shortcode, an HTML aside)."""
DIRECTIVE = re.compile(r"[ \t]*=[A-Z][A-Z_]*=.*=[ \t]*")
"""A site's own directive on a line of its own (`=IMAGE=file=caption=`, `=ZOOM="..."=`): page markup."""


@dataclass(frozen=True)
class Shape:
    """What the Markdown parser made of a line: `kind` (paragraph, heading, hr, list, blockquote,
    fence, html, footnote, front_matter, or reference for a link reference definition), the first
    line of that parser block (`first`), a heading's level and whether it is a Setext one, the
    first lines of a list's items, and, for an HTML comment, whether it is ever closed."""

    kind: str
    first: int
    level: int = 0
    setext: bool = False
    items: tuple[int, ...] = ()
    unclosed: bool = False


@cache
def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    # Block structure only: inline parsing is done where needed (`emphasis_of`). Indented code
    # is off, because interviews copied from the web indent paragraphs; footnote_tail is off so
    # that footnote definitions stay where they are, with their line numbers.
    md = MarkdownIt("commonmark", {"html": True}).use(front_matter_plugin).use(footnote_plugin)
    return md.disable(["inline", "code", "footnote_tail"])


@cache
def _inline_parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True})


def parse_markdown(text: str, skip: tuple[int, int] | None = None) -> dict[int, Shape]:
    """The parser's shape of every line of a Markdown text that belongs to a block, by 1-based line
    number (as `blocks.split_lines` counts them: only `\\n` ends a line). Lines `skip` (first,
    last; front matter found by hand) are left out and read as blank."""
    lines = text.replace("\ufeff", "").split("\n")
    lines = [line.replace("\r", " ") for line in lines]
    if skip is not None:
        for number in range(skip[0], skip[1] + 1):
            lines[number - 1] = ""
    shapes: dict[int, Shape] = {}
    tokens = _parser().parse("\n".join(lines))
    for k, token in enumerate(tokens):
        if token.level != 0 or token.map is None or token.nesting == -1:
            continue
        first, end = token.map[0] + 1, token.map[1]
        kind = {"heading_open": "heading", "paragraph_open": "paragraph", "hr": "hr", "fence": "fence",
                "bullet_list_open": "list", "ordered_list_open": "list", "blockquote_open": "blockquote",
                "html_block": "html", "footnote_reference_open": "footnote",
                "front_matter": "front_matter"}.get(token.type, "other")
        shape = Shape(kind, first)
        if kind == "heading":
            shape = Shape(kind, first, int(token.tag[1]), token.markup in ("=", "-"))
        elif kind == "list":
            items = tuple(t.map[0] + 1 for t in tokens[k + 1:] if t.type == "list_item_open" and t.level == 1
                          and t.map and first <= t.map[0] + 1 <= end)
            shape = Shape(kind, first, items=items)
        elif kind == "html" and token.content.lstrip().startswith("<!--"):
            shape = Shape(kind, first, unclosed="-->" not in token.content)
        for number in range(first, end + 1):
            if number <= len(lines) and lines[number - 1].strip():
                shapes[number] = shape
    # the parser makes no token of a link reference definition ("[kong]: https://..."): markup
    for number, line in enumerate(lines, 1):
        if line.strip() and number not in shapes and (skip is None or not skip[0] <= number <= skip[1]):
            shapes[number] = Shape("reference", number)
    return shapes


def emphasis_of(content: str) -> str | None:
    """"bold" or "italic" if the whole paragraph is one strong or one emphasis span, as the
    Markdown parser reads it; else None."""
    inner = content.strip()
    if not inner or inner[0] not in "*_":
        return None
    tokens = _inline_parser().parseInline(inner)
    children = [c for c in tokens[0].children or [] if not (c.type in ("text", "softbreak") and not c.content.strip())]
    if len(children) < 3 or children[0].type not in ("strong_open", "em_open"):
        return None
    opener = children[0].type
    closer = opener.replace("_open", "_close")
    depth = 0
    for k, child in enumerate(children):
        depth += child.type == opener
        depth -= child.type == closer
        if depth == 0:
            return ("bold" if opener == "strong_open" else "italic") if k == len(children) - 1 else None
    return None


def find_boxes(text: str, lines: list[Line]) -> tuple[list[tuple[int, int]], list[int]]:
    """Text boxes: (first line, last line) of each, and the lines that open a box never closed. A
    box opened and closed on one line is markup, not a box."""
    boxes: list[tuple[int, int]] = []
    opened: tuple[int, re.Pattern] | None = None
    for line in lines:
        content = text[line.start:line.stop]
        if opened is None:
            opener = next((end for start, end in BOXES if start.fullmatch(content)), None)
            if opener is not None and not opener.fullmatch(content):
                opened = (line.number, opener)
        elif opened[1].fullmatch(content):
            boxes.append((opened[0], line.number))
            opened = None
    return boxes, [opened[0]] if opened is not None else []


def _cut(block: Block, at: list[int]) -> list[Block]:
    """Cut a block before each of the line indexes `at`; the last part keeps the block's end."""
    parts = []
    bounds = [0, *sorted(set(at)), len(block.lines)]
    for first, last in itertools.pairwise(bounds):
        if first == last:
            continue
        lines = block.lines[first:last]
        end = block.lines[last].start if last < len(block.lines) else block.end
        parts.append(Block(lines[0].start, end, lines))
    return parts


def refine_blocks(text: str, blocks: list[Block], shapes: dict[int, Shape], boxes: list[tuple[int, int]],
                  labels: tuple[str, ...], protected: set[int],
                  other_label: Callable[[str], bool] = lambda line: False) -> tuple[list[Block], list[int]]:
    """Cut blocks where a structure starts without a blank line before it: a new parser block, the
    edge of a text box, a line opening with a catalog label, and, in a block whose turns stand on
    consecutive lines, a line opening with another label (`other_label`), so that it is read, and
    reported, as a block of its own. Lines in `protected` (front matter, code, comments, boxes) are
    never cut at a label. Returns the blocks and the lines where a label cut a block."""
    edges = {first for first, _ in boxes} | {last + 1 for _, last in boxes}
    label_cuts: list[int] = []
    refined: list[Block] = []
    for block in blocks:
        at = []
        opens = match_label(text[block.start:block.stop], labels) if labels else None
        for k in range(1, len(block.lines)):
            line, before = block.lines[k], block.lines[k - 1]
            here, there = shapes.get(line.number), shapes.get(before.number)
            if line.number in edges or (here is not None and there is not None and here.first != there.first):
                at.append(k)
                continue
            if not labels or line.number in protected:
                continue
            found = match_label(text[line.start:block.stop], labels)
            if found is not None and (found.strong or opens is not None):
                at.append(k)
                label_cuts.append(line.number)
        if opens is not None or at:  # turns on consecutive lines: an unknown label there is cut too
            at += [k for k in range(1, len(block.lines)) if k not in at and block.lines[k].number not in protected
                   and other_label(text[block.lines[k].start:block.lines[k].stop])]
        refined.extend(_cut(block, at) if at else [block])
    return refined, label_cuts


HARD_BREAK = re.compile(r"(?:\s*<br\s*/?>|\\|  +)\s*$", re.IGNORECASE)
"""A line's trailing hard break (`<br>`, a backslash, two spaces): no words, only where the line ends."""


def without_break(content: str) -> str:
    """A line or paragraph without its trailing hard break, so that `**Question?** <br>` is all bold."""
    return HARD_BREAK.sub("", content)


def cut_styled_lines(text: str, blocks: list[Block], style: str, protected: set[int]) -> list[Block]:
    """Cut blocks around each line that is all in `style` ("bold" or "italic"), where the questions
    are paragraphs in that style and a text sets them on lines of their own with no blank line
    around them: the line, and the line after it, each start a block. A run of list items all in
    the style (`1. **...**` on consecutive lines) stays one block, cut before and after. Lines in
    `protected` stay."""
    def styled(line: Line) -> tuple[bool, bool]:
        """Whether a line is all in the style, and whether it is a list item."""
        marker = LIST_MARKER.match(text, line.start, line.stop)
        content = without_break(text[marker.end() if marker else line.start:line.stop]).strip()
        bold = emphasis_of(content) == "bold" or is_bold_paragraph(content)
        whole = bold if style == "bold" else emphasis_of(content) == "italic"
        return line.number not in protected and whole, marker is not None
    refined: list[Block] = []
    for block in blocks:
        at = set()
        kinds = [styled(line) for line in block.lines]
        for k, (whole, item) in enumerate(kinds):
            if not whole:
                continue
            if not (item and k > 0 and kinds[k - 1] == (True, True)):
                at.add(k)  # a styled line starts a block, unless it goes on with a run of styled items
            if not (item and k + 1 < len(kinds) and kinds[k + 1] == (True, True)):
                at.add(k + 1)  # and so does the line after it, unless the run of items goes on
        refined.extend(_cut(block, sorted(j for j in at if 0 < j < len(block.lines))) if at else [block])
    return refined
