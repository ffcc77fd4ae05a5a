"""Interviewers and interviewees: talk share, question and answer lengths, what each question
presupposes and how each answer takes it up, and how many of a question's words an answer echoes.

The readings are stand-off files under `annotations/`, checked against the turns:

- `questions.csv`: question_id, presupposition (one of `PRESUPPOSITIONS`), trigger (the words of
  the question, as read, that carry the presupposition), presupposes (what a reader must take as
  given to answer it).
- `uptake.csv`: answer_id, uptake (one of `UPTAKES`), evidence (words of the answer, as read),
  note.

Both are coded by the manual `annotations/question-readings.md` (definitions, include and exclude
rules, examples); a second reader's files (`questions-second.csv`, `uptake-second.csv`) have the
same format and are compared with `helpers.secondcoder.label_agreement`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..annotating.speech import speech_of
from ..plumbing.datafiles import read_rows
from ..plumbing.errors import SeedError
from ..plumbing.paths import ANNOTATIONS_DIR, shown
from .vocabulary import words_of

QUESTIONS = ANNOTATIONS_DIR / "questions.csv"
UPTAKE = ANNOTATIONS_DIR / "uptake.csv"
UPTAKE_COLUMNS = ["interview", "answer_id", "question_id", "speaker", "uptake", "evidence", "note"]
PRESUPPOSITIONS = {
    "routine": "takes for granted only what the interview itself establishes (activity, a position, attendance)",
    "framing": "takes for granted a contested characterisation of the war, its events, sides or actors",
    "reported_view": "puts forward a view attributed to others and asks the interviewee to respond",
}
QUESTION_COLUMNS = ["interview", "question_id", "presupposition", "trigger", "presupposes"]
UPTAKES = {
    "takes_up": "answers the question as asked (it may go on to related points)",
    "redirects": "gives most of the answer to a point the question did not ask about",
    "contests": "rejects a premise or a view the question puts forward",
}


def talk_share(tokens: pd.DataFrame, by: str = "speaker") -> pd.DataFrame:
    """Per interview and `by`: turns, words (word tokens), and the share of the interview's words
    (percent, one decimal). It needs both sides of the conversation: tokens of "speech"."""
    speech_of(tokens, ("speech",))
    words = tokens[tokens["is_word"]]
    table = words.groupby(["interview", by], sort=True).agg(turns=("turn_id", "nunique"), words=("norm", "size"))
    table["share"] = (100 * table["words"] / table.groupby(level="interview")["words"].transform("sum")).round(1)
    return table


def _turn(turns: pd.DataFrame, turn_id: str, kind: str, path: Path, line: int) -> pd.Series:
    found = turns[turns["passage_id"] == turn_id]
    if found.empty:
        raise SeedError(shown(path), line, f"unknown turn {turn_id!r}")
    if found.iloc[0]["kind"] != kind:
        article = "an" if kind[0] in "aeiou" else "a"
        raise SeedError(shown(path), line, f"{turn_id!r} is not {article} {kind} (its kind is {found.iloc[0]['kind']})")
    return found.iloc[0]


def _quoted(text: str, words: str, field: str, turn_id: str, path: Path, line: int) -> None:
    if words not in text:
        raise SeedError(shown(path), line, f"{field} {words!r} is not in the text of {turn_id}")


def load_presuppositions(turns: pd.DataFrame, path: Path = QUESTIONS) -> pd.DataFrame:
    """The question readings, each checked: the question exists, is a question, its label is one of
    `PRESUPPOSITIONS`, and it contains its trigger. Columns: `QUESTION_COLUMNS`."""
    rows = []
    for line, row in read_rows(path, QUESTION_COLUMNS[1:]):
        question = _turn(turns, row["question_id"], "question", path, line)
        if row["presupposition"] not in PRESUPPOSITIONS:
            problem = f"presupposition {row['presupposition']!r} is not one of {', '.join(PRESUPPOSITIONS)}"
            raise SeedError(shown(path), line, problem)
        _quoted(question["clean"], row["trigger"], "trigger", row["question_id"], path, line)
        rows.append({"interview": question["interview"], **row})
    return pd.DataFrame(rows, columns=QUESTION_COLUMNS)


def load_uptake(turns: pd.DataFrame, path: Path = UPTAKE) -> pd.DataFrame:
    """The answer readings, each checked: the answer exists, its uptake is one of `UPTAKES`, and
    it contains its evidence. Columns: interview, answer_id, question_id, speaker, uptake,
    evidence, note."""
    rows = []
    for line, row in read_rows(path, ["answer_id", "uptake", "evidence", "note"], ["answer_id", "uptake", "evidence"]):
        answer = _turn(turns, row["answer_id"], "answer", path, line)
        if row["uptake"] not in UPTAKES:
            raise SeedError(shown(path), line, f"uptake {row['uptake']!r} is not one of {', '.join(UPTAKES)}")
        _quoted(answer["clean"], row["evidence"], "evidence", row["answer_id"], path, line)
        rows.append({"interview": answer["interview"], "answer_id": row["answer_id"],
                     "question_id": answer["reply_to"], "speaker": answer["speaker"], "uptake": row["uptake"],
                     "evidence": row["evidence"], "note": row["note"]})
    return pd.DataFrame(rows, columns=UPTAKE_COLUMNS)


def question_echo(tokens: pd.DataFrame, turns: pd.DataFrame) -> pd.DataFrame:
    """For each answer: the question's content words (word tokens that are neither stopwords nor
    clitics, by `norm`), those the answer repeats, and `echo`, the share repeated. It needs both
    questions and answers: tokens of "speech"."""
    speech_of(tokens, ("speech",))
    content = words_of(tokens, stopwords=False)
    words = content.groupby("turn_id")["norm"].agg(set)
    rows = []
    for answer in turns[turns["kind"] == "answer"].itertuples():
        asked = words.get(answer.reply_to, set())
        said = words.get(answer.passage_id, set())
        repeated = sorted(asked & said)
        rows.append({"interview": answer.interview, "answer_id": answer.passage_id, "speaker": answer.speaker,
                     "question_words": len(asked), "repeated": len(repeated), "words": ", ".join(repeated),
                     "echo": round(len(repeated) / len(asked), 2) if asked else float("nan")})
    return pd.DataFrame(rows)
