"""Finding pull quotes by what they are: a short passage that repeats, word for word, part of a
longer passage of the same text, wherever it stands (before the interview starts, between two
answers, several turns away from what it copies) and whatever its markup (bold, a blockquote, a
plain line, a site directive, a speaker label in front of it). A quote trimmed with an ellipsis
("We will not leave … whatever happens") repeats its host when each of its pieces does, in order.

The search costs time in proportion to the number of blocks: each passage is looked up by its
rarest run of `SHINGLE` words, and at most `MAX_HOSTS` candidates, the nearest, are compared.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .blocks import Block
from .labels import known_label
from .markup import CLOSE_QUOTES, OPEN_QUOTES, reading_string

MIN_WORDS = 6
"""A shorter passage is too likely to recur by chance ("Thank you very much.")."""
MAX_WORDS = 80
"""A longer passage without quotation marks is a paragraph, not a pull quote."""
MAX_QUOTED_WORDS = 400
"""A passage in quotation marks (or a blockquote) may be a whole paragraph quoted again."""
SHINGLE = 3
"""Passages are looked up by runs of this many words (without their punctuation)."""
MAX_HOSTS = 64
"""How many candidate passages, the nearest first, a passage is compared with."""
MARKUP = re.compile(r"\{\{[<%][^\n]{0,500}?[%>]\}\}|</?[A-Za-z][^<>\n]{0,500}>|^[ \t]*=[A-Z][A-Z_]*=|=[ \t]*$",
                    re.MULTILINE)
"""Shortcodes, HTML tags and site directives (`=ZOOM="..."=`), which a site may wrap around a pull quote."""
NOT_QUOTES = ("![", "<img", "<!--", "<figure", "=IMAGE=", "=VIDEO=")
"""Images, whose alt text may repeat a caption, and comments are never pull quotes."""
ELLIPSIS = re.compile(r" ?(?:…|\.\.\.|\[(?:…|\.\.\.)\]) ?")
_BLOCKQUOTE = re.compile(r"^[ \t]*>[ \t]?")
_QUOTES = str.maketrans("“”‘’«»", "\"\"''\"\"")
_STRIP = OPEN_QUOTES + CLOSE_QUOTES + "*_ >"
_PUNCTUATION = "".join(chr(c) for c in range(33, 128) if not chr(c).isalnum()) + OPEN_QUOTES + CLOSE_QUOTES + "…—–"


def core(text: str, block: Block, markdown: bool, labels: list[str]) -> str:
    """The words of a block as compared: reading text without a leading speaker label, blockquote
    markers, emphasis and the quotation marks around it, lower case, quotes made straight."""
    raw = text[block.start:block.stop]
    if raw.lstrip().startswith(NOT_QUOTES):
        return ""
    if ">" in raw:
        raw = "\n".join(_BLOCKQUOTE.sub("", text[ln.start:ln.stop]) for ln in block.lines)
    if "<" in raw or "{" in raw or "=" in raw:
        raw = MARKUP.sub(" ", raw)
    found = known_label(raw, labels) if labels else None
    if found is not None:
        raw = raw[found[1]:]
    words = reading_string(raw, 0, len(raw), markdown).translate(_QUOTES)
    return " ".join(words.strip(_STRIP).lower().split())


def _has_quote_markup(text: str, block: Block) -> bool:
    inner = text[block.start:block.stop].strip()
    return inner.startswith(("**", ">", "*", "“", '"', "<", "{{", "=")) or inner.endswith(("”", '"'))


def _is_quoted(text: str, block: Block, labels: list[str]) -> bool:
    """Whether the block is set in quotation marks or as a blockquote (a label before it allowed)."""
    raw = text[block.start:block.stop].strip()
    found = known_label(raw, labels)
    inner = MARKUP.sub("", raw[found[1]:] if found else raw).strip().strip("*_ ")
    return raw.startswith(">") or (len(inner) > 2 and inner[0] in OPEN_QUOTES and inner[-1] in CLOSE_QUOTES)


def _pieces(c: str) -> list[str]:
    """The parts of a core between ellipses, each of two words or more."""
    return [p.strip(" .,;") for p in ELLIPSIS.split(c) if len(p.split()) >= 2]


def _contains(host: str, pieces: list[str]) -> bool:
    """Whether every piece stands in the host, in order."""
    at = 0
    for piece in pieces:
        at = host.find(piece, at)
        if at < 0:
            return False
        at += len(piece)
    return True


def repeated_blocks(text: str, blocks: list[Block], markdown: bool, labels: list[str]) -> dict[int, int]:
    """For each block that repeats part of another, longer block (or all of one, when it carries
    quotation markup and the other does not): its start, mapped to the start of the nearest block
    it repeats. Identical texts are compared once, each text is looked up by its rarest run of
    words, and at most `MAX_HOSTS` hosts, the nearest, are compared, so a long seed costs time in
    proportion to its number of blocks."""
    cores = [core(text, b, markdown, labels) for b in blocks]
    marked = [_has_quote_markup(text, b) for b in blocks]
    where: dict[str, list[int]] = {}
    for k, c in enumerate(cores):
        where.setdefault(c, []).append(k)
    shingles: dict[str, list[str]] = {}
    for c in where:
        for shingle in set(_shingles(c)):
            shingles.setdefault(shingle, []).append(c)
    found: dict[int, int] = {}
    for c, ks in where.items():
        n = c.count(" ") + 1
        if n < MIN_WORDS or n > MAX_QUOTED_WORDS or (n > MAX_WORDS and not any(
                _is_quoted(text, blocks[k], labels) for k in ks)):
            continue
        pieces = _pieces(c) if ELLIPSIS.search(c) else [c]
        hosts = _hosts(c, pieces, shingles, where)
        plain = [j for j in ks if not marked[j]]  # an unmarked copy hosts a marked one of the same words
        for k in ks:
            near = [_nearest(hosts, k), _nearest(plain, k) if marked[k] else None]
            near = [j for j in near if j is not None]
            if near:
                found[blocks[k].start] = blocks[min(near, key=lambda j: (abs(j - k), j))].start
    return found


def _hosts(c: str, pieces: list[str], shingles: dict[str, list[str]], where: dict[str, list[int]]) -> list[int]:
    """The sorted positions of the blocks whose words hold all of `pieces` (other than `c` itself),
    found through the rarest run of words of the longest piece (compared without punctuation, which a
    quote may drop) and capped at `MAX_HOSTS` texts."""
    keys = _shingles(max(pieces, key=len))
    if not keys:  # no piece long enough to look up: too little to call a repeat
        return []
    rarest = min(keys, key=lambda s: len(shingles.get(s, ())))
    candidates = shingles.get(rarest, [])[:MAX_HOSTS]
    return sorted(j for h in candidates if h != c and _contains(h, pieces) for j in where[h])


def _shingles(words: str) -> list[str]:
    """The runs of `SHINGLE` words of a text, each word without the punctuation around it."""
    plain = [w for w in (w.strip(_PUNCTUATION) for w in words.split()) if w]
    return [" ".join(plain[i:i + SHINGLE]) for i in range(len(plain) - SHINGLE + 1)]


def _nearest(positions: list[int], k: int) -> int | None:
    """The position in a sorted list nearest to `k` (the earlier one on a tie)."""
    if not positions:
        return None
    i = bisect_left(positions, k)
    around = positions[max(0, i - 1):i + 1]
    return min(around, key=lambda j: (abs(j - k), j))


def _comparable(text: str) -> str:
    text = text.strip().strip(OPEN_QUOTES + CLOSE_QUOTES).strip()
    return re.sub(r"\s+", " ", text.translate(str.maketrans("“”‘’", "\"\"''")))


def _word_keys(words: list[str]) -> set[str]:
    """Every word and every pair of adjacent words: the keys a passage is found by."""
    return set(words) | {" ".join(words[i:i + 2]) for i in range(len(words) - 1)}


def mark_repeats(rows: list[dict], speech_kinds: tuple[str, ...]) -> None:
    """Link each pull quote to the passage whose words it copies: the one the splitter found, or
    else the nearest speech passage (of `speech_kinds`; the earlier ones first, then the later) that
    holds its words. `rows` are the passage table's records, changed in place (`counted`, `repeats`).
    Speech passages are indexed by their words and word pairs, and a quote is compared only with
    the passages holding its rarest pair (inner words, which a partial first or last word cannot
    hide), so the search costs time in proportion to the text, however many quotes it holds."""
    starts = {row["start"]: row for row in rows if row["kind"] in speech_kinds}
    if all(row["_repeats_at"] in starts for row in rows if row["kind"] == "pull_quote"):
        for row in rows:
            if row["kind"] == "pull_quote":
                row["counted"], row["repeats"] = False, starts[row["_repeats_at"]]["passage_id"]
        return
    speech = [k for k, row in enumerate(rows) if row["kind"] in speech_kinds]
    comparable = {k: _comparable(rows[k]["clean"]) for k in speech}
    index: dict[str, list[int]] = {}
    for k in speech:
        for key in _word_keys(comparable[k].split()):
            index.setdefault(key, []).append(k)
    for k, row in enumerate(rows):
        if row["kind"] != "pull_quote":
            continue
        row["counted"] = False
        if row["_repeats_at"] in starts:
            row["repeats"] = starts[row["_repeats_at"]]["passage_id"]
            continue
        quote = _comparable(row["clean"])
        words = quote.split()
        inner = words[1:-1] if len(words) >= 4 else words
        keys = [" ".join(inner[i:i + 2]) for i in range(len(inner) - 1)] or inner
        rarest = min(keys, key=lambda key: len(index.get(key, ())), default=None)
        candidates = sorted(index.get(rarest, []) if rarest else [], key=lambda j: (j > k, abs(j - k)))
        match = next((rows[j] for j in candidates if quote in comparable[j]), None)
        row["repeats"] = match["passage_id"] if match else ""
