"""Key-word tables on a text built so that every figure can be worked out by hand."""

from __future__ import annotations

import math

import pytest
from conftest import small_tokens

from helpers.comparing.keyness import (
    chance_by_threshold,
    fightin_words_table,
    key_words,
    keyness,
    threshold,
    turn_dispersion,
)
from helpers.comparing.stats import bonferroni_g2

# A: two turns of 15 words (war ×10, the ×5); B: one turn of 30 words (peace ×20, the ×10).
TEXT = small_tokens([
    ("A", "A:q1.a1", "Ann", "war " * 10 + "the " * 5),
    ("A", "A:q2.a1", "Ann", "the " * 5 + "war " * 10),
    ("B", "B:q1.a1", "Bob", "peace " * 20 + "the " * 10),
])


def test_keyness_by_hand():
    table = keyness(TEXT, "interview", "A", "B").set_index("word")
    # war: a=20, b=0, c=d=30. E1 = 30·20/60 = 10; G2 = 2·20·ln(20/10) = 40·0.693147 = 27.725887
    # Log Ratio: b=0 counts 0.5: log2((20/30)/(0.5/30)) = log2(40) = 5.321928
    assert table.loc["war", "g2"] == pytest.approx(27.725887, abs=1e-6)
    assert table.loc["war", "log_ratio"] == pytest.approx(5.321928, abs=1e-6)
    assert table.loc["peace", "log_ratio"] == pytest.approx(-5.321928, abs=1e-6)
    # the: 10 in each text of 30 -> expected 10 each, G2 0, Log Ratio 0, used equally
    assert table.loc["the", ["g2", "log_ratio", "more_in", "key"]].tolist() == [0, 0, "equal", False]
    assert table.loc["war", ["a", "b", "per_1000_1", "per_1000_2", "more_in", "key"]].tolist() == [
        20, 0, 666.67, 0.0, "A", True]


def test_the_threshold_corrects_for_every_word_tested():
    table = keyness(TEXT, "interview", "A", "B")
    assert table.attrs["words_tested"] == 3
    assert table.attrs["threshold"] == bonferroni_g2(3)
    assert keyness(TEXT, "interview", "A", "B", correction="floor").attrs["threshold"] == 15.13
    with pytest.raises(ValueError):
        threshold(3, "holm")  # not a correction this module knows


def test_an_empty_side_is_refused():
    with pytest.raises(ValueError, match="no words"):
        keyness(TEXT, "interview", "A", "C")


def test_dispersion_over_the_turns_of_the_text_that_uses_the_word_more():
    spread = turn_dispersion(TEXT, "interview", "A", ["war", "the"]).set_index("word")
    # two turns of 15 words (shares .5, .5); war 10 and 10 -> DP = ½(|.5-.5| + |.5-.5|) = 0
    assert spread.loc["war", ["dp", "dp_norm", "passages"]].tolist() == [0, 0, 2]


def test_key_words_flag_a_word_found_in_one_passage_only():
    keys = key_words(keyness(TEXT, "interview", "A", "B"), TEXT, "interview").set_index("word")
    assert list(keys.index) == ["war", "peace"]
    assert not keys.loc["war", "one_passage"]
    assert bool(keys.loc["peace", "one_passage"])
    # B is one turn: DP = 0 and DPnorm = 0/(1 − 1) is undefined
    assert keys.loc["peace", "dp"] == 0 and math.isnan(keys.loc["peace", "dp_norm"])


def test_fightin_words_by_hand_with_the_pooled_prior():
    table = fightin_words_table(TEXT, "interview", "A", "B").set_index("word")
    # prior = pooled counts: war 20, the 20, peace 20; alpha0 = 60. war: y1=20, y2=0, n1=n2=30
    # delta = ln(40/(30+60−20−20)) − ln(20/(30+60−0−20)) = ln(0.8) − ln(2/7) = −0.223144 + 1.252763
    # var = 1/40 + 1/20 = 0.075; z = 1.029619 / 0.273861 = 3.759639
    assert table.attrs["alpha0"] == 60
    assert table.loc["war", "delta"] == pytest.approx(1.029619, abs=1e-6)
    assert table.loc["war", "z"] == pytest.approx(3.759639, abs=1e-5)
    assert table.loc["peace", "z"] == pytest.approx(-3.759639, abs=1e-5)
    assert table.loc["the", "z"] == pytest.approx(0)
    assert list(table.index) == ["war", "the", "peace"]


# A text with rare words beside the frequent ones, for the corrections that count only the words
# that can pass: A has war ×10, the ×5 and once each a, b, c; B has peace ×10, the ×5, d once.
RARE = small_tokens([
    ("A", "A:q1.a1", "Ann", "war " * 10 + "the " * 5 + "a b c"),
    ("B", "B:q1.a1", "Bob", "peace " * 10 + "the " * 5 + "d"),
])


