"""Every statistic against values worked out by hand here, with the edge cases: zero counts, words
seen once, an empty part, identical texts; and every public function's refusal of a NaN, a
negative count, a part larger than its whole, an empty text, with a message naming the argument."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.comparing.diversity import mattr, mtld
from helpers.comparing.stats import (
    bonferroni_g2,
    collocations,
    dispersion,
    fightin_words,
    informative_prior,
    log_likelihood,
    log_ratio,
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
    with pytest.raises(ValueError, match=r"c must be above 0 \(a text needs tokens\)"):
        log_likelihood(1, 1, 0, 10)
    with pytest.raises(ValueError, match=r"d must be above 0 \(a text needs tokens\)"):
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
    (lambda: __import__("helpers").comparing.diversity.mattr(["a", "b"], 0), "window must hold at least one word"),
    (lambda: __import__("helpers").comparing.stats.log_likelihood(5, 1, 3, 10), "a = 5 is more than c = 3"),
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


# The rate ratio, and chance and multiple testing for a discrete test -----------------------------

def test_rate_ratio_allows_for_the_texts_sizes():
    from helpers.comparing.stats import rate_ratio

    # 10 of 100 against 5 of 200: raw counts 2 to 1, rates .1 and .025, so 4 times as frequent
    assert rate_ratio(10, 5, 100, 200) == pytest.approx(4.0)
    assert math.log2(rate_ratio(10, 5, 100, 200)) == pytest.approx(log_ratio(10, 5, 100, 200))
    with pytest.raises(ValueError, match="b = 0: the rate ratio is infinite"):
        rate_ratio(3, 0, 100, 100)


def test_the_largest_g2_of_a_total_is_all_of_it_in_the_smaller_text():
    from helpers.comparing.chance import max_g2

    # 4 occurrences, c = 100, d = 300: all in text 1 gives 2·4·ln(400/100) = 8·1.386294 = 11.090355
    assert max_g2(4, 100, 300) == pytest.approx(11.090355, abs=1e-6)
    assert max_g2(4, 100, 300) == pytest.approx(max(log_likelihood(a, 4 - a, 100, 300) for a in range(5)))
    assert max_g2(0, 100, 300) == 0


def test_pass_probability_by_hand():
    from helpers.comparing.chance import pass_probability

    # equal texts (each occurrence in text 1 with p = .5). Total 2: the splits 2-0 and 0-2 give
    # G² = 2·2·ln 2 = 2.772589, 1-1 gives 0. Above 2: P(2-0) + P(0-2) = .25 + .25; above 3.84: never.
    assert pass_probability(2, 50, 50, 2.0) == pytest.approx(0.5)
    assert pass_probability(2, 50, 50, 3.84) == 0
    # total 3: 3-0 gives 2·3·ln 2 = 4.158883 > 3.84; 2-1 gives 2(2 ln(2/1.5) + ln(1/1.5)) = 0.339798
    assert pass_probability(3, 50, 50, 3.84) == pytest.approx(2 / 8)
    # so a discrete test on small counts is not at its nominal 5%: .25 for a total of 3, 0 for 2,
    # and for 5 only the splits 5-0 and 0-5 pass (4-1 gives 2(4 ln 1.6 + ln .4) = 1.93): 2/32
    assert pass_probability(5, 50, 50, 3.84) == pytest.approx(2 / 32)


def test_expected_false_positives_by_hand():
    from helpers.comparing.chance import expected_false_positives

    # two words of 3 (each passes with .25) and one of 1 (never): expected .5. The number passing
    # is 0 with .75² = .5625, 1 with 2·.25·.75 = .375, 2 with .0625: the central 95% runs 0 to 2
    assert expected_false_positives([3, 3, 1], 50, 50, 3.84) == (pytest.approx(0.5), 0, 2)
    # at the 50% level: cumulative .5625 reaches .25 and .75 at 0 and 1
    assert expected_false_positives([3, 3, 1], 50, 50, 3.84, level=0.5)[1:] == (0, 1)
    assert expected_false_positives([1, 2], 50, 50, 3.84) == (0.0, 0, 0)  # none can ever pass


def test_tarone_counts_only_the_words_that_can_pass():
    from helpers.comparing.chance import tarone

    # c = d: a word of total n reaches at most 2·n·ln 2 = 1.386294·n. Three words of 10 (13.86), three
    # of 1 (1.39) and one of 2 (2.77). K = 1: G² 3.84, three words can pass (> 1); K = 2: 5.02, three
    # (> 2); K = 3: 5.73, three (≤ 3): K = 3, each of the three tested at .05/3, not at .05/7
    k, testable, limit = tarone([10, 10, 10, 1, 1, 1, 2], 50, 50)
    assert (k, testable) == (3, 3) and limit == pytest.approx(bonferroni_g2(3))
    assert limit < bonferroni_g2(7)
    # no word can pass at all: K = 1, none testable
    assert tarone([1, 1], 50, 50)[:2] == (1, 0)


# Lexical diversity of many texts at once, and the bootstrap ------------------------------------

def _as_ids(words):
    codes = {w: k for k, w in enumerate(dict.fromkeys(words))}
    return np.array([codes[w] for w in words], dtype=np.int64)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from("abcdefgh"), max_size=40), min_size=1, max_size=6),
       st.integers(1, 12), st.sampled_from([0.5, 0.72, 0.9]))
def test_mattr_and_mtld_of_many_texts_are_those_of_each(texts, window, threshold):
    from helpers.comparing.diversity import mattr_many, mtld_many

    ids = [_as_ids(t) for t in texts]
    np.testing.assert_allclose(mattr_many(ids, window), [mattr(t, window) for t in texts], rtol=1e-12)
    np.testing.assert_allclose(mtld_many(ids, threshold), [mtld(t, threshold) for t in texts], rtol=1e-12)


def test_mattr_many_by_hand():
    from helpers.comparing.diversity import mattr_many, mtld_many

    # a b a c (MATTR 1.0 with window 2), a a b b (2/3), and an empty text (NaN)
    values = mattr_many([_as_ids("abac"), _as_ids("aabb"), np.array([], dtype=np.int64)], window=2)
    assert values[:2].tolist() == [1.0, pytest.approx(2 / 3)] and math.isnan(values[2])
    assert mtld_many([_as_ids("ababab")]).tolist() == [3.0]
    with pytest.raises(ValueError, match="sequence 0 must hold word ids"):
        mattr_many([np.array([-1, 2])])


def test_resample_units_draws_whole_units_with_replacement():
    from helpers.comparing.stats import resample_units

    units = [np.array([0, 1]), np.array([2]), np.array([3, 4, 5])]
    texts = resample_units(units, 50, np.random.default_rng(7))
    again = resample_units(units, 50, np.random.default_rng(7))
    assert len(texts) == 50 and all((x == y).all() for x, y in zip(texts, again, strict=True))
    for text in texts:  # three units drawn each time, each whole, so the text parses back into units
        rest, drawn = text.tolist(), 0
        while rest:
            unit = next(u.tolist() for u in units if rest[:len(u)] == u.tolist())
            rest, drawn = rest[len(unit):], drawn + 1
        assert drawn == 3


def test_percentile_interval_by_hand():
    from helpers.comparing.stats import percentile_interval

    # 1..100, linear interpolation: the 2.5th percentile sits at rank 0.025·99 = 2.475 -> 3.475
    assert percentile_interval(range(1, 101)) == (pytest.approx(3.475), pytest.approx(97.525))
    assert percentile_interval([1.0, float("nan"), 3.0], level=0.5) == (1.5, 2.5)
    with pytest.raises(ValueError, match="no finite replicate"):
        percentile_interval([float("nan")])


# Every public function refuses what it cannot compute, naming the argument -----------------------

NAN = float("nan")


def _stats():
    """The statistics modules' public functions in one namespace."""
    from types import SimpleNamespace

    from helpers.comparing import chance, diversity, stats

    return SimpleNamespace(**{**vars(stats), **vars(chance), **vars(diversity)})


