"""The sentences of the speech, with their text: what sentence-level measures (VADER) read.

They are the same Punkt sentences as the token table's `sentence_id`, cut from the same
reading text, so a sentence's id leads to its tokens and its offsets lead into the seed. Their
`text` leaves out the editor's bracketed insertions, as every count of a speaker's words does
(`helpers.speech`); `inserted` says where one was taken out.
"""

from __future__ import annotations

import re

import pandas as pd

from ..reading.markup import INSERTION
from ..reading.passages import SPEECH_KINDS
from ..reading.standoff import spoken_text
from .tokens import sentence_spans

SENTENCE_COLUMNS = ["interview", "passage_id", "turn_id", "speaker", "role", "sentence_id", "start", "end", "text",
                    "inserted"]


def _speaker_words(sentence: str) -> str:
    """A sentence without the editor's [insertions], spaces closed up around the gap."""
    closed = re.sub(r" {2,}", " ", INSERTION.sub("", sentence))
    return re.sub(r" ([,;.])", r"\1", closed).strip()


def sentences_of(passages: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence of every speech passage (questions, answers, list items) of
    `passages`, in source order: ids as in the token table, seed offsets, the sentence's reading
    text without the editor's insertions, and whether one was left out."""
    rows = []
    for p in passages[passages["kind"].isin(SPEECH_KINDS)].itertuples():
        text, offsets = spoken_text(p.interview, p.start, p.end, p.clean)
        for number, (a, b) in enumerate(sentence_spans(text), 1):
            rows.append({"interview": p.interview, "passage_id": p.passage_id, "turn_id": p.turn_id,
                         "speaker": p.speaker, "role": p.role, "sentence_id": f"{p.passage_id}.s{number}",
                         "start": offsets[a], "end": offsets[b - 1] + 1, "text": _speaker_words(text[a:b]),
                         "inserted": bool(INSERTION.search(text[a:b]))})
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
