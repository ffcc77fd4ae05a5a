"""What chance gives a discrete test run on many words, and the correction that allows for it.

G² on small counts is discrete: a word seen a few times can split between two texts in only a few
ways, and a word seen once or twice can never reach p < .05, whatever the texts say. So the number
of words expected to pass a threshold by chance alone is not words × p: it is the sum over words of
each one's chance of passing when its occurrences split binomially in the ratio of the two texts'
sizes (`expected_false_positives`). And Bonferroni's correction over every word is stricter than it
need be: Tarone's (1990) modified Bonferroni counts only the words that could reach significance
(`tarone`). Notation as in `helpers.comparing.stats`: c and d are the two texts' sizes in tokens."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from . import checks
from .stats import bonferroni_g2


def max_g2(total: int, c: float, d: float) -> float:
    """The largest G² a word seen `total` times in all can reach at any split: all its occurrences
    in the smaller text, G² = 2·total·ln((c+d)/min(c, d)). A word whose largest G² does not exceed a
    threshold can never pass it, whatever the texts say."""
    c, d = checks.size("c", c), checks.size("d", d)
    total = checks.whole("total", total)
    return 2 * total * math.log((c + d) / min(c, d))


def pass_probability(total: int, c: float, d: float, critical: float) -> float:
    """P(G² > `critical`) for a word seen `total` times in all when the two texts do not differ: each
    occurrence falls in text 1 with probability c/(c+d), independently (a binomial split), and the
    probability is summed exactly over the total + 1 splits. For small totals it is far below the
    nominal level, and 0 when no split reaches the critical value (`max_g2`)."""
    c, d = checks.size("c", c), checks.size("d", d)
    total = checks.whole("total", total)
    critical = checks.number("critical", critical, minimum=0)
    return float(_binomial_pmf(total, c / (c + d))[_split_g2(total, c, d) > critical].sum())


def _binomial_pmf(n: int, p: float) -> np.ndarray:
    """P(k of n) for k = 0..n, from log factorials (no scipy in the kernels)."""
    log_factorial = np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, n + 1)))])
    k = np.arange(n + 1)
    log_choose = log_factorial[n] - log_factorial[k] - log_factorial[n - k]
    with np.errstate(divide="ignore", invalid="ignore"):  # p of 0 or 1 only in the tests' edge cases
        log_p = np.where(k > 0, k * np.log(p), 0.0) + np.where(n - k > 0, (n - k) * np.log1p(-p), 0.0)
    return np.exp(log_choose + log_p)


def _split_g2(total: int, c: float, d: float) -> np.ndarray:
    """G² of every split a = 0..total, b = total − a, as `log_likelihood` computes it."""
    a = np.arange(total + 1, dtype=float)
    b = total - a
    e1, e2 = c * total / (c + d), d * total / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        return 2 * (np.where(a > 0, a * np.log(a / e1), 0.0) + np.where(b > 0, b * np.log(b / e2), 0.0))


def expected_false_positives(totals: Sequence[int], c: float, d: float, critical: float,
                             level: float = 0.95) -> tuple[float, int, int]:
    """How many of the words whose totals (a + b) are `totals` would pass G² > `critical` by chance
    alone, if the two texts did not differ: the sum over words of `pass_probability`, with the
    exact central `level` range of that number (the words taken as independent, so the number is
    a sum of independent Bernoulli trials, a Poisson-binomial distribution). Returns
    (expected, low, high). For a discrete test on small counts this is not words × p-level: a word
    too rare to pass at any split adds 0, and some small totals pass more often than p."""
    totals_a = checks.counts("totals", totals)
    level = checks.probability("level", level)
    unique, inverse = np.unique(totals_a.astype(int), return_inverse=True)
    chance = np.array([pass_probability(int(n), c, d, critical) for n in unique])[inverse]
    distribution = np.ones(1)
    for q in chance[chance > 0]:
        distribution = np.append(distribution * (1 - q), 0.0) + np.concatenate([[0.0], distribution * q])
    cumulative = np.cumsum(distribution)
    tail = (1 - level) / 2
    low = int(np.searchsorted(cumulative, tail - 1e-12))
    high = int(np.searchsorted(cumulative, 1 - tail - 1e-12))
    return float(chance.sum()), low, high


def tarone(totals: Sequence[int], c: float, d: float, alpha: float = 0.05) -> tuple[int, int, float]:
    """Tarone's (1990) modified Bonferroni for discrete tests. A word can be significant at level
    α/K only if its largest G² (`max_g2`) exceeds the Bonferroni G² for K tests; with m(K) the number
    of such words, K is the smallest whole number with m(K) ≤ K, and each of those m(K) words is
    tested at α/K. Returns (K, m(K), the G² threshold for K tests). Words that can never pass are
    not counted, so the threshold is lower than Bonferroni's over every word, and the family-wise
    error rate is still at most α."""
    totals_a = checks.counts("totals", totals)
    c, d = checks.size("c", c), checks.size("d", d)
    alpha = checks.probability("alpha", alpha)
    largest = np.sort(2 * totals_a * math.log((c + d) / min(c, d)))[::-1]
    k = 1
    while True:
        limit = bonferroni_g2(k, alpha)
        testable = int((largest > limit).sum())
        if testable <= k:
            return k, testable, limit
        k += 1
