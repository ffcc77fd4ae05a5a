"""Reading the markup of a block: headings, emphasis, links and escapes (speaker labels are in `labels`).

`reading_text` turns a source slice into what a reader reads and keeps, for every character
it returns, the offset in the seed it came from, so later layers can point back into the seed.
"""

from __future__ import annotations

import re

HEADING = re.compile(r"(?P<hashes>#{1,6})[ \t]+")
THEMATIC_BREAK = re.compile(r"[ \t]*(?:-[ \t]*){3,}|[ \t]*(?:\*[ \t]*){3,}|[ \t]*(?:_[ \t]*){3,}")
MD_LINK = re.compile(r"!?\[(?P<label>(?:\\.|[^\]\\\n]){0,500})\]\((?P<target>[^)\s]{0,2000})\)")
"""A Markdown link or image: its label and target bounded, so a line of "[" costs linear time to search."""
METADATA_KEY = re.compile(r"(?:Categories|Category|Tags|Filed under|Posted on|Posted|Date):[ \t]", re.IGNORECASE)
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
FULL_DATE = re.compile(rf"\b(?:\d{{1,2}} (?:{MONTHS}) \d{{4}}|(?:{MONTHS}) \d{{1,2}}, \d{{4}})\b")
OPEN_QUOTES = "\"“‘'«"
CLOSE_QUOTES = "\"”’'»"
INSERTION = re.compile(r"(?<!\\)\[[^\[\]\n]+\](?!\()|\^[\w-]{1,5}\^")
"""An editor's words or marks inside a speaker's paragraph: "[then part of Soviet Ukraine]", and
footnote markers ("[^1]", "^2^"). The token table marks them (`inserted`), and no count of a
speaker's words includes them."""
_ASCII_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def is_bold_paragraph(content: str) -> bool:
    """True when the whole paragraph is one bold span, `**...**`."""
    inner = content.strip()
    return len(inner) > 4 and inner.startswith("**") and inner.endswith("**") and "**" not in inner[2:-2]


def unbold(content: str) -> str:
    """The paragraph without surrounding bold markers and white space."""
    inner = content.strip()
    return inner[2:-2].strip() if is_bold_paragraph(inner) else inner


def is_quotation(content: str) -> bool:
    """True when the paragraph (bold removed) opens and closes with quotation marks."""
    inner = unbold(content)
    return len(inner) > 2 and inner[0] in OPEN_QUOTES and inner[-1] in CLOSE_QUOTES


def is_bracketed(content: str) -> bool:
    """True when the whole paragraph is one editorial insertion in square brackets (emphasis and a
    full stop around the brackets allowed: `_[Interviewer's note: ...]._`)."""
    inner = content.strip().strip("*_").rstrip(".").strip("*_").strip()
    return inner.startswith("[") and inner.endswith("]") and inner.count("[") == 1 and inner.count("]") == 1


VOICE_END = "</v>"
"""A subtitle file's closing voice tag (WebVTT): markup, not words, so the reading text drops it."""
_PLAIN_STOPS = re.compile(r"\s+|\ufeff|" + re.escape(VOICE_END))
_MARKDOWN_STOPS = re.compile(r"\s+|[\ufeff*\\\[]|!(?=\[)|" + re.escape(VOICE_END))
"""The characters `reading_text` does not copy as they are; everything between them is copied in bulk."""


def reading_text(text: str, start: int, end: int, markdown: bool) -> tuple[str, list[int]]:
    """Return the reading text of `text[start:end]` and the seed offset of each character.

    White space runs (line breaks included) become one space; byte-order marks and subtitle
    voice-closing tags (`</v>`) go. In
    Markdown, emphasis stars, backslash escapes and link targets go and link labels stay.
    """
    stops = _MARKDOWN_STOPS if markdown else _PLAIN_STOPS
    pieces: list[str] = []
    offsets: list[int] = []
    last = ""  # the last character kept: a space is kept only after something that is not one
    i = start
    while i < end:
        stop = stops.search(text, i, end)
        upto = stop.start() if stop else end
        if upto > i:
            pieces.append(text[i:upto])
            offsets.extend(range(i, upto))
            last = text[upto - 1]
        if stop is None:
            break
        i, mark = upto, stop.group()
        if mark in ("\ufeff", "*", VOICE_END):
            i += len(mark)
        elif mark == "\\":
            if i + 1 < end and text[i + 1] in _ASCII_PUNCT:
                pieces.append(text[i + 1])
                offsets.append(i + 1)
                last = text[i + 1]
                i += 2
            else:
                pieces.append(mark)
                offsets.append(i)
                last = mark
                i += 1
        elif mark in ("[", "!"):
            link = MD_LINK.match(text, i, end)
            if link:
                label, label_offsets = reading_text(text, link.start("label"), link.end("label"), True)
                if label:
                    pieces.append(label)
                    offsets.extend(label_offsets)
                    last = label[-1]
                i = link.end()
            else:
                pieces.append(mark)
                offsets.append(i)
                last = mark
                i += 1
        else:  # a run of white space
            if last and last != " ":
                pieces.append(" ")
                offsets.append(i)
                last = " "
            i = stop.end()
    if last == " ":
        pieces.pop()
        offsets.pop()
    return "".join(pieces), offsets


_ESCAPABLE = re.escape("".join(sorted(_ASCII_PUNCT)))
_MARKDOWN_INLINE = re.compile(rf"\\(?P<escaped>[{_ESCAPABLE}])|{MD_LINK.pattern}|[*\ufeff]")


def _inline(match: re.Match) -> str:
    if match.group("escaped"):
        return match.group("escaped")
    label = match.group("label")
    return "" if label is None else reading_string(label, 0, len(label), True)


def reading_string(text: str, start: int, end: int, markdown: bool) -> str:
    """The reading text of `text[start:end]` without the offsets: `reading_text(...)[0]`, made
    with a few whole-string operations instead of a walk, for tables that need only the text."""
    part = text[start:end]
    part = part.replace(VOICE_END, "")
    part = _MARKDOWN_INLINE.sub(_inline, part) if markdown else part.replace("\ufeff", "")
    return " ".join(part.split())
