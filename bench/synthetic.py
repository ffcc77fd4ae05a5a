"""Synthetic corpora for the load-and-split benchmark: each seed grown to a multiple of its size.

A seed is cut where its interview starts (its first question) and ends (its last turn): the
head (title, byline, intro) and the tail (pull quote, signature, web-page footer) are kept
once, and the interview between them is repeated until the file is about `factor` times the
seed's size. The result is a seed the splitter reads like the real one, only longer: every
repeat adds the same questions and answers again, numbered on (q19, q20, ...).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import helpers
from helpers.reading.catalog import catalog_path


def interview_span(passages) -> tuple[int, int]:
    """Start of the first question and end of the last turn of one seed's passage table."""
    speech = passages[passages["kind"].isin(helpers.SPEECH_KINDS)]
    return int(speech["start"].min()), int(speech["end"].max())


def grown_text(text: str, start: int, end: int, factor: int) -> str:
    """`text` with its slice `start:end` repeated so the whole is about `factor` times as long."""
    head, body, tail = text[:start], text[start:end], text[end:]
    repeats = max(1, round((factor * len(text) - len(head) - len(tail)) / len(body)))
    return head + body * repeats + tail


def write_corpus(folder: Path, factor: int, seeds: Path | None = None) -> Path:
    """Write every catalogued seed grown `factor` times, and a catalog for them, into `folder`.

    The catalog is the project's, with each entry's `sha256` replaced by the grown file's, so
    the grown seeds pass the same checks as the real ones. Returns the folder.
    """
    folder.mkdir(parents=True, exist_ok=True)
    catalog = catalog_path(seeds).read_text(encoding="utf-8")
    passages = helpers.load_passages(seeds)
    for interview in helpers.load_catalog(seeds):
        text = interview.path.read_bytes().decode("utf-8")
        start, end = interview_span(passages[passages["interview"] == interview.id])
        grown = grown_text(text, start, end, factor).encode("utf-8")
        (folder / interview.file).write_bytes(grown)
        digest = hashlib.sha256(grown).hexdigest()
        catalog, found = re.subn(rf'sha256 = "{interview.sha256}"', f'sha256 = "{digest}"', catalog)
        if found != 1:
            raise ValueError(f"the catalog should give the sha256 of {interview.file} exactly once")
    (folder / "catalog.toml").write_text(catalog, encoding="utf-8")
    return folder


def corpus_bytes(folder: Path) -> int:
    """Total size of the seed files a catalog lists."""
    return sum(interview.path.stat().st_size for interview in helpers.load_catalog(folder))
