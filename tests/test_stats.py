"""Every statistic against values worked out by hand here, with the edge cases: zero counts, words
seen once, an empty part, identical texts."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.comparing.stats import (
    bonferroni_g2,
    collocations,
    dispersion,
    fightin_words,
    informative_prior,
    log_likelihood,
    log_ratio,
    mattr,
    mtld,
)


def test_log_likelihood_by_hand():
    # a=10, b=5, c=d=100: E1 = E2 = 100*15/200 = 7.5
    # G2 = 2*(10*ln(10/7.5) + 5*ln(5/7.5)) = 2*(2.876821 - 2.027326) = 1.698990
    assert log_likelihood(10, 5, 100, 100) == pytest.approx(1.698990, abs=1e-6)


def test_log_likelihood_with_a_zero_count_adds_nothing_for_it():
    # a=4, b=0, c=100, d=300: E1 = 100*4/400 = 1; G2 = 2*4*ln(4/1) = 8*1.386294 = 11.090355
    assert log_likelihood(4, 0, 100, 300) == pytest.approx(11.090355, abs=1e-6)
    assert log_likelihood(0, 0, 100, 300) == 0


def test_log_likelihood_of_identical_texts_is_zero():
    assert log_likelihood(7, 7, 120, 120) == pytest.approx(0)


def test_an_empty_text_is_refused():
    with pytest.raises(ValueError, match="both texts need tokens"):
        log_likelihood(1, 1, 0, 10)
    with pytest.raises(ValueError, match="both texts need tokens"):
        log_ratio(1, 1, 10, 0)


def test_log_ratio_by_hand():
    # (10/100) / (5/100) = 2 -> log2 = 1
    assert log_ratio(10, 5, 100, 100) == pytest.approx(1.0)
    # b = 0 becomes 0.5: (4/100) / (0.5/300) = 24 -> log2(24) = 4.584963
    assert log_ratio(4, 0, 100, 300) == pytest.approx(4.584963, abs=1e-6)
    assert log_ratio(7, 7, 120, 120) == 0


def test_bonferroni_threshold_by_hand():
    # one word at .05: the familiar 3.84 (1.959964**2 = 3.841459)
    assert bonferroni_g2(1) == pytest.approx(3.841459, abs=1e-5)
    # 50 words at .05: each at .001, whose critical value is 10.83 (METHODS.md)
    assert bonferroni_g2(50) == pytest.approx(10.828, abs=1e-3)
    with pytest.raises(ValueError):
        bonferroni_g2(0)


def test_dispersion_by_hand():
    # parts of 50, 30, 20 tokens: s = .5, .3, .2; the word 0, 3, 1 times: v = 0, .75, .25
    # DP = .5*(.5 + .45 + .05) = .5; DPnorm = .5 / (1 - .2) = .625
    dp, norm = dispersion([0, 3, 1], [50, 30, 20])
    assert dp == pytest.approx(0.5) and norm == pytest.approx(0.625)


def test_dispersion_edge_cases():
    assert dispersion([2, 2], [10, 10]) == (0.0, 0.0)  # perfectly even
    # seen once, in the first of two equal parts: DP = .5*(.5 + .5) = .5, DPnorm = .5/.5 = 1
    assert dispersion([1, 0], [10, 10]) == (pytest.approx(0.5), pytest.approx(1.0))
    assert all(math.isnan(x) for x in dispersion([0, 0], [10, 10]))  # never seen
    dp, norm = dispersion([3], [10])  # one part: DP 0, DPnorm undefined
    assert dp == 0 and math.isnan(norm)
    # an empty part counts with share 0: s = 1, 0; v = 1, 0 -> DP 0, DPnorm 0/(1 - 0) = 0
    assert dispersion([2, 0], [10, 0]) == (0.0, 0.0)
    with pytest.raises(ValueError):
        dispersion([1, 2], [10])


def test_fightin_words_by_hand():
    # y1 = (w1: 3, w2: 1), y2 = (w1: 1, w2: 3), flat prior 1 each: n1 = n2 = 4, a0 = 2
    # delta_w1 = ln(4/(4+2-3-1)) - ln(2/(4+2-1-1)) = ln 2 + ln 2 = 1.386294
    # var = 1/4 + 1/2 = .75; z = 1.386294/.866025 = 1.600754
    y1, y2 = pd.Series({"w1": 3, "w2": 1}), pd.Series({"w1": 1, "w2": 3})
    table = fightin_words(y1, y2, pd.Series({"w1": 1.0, "w2": 1.0}))
    assert table.loc["w1", "delta"] == pytest.approx(1.386294, abs=1e-6)
    assert table.loc["w1", "z"] == pytest.approx(1.600754, abs=1e-6)
    assert table.loc["w2", "z"] == pytest.approx(-1.600754, abs=1e-6)


def test_fightin_words_of_identical_texts_is_zero_and_words_seen_once_are_shrunk():
    same = pd.Series({"a": 5, "b": 2})
    assert (fightin_words(same, same, informative_prior(same, same))["z"].abs() < 1e-12).all()
    # a word seen once, in text 1 only. Pooled: the 100, once 1 (101), so alpha_once = 1, a0 = 101;
    # n1 = 51, n2 = 50: delta = ln(2/(51+101-1-1)) - ln(1/(50+101-0-1)) = ln 2 = .693147;
    # var = 1/2 + 1/1 = 1.5; z = .693147/1.224745 = .565952, far below 1.96
    y1, y2 = pd.Series({"the": 50, "once": 1}), pd.Series({"the": 50})
    z = fightin_words(y1, y2, informative_prior(y1, y2))["z"]
    assert z["once"] == pytest.approx(0.565952, abs=1e-6)


def test_informative_prior_by_hand():
    # pooled a: 3+1 = 4, b: 1+0 = 1 (total 5); alpha0 = 10 -> a: 8, b: 2
    prior = informative_prior(pd.Series({"a": 3, "b": 1}), pd.Series({"a": 1}), alpha0=10)
    assert prior.to_dict() == {"a": 8.0, "b": 2.0}
    with pytest.raises(ValueError):
        informative_prior(pd.Series(dtype=float), pd.Series(dtype=float))


def test_mattr_by_hand():
    # window 2 over a b a c: [a b] 1, [b a] 1, [a c] 1 -> 1.0
    assert mattr(list("abac"), window=2) == 1.0
    # a a b b: [a a] .5, [a b] 1, [b b] .5 -> 2/3
    assert mattr(list("aabb"), window=2) == pytest.approx(2 / 3)
    # shorter than the window: plain TTR, 2 types / 3 tokens
    assert mattr(list("aab"), window=50) == pytest.approx(2 / 3)
    assert math.isnan(mattr([]))


def test_mtld_by_hand():
    # a b a b a b: TTR falls to 2/3 <= .72 at the 3rd and 6th tokens -> 2 factors, 6/2 = 3 both ways
    assert mtld(list("ababab")) == pytest.approx(3.0)
    # forward a b a | c: 1 factor + (1 - 1/1)/.28 = 0 -> 4/1 = 4
    # backward c a b a: TTR 3/4 = .75 never <= .72 -> partial (1 - .75)/.28 = .892857 -> 4.48
    assert mtld(list("abac")) == pytest.approx((4 + 4 / ((1 - 0.75) / 0.28)) / 2)


def test_mtld_is_undefined_when_no_stretch_ever_falls():
    assert math.isnan(mtld(list("abcd")))


def test_collocations_by_hand():
    # words a b a b c: bigrams (a b) x2, (b a), (b c); PMI of (a b) = log2(2*5 / (2*2)) = 1.321928
    table = collocations(list("ababc"), min_freq=2, measure="pmi")
    assert table.values.tolist() == [["a b", 2, pytest.approx(1.321928, abs=1e-6)]]
    assert collocations(list("ababc"), min_freq=3).empty


def test_collocations_can_leave_out_pairs_with_ignored_words():
    # words a b c a b c a b: (a b) x3, (b c) x2, (c a) x2
    assert sorted(collocations(list("abcabcab"), min_freq=2)["bigram"]) == ["a b", "b c", "c a"]
    assert collocations(list("abcabcab"), min_freq=2, ignore={"c"})["bigram"].tolist() == ["a b"]
    assert collocations(list("abcabcab"), min_freq=2, ignore={"a"})["bigram"].tolist() == ["b c"]


def test_bootstrap_rate_of_units_that_all_share_one_rate_has_no_width():
    from helpers.comparing.stats import bootstrap_rate

    # every paragraph: 2 of 100 words -> 20 per 1,000 in every resample
    assert bootstrap_rate([2, 2, 2], [100, 100, 100]) == pytest.approx((20.0, 20.0, 20.0))


def test_bootstrap_rate_interval_holds_the_rate_and_is_reproducible():
    from helpers.comparing.stats import bootstrap_rate

    counts, sizes = [0, 5, 1, 3, 0, 2], [50, 60, 40, 80, 30, 40]
    rate, low, high = bootstrap_rate(counts, sizes)
    assert rate == pytest.approx(1000 * 11 / 300)
    assert low < rate < high and (low, high) == bootstrap_rate(counts, sizes)[1:]
    # a share of units: sizes of 1 and counts of 0 or 1, per 100
    share, low, high = bootstrap_rate([1, 0, 1, 1], [1, 1, 1, 1], per=100)
    assert share == 75 and 0 <= low <= 75 <= high <= 100


def test_bootstrap_rate_refuses_what_it_cannot_compute():
    from helpers.comparing.stats import bootstrap_rate

    with pytest.raises(ValueError, match="same, non-zero length"):
        bootstrap_rate([], [])
    with pytest.raises(ValueError, match="no words"):
        bootstrap_rate([0], [0])
    with pytest.raises(ValueError, match="level"):
        bootstrap_rate([1], [10], level=1.5)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: __import__("helpers").comparing.stats.mattr(["a", "b"], 0), "window must hold at least one word"),
    (lambda: __import__("helpers").comparing.stats.log_likelihood(5, 1, 3, 10), "a count must lie between 0"),
    (lambda: __import__("helpers").comparing.stats.bonferroni_g2(10, 1.5), "alpha is a probability"),
    (lambda: __import__("helpers").comparing.stats.bonferroni_g2(10, 0), "alpha is a probability"),
    (lambda: __import__("helpers").wilson_interval(5, 3), "successes must lie between 0 and n"),
    (lambda: __import__("helpers").wilson_interval(0, 0), "at least one trial"),
    (lambda: __import__("helpers").cohen_kappa([], []), "at least one coded item"),
], ids=["mattr window 0", "count over corpus", "alpha above 1", "alpha 0", "k over n", "no trials", "no items"])
def test_impossible_arguments_get_a_clear_message(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_fightin_words_refuses_a_one_word_vocabulary():
    from helpers.comparing.stats import fightin_words, informative_prior

    one, other = pd.Series({"a": 3}), pd.Series({"a": 2})
    with pytest.raises(ValueError, match="at least two different words"):
        fightin_words(one, other, informative_prior(one, other))


def test_the_lexical_summary_of_no_words_says_so():
    from conftest import small_tokens

    from helpers.comparing.vocabulary import lexical_summary

    empty = small_tokens([("A", "A:q1.a1", "Ann", ". ,")])
    with pytest.raises(ValueError, match="no word tokens"):
        lexical_summary(empty, "speaker")
