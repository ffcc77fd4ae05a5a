"""The sentences of the speech, with their text: what sentence-level measures (VADER) read.

They are the same Punkt sentences as the token table's `sentence_id`, cut from the same
reading text, so a sentence's id leads to its tokens and its offsets lead into the seed.
"""

from __future__ import annotations

import pandas as pd

from .passages import SPEECH_KINDS
from .standoff import spoken_text
from .tokens import sentence_spans

SENTENCE_COLUMNS = ["interview", "passage_id", "turn_id", "speaker", "role", "sentence_id", "start", "end", "text"]


def sentences_of(passages: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence of every speech passage (questions, answers, list items) of
    `passages`, in source order: ids as in the token table, seed offsets, and the sentence's
    reading text."""
    rows = []
    for p in passages[passages["kind"].isin(SPEECH_KINDS)].itertuples():
        text, offsets = spoken_text(p.interview, p.start, p.end, p.clean)
        for number, (a, b) in enumerate(sentence_spans(text), 1):
            rows.append({"interview": p.interview, "passage_id": p.passage_id, "turn_id": p.turn_id,
                         "speaker": p.speaker, "role": p.role, "sentence_id": f"{p.passage_id}.s{number}",
                         "start": offsets[a], "end": offsets[b - 1] + 1, "text": text[a:b]})
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
