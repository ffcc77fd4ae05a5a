"""The study's two main tables: every segment of every seed, and every speaker turn.

`load_passages()` gives one row per segment, in source order, tiling each seed exactly.
`load_turns()` gives one row per question or answer, its paragraphs joined, with the two
repairs a reader needs: paragraphs broken in mid-sentence are joined, and nothing that
repeats other text (pull quotes) or is not the speaker's (editor's notes) is counted.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from .catalog import Interview, load_catalog
from .markup import CLOSE_QUOTES, INSERTION, reading_string
from .repeats import mark_repeats
from .seedtext import read_seed
from .segment import Segment, split_with_report

SPEECH_KINDS = ("question", "answer", "list_item")
KINDS = (
    "blank", "title", "metadata", "intro", "question", "answer", "list_item", "editor_note",
    "caption", "pull_quote", "signature", "boilerplate", "markup",
)
PART_OF_KIND = {
    "question": "speech", "answer": "speech", "list_item": "speech",
    "title": "apparatus", "metadata": "apparatus", "intro": "apparatus", "caption": "apparatus",
    "editor_note": "apparatus", "pull_quote": "apparatus", "signature": "apparatus",
    "boilerplate": "boilerplate", "blank": "boilerplate", "markup": "boilerplate",
}
"""Each kind's part of a text: the interview's speech, the publication's apparatus around it
(title, byline, notes, pull quotes, signatures), or the web page's boilerplate."""
PASSAGE_COLUMNS = [
    "interview", "source", "passage_id", "kind", "speaker", "role", "turn", "turn_id",
    "reply_to", "start", "end", "line", "text", "clean", "words", "counted", "continues",
    "repeats", "insertions",
]
TURN_COLUMNS = [
    "interview", "source", "passage_id", "kind", "speaker", "role", "turn", "reply_to",
    "start", "end", "line", "text", "clean", "words", "paragraphs", "passages", "spans", "repairs",
]
REPORT_COLUMNS = ["interview", "line", "passage_id", "decision", "text"]
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
SENTENCE_END = tuple(".!?:;…") + tuple(CLOSE_QUOTES) + (")", "]")


def count_words(text: str) -> int:
    """Number of words in a reading text (letters and digits, with inner apostrophes and
    hyphens). A rough count for lengths; notebook 02 defines the study's tokens."""
    return len(WORD.findall(text))


def _rows(interview: Interview, text: str, segments: list[Segment]) -> list[dict]:
    markdown = interview.format == "markdown"
    rows = []
    for seg in segments:
        clean = reading_string(text, seg.body_start, seg.body_stop, markdown)
        speech = seg.kind in SPEECH_KINDS
        rows.append({
            "interview": interview.id, "source": interview.file, "passage_id": seg.passage_id,
            "kind": seg.kind, "speaker": seg.speaker, "role": seg.role, "turn": seg.turn,
            "turn_id": seg.turn_id, "reply_to": seg.reply_to, "start": seg.start, "end": seg.end,
            "line": seg.line, "text": text[seg.start : seg.end], "clean": clean,
            "words": count_words(clean), "counted": speech, "continues": "", "repeats": "",
            "insertions": len(INSERTION.findall(clean)) if speech else 0, "_repeats_at": seg.repeats_at,
        })
    return rows


def _mark_repairs(rows: list[dict]) -> None:
    """Mark a paragraph that goes on with the sentence its turn's previous paragraph broke off."""
    last: dict[str, dict] = {}
    for row in rows:
        if row["kind"] not in ("question", "answer"):
            continue
        before = last.get(row["turn_id"])
        if before is not None and not before["clean"].endswith(SENTENCE_END) and row["clean"][:1].islower():
            row["continues"] = before["passage_id"]
        last[row["turn_id"]] = row


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a block, and restore it after.

    Splitting allocates many small objects and no reference cycles. With the collector on, it
    re-scans every object still alive each time enough new ones are made, so on a seed a
    thousand times the study's size it cost 13% more per megabyte (bench/run.py). Reference
    counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def passages_of(interview: Interview) -> pd.DataFrame:
    """The segments of one catalogued seed, read and checked (see `load_passages`)."""
    return passages_from_text(interview, read_seed(interview))


def passages_from_text(interview: Interview, text: str) -> pd.DataFrame:
    """The segments of `text` read as the seed of `interview` (see `load_passages`)."""
    return _passages_and_report(interview, text)[0]


def _passages_and_report(interview: Interview, text: str) -> tuple[pd.DataFrame, list[dict]]:
    segments, report = split_with_report(interview, text)
    rows = _rows(interview, text, segments)
    _mark_repairs(rows)
    mark_repeats(rows, SPEECH_KINDS)
    frame = pd.DataFrame(rows, columns=PASSAGE_COLUMNS)
    frame["turn"] = frame["turn"].astype("Int64")
    return frame, report


