"""Measures written out in `helpers` are cross-checked against the well-kept libraries that also
compute them (test dependencies only): MATTR and MTLD against lexicalrichness, the Bonferroni G²
threshold against scipy's chi-squared quantile, and the Wilson interval against statsmodels."""

from __future__ import annotations

import pytest

from helpers.annotating.tagcheck import wilson_interval
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
