"""The corpus statistics of the comparing notebooks, as in the project's `METHODS.md`.

Keyness: log-likelihood G² (Dunning 1993; the two-cell form of Rayson & Garside 2000), Log Ratio
(Hardie 2014), the rate ratio, and Bonferroni's threshold (`helpers.comparing.chance` holds what
chance gives a discrete test, and Tarone's correction). Dispersion: Gries's DP (2008) and DPnorm
(Lijffijt & Gries 2012). Fightin' Words: weighted log-odds with an informative Dirichlet prior
(Monroe, Colaresi & Quinn 2008). Collocations: NLTK's bigram association measures. Bootstrap
intervals over units (Efron & Tibshirani 1993). Lexical diversity is in
`helpers.comparing.diversity`.

Notation: a word occurs `a` times in text 1 of `c` tokens and `b` times in text 2 of `d` tokens.

Every public function refuses what it cannot compute with a ValueError that names the argument
(`helpers.comparing.checks`). `tests/test_libraries.py` checks the Bonferroni threshold against
scipy, which stays a test dependency.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from . import checks

CRITICAL_G2 = {0.05: 3.84, 0.01: 6.63, 0.001: 10.83, 0.0001: 15.13}
"""Critical values of G² (chi-squared, 1 degree of freedom) by significance level."""


# Keyness ------------------------------------------------------------------------------------

def log_likelihood(a: float, b: float, c: float, d: float) -> float:
    """G² = 2·(a·ln(a/E1) + b·ln(b/E2)), E1 = c·(a+b)/(c+d), E2 = d·(a+b)/(c+d); a zero count adds 0."""
    checks.pair(a, b, c, d)
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    return 2 * sum(o * math.log(o / e) for o, e in ((a, e1), (b, e2)) if o > 0)


def log_ratio(a: float, b: float, c: float, d: float) -> float:
    """log2((a/c) / (b/d)), a or b of 0 replaced by 0.5 (Hardie 2014). +1: twice as frequent in text 1."""
    checks.pair(a, b, c, d)
    return math.log2(((a or 0.5) / c) / ((b or 0.5) / d))


def rate_ratio(a: float, b: float, c: float, d: float) -> float:
    """(a/c) / (b/d): how many times as frequent per token a word is in text 1 as in text 2,
    allowing for the texts' sizes (the raw-count ratio a/b does not). Undefined, and refused, when
    b is 0: use `log_ratio`, which replaces a zero by 0.5."""
    checks.pair(a, b, c, d)
    if b == 0:
        raise ValueError("b = 0: the rate ratio is infinite; log_ratio replaces a zero count by 0.5")
    return (a / c) / (b / d)


def bonferroni_g2(words_tested: int, alpha: float = 0.05) -> float:
    """The G² a word must exceed when `words_tested` words are tested at family-wise level `alpha`
    (Bonferroni: each at alpha / words_tested), from the chi-squared distribution with 1 d.f."""
    words_tested = checks.whole("words_tested", words_tested, minimum=1)
    alpha = checks.probability("alpha", alpha)
    # chi-squared with 1 d.f. is the square of a standard normal: G² = z², z the upper p/2 quantile.
    # Bisected here rather than taken from scipy.stats.chi2.isf: ten lines against a 40 MB library
    # imported by every kernel; tests/test_libraries.py checks it against scipy.
    return _normal_upper_quantile(alpha / words_tested / 2) ** 2


def _normal_upper_quantile(p: float) -> float:
    """z with P(Z > z) = p, by bisection on the complementary error function."""
    low, high = 0.0, 40.0
    for _ in range(200):
        mid = (low + high) / 2
        if 0.5 * math.erfc(mid / math.sqrt(2)) > p:
            low = mid
        else:
            high = mid
    return (low + high) / 2

# Dispersion and Fightin' Words ----------------------------------------------------------------

def dispersion(occurrences: Sequence[float], part_sizes: Sequence[float]) -> tuple[float, float]:
    """Gries's DP and DPnorm of a word over the parts of a text.

    DP = ½·Σ|v_p − s_p|, s_p the part's share of the text's tokens, v_p its share of the word's
    occurrences; DPnorm = DP / (1 − min s_p). NaN where undefined (no occurrence, or one part).
    """
    if len(occurrences) != len(part_sizes) or not part_sizes:
        raise ValueError("occurrences and part_sizes: one count per part, and at least one part")
    found, sizes = checks.counts("occurrences", occurrences), checks.counts("part_sizes", part_sizes)
    if (found > sizes).any():
        k = int(np.flatnonzero(found > sizes)[0])
        raise ValueError(f"occurrences: part {k} holds {occurrences[k]} occurrences but only {part_sizes[k]} "
                         "tokens (part_sizes): a part cannot exceed its whole")
    total, size = found.sum(), sizes.sum()
    if size <= 0:
        raise ValueError("part_sizes: the parts hold no tokens")
    if total == 0:
        return float("nan"), float("nan")
    shares = sizes / size
    dp = float(0.5 * np.abs(found / total - shares).sum())
    floor = 1 - shares.min()
    return dp, (dp / floor if floor > 0 else float("nan"))


def informative_prior(counts_1: pd.Series, counts_2: pd.Series, alpha0: float | None = None) -> pd.Series:
    """Prior counts α_w proportional to each word's frequency in the two texts pooled, summing to
    `alpha0` (default: the pooled size, so the prior weighs as much as the data)."""
    checks.counts("counts_1", counts_1)
    checks.counts("counts_2", counts_2)
    pooled = counts_1.add(counts_2, fill_value=0)
    total = pooled.sum()
    if total <= 0:
        raise ValueError("counts_1 and counts_2: both texts are empty")
    weight = total if alpha0 is None else checks.number("alpha0", alpha0, minimum=0, strict=True)
    return pooled * (weight / total)


def fightin_words(counts_1: pd.Series, counts_2: pd.Series, prior: pd.Series) -> pd.DataFrame:
    """Weighted log-odds with a Dirichlet prior (Monroe, Colaresi & Quinn 2008), per word of `prior`.

    delta = ln((y1+α)/(n1+α0−y1−α)) − ln((y2+α)/(n2+α0−y2−α)); var ≈ 1/(y1+α) + 1/(y2+α);
    z = delta/√var. Positive z: used more in text 1. Columns: count_1, count_2, delta, z.
    """
    words = prior.index
    if len(words) < 2:
        raise ValueError("prior: Fightin' Words needs at least two different words: with one, its odds are undefined")
    checks.counts("counts_1", counts_1)
    checks.counts("counts_2", counts_2)
    prior_a = np.asarray(prior, dtype=float)
    if np.isnan(prior_a).any() or (prior_a <= 0).any():
        raise ValueError("prior: every prior count must be positive (and not NaN)")
    y1, y2 = counts_1.reindex(words, fill_value=0), counts_2.reindex(words, fill_value=0)
    n1, n2, a0 = counts_1.sum(), counts_2.sum(), prior.sum()
    log_odds_1 = ((y1 + prior) / (n1 + a0 - y1 - prior)).map(math.log)
    log_odds_2 = ((y2 + prior) / (n2 + a0 - y2 - prior)).map(math.log)
    delta = log_odds_1 - log_odds_2
    z = delta / (1 / (y1 + prior) + 1 / (y2 + prior)).map(math.sqrt)
    return pd.DataFrame({"count_1": y1.astype(int), "count_2": y2.astype(int), "delta": delta, "z": z})

# Collocations ---------------------------------------------------------------------------------

MEASURES = ("likelihood_ratio", "pmi", "student_t", "chi_sq")
"""The NLTK bigram association measures `collocations` scores with."""


def collocations(words: Sequence[str], min_freq: int = 3, measure: str = "likelihood_ratio",
                 window: int = 2, ignore: frozenset[str] | set[str] = frozenset()) -> pd.DataFrame:
    """Bigrams of `words` with at least `min_freq` occurrences, scored by an NLTK
    `BigramAssocMeasures` measure (`likelihood_ratio`, `pmi`, `student_t`, `chi_sq`), best first.
    Pairs with a word in `ignore` (stopwords, say) are left out after counting, so the scores
    still see every word."""
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    min_freq = checks.whole("min_freq", min_freq, minimum=1)
    window = checks.whole("window", window, minimum=2)
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    checks.words("words", words)
    finder = BigramCollocationFinder.from_words(list(words), window_size=window)
    finder.apply_freq_filter(min_freq)
    if ignore:
        finder.apply_word_filter(lambda word: word in ignore)
    scored = finder.score_ngrams(getattr(BigramAssocMeasures, measure))
    rows = [{"bigram": " ".join(pair), "freq": finder.ngram_fd[pair], measure: score} for pair, score in scored]
    return pd.DataFrame(rows, columns=["bigram", "freq", measure])


# Bootstrap ------------------------------------------------------------------------------------

def bootstrap_rate(counts: Sequence[int], sizes: Sequence[int], per: float = 1000, resamples: int = 2000,
                   seed: int = 2026, level: float = 0.95) -> tuple[float, float, float]:
    """A rate over units (paragraphs) with its percentile bootstrap interval (Efron & Tibshirani
    1993): the units are resampled with replacement `resamples` times from a seeded generator,
    and the rate `per · Σcounts / Σsizes` recomputed on each. Returns (rate, low, high). A count
    may be negative (a difference of two counts in the unit, as `counts.difference_interval`
    passes), but never larger than its unit's size."""
    if len(counts) != len(sizes) or not counts:
        raise ValueError("counts and sizes must be of the same, non-zero length")
    level = checks.probability("level", level)
    per = checks.number("per", per, minimum=0, strict=True)
    resamples = checks.whole("resamples", resamples, minimum=1)
    sizes_a = checks.counts("sizes", sizes)
    try:
        counts_a = np.asarray(counts, dtype=float)
    except (TypeError, ValueError):
        raise ValueError("counts must hold numbers") from None
    if not np.isfinite(counts_a).all():
        k = int(np.flatnonzero(~np.isfinite(counts_a))[0])
        raise ValueError(f"counts holds NaN or an infinite value at position {k}")
    if (np.abs(counts_a) > sizes_a).any():
        k = int(np.flatnonzero(np.abs(counts_a) > sizes_a)[0])
        raise ValueError(f"counts: unit {k} counts {counts[k]} in {sizes[k]} words (sizes): "
                         "a part cannot exceed its whole")
    if sizes_a.sum() <= 0:
        raise ValueError("sizes: the units hold no words")
    picks = np.random.default_rng(seed).integers(0, len(counts_a), size=(resamples, len(counts_a)))
    totals = sizes_a[picks].sum(axis=1)
    rates = per * counts_a[picks].sum(axis=1) / np.where(totals > 0, totals, np.nan)
    low, high = percentile_interval(rates, level)
    return float(per * counts_a.sum() / sizes_a.sum()), low, high


def percentile_interval(values: Sequence[float], level: float = 0.95) -> tuple[float, float]:
    """The central `level` percentile interval of bootstrap replicates (NaN replicates left out)."""
    level = checks.probability("level", level)
    array = np.asarray(values, dtype=float)
    if not np.isfinite(array).any():
        raise ValueError("values: no finite replicate to take an interval from")
    tail = 100 * (1 - level) / 2
    low, high = np.nanpercentile(array, [tail, 100 - tail])
    return float(low), float(high)


def resample_units(units: Sequence[np.ndarray], resamples: int = 2000,
                   rng: np.random.Generator | None = None) -> list[np.ndarray]:
    """`resamples` texts, each as many units (passages) drawn with replacement from `units` as
    there are units, joined in the order drawn: the bootstrap's resampled texts. Resampling
    passages, not words, keeps each passage's words together, as words come in bursts."""
    if not units:
        raise ValueError("units: at least one unit to resample")
    resamples = checks.whole("resamples", resamples, minimum=1)
    rng = np.random.default_rng(2026) if rng is None else rng
    picks = rng.integers(0, len(units), size=(resamples, len(units)))
    arrays = [np.asarray(u) for u in units]
    return [np.concatenate([arrays[k] for k in row]) for row in picks]
