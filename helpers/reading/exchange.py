"""Reading helpers for notebooks: one call shows a question with everything that answers it."""

from __future__ import annotations

import textwrap

import pandas as pd

from .passages import load_passages

LABELS = {
    "question": "question", "answer": "answer", "list_item": "list item",
    "editor_note": "editor's note", "caption": "caption", "pull_quote": "pull quote",
}
WIDTH = 100


def _frame(passages: pd.DataFrame | None) -> pd.DataFrame:
    """The passage table to read from: the one given, or the project's seeds."""
    return load_passages() if passages is None else passages.reset_index(drop=True)


def _find(passages: pd.DataFrame, passage_id: str) -> int:
    hits = passages.index[passages["passage_id"] == passage_id]
    if len(hits) == 0:
        raise KeyError(f"no passage {passage_id!r}: ids look like '004:q3', '004:q3.a1' or '004:q3.a1.p2'")
    return int(hits[0])


def _header(row: pd.Series) -> str:
    label = LABELS.get(row["kind"], row["kind"])
    if row["kind"] in ("answer", "question") and row["passage_id"] != row["turn_id"]:
        label += ", continued"
    if row["continues"]:
        label += f", repairs the break after {row['continues']}"
    if row["repeats"]:
        label += f", repeats {row['repeats']}"
    who = f" {row['speaker']}" if row["speaker"] and row["kind"] not in ("pull_quote", "editor_note") else ""
    return f"{row['passage_id']}  [{label}]{who}  (line {row['line']})"


def read_exchange(question_id: str, passages: pd.DataFrame | None = None) -> str:
    """The question `question_id` (e.g. '004:q5') and everything up to the next question:
    answers, list items, and what the editor set among them, each under its passage id.

    Returns plain text (print it): seed text is shown as text, never as markup.
    """
    frame = _frame(passages)
    first = _find(frame, question_id)
    if frame.at[first, "kind"] != "question" or frame.at[first, "turn_id"] != question_id:
        raise KeyError(f"{question_id!r} is not the id of a question (try {frame.at[first, 'reply_to']!r})")
    lines: list[str] = []
    for _, row in frame.iloc[first:].iterrows():
        if row["interview"] != frame.at[first, "interview"]:
            break
        if row["kind"] == "question" and row["turn_id"] != question_id:
            break
        if row["kind"] in ("signature", "boilerplate", "blank"):
            break
        lines.append(_header(row))
        lines.append(textwrap.fill(
            row["clean"], WIDTH, initial_indent="    ", subsequent_indent="    ", break_on_hyphens=False
        ))
    return "\n".join(lines)


def quote(passage_id: str, passages: pd.DataFrame | None = None) -> str:
    """A passage's reading text in quotation marks, followed by its id: `“…” (004:q5.a1)`."""
    frame = _frame(passages)
    row = frame.loc[_find(frame, passage_id)]
    return f"“{row['clean']}” ({passage_id})"
