"""Cutting a seed into blocks: runs of non-blank lines, with the blank lines after them.

Blocks tile the text: each starts where the one before ends, so no character is lost.
Only `\\n` ends a line, so Windows line endings (`\\r\\n`) stay inside their lines and a
byte-order mark stays in the first block; both are kept in the text and ignored as reading text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")
LIST_MARKER = re.compile(r"[ \t]*(?:\d{1,3}[.)]|[-+•]|\*(?!\*))[ \t]+(?=\S)")


@dataclass(frozen=True)
class Line:
    """One line of a seed: `start` to `end` includes its line break; `stop` excludes it."""

    start: int
    end: int
    stop: int
    number: int


@dataclass(frozen=True)
class Block:
    """A run of content lines and the blank lines after it, from `start` to `end`."""

    start: int
    end: int
    lines: tuple[Line, ...]

    @property
    def line(self) -> int:
        """The 1-based line number where the block starts."""
        return self.lines[0].number

    @property
    def stop(self) -> int:
        """The offset just after the block's last content character."""
        return self.lines[-1].stop


def is_blank(text: str) -> bool:
    """True for a line holding only white space (a byte-order mark counts as white space)."""
    return not text.replace("\ufeff", "").strip()


def split_lines(text: str, begin: int = 0) -> list[Line]:
    """Every line of `text` from offset `begin`, with offsets; the last may lack a line break."""
    lines = []
    for number, match in enumerate(_LINE.finditer(text, begin), 1):
        body = match.group().rstrip("\n").rstrip("\r")
        lines.append(Line(match.start(), match.end(), match.start() + len(body), number))
    return lines


def split_blocks(text: str) -> tuple[int, list[Block]]:
    """Return the length of the leading white space and the blocks that follow it.

    The leading white space (a byte-order mark, blank lines) is its own segment; every
    other character belongs to exactly one block.
    """
    groups: list[list[Line]] = []
    ends: list[int] = []
    lead = 1 if text.startswith("\ufeff") else 0
    for line in split_lines(text, lead):
        if is_blank(text[line.start : line.end]):
            if groups:
                ends[-1] = line.end
            else:
                lead = line.end
            continue
        if groups and ends[-1] == groups[-1][-1].end:
            groups[-1].append(line)
        else:
            groups.append([line])
            ends.append(line.end)
        ends[-1] = line.end
    blocks = [Block(g[0].start, e, tuple(g)) for g, e in zip(groups, ends, strict=True)]
    return lead, blocks


def single_item_body(block: Block, text: str) -> int:
    """Where the words of a block that is one list item alone start (past its marker: `1. `,
    `- `); the block's start for any other block, a list of several items among them."""
    marker = LIST_MARKER.match(text, block.start, block.stop)
    if marker is None or any(LIST_MARKER.match(text, ln.start, ln.stop) for ln in block.lines[1:]):
        return block.start
    return marker.end()


def split_list(block: Block, text: str) -> list[Block] | None:
    """Split a block holding a list into its items, or return None if it holds none.

    Lines before the first item form a lead paragraph; a line without a marker after an
    item continues that item. Each part ends where the next begins.
    """
    return cut_at(block, [i for i, ln in enumerate(block.lines) if LIST_MARKER.match(text, ln.start)])


def cut_at(block: Block, starts: list[int]) -> list[Block] | None:
    """The block cut before each of its lines numbered in `starts` (indexes into `block.lines`),
    lines before the first start as a lead part; None if there is no start. Each part ends where
    the next begins."""
    if not starts:
        return None
    cuts = ([0] if starts[0] else []) + starts
    parts = []
    for k, first in enumerate(cuts):
        last = cuts[k + 1] if k + 1 < len(cuts) else len(block.lines)
        lines = block.lines[first:last]
        end = block.lines[last].start if last < len(block.lines) else block.end
        parts.append(Block(lines[0].start, end, lines))
    return parts