def test_tarone_counts_only_the_words_that_can_pass():
    # sizes 18 and 16; a word of total n reaches at most 2n·ln(34/16) = 1.507592·n. war and peace
    # (10: 15.08) can pass a Bonferroni G² of 3.84 to 5.73; the (10: 15.08) too; a, b, c, d (1: 1.51)
    # never. K = 1: three can pass (> 1); K = 2: three (> 2); K = 3: three (≤ 3) -> .05/3, not .05/7
    table = keyness(RARE, "interview", "A", "B", correction="tarone")
    assert table.attrs["words_tested"] == 7 and table.attrs["correction_words"] == 3
    assert table.attrs["threshold"] == pytest.approx(bonferroni_g2(3))
    assert keyness(RARE, "interview", "A", "B").attrs["correction_words"] == 7
    assert threshold(7, "tarone", totals=[10, 10, 10, 1, 1, 1, 1], sizes=(18, 16)) == pytest.approx(bonferroni_g2(3))
    with pytest.raises(ValueError, match="Tarone's correction needs every word's total"):
        threshold(7, "tarone")


def test_chance_by_threshold_counts_what_could_pass_and_what_chance_gives():
    from helpers.comparing.chance import expected_false_positives

    table = keyness(RARE, "interview", "A", "B")
    chance = chance_by_threshold(table)
    assert chance.index.tolist() == ["p < .05", "p < .01", "p < .001", "p < .0001", "Bonferroni", "Tarone"]
    # at p < .05 the three words of 10 can pass (15.08 > 3.84), the four seen once cannot (1.51)
    assert chance.loc["p < .05", "can_pass"] == 3
    # war (10 against 0) and peace (0 against 10) pass: G² = 2·10·ln(34/18) = 12.72, 2·10·ln(34/16) = 15.08
    assert chance.loc["p < .05", ["A", "B", "passing"]].tolist() == [1, 1, 2]
    assert chance.loc["p < .0001", ["A", "B"]].tolist() == [0, 0]
    expected = expected_false_positives([10, 10, 10, 1, 1, 1, 1], 18, 16, 3.84)
    assert chance.loc["p < .05", ["expected_by_chance", "chance_low", "chance_high"]].tolist() == [
        pytest.approx(expected[0]), expected[1], expected[2]]
    assert chance.loc["Tarone", "g2"] == pytest.approx(bonferroni_g2(3)) and chance.attrs["tarone_k"] == 3


@pytest.mark.parametrize(("call", "message"), [
    (lambda: keyness(TEXT, "interview", "A", "A"), "first and second are both 'A'"),
    (lambda: keyness(TEXT, "side", "A", "B"), "by: the token table has no column 'side'"),
    (lambda: keyness(TEXT, "interview", "A", "B", alpha=float("nan")), "alpha is NaN"),
    (lambda: keyness(TEXT, "interview", "A", "B", correction="holm"), "correction must be one of"),
    (lambda: threshold(0), "words_tested must be at least 1"),
    (lambda: threshold(3, alpha=2), "alpha is a probability"),
    (lambda: threshold(3, "tarone", totals=[1, 2], sizes=(10, 10)), "totals: 2 totals for 3 words"),
    (lambda: threshold(2, "tarone", totals=[1, -2], sizes=(10, 10)), "totals holds a negative count"),
    (lambda: threshold(2, "tarone", totals=[1, 2], sizes=(0, 10)), "c must be above 0"),
    (lambda: turn_dispersion(TEXT, "interview", "C", ["war"]), "value: no words where interview is 'C'"),
    (lambda: key_words(keyness(TEXT, "interview", "A", "B").assign(a=-1), TEXT, "interview"),
     "column 'a' holds NaN or a negative count"),
    (lambda: key_words(keyness(TEXT, "interview", "A", "B").drop(columns="g2"), TEXT, "interview"),
     "not a keyness table"),
    (lambda: chance_by_threshold(keyness(TEXT, "interview", "A", "B").assign(b=float("nan"))),
     "column 'b' holds NaN"),
    (lambda: chance_by_threshold(keyness(TEXT, "interview", "A", "B"), level=0), "level is a probability"),
    (lambda: fightin_words_table(TEXT, "interview", "A", "B", alpha0=-1), "alpha0 must be above 0"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_the_key_word_functions_refuse_what_they_cannot_compute(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_against_rest_refuses_a_value_with_no_words():
    from helpers.comparing.keyness import against_rest

    with pytest.raises(ValueError, match="no words where side is 'C'"):
        against_rest(TEXT, "interview", "C")
