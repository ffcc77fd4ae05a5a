"""Interviewers and interviewees: talk share, question and answer lengths and their rank
correlation, what each question presupposes and how each answer takes it up, and how many of a
question's words an answer echoes.

The readings are stand-off files under `annotations/`, checked against the turns:

- `questions.csv`: question_id, presupposition (one of `PRESUPPOSITIONS`), trigger (the words of
  the question, as read, that carry the presupposition), presupposes (what a reader must take as
  given to answer it).
- `uptake.csv`: answer_id, uptake (one of `UPTAKES`), evidence (words of the answer, as read),
  note.
- `question-design.csv`: question_id, one label on each dimension of `DESIGN` (initiative,
  directness, assertiveness, adversarialness), note.
- `resistance.csv`: answer_id, resistance (one of `RESISTANCES`, allowed by the answer's uptake),
  marker (the words of an overt shift), note.

All four are coded by the manual `annotations/question-readings.md` (definitions, include and
exclude rules, examples); a second reader's files (`questions-second.csv`, `uptake-second.csv`,
`question-design-second.csv`, `resistance-second.csv`) have the same format, are loaded by the same
functions and compared with `helpers.annotating.readings.layer_agreement`.

Why this module is long: the four layers' loaders share their checks (`_turn`, `_once`, `_every`,
`_quoted`) and their error messages; split, one file format's rules would be scattered.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..annotating.speech import speech_of
from ..annotating.tokens import english_stopwords
from ..plumbing.datafiles import read_rows
from ..plumbing.errors import SeedError
from ..plumbing.paths import ANNOTATIONS_DIR, shown
from .vocabulary import words_of

QUESTIONS = ANNOTATIONS_DIR / "questions.csv"
UPTAKE = ANNOTATIONS_DIR / "uptake.csv"
QUESTION_DESIGN = ANNOTATIONS_DIR / "question-design.csv"
RESISTANCE = ANNOTATIONS_DIR / "resistance.csv"
SECOND_DESIGN = ANNOTATIONS_DIR / "question-design-second.csv"
SECOND_RESISTANCE = ANNOTATIONS_DIR / "resistance-second.csv"
UPTAKE_COLUMNS = ["interview", "answer_id", "question_id", "speaker", "uptake", "evidence", "note"]
PRESUPPOSITIONS = {
    "routine": "takes for granted only what the interview itself establishes (activity, a position, attendance)",
    "framing": "takes for granted a contested characterisation of the war, its events, sides or actors",
    "reported_view": "puts forward a view attributed to others and asks the interviewee to respond",
}
QUESTION_COLUMNS = ["interview", "question_id", "presupposition", "trigger", "presupposes"]
UPTAKES = {
    "takes_up": "answers the question as asked: the answer is there and identifiable, whatever follows it",
    "redirects": "gives no identifiable answer, and goes to a point the question did not ask about",
    "contests": "rejects a premise or a view the question puts forward",
}

DESIGN = {
    "initiative": {
        "simple": "one question, with no statement before it",
        "preface": "a statement before the question (context, a report, a claim)",
        "multi_part": "two or more questions in one turn",
        "follow_up": "pursues the previous answer, referring back to it",
    },
    "directness": {
        "direct": "a bare interrogative or an imperative (\"Tell us about\")",
        "framed": "a frame that softens the asking (\"can you tell us\", \"I wonder\", \"would you say\")",
    },
    "assertiveness": {
        "open": "a wh-question that invites no particular answer",
        "yes_no": "a yes/no question that tilts to neither answer",
        "presupposing": "takes a contested description as given, in the question or its preface",
        "tilted": "built to invite one answer (a negative interrogative, \"isn't it true\", a tag)",
    },
    "adversarialness": {
        "none": "neither opposes the interviewee nor asks for a justification",
        "opposing_preface": "a preface that states or reports a view against the interviewee's",
        "accountability": "asks the interviewee to justify an action (\"why did you\", \"how could you\")",
    },
}
"""The four dimensions of question design (Clayman & Heritage 2002; Clayman et al. 2006) and the
labels a reader of `question-design.csv` may give on each."""
DESIGN_COLUMNS = ["interview", "question_id", *DESIGN, "note"]
RESISTANCES = {
    "answers": "stays on the question's agenda for the larger part of the turn (a \"no\" to a reported view too)",
    "shift_overt": "gives the larger part of the turn to another agenda and says so (\"first let me say\")",
    "shift_covert": "gives the larger part of the turn to another agenda without saying so, answered or not",
    "rejects_presupposition": "refuses what the question takes as given, rather than answering within it",
}
"""How an answer meets its question's agenda (after Clayman 2001 and Bull & Mayer 1993)."""
FITS_UPTAKE = {"takes_up": {"answers", "shift_overt", "shift_covert"}, "redirects": {"shift_overt", "shift_covert"},
               "contests": {"answers", "shift_overt", "shift_covert", "rejects_presupposition"}}
