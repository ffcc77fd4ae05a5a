"""Key-word tables on a text built so that every figure can be worked out by hand."""

from __future__ import annotations

import math

import pytest
from conftest import small_tokens

from helpers.comparing.keyness import fightin_words_table, key_words, keyness, threshold, turn_dispersion
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
        threshold(3, "holm")


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
