"""Finding pull quotes by what they are: a short passage that repeats, word for word, part of a
longer passage of the same text, wherever it stands (before the interview starts, between two
answers, several turns away from what it copies) and whatever its markup (bold, a blockquote, a
plain line, a speaker label in front of it).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .blocks import Block
from .markup import CLOSE_QUOTES, OPEN_QUOTES, known_label, reading_string

MIN_WORDS = 6
"""A shorter passage is too likely to recur by chance ("Thank you very much.")."""
MAX_WORDS = 80
"""A longer passage is a paragraph, not a pull quote."""
SHINGLE = 5
MARKUP = re.compile(r"\{\{[<%].*?[%>]\}\}|</?[A-Za-z][^>]*>")
"""Shortcodes and HTML tags, which a site may wrap around a pull quote."""
NOT_QUOTES = ("![", "<img", "<!--", "<figure")
"""Images, whose alt text may repeat a caption, and comments are never pull quotes."""
_QUOTES = str.maketrans("“”‘’«»", "\"\"''\"\"")
_STRIP = OPEN_QUOTES + CLOSE_QUOTES + "*_ >"


def core(text: str, block: Block, markdown: bool, labels: list[str]) -> str:
    """The words of a block as compared: reading text without a leading speaker label, blockquote
    markers, emphasis and the quotation marks around it, lower case, quotes made straight."""
    raw = text[block.start:block.stop]
    if raw.lstrip().startswith(NOT_QUOTES):
        return ""
    lines = [re.sub(r"^[ \t]*>[ \t]?", "", text[ln.start:ln.stop]) for ln in block.lines]
    raw = MARKUP.sub(" ", "\n".join(lines))
    found = known_label(raw, labels)
    if found is not None:
        raw = raw[found[1]:]
    words = reading_string(raw, 0, len(raw), markdown).translate(_QUOTES)
    return " ".join(words.strip(_STRIP).lower().split())


def _has_quote_markup(text: str, block: Block) -> bool:
    inner = text[block.start:block.stop].strip()
    return inner.startswith(("**", ">", "*", "“", '"', "<", "{{")) or inner.endswith(("”", '"'))


def repeated_blocks(text: str, blocks: list[Block], markdown: bool, labels: list[str]) -> dict[int, int]:
    """For each block that repeats part of another, longer block (or all of one, when it carries
    quotation markup and the other does not): its start, mapped to the start of the nearest block
    it repeats. Identical texts are compared once and the nearest host is found by bisection, so a
    long seed costs time in proportion to its number of blocks."""
    cores = [core(text, b, markdown, labels) for b in blocks]
    marked = [_has_quote_markup(text, b) for b in blocks]
    where: dict[str, list[int]] = {}
    for k, c in enumerate(cores):
        where.setdefault(c, []).append(k)
    shingles: dict[str, set[str]] = {}
    for c in where:
        words = c.split()
        for i in range(len(words) - SHINGLE + 1):
            shingles.setdefault(" ".join(words[i:i + SHINGLE]), set()).add(c)
    found: dict[int, int] = {}
    for c, ks in where.items():
        n = len(c.split())
        if not MIN_WORDS <= n <= MAX_WORDS:
            continue
        hosts = sorted(j for h in shingles.get(" ".join(c.split()[:SHINGLE]), ()) if h != c and c in h
                       for j in where[h])
        plain = [j for j in ks if not marked[j]]  # an unmarked copy hosts a marked one of the same words
        for k in ks:
            near = [_nearest(hosts, k), _nearest(plain, k) if marked[k] else None]
            near = [j for j in near if j is not None]
            if near:
                found[blocks[k].start] = blocks[min(near, key=lambda j: (abs(j - k), j))].start
    return found


def _nearest(positions: list[int], k: int) -> int | None:
    """The position in a sorted list nearest to `k` (the earlier one on a tie)."""
    if not positions:
        return None
    i = bisect_left(positions, k)
    around = positions[max(0, i - 1):i + 1]
    return min(around, key=lambda j: (abs(j - k), j))