@pytest.mark.parametrize(("call", "message"), [
    (lambda s: s.log_likelihood(NAN, 1, 10, 10), "a is NaN"),
    (lambda s: s.log_likelihood(1, -1, 10, 10), "b must be at least 0"),
    (lambda s: s.log_likelihood(1, 11, 10, 10), "b = 11 is more than d = 10"),
    (lambda s: s.log_likelihood(1, 1, NAN, 10), "c is NaN"),
    (lambda s: s.log_ratio(-2, 1, 10, 10), "a must be at least 0"),
    (lambda s: s.log_ratio(1, 1, 10, -5), "d must be above 0"),
    (lambda s: s.rate_ratio(1, NAN, 10, 10), "b is NaN"),
    (lambda s: s.bonferroni_g2(NAN), "words_tested is NaN"),
    (lambda s: s.bonferroni_g2(2.5), "words_tested must be a whole number"),
    (lambda s: s.bonferroni_g2(10, NAN), "alpha is NaN"),
    (lambda s: s.max_g2(-1, 10, 10), "total must be at least 0"),
    (lambda s: s.max_g2(3, 0, 10), "c must be above 0"),
    (lambda s: s.pass_probability(3, 10, 10, NAN), "critical is NaN"),
    (lambda s: s.pass_probability(3, 10, 10, -1), "critical must be at least 0"),
    (lambda s: s.expected_false_positives([3, NAN], 10, 10, 3.84), "totals holds NaN at position 1"),
    (lambda s: s.expected_false_positives([3, -2], 10, 10, 3.84), "totals holds a negative count"),
    (lambda s: s.expected_false_positives([3], 10, 10, 3.84, level=1), "level is a probability"),
    (lambda s: s.tarone([3, -1], 10, 10), "totals holds a negative count"),
    (lambda s: s.tarone([3], 0, 10), "c must be above 0"),
    (lambda s: s.tarone([3], 10, 10, alpha=NAN), "alpha is NaN"),
    (lambda s: s.dispersion([1, NAN], [10, 10]), "occurrences holds NaN"),
    (lambda s: s.dispersion([1, -1], [10, 10]), "occurrences holds a negative count"),
    (lambda s: s.dispersion([1, 1], [10, -10]), "part_sizes holds a negative count"),
    (lambda s: s.dispersion([1, 12], [10, 10]), "part 1 holds 12 occurrences but only 10 tokens"),
    (lambda s: s.dispersion([0, 0], [0, 0]), "part_sizes: the parts hold no tokens"),
    (lambda s: s.informative_prior(pd.Series({"a": NAN}), pd.Series({"a": 1})), "counts_1 holds NaN"),
    (lambda s: s.informative_prior(pd.Series({"a": 1}), pd.Series({"a": -1})), "counts_2 holds a negative count"),
    (lambda s: s.informative_prior(pd.Series({"a": 1}), pd.Series({"a": 1}), alpha0=0), "alpha0 must be above 0"),
    (lambda s: s.informative_prior(pd.Series({"a": 1}), pd.Series({"a": 1}), alpha0=NAN), "alpha0 is NaN"),
    (lambda s: s.fightin_words(pd.Series({"a": -1, "b": 1}), pd.Series({"a": 1}), pd.Series({"a": 1.0, "b": 1.0})),
     "counts_1 holds a negative count"),
    (lambda s: s.fightin_words(pd.Series({"a": 1}), pd.Series({"a": 1}), pd.Series({"a": 1.0, "b": NAN})),
     "prior: every prior count must be positive"),
    (lambda s: s.mattr(["a", NAN]), "words must hold words"),
    (lambda s: s.mattr(["a"], NAN), "window is NaN"),
    (lambda s: s.mtld(["a", "b"], threshold=1.2), "threshold is a probability"),
    (lambda s: s.mtld(["a", None]), "words must hold words"),
    (lambda s: s.mattr_many([]), "at least one sequence"),
    (lambda s: s.mtld_many([np.array([0.5])]), "sequence 0 must hold word ids"),
    (lambda s: s.collocations(["a", "b"], min_freq=0), "min_freq must be at least 1"),
    (lambda s: s.collocations(["a", "b"], window=1), "window must be at least 2"),
    (lambda s: s.collocations(["a", "b"], measure="dice"), "measure must be one of"),
    (lambda s: s.bootstrap_rate([1, NAN], [10, 10]), "counts holds NaN"),
    (lambda s: s.bootstrap_rate([1, 1], [10, -10]), "sizes holds a negative count"),
    (lambda s: s.bootstrap_rate([1, 11], [10, 10]), "unit 1 counts 11 in 10 words"),
    (lambda s: s.bootstrap_rate([1], [10], per=0), "per must be above 0"),
    (lambda s: s.bootstrap_rate([1], [10], resamples=0), "resamples must be at least 1"),
    (lambda s: s.percentile_interval([1, 2], level=NAN), "level is NaN"),
    (lambda s: s.resample_units([]), "at least one unit"),
    (lambda s: s.resample_units([np.array([1])], resamples=-3), "resamples must be at least 1"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_every_statistic_refuses_nan_negative_and_impossible_arguments(call, message):
    with pytest.raises(ValueError, match=message):
        call(_stats())


def test_a_net_count_may_be_negative_in_bootstrap_rate():
    from helpers.comparing.stats import bootstrap_rate

    # "we" less "I" per paragraph (counts.difference_interval): −2 of 10 and +4 of 10 -> 2 of 20
    assert bootstrap_rate([-2, 4], [10, 10])[0] == pytest.approx(100.0)
