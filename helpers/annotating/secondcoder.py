"""A second coder beside the first: the blank coding sheet a coder reads, the conversion of a
coder's `unit,code,evidence` file into the study's stand-off format, and the second readings of
every layer (themes, question presuppositions, answer uptake) loaded when their files exist.

A second coder works from the codebook (`annotations/codebook.toml`) and the sheet alone and
writes one row per (unit, code) with a verbatim phrase of the unit as evidence. The study never
edits either coding to make them agree; agreement is measured by `helpers.coding.agreement`
(themes) and `label_agreement` (one label per item: uptake, presupposition).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ..plumbing.datafiles import read_rows
from ..plumbing.errors import SeedError
from ..plumbing.paths import ANNOTATIONS_DIR, shown
from ..reading.standoff import seed_span, seed_texts
from .coding import CODING_COLUMNS, coding_units, cohen_kappa, krippendorff_alpha, landis_koch, load_codebook
from .coding import load_hand_coding as load_coding

SECOND_CODER_DIR = ANNOTATIONS_DIR / "second-coder"
"""The second coder's files exactly as received (coding, notes, the units they were given)."""
SECOND_CODING = ANNOTATIONS_DIR / "coding-second.csv"
SECOND_QUESTIONS = ANNOTATIONS_DIR / "questions-second.csv"
SECOND_UPTAKE = ANNOTATIONS_DIR / "uptake-second.csv"
EVIDENCE_COLUMNS = ["unit", "code", "evidence"]
SHEET_COLUMNS = ["unit", "speaker", "question", "text"]


def coding_sheet(passages: pd.DataFrame, turns: pd.DataFrame) -> pd.DataFrame:
    """What a coder reads besides the codebook: every coding unit with its speaker, the question
    it answers (context only, never coded) and its reading text, in source order."""
    questions = turns.set_index("passage_id")["clean"]
    reply_to = turns[turns["kind"] == "answer"].set_index("passage_id")["reply_to"]
    units = coding_units(passages)
    return pd.DataFrame({
        "unit": units["passage_id"], "speaker": units["speaker"],
        "question": [questions[reply_to[turn]] for turn in units["turn_id"]], "text": units["clean"],
    }, columns=SHEET_COLUMNS)


def coding_from_evidence(path: Path, passages: pd.DataFrame, codebook: pd.DataFrame | None = None) -> pd.DataFrame:
    """A coder's `unit,code,evidence` file in the study's stand-off format (`CODING_COLUMNS`), one
    row per row of the file, in its order: the evidence phrase is found in the unit's reading
    text (first occurrence) and pointed into the seed. A unit that is not a coding unit, a code
    not in the codebook, or evidence not in its unit raises a `SeedError` naming the line."""
    codes = set((load_codebook() if codebook is None else codebook)["code"])
    units = coding_units(passages).set_index("passage_id")
    name = shown(path)
    rows = []
    for line, row in read_rows(path, EVIDENCE_COLUMNS):
        if row["unit"] not in units.index:
            raise SeedError(name, line, f"{row['unit']!r} is not an answer paragraph or list item")
        if row["code"] not in codes:
            raise SeedError(name, line, f"code {row['code']!r} is not in the codebook")
        unit = units.loc[row["unit"]]
        interview, text = seed_texts()[unit["interview"]]
        try:
            start, end = seed_span(text, unit["start"], unit["end"], interview.format == "markdown", row["evidence"])
        except ValueError:
            raise SeedError(name, line, f"evidence {row['evidence']!r} is not in the text of {row['unit']}") from None
        rows.append({"passage_id": row["unit"], "code": row["code"], "start": start, "end": end,
                     "quote": row["evidence"], "exact": text[start:end]})
    return pd.DataFrame(rows, columns=CODING_COLUMNS)


def write_coding(coding: pd.DataFrame, path: Path) -> None:
    """Write a coding in the study's stand-off CSV format (the header `CODING_COLUMNS`)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CODING_COLUMNS)
        writer.writerows(coding[CODING_COLUMNS].itertuples(index=False))


def load_second_coding(passages: pd.DataFrame, path: Path = SECOND_CODING,
                       codebook: pd.DataFrame | None = None) -> pd.DataFrame | None:
    """The second coder's thematic coding, checked like the first; None when there is none."""
    if not path.is_file():
        return None
    return load_coding(passages, path, codebook)


def second_reading(loader: Callable[..., pd.DataFrame], turns: pd.DataFrame, path: Path) -> pd.DataFrame | None:
    """A second reader's file of a conversation layer (`conversation.load_uptake` or
    `conversation.load_presuppositions` as `loader`), checked like the first; None when absent."""
    if not path.is_file():
        return None
    return loader(turns, path)


def label_agreement(first: pd.Series, second: pd.Series) -> tuple[pd.Series, pd.DataFrame]:
    """Agreement of two readers who each gave one label per item (Series indexed by item id):
    items, observed agreement, Cohen's kappa with its band and Krippendorff's alpha (nominal),
    and every item where they differ. Both must label the same items."""
    if set(first.index) != set(second.index):
        only = sorted(set(first.index) ^ set(second.index))
        raise ValueError(f"the two readings must label the same items; in one only: {', '.join(only)}")
    second = second.reindex(first.index)
    a, b = first.tolist(), second.tolist()
    kappa = cohen_kappa(a, b)
    summary = pd.Series({"items": len(a), "agreement": sum(x == y for x, y in zip(a, b, strict=True)) / len(a),
                         "kappa": kappa, "band": landis_koch(kappa), "alpha": krippendorff_alpha(a, b)})
    differ = first != second
    diffs = pd.DataFrame({"item": first.index[differ], "first": first[differ].to_numpy(),
                          "second": second[differ].to_numpy()})
    return summary, diffs
