"""Measures written out in `helpers` are cross-checked against the well-kept libraries that also
compute them (test dependencies only): MATTR and MTLD against lexicalrichness; the Bonferroni and
Tarone G² thresholds against scipy's chi-squared quantile; the chance of a word passing against
scipy's binomial and G-test, and its range against scipy's Poisson-binomial; the Wilson interval
against statsmodels; Fisher's exact test against scipy and the Holm and Bonferroni adjustments
against statsmodels."""

from __future__ import annotations

import pytest

from helpers.annotating.tagcheck import wilson_interval
from helpers.comparing.differences import bonferroni, fisher_exact, holm
from helpers.comparing.diversity import mattr, mtld
from helpers.comparing.stats import bonferroni_g2

TEXT = " ".join([
    "the war came to our door and we organised the first collection of aid for the city and the",
    "region while the council said nothing and the people of the city waited for help from the",
    "comrades of the party who came with food and medicine and clothing every week of the summer",
]).split()


def test_mattr_and_mtld_agree_with_lexicalrichness():
    from lexicalrichness import LexicalRichness

    lex = LexicalRichness(" ".join(TEXT))
    assert lex.words == len(TEXT)
    assert mattr(TEXT, 10) == pytest.approx(lex.mattr(window_size=10))
    assert mtld(TEXT, 0.72) == pytest.approx(lex.mtld(threshold=0.72))


@pytest.mark.parametrize(("words", "alpha"), [(1, 0.05), (1118, 0.05), (674, 0.05), (50, 0.01)])
def test_the_bonferroni_threshold_is_scipy_s_chi_squared_quantile(words, alpha):
    from scipy.stats import chi2

    assert bonferroni_g2(words, alpha) == pytest.approx(chi2.isf(alpha / words, 1), rel=1e-9)


@pytest.mark.parametrize(("k", "n"), [(199, 204), (0, 10), (10, 10), (7, 30)])
def test_the_wilson_interval_is_statsmodels_at_z_1_96(k, n):
    from scipy.stats import norm
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(k, n, alpha=2 * norm.sf(1.96), method="wilson")
    assert wilson_interval(k, n) == pytest.approx((low, high), abs=1e-12)


@pytest.mark.parametrize("table", [(3, 38, 7, 10), (6, 35, 7, 10), (8, 33, 1, 16), (0, 41, 0, 17), (21, 20, 8, 9),
                                   (0, 5, 5, 0), (1, 0, 0, 0), (12, 29, 5, 12), (40, 1, 2, 15)])
def test_fisher_exact_agrees_with_scipy(table):
    from scipy.stats import fisher_exact as scipy_fisher

    assert fisher_exact(*table) == pytest.approx(scipy_fisher([table[:2], table[2:]]).pvalue, rel=1e-9)


def test_holm_agrees_with_statsmodels():
    from statsmodels.stats.multitest import multipletests

    p = [0.0044, 0.040, 0.040, 0.065, 0.065, 0.2, 0.5, 0.51, 1.0, 0.03, 0.7, 0.011]
    assert holm(p) == pytest.approx(list(multipletests(p, method="holm")[1]))
    assert bonferroni(p) == pytest.approx(list(multipletests(p, method="bonferroni")[1]))


def _scipy_g2(a: int, b: int, c: float, d: float) -> float:
    from scipy.stats import power_divergence

    expected = [c * (a + b) / (c + d), d * (a + b) / (c + d)]
    return float(power_divergence([a, b], expected, lambda_="log-likelihood").statistic)


@pytest.mark.parametrize(("total", "c", "d", "critical"), [(3, 50, 50, 3.84), (11, 1814, 1723, 3.84),
                                                            (26, 817, 906, 6.63), (60, 1814, 1723, 16.66)])
def test_the_chance_of_passing_is_scipy_s_binomial_sum_over_scipy_s_g_test(total, c, d, critical):
    from scipy.stats import binom

    from helpers.comparing.chance import pass_probability
    from helpers.comparing.stats import log_likelihood

    assert log_likelihood(7, 26, 1814, 1723) == pytest.approx(_scipy_g2(7, 26, 1814, 1723), rel=1e-12)
    expected = sum(binom.pmf(a, total, c / (c + d)) for a in range(total + 1)
                   if _scipy_g2(a, total - a, c, d) > critical)
    assert pass_probability(total, c, d, critical) == pytest.approx(expected, rel=1e-9, abs=1e-15)


def test_the_chance_range_is_scipy_s_poisson_binomial():
    from scipy.stats import poisson_binom

    from helpers.comparing.chance import expected_false_positives, pass_probability

    totals, c, d = [3, 3, 4, 5, 6, 8, 11, 1, 2, 26, 40], 817, 906
    chances = [pass_probability(n, c, d, 3.84) for n in totals]
    expected, low, high = expected_false_positives(totals, c, d, 3.84)
    assert expected == pytest.approx(poisson_binom.mean(chances), rel=1e-12)
    assert (low, high) == (poisson_binom.ppf(0.025, chances), poisson_binom.ppf(0.975, chances))


def test_tarone_s_threshold_is_scipy_s_chi_squared_quantile_for_its_k():
    from scipy.stats import chi2

    from helpers.comparing.chance import max_g2, tarone

    totals, c, d = [1, 1, 2, 3, 5, 8, 13, 21, 2, 1, 4, 6], 1814, 1723
    k, testable, limit = tarone(totals, c, d)
    assert limit == pytest.approx(chi2.isf(0.05 / k, 1), rel=1e-9)
    # Tarone's rule, with scipy's minimum attainable p-values: K is the smallest with m(K) <= K
    smallest_p = [chi2.sf(max_g2(n, c, d), 1) for n in totals]
    m = [sum(p < 0.05 / j for p in smallest_p) for j in range(1, len(totals) + 1)]
    assert k == next(j for j in range(1, len(totals) + 1) if m[j - 1] <= j) and testable == m[k - 1]
