"""Word lists, n-gram clusters and the lexical summary of each text or speaker: the counts the
comparing notebooks start from. Every count is over word tokens (`is_word`) and their `norm`."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

from ..annotating.speech import speech_of
from .diversity import mattr, mattr_many, mtld, mtld_many
from .stats import percentile_interval, resample_units

CLITIC = re.compile(r"^(?:'[a-z]+|n't)$")
"""Treebank's split-off endings ('s, n't, 're, ...): word tokens, but not content words; a word
list without stopwords leaves them out too."""


def words_of(tokens: pd.DataFrame, by: str | None = None, value: str | None = None,
             stopwords: bool = True) -> pd.DataFrame:
    """The word tokens of `tokens` (of the rows where `by` equals `value`, if given); when
    `stopwords` is False, without NLTK's stopwords and the Treebank clitics ('s, n't, ...).
    `tokens` must say whose speech it holds (`helpers.speech`)."""
    speech_of(tokens)
    words = tokens[tokens["is_word"]]
    if by is not None:
        words = words[words[by] == value]
    if not stopwords:
        words = words[~words["stop"] & ~words["norm"].str.match(CLITIC)]
    return words


def word_counts(tokens: pd.DataFrame, by: str | None = None, value: str | None = None,
                stopwords: bool = True) -> pd.Series:
    """How often each `norm` occurs among the word tokens, most frequent first (ties in
    alphabetical order)."""
    norms = words_of(tokens, by, value, stopwords)["norm"]
    counts = norms.value_counts()
    order = sorted(counts.index, key=lambda w: (-counts[w], w))
    return counts.reindex(order).rename("count").rename_axis("word")


def frequency_list(tokens: pd.DataFrame, by: str, stopwords: bool = True, top: int = 15) -> pd.DataFrame:
    """The `top` most frequent words of each value of `by`, side by side: for each, the word and
    its count, one row per rank."""
    columns = {}
    for key in sorted(tokens[by].unique()):
        counts = word_counts(tokens, by, key, stopwords).head(top)
        columns[(key, "word")] = pd.Series(counts.index, dtype=object)
        columns[(key, "count")] = pd.Series(counts.to_numpy())
    table = pd.DataFrame(columns)
    table.index = pd.RangeIndex(1, len(table) + 1, name="rank")
    table.attrs["speech"] = speech_of(tokens)
    return table


def ties_at_cut(tokens: pd.DataFrame, by: str, top: int, stopwords: bool = True) -> pd.DataFrame:
    """Where `frequency_list(tokens, by, stopwords, top)` cuts each list: the count at rank `top`,
    the first and last rank that share it, the tied words the list shows and those it leaves out.
    The list orders tied words alphabetically, so a word at the cut is in or out by its spelling,
    not by its count; a claim about the list should name every word tied there."""
    if top < 1:
        raise ValueError("top: a list has at least one rank")
    rows = []
    for key in sorted(tokens[by].unique()):
        counts = word_counts(tokens, by, key, stopwords)
        if counts.empty:
            continue
        cut = int(counts.iloc[min(top, len(counts)) - 1])
        ranks = [rank for rank, count in enumerate(counts.to_numpy(), start=1) if count == cut]
        tied = counts.index[counts == cut].tolist()  # in the list's order, so the shown ones come first
        shown = top - ranks[0] + 1
        rows.append({by: key, "count": cut, "first_rank": ranks[0], "last_rank": ranks[-1],
                     "shown": tied[:shown], "left_out": tied[shown:]})
    return pd.DataFrame(rows).set_index(by)


def lexical_summary(tokens: pd.DataFrame, by: str, window: int = 50, threshold: float = 0.72) -> pd.DataFrame:
    """Per value of `by`: words, types, type/token ratio, MATTR (window `window`), MTLD
    (threshold `threshold`), turns, and mean words per turn."""
    words = words_of(tokens)
    if words.empty:
        raise ValueError("the token table holds no word tokens to summarise")
    rows = []
    for key, mine in words.groupby(by, sort=True):
        norms = mine["norm"].tolist()
        turns = mine.groupby("turn_id").size()
        rows.append({by: key, "words": len(norms), "types": len(set(norms)),
                     "ttr": round(len(set(norms)) / len(norms), 3), f"mattr_{window}": round(mattr(norms, window), 3),
                     "mtld": round(mtld(norms, threshold), 1), "turns": len(turns),
                     "words_per_turn": round(turns.mean(), 1)})
    return pd.DataFrame(rows).set_index(by)


def diversity_differences(tokens: pd.DataFrame, by: str, pairs: list[tuple[str, str]], window: int = 50,
                          threshold: float = 0.72, resamples: int = 2000, seed: int = 2026,
                          level: float = 0.95) -> pd.DataFrame:
    """For each pair (first, second) of values of `by`, the difference first − second in MATTR
    (window `window`) and in MTLD (threshold `threshold`), with its percentile bootstrap interval:
    each value's passages are resampled with replacement `resamples` times (from its own seeded
    generator, so the same whichever pairs are asked), the measure is recomputed on each resampled
    text, and the differences of the replicates give the interval. `excludes_zero` says whether the
    interval excludes 0, `at_or_below_zero` what share of the differences are ≤ 0. One row per
    pair and measure."""
    words = words_of(tokens)
    values = sorted(words[by].unique())
    asked = sorted({v for pair in pairs for v in pair})
    unknown = [v for v in asked if v not in values]
    if unknown:
        raise ValueError(f"pairs: no words where {by} is {unknown[0]!r}")
    if not pairs or any(first == second for first, second in pairs):
        raise ValueError("pairs: at least one pair, of two different values")
    measure = f"mattr_{window}"
    whole: dict[tuple[str, str], float] = {}
    replicates: dict[tuple[str, str], np.ndarray] = {}
    for value in asked:
        norms = words.loc[words[by] == value, "norm"]
        passages = words.loc[words[by] == value, "passage_id"]
        ids = pd.factorize(norms)[0]
        cuts = passages.groupby(passages, sort=False).size().cumsum().to_numpy()[:-1]
        rng = np.random.default_rng([seed, values.index(value)])  # one stream per value
        texts = resample_units(np.split(ids, cuts), resamples, rng)
        whole[value, measure], replicates[value, measure] = mattr(norms.tolist(), window), mattr_many(texts, window)
        whole[value, "mtld"], replicates[value, "mtld"] = mtld(norms.tolist(), threshold), mtld_many(texts, threshold)
    rows = []
    for first, second in pairs:
        for name in (measure, "mtld"):
            differences = replicates[first, name] - replicates[second, name]
            low, high = percentile_interval(differences, level)
            rows.append({"first": first, "second": second, "measure": name, "first_value": whole[first, name],
                         "second_value": whole[second, name], "difference": whole[first, name] - whole[second, name],
                         "low": low, "high": high,
                         "at_or_below_zero": float(np.mean(differences[~np.isnan(differences)] <= 0)),
                         "excludes_zero": bool(low > 0 or high < 0)})
    table = pd.DataFrame(rows)
    table.attrs.update({"resamples": resamples, "seed": seed, "level": level, "speech": speech_of(tokens)})
    return table


def clusters(tokens: pd.DataFrame, n: int, by: str = "interview", min_freq: int = 2,
             stopwords: bool = True) -> pd.DataFrame:
    """N-gram clusters (AntConc): runs of `n` consecutive words within one sentence, punctuation
    left out, counted per value of `by`. Rows: the clusters seen at least `min_freq` times in one
    of the texts, with a count column per text, most frequent first."""
    if n < 1:
        raise ValueError("a cluster has at least one word")
    per_text: dict[str, Counter] = {}
    for key, mine in words_of(tokens, stopwords=stopwords).groupby(by, sort=True):
        grams: Counter = Counter()
        for _, sentence in mine.groupby("sentence_id", sort=False):
            norms = sentence["norm"].tolist()
            grams.update(" ".join(norms[i:i + n]) for i in range(len(norms) - n + 1))
        per_text[key] = grams
    table = pd.DataFrame(per_text).fillna(0).astype(int)
    if table.empty:
        return pd.DataFrame(columns=list(per_text))
    table = table[table.max(axis=1) >= min_freq]
    table["total"] = table.sum(axis=1)
    table = table.loc[sorted(table.index, key=lambda g: (-table.at[g, "total"], g))]
    return table.rename_axis("cluster")
