"""Checking the part-of-speech tagger against a hand-tagged sample of these texts.

The sample (`annotations/pos_sample.csv`) is drawn by a stated, seeded rule (`draw_pos_sample`):
from each interview, the sentences of the speech are put in a random order with
`random.Random(2026)` and taken until that interview has at least 90 tokens; every token of a
chosen sentence is in the sample. Gold tags follow the Penn Treebank guidelines, with NLTK's
tag names for brackets and quotation marks.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import pandas as pd

from ..plumbing.datafiles import as_int, read_rows
from ..plumbing.errors import SeedError
from ..plumbing.paths import ANNOTATIONS_DIR, shown

POS_SAMPLE = ANNOTATIONS_DIR / "pos_sample.csv"
SAMPLE_SEED = 2026
TOKENS_PER_INTERVIEW = 90
SAMPLE_COLUMNS = ["sentence_id", "position", "passage_id", "start", "end", "token", "gold", "note"]
PENN_TAGS = frozenset((
    "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNS", "NNP", "NNPS", "PDT",
    "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP",
    "VBZ", "WDT", "WP", "WP$", "WRB", "$", "#", "``", "''", "(", ")", ",", ".", ":", "-NONE-",
))


def draw_pos_sample(tokens: pd.DataFrame, seed: int = SAMPLE_SEED, per_interview: int = TOKENS_PER_INTERVIEW
                    ) -> pd.DataFrame:
    """The tokens of the sentences the sampling rule draws (see the module docstring)."""
    chosen: list[str] = []
    for _, group in tokens.groupby("interview", sort=True):
        sentences = list(dict.fromkeys(group["sentence_id"]))
        random.Random(seed).shuffle(sentences)
        sizes = group["sentence_id"].value_counts()
        taken = 0
        for sentence in sentences:
            if taken >= per_interview:
                break
            chosen.append(sentence)
            taken += int(sizes[sentence])
    order = {sentence: k for k, sentence in enumerate(chosen)}
    sample = tokens[tokens["sentence_id"].isin(order)].copy()
    sample["draw"] = sample["sentence_id"].map(order)
    return sample.sort_values(["draw", "position"]).drop(columns="draw").reset_index(drop=True)


def load_pos_sample(path: Path = POS_SAMPLE) -> pd.DataFrame:
    """The hand-tagged sample: `SAMPLE_COLUMNS`, one row per token, gold tags checked."""
    rows = []
    for line, row in read_rows(path, SAMPLE_COLUMNS, SAMPLE_COLUMNS[:-1]):
        if row["gold"] not in PENN_TAGS:
            raise SeedError(shown(path), line, f"gold tag {row['gold']!r} is not a Penn Treebank tag")
        for field in ("position", "start", "end"):
            row[field] = as_int(row[field], shown(path), line, field)
        rows.append(row)
    return pd.DataFrame(rows, columns=SAMPLE_COLUMNS)


def tagger_against_gold(sample: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """The sample with the tagger's tag beside the gold tag: columns of the sample plus
    interview, speaker, pos (the tagger's) and correct."""
    tagged = tokens[["sentence_id", "position", "interview", "speaker", "pos"]]
    merged = sample.merge(tagged, on=["sentence_id", "position"], how="left", validate="one_to_one")
    if merged["pos"].isna().any():
        missing = merged.loc[merged["pos"].isna(), "sentence_id"].iloc[0]
        problem = f"sentence {missing} is no longer in the token table: redraw the sample"
        raise SeedError(shown(POS_SAMPLE), None, problem)
    merged["correct"] = merged["pos"] == merged["gold"]
    return merged


def wilson_interval(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95% by default). Written out here rather than
    taken from statsmodels, which would add a large dependency for eight lines; tests/test_libraries.py
    checks it against `statsmodels.stats.proportion.proportion_confint(method="wilson")`."""
    if n <= 0:
        raise ValueError(f"a proportion needs at least one trial, not {n}")
    if not 0 <= successes <= n:
        raise ValueError(f"{successes} successes in {n} trials: successes must lie between 0 and n")
    p = float(successes) / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return float(centre - half), float(centre + half)


def confusions(checked: pd.DataFrame) -> pd.DataFrame:
    """The tagger's errors on the sample, grouped: gold tag, tagger's tag, count, tokens."""
    wrong = checked[~checked["correct"]]
    grouped = wrong.groupby(["gold", "pos"], sort=False)["token"].agg(["size", lambda t: ", ".join(t)])
    grouped.columns = ["count", "tokens"]
    return grouped.reset_index().rename(columns={"pos": "tagger"}).sort_values("count", ascending=False,
                                                                               kind="stable").reset_index(drop=True)
