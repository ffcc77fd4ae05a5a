"""Measures written out in `helpers` are cross-checked against the well-kept libraries that also
compute them (test dependencies only): MATTR and MTLD against lexicalrichness, the Bonferroni G²
threshold against scipy's chi-squared quantile, the Wilson interval against statsmodels, Fisher's
exact test against scipy and the Holm and Bonferroni adjustments against statsmodels."""

from __future__ import annotations

import pytest

from helpers.annotating.tagcheck import wilson_interval
from helpers.comparing.differences import bonferroni, fisher_exact, holm
from helpers.comparing.stats import bonferroni_g2, mattr, mtld

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