"""Which resistance labels each uptake label allows. Only what logic forbids is refused: an answer
with no answer to its question (`redirects`) cannot stay on its agenda, and only an answer that
contests can reject a presupposition. No uptake label fixes the resistance label (revised
2026-12-02: before, `takes_up` allowed only `answers`, so 18 resistance labels were built in)."""
RESISTANCE_COLUMNS = ["answer_id", "resistance", "marker", "note"]


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


def _once(seen: dict[str, int], turn_id: str, path: Path, line: int) -> None:
    """Record that `turn_id` is read on `line`; a second reading of it is an error."""
    if turn_id in seen:
        raise SeedError(shown(path), line, f"{turn_id!r} is already read on line {seen[turn_id]}")
    seen[turn_id] = line


def _every(turns: pd.DataFrame, kind: str, seen: dict[str, int], path: Path) -> None:
    """Every turn of `kind` in the interviews the file reads must be read: one left out is an error."""
    read_interviews = {turn_id.split(":")[0] for turn_id in seen}
    expected = turns[(turns["kind"] == kind) & turns["interview"].isin(read_interviews)]["passage_id"]
    missing = [turn_id for turn_id in expected if turn_id not in seen]
    if missing:
        raise SeedError(shown(path), None, f"{len(missing)} {kind}s are not read, the first {missing[0]!r}")


def _quoted(text: str, words: str, field: str, turn_id: str, path: Path, line: int) -> None:
    if words not in text:
        raise SeedError(shown(path), line, f"{field} {words!r} is not in the text of {turn_id}")


def load_presuppositions(turns: pd.DataFrame, path: Path = QUESTIONS) -> pd.DataFrame:
    """The question readings, each checked: the question exists, is a question, its label is one of
    `PRESUPPOSITIONS`, and it contains its trigger. Columns: `QUESTION_COLUMNS`."""
    rows, seen = [], {}
    for line, row in read_rows(path, QUESTION_COLUMNS[1:]):
        question = _turn(turns, row["question_id"], "question", path, line)
        if row["presupposition"] not in PRESUPPOSITIONS:
            problem = f"presupposition {row['presupposition']!r} is not one of {', '.join(PRESUPPOSITIONS)}"
            raise SeedError(shown(path), line, problem)
        _quoted(question["clean"], row["trigger"], "trigger", row["question_id"], path, line)
        _once(seen, row["question_id"], path, line)
        rows.append({"interview": question["interview"], **row})
    _every(turns, "question", seen, path)
    return pd.DataFrame(rows, columns=QUESTION_COLUMNS)


def load_uptake(turns: pd.DataFrame, path: Path = UPTAKE) -> pd.DataFrame:
    """The answer readings, each checked: the answer exists, its uptake is one of `UPTAKES`, and
    it contains its evidence. Columns: interview, answer_id, question_id, speaker, uptake,
    evidence, note."""
    rows, seen = [], {}
    for line, row in read_rows(path, ["answer_id", "uptake", "evidence", "note"], ["answer_id", "uptake", "evidence"]):
        answer = _turn(turns, row["answer_id"], "answer", path, line)
        if row["uptake"] not in UPTAKES:
            raise SeedError(shown(path), line, f"uptake {row['uptake']!r} is not one of {', '.join(UPTAKES)}")
        _quoted(answer["clean"], row["evidence"], "evidence", row["answer_id"], path, line)
        _once(seen, row["answer_id"], path, line)
        rows.append({"interview": answer["interview"], "answer_id": row["answer_id"],
                     "question_id": answer["reply_to"], "speaker": answer["speaker"], "uptake": row["uptake"],
                     "evidence": row["evidence"], "note": row["note"]})
    _every(turns, "answer", seen, path)
    return pd.DataFrame(rows, columns=UPTAKE_COLUMNS)


