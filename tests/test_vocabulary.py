"""Word lists, clusters and the lexical summary, counted by hand on a small text."""

from __future__ import annotations

import pytest
from conftest import small_tokens

from helpers.comparing.vocabulary import clusters, frequency_list, lexical_summary, ties_at_cut, word_counts

TEXT = small_tokens([
    ("A", "A:q1.a1", "Ann", "the war of the people , the war"),
    ("A", "A:q2.a1", "Ann", "we stop the war"),
    ("B", "B:q1.a1", "Bob", "peace and bread and peace"),
])


def test_word_counts_leave_out_punctuation_and_break_ties_alphabetically():
    counts = word_counts(TEXT, "interview", "A")
    assert counts.to_dict() == {"the": 4, "war": 3, "of": 1, "people": 1, "stop": 1, "we": 1}
    assert list(counts.index) == ["the", "war", "of", "people", "stop", "we"]


def test_word_counts_without_stopwords_leave_out_clitics_too():
    assert word_counts(TEXT, "interview", "A", stopwords=False).to_dict() == {"war": 3, "people": 1, "stop": 1}
    text = small_tokens([("A", "A:q1.a1", "Ann", "the people 's war is n't over")])
    assert word_counts(text, stopwords=False).to_dict() == {"over": 1, "people": 1, "war": 1}


def test_frequency_list_puts_texts_side_by_side():
    table = frequency_list(TEXT, "interview", stopwords=False, top=2)
    assert table[("A", "word")].tolist() == ["war", "people"]
    assert table[("B", "word")].tolist() == ["peace", "bread"]
    assert table[("B", "count")].tolist() == [2, 1]


def test_ties_at_cut_name_every_word_that_shares_the_last_count():
    ties = ties_at_cut(TEXT, "interview", top=3)
    # A: the 4, war 3, then of, people, stop, we at 1: the list of 3 shows "of" by its spelling only
    assert ties.loc["A", ["count", "first_rank", "last_rank"]].tolist() == [1, 3, 6]
    assert ties.loc["A", "shown"] == ["of"] and ties.loc["A", "left_out"] == ["people", "stop", "we"]
    # B: and 2, peace 2, bread 1: a list of 3 holds every word, nothing is left out
    assert ties.loc["B", ["count", "first_rank", "last_rank"]].tolist() == [1, 3, 3]
    assert ties.loc["B", "left_out"] == []
    assert ties_at_cut(TEXT, "interview", top=1).loc["B", "left_out"] == ["peace"]
    with pytest.raises(ValueError, match="top"):
        ties_at_cut(TEXT, "interview", top=0)


def test_lexical_summary_by_hand():
    summary = lexical_summary(TEXT, "interview", window=3)
    # A: 11 words, 6 types; turns of 7 and 4 words. MATTR over 9 windows of 3 words:
    # the war of=1, war of the=1, of the people=1, the people the=2/3, people the war=1,
    # the war we=1, war we stop=1, we stop the=1, stop the war=1 -> (8 + 2/3)/9 = 0.963
    assert summary.loc["A", ["words", "types", "turns", "words_per_turn"]].tolist() == [11, 6, 2, 5.5]
    assert summary.loc["A", "ttr"] == round(6 / 11, 3)
    assert summary.loc["A", "mattr_3"] == pytest.approx(0.963)
    # B: 5 words, 3 types, one turn
    assert summary.loc["B", ["words", "types", "turns", "words_per_turn"]].tolist() == [5, 3, 1, 5.0]


def test_clusters_stay_inside_a_sentence_and_skip_punctuation():
    table = clusters(TEXT, 2, min_freq=2)
    # A: "the war" 3 times (twice in A:q1.a1, once in A:q2.a1); "the people , the" gives "people the"
    assert table.loc["the war"].tolist() == [3, 0, 3]
    assert list(table.index) == ["the war"]
    assert clusters(TEXT, 2, min_freq=1).loc["people the", "A"] == 1


def test_a_cluster_needs_a_word():
    with pytest.raises(ValueError):
        clusters(TEXT, 0)


def test_diversity_differences_by_hand():
    from helpers.comparing.vocabulary import diversity_differences

    # Ann: two passages "a b c d"; Bob: two passages "a a b b". Every resample of two identical
    # passages is the text itself, so the interval has no width. MATTR, window 2: Ann's windows all
    # hold two types (1.0); Bob's "a a b b a a b b" alternate .5 and 1 over 7 windows, 4 of .5 and
    # 3 of 1 -> 5/7. MTLD: Ann's TTR falls to 4/6 at the 6th word, then "c d" is a partial stretch
    # of TTR 1 (adds 0): 8/1 = 8 both ways; Bob's falls to 1/2 every second word: 8/4 = 2.
    text = small_tokens([("A", "A:q1.a1", "Ann", "a b c d"), ("A", "A:q1.a1.p2", "Ann", "a b c d"),
                         ("B", "B:q1.a1", "Bob", "a a b b"), ("B", "B:q1.a1.p2", "Bob", "a a b b")])
    table = diversity_differences(text, "speaker", [("Ann", "Bob")], window=2, resamples=50).set_index("measure")
    assert table.loc["mattr_2", ["first_value", "second_value"]].tolist() == [1.0, pytest.approx(5 / 7)]
    assert table.loc["mattr_2", ["difference", "low", "high"]].tolist() == [pytest.approx(2 / 7)] * 3
    assert table.loc["mtld", ["first_value", "second_value", "low", "high"]].tolist() == [8.0, 2.0, 6.0, 6.0]
    assert table["excludes_zero"].all() and (table["at_or_below_zero"] == 0).all()


def test_diversity_differences_resample_each_speaker_the_same_whichever_pairs_are_asked():
    from helpers.comparing.vocabulary import diversity_differences

    text = small_tokens([("A", "A:q1.a1", "Ann", "a b c d e"), ("A", "A:q2.a1", "Ann", "a a a b"),
                         ("A", "A:q3.a1", "Cy", "x y x y z"), ("A", "A:q4.a1", "Cy", "x x y"),
                         ("B", "B:q1.a1", "Bob", "p q p q"), ("B", "B:q2.a1", "Bob", "r s t u v")])
    one = diversity_differences(text, "speaker", [("Ann", "Bob")], window=2, resamples=200)
    both = diversity_differences(text, "speaker", [("Cy", "Ann"), ("Ann", "Bob")], window=2, resamples=200)
    assert one.equals(both.iloc[2:].reset_index(drop=True))
    # the interval holds the difference of the whole texts here, and is reproducible
    assert ((one["low"] <= one["difference"]) & (one["difference"] <= one["high"])).all()
    with pytest.raises(ValueError, match="no words where speaker is 'Dee'"):
        diversity_differences(text, "speaker", [("Ann", "Dee")])
    with pytest.raises(ValueError, match="two different values"):
        diversity_differences(text, "speaker", [("Ann", "Ann")])
