"""Stand-off pointers: from words a reader sees in a passage to character offsets in the seed.

Annotations quote the reading text (markup removed), but point into the seed file, where the
same words may carry Markdown (`*Sotsialnyi Rukh*`). `seed_span` finds one from the other.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .catalog import Interview, load_catalog
from .markup import reading_text
from .seedtext import read_seed


def texts_of(seeds: str | Path | None = None) -> dict[str, tuple[Interview, str]]:
    """Every catalogued seed of a seeds folder (default: the project's), by interview id, with
    its checked text."""
    return {interview.id: (interview, read_seed(interview)) for interview in load_catalog(seeds)}


@cache
def seed_texts() -> dict[str, tuple[Interview, str]]:
    """Every catalogued seed of the project, by interview id, with its checked text."""
    return texts_of()


def spoken_text(interview_id: str, start: int, end: int, clean: str) -> tuple[str, list[int]]:
    """A passage's reading text without its speaker label (its `clean` column), with the seed
    offset of every character, for a passage of the project's seeds from `start` to `end`."""
    interview, text = seed_texts()[interview_id]
    read, offsets = reading_text(text, start, end, interview.format == "markdown")
    label = len(read) - len(clean)
    return read[label:], offsets[label:]


def seed_span(text: str, start: int, end: int, markdown: bool, quote: str) -> tuple[int, int]:
    """Seed offsets (start, end) of the first occurrence of `quote`, in reading text, within
    `text[start:end]`: how to find the offsets of a new row of `annotations/coding.csv`.
    Raises ValueError when the quote is not there."""
    clean, offsets = reading_text(text, start, end, markdown)
    k = clean.find(quote) if quote else -1
    if k < 0:
        raise ValueError(f"{quote!r} is not in the reading text of offsets {start}-{end}")
    return offsets[k], offsets[k + len(quote) - 1] + 1
