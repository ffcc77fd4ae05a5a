"""Reading the markup of a block: speaker labels, headings, emphasis, links and escapes.

`reading_text` turns a source slice into what a reader reads and keeps, for every character
it returns, the offset in the seed it came from, so later layers can point back into the seed.
"""

from __future__ import annotations

import re

BOLD_LABEL = re.compile(r"\*\*(?P<label>[^*\n:]{1,60}?)(?::\*\*|\*\*:)[ \t]*")
PLAIN_LABEL = re.compile(r"(?P<label>[^\W\d_][\w'’.\-]*(?:[ \t]+[^\W\d_][\w'’.\-]*){0,3}):(?=[ \t]|\r?$)[ \t]*")
HEADING = re.compile(r"(?P<hashes>#{1,6})[ \t]+")
THEMATIC_BREAK = re.compile(r"[ \t]*(?:-[ \t]*){3,}|[ \t]*(?:\*[ \t]*){3,}|[ \t]*(?:_[ \t]*){3,}")
MD_LINK = re.compile(r"\[(?P<label>(?:\\.|[^\]\\\n])*)\]\((?P<target>[^)\s]*)\)")
METADATA_KEY = re.compile(r"(?:Categories|Category|Tags|Filed under|Posted on|Posted|Date):[ \t]", re.IGNORECASE)
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
FULL_DATE = re.compile(rf"\b(?:\d{{1,2}} (?:{MONTHS}) \d{{4}}|(?:{MONTHS}) \d{{1,2}}, \d{{4}})\b")
OPEN_QUOTES = "\"“‘'«"
CLOSE_QUOTES = "\"”’'»"
INSERTION = re.compile(r"(?<!\\)\[[^\[\]\n]+\](?!\()")
_ASCII_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def parse_label(content: str) -> tuple[str, int] | None:
    """Return (label, offset where the spoken text starts) if `content` opens with a
    speaker label (`**Name:**`, `**Name**:` or `Name:`), else None.

    A plain label must be one to four capitalised words, so a sentence such as
    "There were two reasons: ..." is not taken for a label.
    """
    match = BOLD_LABEL.match(content)
    if match is None:
        match = PLAIN_LABEL.match(content)
        if match is None or not all(w[0].isupper() for w in match.group("label").split()):
            return None
    return match.group("label").strip(), match.end()


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
    """True when the whole paragraph is one editorial insertion in square brackets."""
    inner = content.strip()
    return inner.startswith("[") and inner.endswith("]") and inner.count("[") == 1 and inner.count("]") == 1


def reading_text(text: str, start: int, end: int, markdown: bool) -> tuple[str, list[int]]:
    """Return the reading text of `text[start:end]` and the seed offset of each character.

    White space runs (line breaks included) become one space; byte-order marks go. In
    Markdown, emphasis stars, backslash escapes and link targets go and link labels stay.
    """
    chars: list[str] = []
    offsets: list[int] = []
    i = start
    while i < end:
        ch = text[i]
        if markdown and ch == "\\" and i + 1 < end and text[i + 1] in _ASCII_PUNCT:
            chars.append(text[i + 1])
            offsets.append(i + 1)
            i += 2
            continue
        if markdown and ch == "[":
            link = MD_LINK.match(text, i, end)
            if link:
                label, label_offsets = reading_text(text, link.start("label"), link.end("label"), True)
                chars.extend(label)
                offsets.extend(label_offsets)
                i = link.end()
                continue
        if markdown and ch == "*":
            i += 1
            continue
        if ch == "\ufeff":
            i += 1
            continue
        if ch.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                offsets.append(i)
            i += 1
            continue
        chars.append(ch)
        offsets.append(i)
        i += 1
    while chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    return "".join(chars), offsets
