"""Key words of one text (or speaker) against another: G² with its threshold (Bonferroni's,
Tarone's for discrete tests, or a fixed floor), how many words each threshold would pass by chance,
Log Ratio as the effect size, Gries's DP over the turns of the text that uses the word more, and
Fightin' Words z-scores. The formulas are in `helpers.stats` and in the project's `METHODS.md`."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from . import checks
from .chance import expected_false_positives, max_g2, tarone
from .stats import CRITICAL_G2, bonferroni_g2, dispersion, fightin_words, informative_prior, log_likelihood, log_ratio
from .vocabulary import word_counts, words_of

KEYNESS_COLUMNS = ["word", "a", "b", "per_1000_1", "per_1000_2", "g2", "log_ratio", "more_in", "key"]


CORRECTIONS = ("bonferroni", "tarone", "floor")
"""The thresholds `keyness` can apply: Bonferroni over every word, Tarone over the words that can
reach significance, or the fixed floor of 15.13 (p < .0001)."""


def threshold(words_tested: int, correction: str = "bonferroni", alpha: float = 0.05,
              totals: Sequence[int] | None = None, sizes: tuple[float, float] | None = None) -> float:
    """The G² a word must exceed: Bonferroni over `words_tested` words at family-wise `alpha`;
    Tarone's modified Bonferroni (`correction="tarone"`), which needs each word's total (a + b) in
    `totals` and the two texts' `sizes`; or the fixed floor 15.13 (p < .0001) with `"floor"`."""
    if correction not in CORRECTIONS:
        raise ValueError(f"correction must be one of {', '.join(map(repr, CORRECTIONS))}, not {correction!r}")
    words_tested = checks.whole("words_tested", words_tested, minimum=1)
    alpha = checks.probability("alpha", alpha)
    if correction == "bonferroni":
        return bonferroni_g2(words_tested, alpha)
    if correction == "floor":
        return CRITICAL_G2[0.0001]
    if totals is None or sizes is None:
        raise ValueError("totals and sizes: Tarone's correction needs every word's total and the two texts' sizes")
    if len(totals) != words_tested:
        raise ValueError(f"totals: {len(totals)} totals for {words_tested} words tested")
    return tarone(totals, *sizes, alpha)[2]


def correction_of(totals: Sequence[int], sizes: tuple[int, int], correction: str = "bonferroni",
                  alpha: float = 0.05) -> tuple[float, int | None]:
    """The G² threshold for words with these `totals` (a + b each) in texts of these `sizes`, and the
    number of words α is divided by (every word for Bonferroni, Tarone's K, None for the floor):
    one place, so that every keyness table, in memory or from the archive, is corrected alike."""
    limit = threshold(len(totals), correction, alpha, totals, sizes)
    divisor = {"bonferroni": len(totals), "floor": None}.get(correction)
    if correction == "tarone":
        divisor = tarone(totals, *sizes, alpha)[0]
    return limit, divisor


def keyness(tokens: pd.DataFrame, by: str, first: str, second: str, correction: str = "bonferroni",
            alpha: float = 0.05) -> pd.DataFrame:
    """Every word of the two texts (`by` == `first`, `by` == `second`) with its counts a and b, its
    rates per 1,000 words, G², Log Ratio (positive: more in `first`), which text uses it more, and
    `key`: G² above the threshold (`correction`: "bonferroni", "tarone" or "floor"). Sorted by G²,
    largest first; the threshold, the correction and the number of words it divides α by
    (`correction_words`: every word for Bonferroni, Tarone's K) are in the frame's `attrs`."""
    if by not in tokens.columns:
        raise ValueError(f"by: the token table has no column {by!r}")
    if first == second:
        raise ValueError(f"first and second are both {first!r}: a text is not compared with itself")
    counts_1, counts_2 = word_counts(tokens, by, first), word_counts(tokens, by, second)
    c, d = int(counts_1.sum()), int(counts_2.sum())
    if c == 0 or d == 0:
        raise ValueError(f"no words where {by} is {first if c == 0 else second!r}")
    vocabulary = sorted(set(counts_1.index) | set(counts_2.index))
    totals = [int(counts_1.get(w, 0)) + int(counts_2.get(w, 0)) for w in vocabulary]
    limit, divisor = correction_of(totals, (c, d), correction, alpha)
    rows = []
    for word in vocabulary:
        a, b = int(counts_1.get(word, 0)), int(counts_2.get(word, 0))
        g2, lr = log_likelihood(a, b, c, d), log_ratio(a, b, c, d)
        rows.append({"word": word, "a": a, "b": b, "per_1000_1": round(1000 * a / c, 2),
                     "per_1000_2": round(1000 * b / d, 2), "g2": g2, "log_ratio": lr,
                     "more_in": first if a / c > b / d else second if a / c < b / d else "equal",
                     "key": g2 > limit})
    table = pd.DataFrame(rows, columns=KEYNESS_COLUMNS).sort_values(["g2", "word"], ascending=[False, True])
    table.attrs.update({"threshold": limit, "correction": correction, "words_tested": len(vocabulary),
                        "correction_words": divisor, "alpha": alpha, "sizes": {first: c, second: d},
                        "speech": tokens.attrs["speech"]})
    return table.reset_index(drop=True)


