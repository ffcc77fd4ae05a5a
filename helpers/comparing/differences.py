"""Differences between two groups, tested rather than read off two intervals.

Two 95% intervals that overlap do not show that two rates are alike, and two that barely miss do
not show the smallest difference a test would find (Schenker & Gentleman 2001). So where a notebook
claims or denies a difference, it gives the difference itself with a test:

- `fisher_exact`: Fisher's exact test (Fisher 1935) on a 2×2 table, such as the units of two
  interviews with and without a code; two-sided, summing every table with the same margins that is
  no more probable than the one observed (Agresti 1992). Written out with integer arithmetic, so
  it is exact; `tests/test_differences.py` checks it by hand and against scipy.
- `rate_difference` and `paired_difference`: the difference of two rates with a percentile
  bootstrap interval (Efron & Tibshirani 1993) over the passages, the same resampling as
  `stats.bootstrap_rate`, and a bootstrap p-value: twice the smaller share of resampled differences
  on either side of zero, counted as (k + 1)/(B + 1) so that it is never 0 (Davison & Hinkley 1997).
  `monte_carlo_error` is that p's standard error from the finite number of resamples B: a verdict
  that a p within a few such errors of a threshold gives depends on the draw, not on the data.
- `bonferroni` and `holm`: adjusted p-values for a family of m tests; Holm's step-down (Holm 1979)
  rejects everything Bonferroni rejects and sometimes more, at the same family-wise level.
- `share_differences`: one row per code of a units-by-codes matrix, comparing two groups of units
  with all of the above.
- `binomial_test` and `t_test`: two tests of a paired difference that do not resample, to set
  beside the bootstrap where its verdict is near a threshold. `binomial_test` is the exact two-sided
  binomial test against one half, written with integer arithmetic: over units it is the sign test
  (units leaning one way against the other, ties dropped; Dixon & Mood 1946), over uses it treats
  every use as independent. `t_test` is the one-sample two-sided t test of a mean against zero
  (Student 1908), its t distribution in the closed form for whole degrees of freedom (Abramowitz &
  Stegun 26.7.3-4). `tests/test_differences.py` checks both against scipy.

Passages and paragraphs of one answer are not independent, so every p-value here is optimistic;
the study uses them to say which differences these texts establish, not to generalise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from math import comb

import numpy as np
import pandas as pd

ESTABLISHED = "established"
NOT_ESTABLISHED = "not established"


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p of Fisher's exact test on the table [[a, b], [c, d]] (rows: the two groups;
    columns: with and without the feature). Every table with the observed margins has the
    hypergeometric probability C(a+c, x)·C(b+d, a+b−x)/C(n, a+b); p sums those no more probable
    than the observed table."""
    if min(a, b, c, d) < 0:
        raise ValueError(f"a 2×2 table holds counts, not {[a, b, c, d]}")
    row, column, n = a + b, a + c, a + b + c + d
    if n == 0:
        raise ValueError("the table is empty")

    def weight(x: int) -> int:  # the numerator of P(x); the denominator C(n, row) is common to all
        return comb(column, x) * comb(n - column, row - x)

    observed = weight(a)
    total = sum(w for x in range(max(0, row + column - n), min(row, column) + 1) if (w := weight(x)) <= observed)
    return min(1.0, total / comb(n, row))


def bonferroni(pvalues: Sequence[float]) -> list[float]:
    """Bonferroni-adjusted p-values: each p times the number of tests, at most 1."""
    m = len(pvalues)
    return [min(1.0, m * p) for p in pvalues]


def holm(pvalues: Sequence[float]) -> list[float]:
    """Holm-adjusted p-values, in the order given: with the p sorted ascending, the k-th (from 1)
    is multiplied by m − k + 1, each adjusted value is at least the one before it, and none
    exceeds 1. A test is rejected at level α when its adjusted p is at most α."""
    m = len(pvalues)
    order = sorted(range(m), key=lambda i: pvalues[i])
    adjusted, running = [0.0] * m, 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * pvalues[i]))
        adjusted[i] = running
    return adjusted


