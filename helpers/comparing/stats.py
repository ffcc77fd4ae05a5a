"""The corpus statistics of the comparing notebooks, as in the project's `METHODS.md`.

Keyness: log-likelihood G² (Dunning 1993; the two-cell form of Rayson & Garside 2000) and Log Ratio
(Hardie 2014). Dispersion: Gries's DP (2008) and DPnorm (Lijffijt & Gries 2012). Fightin' Words:
weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008). Lexical
diversity: MATTR (Covington & McFall 2010) and MTLD (McCarthy & Jarvis 2010). Collocations: NLTK's
bigram association measures.

Notation: a word occurs `a` times in text 1 of `c` tokens and `b` times in text 2 of `d` tokens.

MATTR and MTLD are written out here rather than taken from `lexicalrichness`, whose definitions they
follow: the study's tokens are already normalised, and that package would tokenise the text again
(and bring textblob). `tests/test_libraries.py` checks both, and the Bonferroni threshold and the
Wilson interval, against the libraries.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

CRITICAL_G2 = {0.05: 3.84, 0.01: 6.63, 0.001: 10.83, 0.0001: 15.13}
"""Critical values of G² (chi-squared, 1 degree of freedom) by significance level."""


def _check_sizes(c: float, d: float) -> None:
    if c <= 0 or d <= 0:
        raise ValueError(f"both texts need tokens (sizes {c} and {d})")


def log_likelihood(a: float, b: float, c: float, d: float) -> float:
    """G² = 2·(a·ln(a/E1) + b·ln(b/E2)), E1 = c·(a+b)/(c+d), E2 = d·(a+b)/(c+d); a zero count adds 0."""
    _check_sizes(c, d)
    _check_counts(a, b, c, d)
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    return 2 * sum(o * math.log(o / e) for o, e in ((a, e1), (b, e2)) if o > 0)


def _check_counts(a: float, b: float, c: float, d: float) -> None:
    if not (0 <= a <= c and 0 <= b <= d):
        raise ValueError(f"a count must lie between 0 and its text's size: {a} of {c}, {b} of {d}")


def log_ratio(a: float, b: float, c: float, d: float) -> float:
    """log2((a/c) / (b/d)), a or b of 0 replaced by 0.5 (Hardie 2014). +1: twice as frequent in text 1."""
    _check_sizes(c, d)
    return math.log2(((a or 0.5) / c) / ((b or 0.5) / d))


def bonferroni_g2(words_tested: int, alpha: float = 0.05) -> float:
    """The G² a word must exceed when `words_tested` words are tested at family-wise level `alpha`
    (Bonferroni: each at alpha / words_tested), from the chi-squared distribution with 1 d.f."""
    if words_tested < 1:
        raise ValueError("at least one word must be tested")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha is a probability between 0 and 1 (exclusive), not {alpha}")
    p = alpha / words_tested
    # chi-squared with 1 d.f. is the square of a standard normal: G² = z², z the upper p/2 quantile.
    # Bisected here rather than taken from scipy.stats.chi2.isf: ten lines against a 40 MB library
    # imported by every kernel; tests/test_libraries.py checks it against scipy.
    return _normal_upper_quantile(p / 2) ** 2


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


def dispersion(occurrences: Sequence[float], part_sizes: Sequence[float]) -> tuple[float, float]:
    """Gries's DP and DPnorm of a word over the parts of a text.

    DP = ½·Σ|v_p − s_p|, s_p the part's share of the text's tokens, v_p its share of the word's
    occurrences; DPnorm = DP / (1 − min s_p). NaN where undefined (no occurrence, or one part).
    """
    if len(occurrences) != len(part_sizes) or not part_sizes:
        raise ValueError("one count per part, and at least one part")
    total, size = sum(occurrences), sum(part_sizes)
    if size <= 0:
        raise ValueError("the parts hold no tokens")
    if total == 0:
        return float("nan"), float("nan")
    shares = [s / size for s in part_sizes]
    dp = 0.5 * sum(abs(o / total - s) for o, s in zip(occurrences, shares, strict=True))
    floor = 1 - min(shares)
    return dp, (dp / floor if floor > 0 else float("nan"))


def informative_prior(counts_1: pd.Series, counts_2: pd.Series, alpha0: float | None = None) -> pd.Series:
    """Prior counts α_w proportional to each word's frequency in the two texts pooled, summing to
    `alpha0` (default: the pooled size, so the prior weighs as much as the data)."""
    pooled = counts_1.add(counts_2, fill_value=0)
    total = pooled.sum()
    if total <= 0:
        raise ValueError("both texts are empty")
    return pooled * ((total if alpha0 is None else alpha0) / total)


def fightin_words(counts_1: pd.Series, counts_2: pd.Series, prior: pd.Series) -> pd.DataFrame:
    """Weighted log-odds with a Dirichlet prior (Monroe, Colaresi & Quinn 2008), per word of `prior`.

    delta = ln((y1+α)/(n1+α0−y1−α)) − ln((y2+α)/(n2+α0−y2−α)); var ≈ 1/(y1+α) + 1/(y2+α);
    z = delta/√var. Positive z: used more in text 1. Columns: count_1, count_2, delta, z.
    """
    words = prior.index
    if len(words) < 2:
        raise ValueError("Fightin' Words needs at least two different words: with one, its odds are undefined")
    y1, y2 = counts_1.reindex(words, fill_value=0), counts_2.reindex(words, fill_value=0)
    n1, n2, a0 = counts_1.sum(), counts_2.sum(), prior.sum()
    if (prior <= 0).any():
        raise ValueError("every prior count must be positive")
    log_odds_1 = ((y1 + prior) / (n1 + a0 - y1 - prior)).map(math.log)
    log_odds_2 = ((y2 + prior) / (n2 + a0 - y2 - prior)).map(math.log)
    delta = log_odds_1 - log_odds_2
    z = delta / (1 / (y1 + prior) + 1 / (y2 + prior)).map(math.sqrt)
    return pd.DataFrame({"count_1": y1.astype(int), "count_2": y2.astype(int), "delta": delta, "z": z})


def mattr(words: Sequence[str], window: int = 50) -> float:
    """Moving-average type/token ratio: the mean TTR of every window of `window` tokens; the
    plain TTR when the text is shorter than one window. NaN for no tokens."""
    if window < 1:
        raise ValueError(f"the MATTR window must hold at least one word, not {window}")
    n = len(words)
    if n == 0:
        return float("nan")
    if n <= window:
        return len(set(words)) / n
    counts: dict[str, int] = {}
    for w in words[:window]:
        counts[w] = counts.get(w, 0) + 1
    types_total = len(counts)
    for k in range(window, n):
        leaving, entering = words[k - window], words[k]
        counts[leaving] -= 1
        if counts[leaving] == 0:
            del counts[leaving]
        counts[entering] = counts.get(entering, 0) + 1
        types_total += len(counts)
    return types_total / window / (n - window + 1)


def _mtld_pass(words: Sequence[str], threshold: float) -> float:
    factors, types, count = 0.0, set(), 0
    for w in words:
        types.add(w)
        count += 1
        if len(types) / count <= threshold:
            factors += 1
            types, count = set(), 0
    if count:
        factors += (1 - len(types) / count) / (1 - threshold)
    return len(words) / factors if factors else float("nan")


def mtld(words: Sequence[str], threshold: float = 0.72) -> float:
    """Measure of textual lexical diversity: the mean length of stretches whose TTR stays above
    `threshold`, averaged over a forward and a backward pass, with the last partial stretch counted
    as a fraction. NaN when no stretch ever falls to the threshold (too short a text)."""
    return (_mtld_pass(words, threshold) + _mtld_pass(list(reversed(words)), threshold)) / 2


def collocations(words: Sequence[str], min_freq: int = 3, measure: str = "likelihood_ratio",
                 window: int = 2, ignore: frozenset[str] | set[str] = frozenset()) -> pd.DataFrame:
    """Bigrams of `words` with at least `min_freq` occurrences, scored by an NLTK
    `BigramAssocMeasures` measure (`likelihood_ratio`, `pmi`, `student_t`, `chi_sq`), best first.
    Pairs with a word in `ignore` (stopwords, say) are left out after counting, so the scores
    still see every word."""
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    finder = BigramCollocationFinder.from_words(list(words), window_size=window)
    finder.apply_freq_filter(min_freq)
    if ignore:
        finder.apply_word_filter(lambda word: word in ignore)
    scored = finder.score_ngrams(getattr(BigramAssocMeasures, measure))
    rows = [{"bigram": " ".join(pair), "freq": finder.ngram_fd[pair], measure: score} for pair, score in scored]
    return pd.DataFrame(rows, columns=["bigram", "freq", measure])


def bootstrap_rate(counts: Sequence[int], sizes: Sequence[int], per: float = 1000, resamples: int = 2000,
                   seed: int = 2026, level: float = 0.95) -> tuple[float, float, float]:
    """A rate over units (paragraphs) with its percentile bootstrap interval (Efron & Tibshirani
    1993): the units are resampled with replacement `resamples` times from a seeded generator,
    and the rate `per · Σcounts / Σsizes` recomputed on each. Returns (rate, low, high)."""
    import numpy as np

    if len(counts) != len(sizes) or not counts:
        raise ValueError("counts and sizes must be of the same, non-zero length")
    if not 0 < level < 1:
        raise ValueError(f"level must lie between 0 and 1, not {level}")
    counts_a, sizes_a = np.asarray(counts, dtype=float), np.asarray(sizes, dtype=float)
    if sizes_a.sum() <= 0:
        raise ValueError("the units hold no words")
    picks = np.random.default_rng(seed).integers(0, len(counts_a), size=(resamples, len(counts_a)))
    totals = sizes_a[picks].sum(axis=1)
    rates = per * counts_a[picks].sum(axis=1) / np.where(totals > 0, totals, np.nan)
    tail = 100 * (1 - level) / 2
    low, high = np.nanpercentile(rates, [tail, 100 - tail])
    return float(per * counts_a.sum() / sizes_a.sum()), float(low), float(high)