def chance_by_threshold(table: pd.DataFrame, alpha: float = 0.05, level: float = 0.95) -> pd.DataFrame:
    """For a `keyness` table, one row per threshold (p < .05, .01, .001 and .0001; Bonferroni over
    every word; Tarone's over the words that can reach significance): its G², how many words
    could pass it at any split of their occurrences (`can_pass`), how many pass on each side and in
    all, and how many would pass by chance alone if the texts did not differ
    (`expected_by_chance`, with the exact central `level` range `chance_low` to `chance_high`;
    `stats.expected_false_positives`), not words × p, which assumes a continuous test."""
    _check_table(table)
    first, second = table.attrs["sizes"]
    c, d = table.attrs["sizes"][first], table.attrs["sizes"][second]
    totals = (table["a"] + table["b"]).tolist()
    k, _, tarone_g2 = tarone(totals, c, d, alpha)
    limits = {f"p < {str(p).lstrip('0')}": g2 for p, g2 in CRITICAL_G2.items()}
    limits.update({"Bonferroni": bonferroni_g2(len(table), alpha), "Tarone": tarone_g2})
    largest = pd.Series([max_g2(n, c, d) for n in totals])
    rows = []
    for name, limit in limits.items():
        passing = table[table["g2"] > limit]["more_in"]
        expected, low, high = expected_false_positives(totals, c, d, limit, level)
        rows.append({"threshold": name, "g2": limit, "can_pass": int((largest > limit).sum()),
                     first: int((passing == first).sum()), second: int((passing == second).sum()),
                     "passing": len(passing), "expected_by_chance": expected, "chance_low": low, "chance_high": high})
    result = pd.DataFrame(rows).set_index("threshold")
    result.attrs.update({"tarone_k": k, "words_tested": len(table), "alpha": alpha, "level": level})
    return result


def _check_table(table: pd.DataFrame) -> None:
    """A `keyness` table: its columns and attrs, and counts that are whole, not negative, not NaN."""
    missing = [c for c in ("word", "a", "b", "g2", "more_in") if c not in table.columns]
    if missing or "sizes" not in table.attrs:
        raise ValueError(f"table: not a keyness table (missing {missing or 'its sizes in attrs'})")
    for column in ("a", "b"):
        counts = table[column]
        if counts.isna().any() or (counts < 0).any():
            raise ValueError(f"table: column {column!r} holds NaN or a negative count")


REST = "the rest"


def against_rest(tokens: pd.DataFrame, by: str, value: str, correction: str = "bonferroni",
                 alpha: float = 0.05) -> pd.DataFrame:
    """`keyness` of one text or speaker (`by` == `value`) against all the others pooled, "the rest"."""
    sides = tokens.assign(side=tokens[by].where(tokens[by] == value, REST))
    table = keyness(sides, "side", value, REST, correction, alpha)
    table.attrs["against"] = REST
    return table


def turn_dispersion(tokens: pd.DataFrame, by: str, value: str, words: list[str]) -> pd.DataFrame:
    """For each word, its DP and DPnorm over the turns of the text where `by` == `value` (parts
    sized by their word tokens), and in how many of the text's passages it occurs."""
    text = words_of(tokens, by, value)
    if text.empty:
        raise ValueError(f"value: no words where {by} is {value!r}")
    sizes = text.groupby("turn_id", sort=False).size()
    rows = []
    for word in words:
        mine = text[text["norm"] == word]
        per_turn = mine.groupby("turn_id").size().reindex(sizes.index, fill_value=0)
        dp, dp_norm = dispersion(per_turn.tolist(), sizes.tolist())
        rows.append({"word": word, "dp": dp, "dp_norm": dp_norm, "passages": mine["passage_id"].nunique()})
    return pd.DataFrame(rows, columns=["word", "dp", "dp_norm", "passages"])


def key_words(table: pd.DataFrame, tokens: pd.DataFrame, by: str) -> pd.DataFrame:
    """The key words of a `keyness` table, ranked by Log Ratio within each side, with the DP of each
    over the turns of the text that uses it more and `one_passage` where all its occurrences
    are in one passage (a key word from one answer, not a habit of the text)."""
    _check_table(table)
    if "key" not in table.columns:
        raise ValueError("table: not a keyness table (missing ['key'])")
    key = table[table["key"]].copy()
    parts = []
    for side, words in key.groupby("more_in", sort=False):
        spread = turn_dispersion(tokens, by, side, words["word"].tolist())
        parts.append(words.merge(spread, on="word"))
    columns = [*KEYNESS_COLUMNS, "dp", "dp_norm", "passages", "one_passage"]
    if not parts:
        return pd.DataFrame(columns=columns)
    merged = pd.concat(parts, ignore_index=True)
    merged["one_passage"] = merged["passages"] == 1
    merged["strength"] = merged["log_ratio"].abs()
    merged = merged.sort_values(["more_in", "strength", "word"], ascending=[True, False, True])
    return merged[columns].reset_index(drop=True)


def fightin_words_table(tokens: pd.DataFrame, by: str, first: str, second: str,
                        alpha0: float | None = None) -> pd.DataFrame:
    """Fightin' Words for `first` against `second` with the informative prior of
    `informative_prior` (the two texts pooled, summing to `alpha0`; default: the pooled size).
    Columns: word, count_1, count_2, delta, z (positive: more in `first`), prior; sorted by z."""
    counts_1, counts_2 = word_counts(tokens, by, first), word_counts(tokens, by, second)
    prior = informative_prior(counts_1, counts_2, alpha0)
    table = fightin_words(counts_1, counts_2, prior)
    table["prior"] = prior
    table = table.rename_axis("word").reset_index()
    table = table.sort_values(["z", "word"], ascending=[False, True]).reset_index(drop=True)
    table.attrs.update({"alpha0": float(prior.sum()), "speech": tokens.attrs["speech"]})
    return table
