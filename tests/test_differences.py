"""Differences tested, not read off two intervals: Fisher's exact test and the Holm correction
worked by hand (and cross-checked against scipy and statsmodels in `tests/test_libraries.py`,
which imports them anyway); the bootstrap of a difference on cases whose answer is known; the
per-code comparison of two groups of units; the exact binomial (sign) test and the one-sample t
test against scipy."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.comparing.differences import (
    binomial_test,
    bonferroni,
    fisher_exact,
    holm,
    monte_carlo_error,
    paired_difference,
    rate_difference,
    share_differences,
    t_test,
)
from helpers.comparing.stats import bootstrap_rate


def test_fisher_exact_matches_the_hand_worked_value():
    # [[1, 3], [3, 1]]: margins 4, 4 / 4, 4, n = 8; P(x) = C(4, x)·C(4, 4 − x) / C(8, 4) = 1, 16, 36,
    # 16, 1 over 70 for x = 0..4. Observed x = 1 (16/70); the tables no more probable are x = 0, 1,
    # 3, 4: p = (1 + 16 + 16 + 1) / 70 = 34/70.
    assert fisher_exact(1, 3, 3, 1) == pytest.approx(34 / 70, abs=1e-15)
    # the most probable table: every table is no more probable, p = 1
    assert fisher_exact(2, 2, 2, 2) == 1.0
    # [[3, 0], [0, 3]]: C(3, x)·C(3, 3 − x) / 20 = 1, 9, 9, 1 over 20; p = (1 + 1) / 20
    assert fisher_exact(3, 0, 0, 3) == pytest.approx(0.1, abs=1e-15)


def test_fisher_exact_refuses_what_is_not_a_table():
    with pytest.raises(ValueError, match="counts"):
        fisher_exact(1, -1, 2, 2)
    with pytest.raises(ValueError, match="empty"):
        fisher_exact(0, 0, 0, 0)


def test_holm_and_bonferroni_match_the_hand_worked_values():
    # sorted: .005 (x4 = .02), .01 (x3 = .03), .03 (x2 = .06), .04 (x1 = .04, raised to .06)
    assert holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert bonferroni([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.04, 0.16, 0.12, 0.02])
    assert holm([0.5, 0.9]) == [1.0, 1.0] and bonferroni([0.6]) == [0.6] and holm([]) == []


def test_a_paired_difference_resamples_as_bootstrap_rate_does():
    first, second, sizes = [3, 0, 5, 2, 1], [1, 1, 0, 2, 0], [40, 30, 60, 50, 20]
    found = paired_difference(first, second, sizes, seed=7)
    rate, low, high = bootstrap_rate([f - s for f, s in zip(first, second, strict=True)], sizes, seed=7)
    assert (found["difference"], found["low"], found["high"]) == pytest.approx((rate, low, high))
    assert found["difference"] == pytest.approx(1000 * 7 / 200)


def test_a_difference_that_no_resample_reverses_has_the_smallest_p():
    # group 1 is 500 per 1,000 in every passage, group 2 100: every resample differs by 400
    found = rate_difference([5, 5, 5], [10, 10, 10], [1, 1], [10, 10])
    assert (found["difference"], found["low"], found["high"]) == pytest.approx((400, 400, 400))
    assert found["at_or_below_0"] == 0 and found["p"] == pytest.approx(2 / 2001)


def test_no_difference_has_p_one():
    found = rate_difference([1, 1], [10, 10], [2, 2], [20, 20])
    assert (found["difference"], found["low"], found["high"], found["p"]) == (0, 0, 0, 1.0)


def test_share_differences_compare_each_code_with_fisher_and_holm():
    # group a: 4 units, code x in none; group b: 4 units, code x in all; code y in one of each
    matrix = pd.DataFrame({"x": [0, 0, 0, 0, 1, 1, 1, 1], "y": [1, 0, 0, 0, 0, 1, 0, 0]},
                          index=[f"u{i}" for i in range(8)])
    table = share_differences(matrix, ["a"] * 4 + ["b"] * 4, "a", "b").set_index("code")
    assert table.loc["x", ["a units", "b units", "difference"]].tolist() == [0, 4, 100.0]
    # x: [[0, 4], [4, 0]], C(4, x)·C(4, 4 − x) / 70: only x = 0 and x = 4 are as improbable, p = 2/70
    assert table.loc["x", "fisher_p"] == pytest.approx(2 / 70)
    assert table.loc["y", "fisher_p"] == 1.0 and table.loc["y", "difference"] == 0
    assert table.loc["x", "holm_p"] == pytest.approx(4 / 70) and table.loc["x", "bonferroni_p"] == pytest.approx(4 / 70)
    assert table["verdict"].tolist() == ["not established", "not established"]
    assert share_differences(matrix, ["a"] * 4 + ["b"] * 4, "a", "b", alpha=0.06).iloc[0]["verdict"] == "established"


def test_share_differences_need_both_groups():
    matrix = pd.DataFrame({"x": [0, 1]})
    with pytest.raises(ValueError, match="both groups"):
        share_differences(matrix, ["a", "a"], "a", "b")


def test_the_monte_carlo_error_of_a_bootstrap_p_is_its_binomial_error():
    # p = 2k/B with k ~ Binomial(B, p/2): variance 4 (p/2)(1 - p/2) / B = p (2 - p) / B
    assert monte_carlo_error(0.02, 2000) == pytest.approx((0.02 * 1.98 / 2000) ** 0.5)
    assert monte_carlo_error(0.02, 100_000) < monte_carlo_error(0.02, 2000) / 7
    assert monte_carlo_error(1.0, 2000) == pytest.approx((1 / 2000) ** 0.5) and monte_carlo_error(0.0, 10) == 0
    with pytest.raises(ValueError, match="p must lie"):
        monte_carlo_error(1.5, 10)
    with pytest.raises(ValueError, match="resamples"):
        monte_carlo_error(0.5, 0)


def _paragraph_tokens() -> tuple[pd.DataFrame, pd.DataFrame]:
    """One speaker, three passages: p1, then p2 cut at a page break and continued by p3."""
    passages = pd.DataFrame({"passage_id": ["900:q1.a1", "900:q1.a1.p2", "900:q1.a1.p3"],
                             "continues": ["", "", "900:q1.a1.p2"]})
    tokens = pd.DataFrame({"speaker": ["A"] * 6, "passage_id": ["900:q1.a1"] * 2 + ["900:q1.a1.p2"] * 2
                           + ["900:q1.a1.p3"] * 2, "norm": ["we", "i", "we", "we", "i", "saw"],
                           "is_word": [True] * 6})
    tokens.attrs["speech"] = "answers"
    return tokens, passages


def test_a_page_fragment_is_resampled_with_the_paragraph_it_continues():
    from helpers.comparing.counts import difference_interval, printed_paragraphs

    tokens, passages = _paragraph_tokens()
    joined = printed_paragraphs(tokens, passages)
    assert joined["paragraph"].tolist() == ["900:q1.a1"] * 2 + ["900:q1.a1.p2"] * 4
    assert joined.attrs == {"speech": "answers"}
    by_passage = difference_interval(tokens, {"we"}, {"i"}, resamples=500)
    by_paragraph = difference_interval(joined, {"we"}, {"i"}, resamples=500, unit="paragraph")
    assert by_passage.loc["A", "units"] == 3 and by_paragraph.loc["A", "units"] == 2
    assert by_paragraph.loc["A", "difference"] == by_passage.loc["A", "difference"] == round(1000 / 6, 1)
    assert by_paragraph.attrs["resamples"] == 500 and by_paragraph.attrs["unit"] == "paragraph"
    assert by_paragraph.loc["A", "p_error"] == pytest.approx(monte_carlo_error(by_paragraph.loc["A", "p"], 500))
    with pytest.raises(ValueError, match="printed_paragraphs"):
        difference_interval(tokens, {"we"}, {"i"}, unit="paragraph")


def test_the_binomial_test_matches_the_hand_worked_values_and_scipy():
    from scipy.stats import binomtest

    assert binomial_test(8, 9) == pytest.approx(2 * 10 / 512, abs=1e-15)  # the sign test of 8 of 9 units
    assert binomial_test(0, 1) == 1.0 and binomial_test(5, 10) == 1.0
    for k, n in [(18, 24), (48, 64), (23, 29), (3, 17), (0, 6), (12, 12)]:
        assert binomial_test(k, n) == pytest.approx(binomtest(k, n).pvalue, rel=1e-12)
    with pytest.raises(ValueError, match="successes"):
        binomial_test(5, 4)


def test_the_t_test_matches_scipy_for_odd_and_even_degrees_of_freedom():
    from scipy.stats import ttest_1samp

    for values in ([1.0, 2.0], [1.0, 2.5, -0.5], [3.0, -1.0, 2.0, 0.5], [4.0, 2.0, 3.0, 1.0, 1.0, 1.0, 2.0, 3.0, -2.0],
                   [0.1 * k - 1.2 for k in range(41)], [5.0, 5.1, 4.9, 5.2, 5.0, 4.8]):
        ours, theirs = t_test(values), ttest_1samp(values, 0)
        assert ours["t"] == pytest.approx(theirs.statistic, rel=1e-12)
        assert ours["p"] == pytest.approx(theirs.pvalue, rel=1e-9, abs=1e-15)
    with pytest.raises(ValueError, match="do not vary"):
        t_test([2.0, 2.0, 2.0])