def monte_carlo_error(p: float, resamples: int) -> float:
    """The Monte Carlo standard error of a bootstrap two-sided p (`_summary`) from `resamples`
    resamples: p ≈ 2k/B with k binomial (B, p/2), so its variance is 4 · (p/2)(1 − p/2) / B =
    p(2 − p) / B. A p of .02 from 2,000 resamples is ± .0044, from 100,000 ± .0006."""
    if not 0 <= p <= 1:
        raise ValueError(f"p must lie between 0 and 1, not {p}")
    if resamples < 1:
        raise ValueError(f"resamples must be at least 1, not {resamples}")
    return float(np.sqrt(p * (2 - p) / resamples))


def binomial_test(successes: int, trials: int) -> float:
    """Two-sided p of the exact binomial test of `successes` in `trials` against a probability of
    one half: twice the smaller tail, at most 1 (the distribution is symmetric, so this equals
    summing every outcome no more probable than the one observed)."""
    if trials < 1 or not 0 <= successes <= trials:
        raise ValueError(f"need 0 <= successes <= trials and trials >= 1, not {successes} of {trials}")
    smaller = min(successes, trials - successes)
    tail = sum(comb(trials, k) for k in range(smaller + 1))
    return min(1.0, 2 * tail / 2**trials)


def _t_two_sided(t: float, df: int) -> float:
    """P(|T| >= |t|) for Student's t with whole `df` degrees of freedom, from the finite series of
    Abramowitz & Stegun 26.7.3 (odd df) and 26.7.4 (even df)."""
    theta = math.atan(abs(t) / math.sqrt(df))
    c2, s = math.cos(theta) ** 2, math.sin(theta)
    if df % 2:  # odd: (2/π)(θ + sin θ · (cos θ + (2/3)cos³θ + ...)), (df − 1)/2 terms
        term, series = math.cos(theta), 0.0
        for j in range(1, (df - 1) // 2 + 1):
            series += term
            term *= c2 * (2 * j) / (2 * j + 1)
        inside = 2 / math.pi * (theta + s * series)
    else:  # even: sin θ · (1 + (1/2)cos²θ + (1·3)/(2·4)cos⁴θ + ...), df/2 terms
        term, series = 1.0, 0.0
        for j in range(1, df // 2 + 1):
            series += term
            term *= c2 * (2 * j - 1) / (2 * j)
        inside = s * series
    return min(1.0, max(0.0, 1 - inside))


def t_test(values: Sequence[float]) -> dict[str, float]:
    """One-sample two-sided t test that the mean of `values` is zero: mean, t, df and p."""
    x = np.asarray(values, dtype=float)
    if len(x) < 2:
        raise ValueError(f"a t test needs at least two values, not {len(x)}")
    sd = float(x.std(ddof=1))
    if sd == 0:
        raise ValueError("the values do not vary, so t is undefined")
    t = float(x.mean()) / (sd / math.sqrt(len(x)))
    return {"mean": float(x.mean()), "t": t, "df": len(x) - 1, "p": _t_two_sided(t, len(x) - 1)}


def _picks(n: int, resamples: int, rng: np.random.Generator) -> np.ndarray:
    return rng.integers(0, n, size=(resamples, n))


def _summary(point: float, resampled: np.ndarray, level: float) -> dict[str, float]:
    """The point difference, its percentile interval and the bootstrap two-sided p."""
    if not 0 < level < 1:
        raise ValueError(f"level must lie between 0 and 1, not {level}")
    resampled = resampled[~np.isnan(resampled)]
    tail = 100 * (1 - level) / 2
    low, high = np.percentile(resampled, [tail, 100 - tail])
    below, above = int((resampled <= 0).sum()), int((resampled >= 0).sum())
    p = min(1.0, 2 * (min(below, above) + 1) / (len(resampled) + 1))
    return {"difference": float(point), "low": float(low), "high": float(high),
            "at_or_below_0": below / len(resampled), "p": p}


def _rates(counts: np.ndarray, sizes: np.ndarray, picks: np.ndarray, per: float) -> np.ndarray:
    totals = sizes[picks].sum(axis=1)
    return per * counts[picks].sum(axis=1) / np.where(totals > 0, totals, np.nan)


def _arrays(counts: Sequence[float], sizes: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    if len(counts) != len(sizes) or not counts:
        raise ValueError("counts and sizes must be of the same, non-zero length")
    counts_a, sizes_a = np.asarray(counts, dtype=float), np.asarray(sizes, dtype=float)
    if sizes_a.sum() <= 0:
        raise ValueError("the units hold no words")
    return counts_a, sizes_a


def rate_difference(counts_1: Sequence[float], sizes_1: Sequence[float], counts_2: Sequence[float],
                    sizes_2: Sequence[float], per: float = 1000, resamples: int = 2000, seed: int = 2026,
                    level: float = 0.95) -> dict[str, float]:
    """Rate of group 1 less rate of group 2 (`per` · Σcounts / Σsizes each), the two groups'
    units (passages) resampled independently from one seeded generator, group 1 first.
    Returns difference, low, high, at_or_below_0 (the share of resampled differences ≤ 0) and p."""
    c1, s1 = _arrays(counts_1, sizes_1)
    c2, s2 = _arrays(counts_2, sizes_2)
    rng = np.random.default_rng(seed)
    picks_1, picks_2 = _picks(len(c1), resamples, rng), _picks(len(c2), resamples, rng)
    resampled = _rates(c1, s1, picks_1, per) - _rates(c2, s2, picks_2, per)
    point = per * c1.sum() / s1.sum() - per * c2.sum() / s2.sum()
    return _summary(point, resampled, level)


def paired_difference(first: Sequence[float], second: Sequence[float], sizes: Sequence[float], per: float = 1000,
                      resamples: int = 2000, seed: int = 2026, level: float = 0.95) -> dict[str, float]:
    """Rate of `first` less rate of `second`, both counted in the same units (passages of one
    speaker, say "we" and "I"), the units resampled together exactly as `stats.bootstrap_rate`
    resamples them (same generator, same seed, so the same interval). Returns as `rate_difference`."""
    net, sizes_a = _arrays([f - s for f, s in zip(first, second, strict=True)], sizes)
    picks = _picks(len(net), resamples, np.random.default_rng(seed))
    return _summary(per * net.sum() / sizes_a.sum(), _rates(net, sizes_a, picks, per), level)


def share_differences(matrix: pd.DataFrame, groups: Sequence[str], first: str, second: str, seed: int = 2026,
                      alpha: float = 0.05) -> pd.DataFrame:
    """For each column (code) of a units-by-codes 0/1 `matrix`, the share of units of group
    `second` with the code less that of `first`, in points, with a 95% bootstrap interval over
    the units; Fisher's exact p; its Bonferroni and Holm adjustments over all the columns; and
    `verdict`: "established" where the Holm-adjusted p is at most `alpha`, else "not established".
    `groups` gives each unit's group, in the matrix's row order."""
    labels = pd.Series(list(groups), index=matrix.index)
    if len(labels) != len(matrix):
        raise ValueError(f"one group per unit: {len(labels)} groups for {len(matrix)} units")
    mine = {g: matrix[(labels == g).to_numpy()] for g in (first, second)}
    if any(part.empty for part in mine.values()):
        raise ValueError(f"both groups need units: {first!r} and {second!r}")
    rows = []
    for code in matrix.columns:
        flags = {g: mine[g][code].astype(int).tolist() for g in (first, second)}
        with_1, with_2 = sum(flags[first]), sum(flags[second])
        n_1, n_2 = len(flags[first]), len(flags[second])
        boot = rate_difference(flags[second], [1] * n_2, flags[first], [1] * n_1, per=100, seed=seed)
        rows.append({"code": code, f"{first} units": with_1, f"{first} %": 100 * with_1 / n_1,
                     f"{second} units": with_2, f"{second} %": 100 * with_2 / n_2,
                     "difference": boot["difference"], "low": boot["low"], "high": boot["high"],
                     "fisher_p": fisher_exact(with_1, n_1 - with_1, with_2, n_2 - with_2)})
    table = pd.DataFrame(rows)
    table["bonferroni_p"] = bonferroni(table["fisher_p"].tolist())
    table["holm_p"] = holm(table["fisher_p"].tolist())
    table["verdict"] = [ESTABLISHED if p <= alpha else NOT_ESTABLISHED for p in table["holm_p"]]
    table.attrs.update({"first": first, "second": second, "tests": len(table), "alpha": alpha})
    return table