def load_question_design(turns: pd.DataFrame, path: Path = QUESTION_DESIGN) -> pd.DataFrame:
    """The question-design readings: for every question, one label on each dimension of `DESIGN`
    and a note. An unknown question or label, a question read twice or left unread is an error
    naming the file and line. Columns: `DESIGN_COLUMNS`."""
    rows, seen = [], {}
    for line, row in read_rows(path, DESIGN_COLUMNS[1:], DESIGN_COLUMNS[1:-1]):
        question = _turn(turns, row["question_id"], "question", path, line)
        for dimension, labels in DESIGN.items():
            if row[dimension] not in labels:
                raise SeedError(shown(path), line, f"{dimension} {row[dimension]!r} is not one of {', '.join(labels)}")
        _once(seen, row["question_id"], path, line)
        rows.append({"interview": question["interview"], **row})
    _every(turns, "question", seen, path)
    return pd.DataFrame(rows, columns=DESIGN_COLUMNS)


def load_resistance(turns: pd.DataFrame, uptake: pd.DataFrame, path: Path = RESISTANCE) -> pd.DataFrame:
    """The answer-resistance readings: for every answer, one of `RESISTANCES`, the marker of an
    overt shift (its words, as in the answer; empty otherwise) and a note. A label the answer's
    uptake (`uptake`, from `load_uptake`) does not allow (`FITS_UPTAKE`), an overt shift without its
    marker, an unknown answer or label, an answer read twice or left unread is an error naming the
    file and line. Columns: `RESISTANCE_COLUMNS` and uptake."""
    taken = uptake.set_index("answer_id")["uptake"]
    rows, seen = [], {}
    for line, row in read_rows(path, RESISTANCE_COLUMNS, RESISTANCE_COLUMNS[:2]):
        answer = _turn(turns, row["answer_id"], "answer", path, line)
        label = row["resistance"]
        if label not in RESISTANCES:
            raise SeedError(shown(path), line, f"resistance {label!r} is not one of {', '.join(RESISTANCES)}")
        if label == "shift_overt" and not row["marker"]:
            raise SeedError(shown(path), line, "an overt shift needs its marker, the words that announce it")
        if row["marker"]:
            _quoted(answer["clean"], row["marker"], "marker", row["answer_id"], path, line)
        fits = FITS_UPTAKE[taken[row["answer_id"]]]
        if label not in fits:
            raise SeedError(shown(path), line, f"{row['answer_id']!r} is {taken[row['answer_id']]} in its uptake "
                                               f"reading, which allows {', '.join(sorted(fits))}, not {label}")
        _once(seen, row["answer_id"], path, line)
        rows.append({**row, "uptake": taken[row["answer_id"]]})
    _every(turns, "answer", seen, path)
    return pd.DataFrame(rows, columns=[*RESISTANCE_COLUMNS, "uptake"])


def spearman(x: pd.Series | list[float], y: pd.Series | list[float], permutations: int = 20000,
             seed: int = 2026) -> tuple[float, float]:
    """Spearman's rank correlation ρ (Spearman 1904: Pearson's r of the ranks, ties given their
    mean rank) and its two-sided p-value by permutation: the share of pairings of y with x whose
    |ρ| is at least the observed one. With up to 8 pairs every pairing is tried (an exact p);
    beyond, `permutations` seeded random pairings, counting the observed one (p ≥ 1/(permutations+1))."""
    from itertools import permutations as every

    a, b = pd.Series(list(x), dtype=float), pd.Series(list(y), dtype=float)
    if len(a) != len(b) or len(a) < 3:
        raise ValueError("spearman needs two sequences of the same length, at least 3")
    ra, rb = a.rank().to_numpy(), b.rank().to_numpy()
    if ra.std() == 0 or rb.std() == 0:
        raise ValueError("spearman is undefined when one sequence is constant")

    centred_a = ra - ra.mean()

    def rhos(pairings: np.ndarray) -> np.ndarray:
        """ρ of x with each row of `pairings` (permutations of y's ranks, so of the same spread)."""
        centred = pairings - pairings.mean(axis=-1, keepdims=True)
        return centred @ centred_a / np.sqrt((centred_a ** 2).sum() * (centred ** 2).sum(axis=-1))

    observed = float(rhos(rb))
    tolerance = 1e-12  # ties make equal |ρ| differ in the last bits
    if len(rb) <= 8:
        found = np.abs(rhos(np.array(list(every(rb))))) >= abs(observed) - tolerance
        return observed, float(found.mean())
    pairings = np.random.default_rng(seed).permuted(np.tile(rb, (permutations, 1)), axis=1)
    hits = int((np.abs(rhos(pairings)) >= abs(observed) - tolerance).sum())
    return observed, (hits + 1) / (permutations + 1)


