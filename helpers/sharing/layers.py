"""Every annotation layer of a corpus gathered in one place for the exports (ConvoKit, REFI-QDA,
spreadsheets): the turns and who speaks them, each coding of the themes and each reading of the
conversation layers, first and second, each loaded and checked by its own loader.

The study's layers are found by their files under `annotations/`, so a second reader's file
(`uptake-second.csv`, `we-second.csv`, ...) joins every export as soon as it exists, as a second
reader. Any folder of interviews gives its turns and, with a codebook and keyword rules, the rule
codes as a coding by "keyword rules".

Two long tables hold the annotations, whatever their layer:

- `codings`: one row per coded span, in each coder's file order: coder, interview, speaker,
  passage_id, code, start, end, quote, exact (`helpers.annotating.coding.CODING_COLUMNS`).
- `readings`: one row per label a reader gave: reading (the dimension: presupposition,
  initiative, directness, assertiveness, adversarialness, uptake, resistance, stance, we), reader,
  interview, speaker, turn_id, item (the question, answer, match or token read), start and end
  (seed offsets of what is read: the turn, or the marker's or pronoun's words), words (those
  words, for markers and pronouns), label, note.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..annotating import coding, pronouns, secondcoder, stance
from ..annotating.speech import select_speech
from ..annotating.tokens import load_tokens
from ..comparing import conversation
from ..plumbing.paths import ANNOTATIONS_DIR, SEEDS_DIR
from ..reading.catalog import Interview
from ..reading.passages import load_passages, turns_from_passages
from ..reading.standoff import texts_of
from .workbench import key_words_each

if TYPE_CHECKING:
    from ..comparing.archive import Archive

CODING_TABLE = ["coder", "interview", "speaker", *coding.CODING_COLUMNS]
READING_TABLE = ["reading", "reader", "interview", "speaker", "turn_id", "item", "start", "end", "words", "label",
                 "note"]
CODERS = {"first coder": coding.HAND_CODING.name, "second coder": secondcoder.SECOND_CODING.name}
"""The coders of the themes and their files under `annotations/`."""
READERS = ("first reader", "second reader")
READING_FILES = {
    "questions": (conversation.QUESTIONS.name, secondcoder.SECOND_QUESTIONS.name),
    "question design": (conversation.QUESTION_DESIGN.name, conversation.SECOND_DESIGN.name),
    "uptake": (conversation.UPTAKE.name, secondcoder.SECOND_UPTAKE.name),
    "resistance": (conversation.RESISTANCE.name, conversation.SECOND_RESISTANCE.name),
    "stance": (stance.STANCE_CHECK.name, stance.STANCE_CHECK_SECOND.name),
    "we": (pronouns.WE_READINGS.name, pronouns.WE_READINGS_SECOND.name),
}
"""Each reading layer's files under `annotations/`: the first reader's and the second reader's."""
LABELS = {
    "presupposition": conversation.PRESUPPOSITIONS, **conversation.DESIGN, "uptake": conversation.UPTAKES,
    "resistance": conversation.RESISTANCES, "stance": stance.READINGS, "we": pronouns.REFERENTS,
}
"""Each reading (dimension) and the labels a reader may give, with their definitions."""
GROUPS = {"presupposition": "question readings", **dict.fromkeys(conversation.DESIGN, "question readings"),
          "uptake": "answer readings", "resistance": "answer readings", "stance": "stance", "we": "we"}
"""What each reading reads: a question turn, an answer turn, a stance marker, a "we"."""
MANUALS = {"question readings": "annotations/question-readings.md",
           "answer readings": "annotations/question-readings.md", "stance": "annotations/stance.md",
           "we": "annotations/we.md"}
"""The manual each group of readings is read by."""
KEY_WORDS = 20
"""Key words given per interview (the strongest of those it uses more than the rest)."""
KEY_WORD_COLUMNS = ["interview", "word", "a", "b", "per_1000", "per_1000_rest", "g2", "log_ratio", "key"]


@dataclass(frozen=True)
class Layers:
    """A corpus and its annotations, as every export reads them."""

    name: str
    """A short name for the files written (`study`, or the folder's name)."""
    title: str
    texts: dict[str, tuple[Interview, str]]
    """Each interview's catalog entry and seed text, by interview id, in catalog order."""
    passages: pd.DataFrame
    turns: pd.DataFrame
    talk_share: pd.DataFrame
    """Per interview and speaker: turns, words and share of the interview's words, of the questions
    and answers (`conversation.talk_share` of the tokens of "speech")."""
    key_words: pd.DataFrame
    """The `KEY_WORDS` key words of each interview's answers against the others' (`KEY_WORD_COLUMNS`,
    as `workbench.key_words_each` gives them); none with fewer than two interviews."""
    codebook: pd.DataFrame | None
    codings: pd.DataFrame
    readings: pd.DataFrame

    def coders(self) -> list[str]:
        """The coders of the themes, in the order their codings come."""
        return list(dict.fromkeys(self.codings["coder"]))

    def readers(self) -> list[str]:
        """The readers of the conversation layers, first reader first."""
        return [r for r in READERS if r in set(self.readings["reader"])]