def load_passages(seeds: str | Path | None = None,
                  report: bool = False) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """One row per segment of every seed in the catalog, in catalog and source order.

    `seeds` is a seeds folder or a catalog file (default: the project's `seeds/`). For
    each seed, the `text` of its rows joined in order is the file's text, and each row's
    `text` is the seed's characters from `start` to `end`. Columns:

    - interview, source: catalog id and seed file name
    - passage_id: e.g. `004:q3.a1` (first paragraph of the first answer to question 3),
      `004:q3.a1.p2` (its second paragraph), `000:q7.a1.li2` (second list item), `004:pullquote1`
    - kind: one of `KINDS`; speaker, role: canonical name and interviewer / interviewee /
      editor, or empty; turn: number of the speaker turn in its interview; turn_id: id of
      the turn's first passage; reply_to: for an answer, the id of its question
    - start, end, line: character offsets into the seed and the 1-based line of `start`
    - text: the exact source slice; clean: what a reader reads (labels and markup removed)
    - words: words in `clean`; counted: True where the words are a speaker's own and said
      once (questions, answers and list items; not pull quotes, notes or boilerplate)
    - continues: for a paragraph broken off in mid-sentence, the id of the paragraph it
      continues; repeats: for a pull quote, the id of the passage it copies
    - insertions: number of inline editorial insertions in square brackets

    With `report=True`, returns the passages and the split report (`split_report`), from one split.
    """
    with without_cycle_collection():
        pairs = [_passages_and_report(interview, read_seed(interview)) for interview in load_catalog(seeds)]
        passages = pd.concat([frame for frame, _ in pairs], ignore_index=True)
    if not report:
        return passages
    return passages, pd.DataFrame([row for _, rows in pairs for row in rows], columns=REPORT_COLUMNS)


def _join(rows: list[dict]) -> tuple[str, int]:
    """Join a turn's paragraphs for reading: repaired breaks with a space, list items with a
    line break, paragraphs with a blank line. Returns the text and the number of repairs."""
    parts: list[str] = []
    repairs = 0
    for row in rows:
        if not parts:
            parts.append(row["clean"])
        elif row["continues"]:
            parts.append(" " + row["clean"])
            repairs += 1
        else:
            parts.append(("\n" if row["kind"] == "list_item" else "\n\n") + row["clean"])
    return "".join(parts), repairs


def turns_from_passages(passages: pd.DataFrame) -> pd.DataFrame:
    """One row per question or answer turn of a passage table (see `load_turns`)."""
    columns = list(passages.columns)
    # Plain lists, not DataFrame.to_dict: the same records, several times faster on long texts.
    values = zip(*(passages[c].tolist() for c in columns), strict=True)
    records = [dict(zip(columns, row, strict=True)) for row in values]
    pieces: dict[str, list[str]] = {}
    members: dict[str, list[dict]] = {}
    for row in records:
        pieces.setdefault(row["interview"], []).append(row["text"])
        if row["kind"] in SPEECH_KINDS:
            members.setdefault(row["turn_id"], []).append(row)
    seeds = {interview: "".join(texts) for interview, texts in pieces.items()}
    turns = []
    for turn_id, group in members.items():
        first, last = group[0], group[-1]
        clean, repairs = _join(group)
        items = sum(r["kind"] == "list_item" for r in group)
        turns.append({
            "interview": first["interview"], "source": first["source"], "passage_id": turn_id,
            "kind": "question" if first["role"] == "interviewer" else "answer",
            "speaker": first["speaker"], "role": first["role"], "turn": first["turn"],
            "reply_to": first["reply_to"], "start": first["start"], "end": last["end"],
            "line": first["line"], "text": seeds[first["interview"]][first["start"] : last["end"]],
            "clean": clean, "words": sum(r["words"] for r in group),
            "paragraphs": len(group) - repairs - items,
            "passages": tuple(r["passage_id"] for r in group),
            "spans": tuple((r["start"], r["end"]) for r in group), "repairs": repairs,
        })
    frame = pd.DataFrame(turns, columns=TURN_COLUMNS)
    frame["turn"] = frame["turn"].astype("Int64")
    return frame


def split_report(seeds: str | Path | None = None) -> pd.DataFrame:
    """The split report of every seed: one row per decision a reader may want to check (a
    label-like line read as a note or kept in the text, a heading read as a section title, a
    pull quote found by its repeated words, an end mark or link list read as the footer, an
    answer after the same speaker's answer, a question with no answer): interview, line,
    passage_id, decision, text. Each can be resolved in the catalog (`labels`, `not_turns`,
    `questions`) without editing the seed; README, "Adding an interview", says how."""
    return load_passages(seeds, report=True)[1]


def load_turns(seeds: str | Path | None = None,
               report: bool = False) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """One row per speaker turn (a question or an answer) of every seed, in order.

    Same identifying columns as `load_passages` (`passage_id` is the turn's id, the id of
    its first passage), and: `text`, the source slice from the turn's first passage to its
    last (editor's notes or pull quotes inside it included); `clean`, the turn's own
    paragraphs joined for reading, with a paragraph broken in mid-sentence joined to the one
    it continues; `words`; `paragraphs` (logical paragraphs, list items not counted);
    `passages` and `spans` (the ids and source spans of its passages); `repairs`.

    With `report=True`, returns the turns and the split report (`split_report`).
    """
    passages, decisions = load_passages(seeds, report=True)
    with without_cycle_collection():
        turns = turns_from_passages(passages)
    return (turns, decisions) if report else turns