def rate_differences(tokens: pd.DataFrame, marks: pd.DataFrame, label: str, kind: str, by: str = "speaker",
                     resamples: int = 2000, seed: int = 2026, level: float = 0.95) -> pd.DataFrame:
    """For every pair of values of `by` (sorted; the first less the second): the difference of
    their rates per 1,000 words of the marked spans whose `label` is `kind` (one row of `marks` per
    span, with `passage_id` and `by`), and its percentile bootstrap interval (Efron & Tibshirani
    1993). Each speaker's passages are resampled with replacement, independently, `resamples`
    times from one seeded generator. An interval that holds 0 leaves the order not established."""
    from itertools import combinations

    speech_of(tokens)
    words = tokens[tokens["is_word"]]
    rng = np.random.default_rng(seed)
    rates, draws = {}, {}
    for key, mine in words.groupby(by, sort=True):
        sizes = mine.groupby("passage_id", sort=False).size()
        hits = marks[(marks[by] == key) & (marks[label] == kind)].groupby("passage_id").size()
        hits_a, sizes_a = hits.reindex(sizes.index, fill_value=0).to_numpy(float), sizes.to_numpy(float)
        picks = rng.integers(0, len(sizes_a), size=(resamples, len(sizes_a)))
        draws[key] = 1000 * hits_a[picks].sum(axis=1) / sizes_a[picks].sum(axis=1)
        rates[key] = 1000 * hits_a.sum() / sizes_a.sum()
    tail = 100 * (1 - level) / 2
    rows = []
    for a, b in combinations(sorted(rates), 2):
        low, high = np.percentile(draws[a] - draws[b], [tail, 100 - tail])
        rows.append({"first": a, "second": b, "kind": kind, "difference": round(rates[a] - rates[b], 1),
                     "low": round(float(low), 1), "high": round(float(high), 1)})
    return pd.DataFrame(rows, columns=["first", "second", "kind", "difference", "low", "high"])


def _parts(word: str) -> frozenset[str]:
    """The content words a hyphenated word joins ("far-right": far, right); empty for any other word."""
    if "-" not in word.strip("-"):
        return frozenset()
    return frozenset(p for p in word.split("-") if p and p not in english_stopwords())


def _repeated(asked: set[str], said: set[str]) -> list[str]:
    """The question's words the answer repeats, reading a hyphenated word and the same words written
    apart as one: the answer's "far-right" repeats the question's "far" and "right", and the
    question's "far-right" is repeated by an answer that has both "far" and "right"."""
    heard = set(said).union(*(_parts(w) for w in said))
    return sorted(w for w in asked if w in heard or (_parts(w) and _parts(w) <= heard))


def question_echo(tokens: pd.DataFrame, turns: pd.DataFrame) -> pd.DataFrame:
    """For each answer: the question's content words (word tokens that are neither stopwords nor
    clitics, by `norm`), those the answer repeats (a hyphenated word and its parts written apart
    count as the same words: `_repeated`), and `echo`, the share repeated. It needs both
    questions and answers: tokens of "speech"."""
    speech_of(tokens, ("speech",))
    content = words_of(tokens, stopwords=False)
    words = content.groupby("turn_id")["norm"].agg(set)
    rows = []
    for answer in turns[turns["kind"] == "answer"].itertuples():
        asked = words.get(answer.reply_to, set())
        said = words.get(answer.passage_id, set())
        repeated = _repeated(asked, said)
        rows.append({"interview": answer.interview, "answer_id": answer.passage_id, "speaker": answer.speaker,
                     "question_words": len(asked), "repeated": len(repeated), "words": ", ".join(repeated),
                     "echo": round(len(repeated) / len(asked), 2) if asked else float("nan")})
    return pd.DataFrame(rows)