def _present(folder: Path, files: tuple[str, str]) -> dict[str, Path]:
    """Each reader's file of a layer that exists in `folder`; the first reader's must."""
    paths = dict(zip(READERS, (folder / name for name in files), strict=True))
    return {reader: path for reader, path in paths.items() if reader == READERS[0] or path.is_file()}


def _turn_span(turns: pd.DataFrame, text_of: dict[str, str]) -> pd.DataFrame:
    """Each turn's seed span without the blank lines after it: turn_id, interview, speaker, start, end."""
    spans = turns[["passage_id", "interview", "speaker", "start", "end"]].rename(columns={"passage_id": "turn_id"})
    ends = [start + len(text_of[i][start:end].rstrip()) for i, start, end in
            zip(spans["interview"], spans["start"], spans["end"], strict=True)]
    return spans.assign(end=ends).set_index("turn_id")


def _turn_readings(table: pd.DataFrame, id_column: str, dimensions: dict[str, str], reader: str,
                   spans: pd.DataFrame, notes: pd.Series) -> list[dict]:
    """Rows of `READING_TABLE` for a reading of whole turns: one per turn and dimension (the
    label in `dimensions[dimension]`'s column)."""
    rows = []
    for (_, row), note in zip(table.iterrows(), notes, strict=True):
        span = spans.loc[row[id_column]]
        for dimension, column in dimensions.items():
            rows.append({"reading": dimension, "reader": reader, "interview": span["interview"],
                         "speaker": span["speaker"], "turn_id": row[id_column], "item": row[id_column],
                         "start": int(span["start"]), "end": int(span["end"]), "words": "", "label": row[column],
                         "note": note})
    return rows


def _joined(*parts: tuple[str, pd.Series]) -> pd.Series:
    """Notes made of labelled parts ("trigger: ...; presupposes: ..."), empty parts left out."""
    frame = pd.concat([series.rename(label) for label, series in parts], axis=1).fillna("")
    return pd.Series(["; ".join(f"{label}: {value}" if label else value
                                for label, value in zip(frame.columns, row, strict=True) if value)
                      for row in frame.itertuples(index=False)], index=frame.index)


def _token_readings(table: pd.DataFrame, id_column: str, dimension: str, label_column: str, reader: str,
                    notes: pd.Series, text_of: dict[str, str], turn_of: pd.Series) -> list[dict]:
    """Rows of `READING_TABLE` for a reading of words inside a turn (a marker, a pronoun)."""
    return [{"reading": dimension, "reader": reader, "interview": r["interview"], "speaker": r["speaker"],
             "turn_id": turn_of[r["passage_id"]], "item": r[id_column], "start": int(r["start"]),
             "end": int(r["end"]), "words": text_of[r["interview"]][int(r["start"]):int(r["end"])],
             "label": r[label_column], "note": note}
            for (_, r), note in zip(table.iterrows(), notes, strict=True)]


def study_readings(passages: pd.DataFrame, turns: pd.DataFrame, answers: pd.DataFrame,
                   text_of: dict[str, str], folder: Path = ANNOTATIONS_DIR) -> pd.DataFrame:
    """Every reading of the conversation layers in `folder` (the first reader's files, and each
    second reader's that exists), each file checked by its loader, as one `READING_TABLE`."""
    spans = _turn_span(turns, text_of)
    turn_of = passages.set_index("passage_id")["turn_id"]
    rows: list[dict] = []
    for reader, path in _present(folder, READING_FILES["questions"]).items():
        table = conversation.load_presuppositions(turns, path)
        notes = _joined(("trigger", table["trigger"]), ("presupposes", table["presupposes"]))
        rows += _turn_readings(table, "question_id", {"presupposition": "presupposition"}, reader, spans, notes)
    for reader, path in _present(folder, READING_FILES["question design"]).items():
        table = conversation.load_question_design(turns, path)
        rows += _turn_readings(table, "question_id", {d: d for d in conversation.DESIGN}, reader, spans, table["note"])
    uptakes = {}
    for reader, path in _present(folder, READING_FILES["uptake"]).items():
        uptakes[reader] = table = conversation.load_uptake(turns, path)
        notes = _joined(("evidence", table["evidence"]), ("", table["note"]))
        rows += _turn_readings(table, "answer_id", {"uptake": "uptake"}, reader, spans, notes)
    for reader, path in _present(folder, READING_FILES["resistance"]).items():
        # a reader's resistance must fit that reader's uptake; without their own, the first reader's
        table = conversation.load_resistance(turns, uptakes.get(reader, uptakes[READERS[0]]), path)
        notes = _joined(("marker", table["marker"]), ("", table["note"]))
        rows += _turn_readings(table, "answer_id", {"resistance": "resistance"}, reader, spans, notes)
    matches = stance.stance_matches(answers, stance.load_stance_lexicon(folder / stance.STANCE_LEXICON.name))
    for reader, path in _present(folder, READING_FILES["stance"]).items():
        table = stance.load_stance_check(matches, path)
        notes = _joined(("lexicon", table["kind"] + " (" + table["marker"] + ")"), ("", table["note"]))
        rows += _token_readings(table, "match_id", "stance", "reading", reader, notes, text_of, turn_of)
    for reader, path in _present(folder, READING_FILES["we"]).items():
        table = pronouns.load_we_referents(answers, path)
        notes = _joined(("clusivity", table["clusivity"]), ("", table["note"]))
        rows += _token_readings(table, "token_id", "we", "referent", reader, notes, text_of, turn_of)
    return pd.DataFrame(rows, columns=READING_TABLE)


