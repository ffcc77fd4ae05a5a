"""Whose words a table counts: one choice, made once per token table and carried with it.

A count labelled "000 says" must not silently include the interviewer's question or an editor's
bracketed insertion. So every token table the study counts carries, in `attrs["speech"]`, which
speech it holds, and every counting helper refuses a table that does not say:

- "answers": the interviewees' answers (answer paragraphs and list items), editorial insertions
  left out. The default of `helpers.load_tokens()` and of every comparison of what a side says.
- "questions": the interviewers' questions, editorial insertions left out.
- "speech": questions and answers, editorial insertions left out: for who-talks-how-much tables
  and for tables that put questions beside answers.
- "all": every token of the speech, editorial insertions included: for checking the tokenizer and
  the tagger against the seed, never for counts of what a speaker says.

Editorial insertions are the square-bracketed words an editor put inside an answer ("[then part
of Soviet Ukraine]"); the token table marks them in `inserted`.
"""

from __future__ import annotations

import pandas as pd

SPEECH = {
    "answers": "the interviewees' answers, editorial insertions left out",
    "questions": "the interviewers' questions, editorial insertions left out",
    "speech": "questions and answers, editorial insertions left out",
    "all": "all speech, editorial insertions included (for checking tokens and tags, not for counts)",
}
"""The selections a token table can hold, with the sentence that describes each."""

COUNTABLE = ("answers", "questions", "speech")
"""The selections a count of what speakers say may use ("all" keeps the editor's insertions)."""


def select_speech(tokens: pd.DataFrame, speech: str = "answers") -> pd.DataFrame:
    """The rows of a full token table (`speech="all"`) that `speech` counts, marked with it.

    Raises ValueError for an unknown selection, or when `tokens` already holds a narrower one
    than asked for (questions cannot be recovered from a table of answers)."""
    if speech not in SPEECH:
        raise ValueError(f"speech must be one of {', '.join(SPEECH)}, not {speech!r}")
    held = tokens.attrs.get("speech", "all")
    if held != "all" and held != speech and not (held == "speech" and speech in ("answers", "questions")):
        raise ValueError(f"this token table holds {SPEECH[held]}; it cannot give {SPEECH[speech]}")
    keep = pd.Series(True, index=tokens.index)
    if speech != "all":
        keep &= ~tokens["inserted"]
    if speech == "answers":
        keep &= tokens["role"] == "interviewee"
    elif speech == "questions":
        keep &= tokens["role"] == "interviewer"
    chosen = tokens[keep].copy()
    chosen.attrs["speech"] = speech
    return chosen


def speech_of(tokens: pd.DataFrame, allowed: tuple[str, ...] | None = COUNTABLE) -> str:
    """The selection a token table holds (`attrs["speech"]`), checked.

    Raises ValueError when the table does not say whose speech it holds, or holds one that the
    calling table cannot use (`allowed`; by default any but "all"), so no table mixes questions,
    answers and insertions without saying so."""
    speech = tokens.attrs.get("speech")
    if speech not in SPEECH:
        raise ValueError("this token table does not say whose speech it holds: make it with "
                         "helpers.load_tokens(speech=...) or helpers.select_speech(tokens, ...)")
    if allowed is not None and speech not in allowed:
        wanted = " or ".join(repr(a) for a in allowed)
        raise ValueError(f"this table needs tokens of {wanted}, not {speech!r} ({SPEECH[speech]})")
    return speech


def counted(tokens: pd.DataFrame) -> str:
    """The sentence that says what a token table counts, for a table's caption."""
    return SPEECH[speech_of(tokens, allowed=None)]