def study_codings(passages: pd.DataFrame, codebook: pd.DataFrame, folder: Path = ANNOTATIONS_DIR) -> pd.DataFrame:
    """Every coder's coding of the themes in `folder` (the first coder's, and the second coder's
    if it exists), each checked by the loader, in file order, as one `CODING_TABLE`."""
    frames = [coding.load_hand_coding(passages, folder / name, codebook).assign(coder=coder)
              for coder, name in CODERS.items() if coder == "first coder" or (folder / name).is_file()]
    return pd.concat(frames, ignore_index=True)[CODING_TABLE]


def token_tables(speech: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The talk share and the key words of `Layers`, from a token table of questions and answers
    (`speech="speech"`): the study's way, its whole token table in memory."""
    answers = select_speech(speech, "answers")
    several = answers.loc[answers["is_word"], "interview"].nunique() > 1
    keys = key_words_each(answers, "interview", top=KEY_WORDS) if several else pd.DataFrame(columns=KEY_WORD_COLUMNS)
    return conversation.talk_share(speech), keys


def archive_tables(archive: Archive) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The same two tables as `token_tables`, as queries over a folder's archive
    (`helpers.comparing.archive`): the workbench's way, no token table in memory."""
    several = int((archive.interviews()["answer_words"] > 0).sum()) > 1
    keys = archive.key_words_each("interview", "answers", top=KEY_WORDS) if several else pd.DataFrame(
        columns=KEY_WORD_COLUMNS)
    return archive.talk_share(), keys


def study_layers(folder: Path = ANNOTATIONS_DIR) -> Layers:
    """The study: its two interviews, every coding and every reading under `folder`."""
    texts = texts_of(SEEDS_DIR)
    passages = load_passages(SEEDS_DIR)
    turns = turns_from_passages(passages)
    speech = load_tokens(SEEDS_DIR, speech="speech")
    codebook = coding.load_codebook(folder / coding.CODEBOOK.name)
    text_of = {i: text for i, (_, text) in texts.items()}
    readings = study_readings(passages, turns, select_speech(speech, "answers"), text_of, folder)
    return Layers("study", "Two interviews about the war in and around Ukraine", texts, passages, turns,
                  *token_tables(speech), codebook, study_codings(passages, codebook, folder), readings)


def rule_codings(matches: pd.DataFrame, texts: dict[str, tuple[Interview, str]]) -> pd.DataFrame:
    """Keyword-rule matches with their seed offsets (`coding.rule_spans`) as a coding by "keyword
    rules" (`CODING_TABLE`): the match as quote, the seed's text at its offsets as exact."""
    exact = [texts[i][1][start:end] for i, start, end in zip(matches["interview"], matches["start"], matches["end"],
                                                              strict=True)]
    table = matches.assign(coder="keyword rules", quote=matches["match"], exact=exact)
    return table[CODING_TABLE].reset_index(drop=True)


def folder_layers(seeds: Path, passages: pd.DataFrame, turns: pd.DataFrame, archive: Archive,
                  matches: pd.DataFrame | None = None, codebook: pd.DataFrame | None = None) -> Layers:
    """Any folder of interviews, as the workbench reads it (passages, turns, and its archive for the
    talk share and key words: `archive_tables`), with the keyword rules' codes (`coding.rule_spans`)
    as a coding when given with their codebook."""
    texts = texts_of(seeds)
    given = matches is not None and codebook is not None
    codings = rule_codings(matches, texts) if given else pd.DataFrame(columns=CODING_TABLE)
    return Layers(Path(seeds).resolve().name, f"Interviews of the folder {Path(seeds).resolve().name}", texts,
                  passages, turns, *archive_tables(archive), codebook if given else None, codings,
                  pd.DataFrame(columns=READING_TABLE))
