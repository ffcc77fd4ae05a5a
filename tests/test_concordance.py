"""Keyword in context: matching, context inside the passage, sorting by either side, and where
terms fall for a dispersion plot. Expected lines are written out by hand."""

from __future__ import annotations

import pytest
from conftest import WAR_PASSAGES, small_tokens

from helpers.comparing.concordance import concordance, kwic_text, term_positions

TEXT = small_tokens(WAR_PASSAGES)


def test_every_occurrence_with_its_passage_and_context_in_text_order():
    lines = concordance(TEXT, "war", width=2)
    assert lines[["passage_id", "left", "node", "right"]].values.tolist() == [
        ["A:q1.a1", "the", "war", "began and"],
        ["A:q1.a1", "and the", "war", "goes on"],
        ["A:q2.a1", "a", "war", "of words"],
        ["A:q2.a1", "a fascist", "war", ""],
        ["B:q1.a1", "is no", "war", ""],
    ]


def test_context_never_runs_into_the_next_passage():
    lines = concordance(TEXT, "on", width=5)
    assert lines["right"].tolist() == ["."]
    assert concordance(TEXT, "a", width=3)["left"].tolist() == ["", "of words ,"]


def test_sorting_by_right_context_orders_on_the_words_after_the_term():
    lines = concordance(TEXT, "war", width=2, sort="right")
    # right keys: (began, and), (goes, on), (of, words), (), () -> empty ones first, in text order
    assert lines["passage_id"].tolist() == ["A:q2.a1", "B:q1.a1", "A:q1.a1", "A:q1.a1", "A:q2.a1"]
    assert lines["right"].tolist()[2:] == ["began and", "goes on", "of words"]


def test_sorting_by_left_context_orders_on_the_nearest_word_first():
    lines = concordance(TEXT, "war", width=2, sort="left")
    # left keys, nearest first: (the,), (the, and), (a,), (fascist, a), (no, is)
    assert lines["left"].tolist() == ["a", "a fascist", "is no", "the", "and the"]


def test_a_phrase_and_a_wildcard():
    assert concordance(TEXT, "the war", width=1)["node"].tolist() == ["the war", "the war"]
    assert concordance(TEXT, "FASCIS*", width=0)["node"].tolist() == ["fascist", "fascism"]


def test_a_term_that_is_absent_gives_no_lines_with_the_same_columns():
    lines = concordance(TEXT, "peace")
    assert lines.empty
    assert list(lines.columns) == ["interview", "passage_id", "speaker", "start", "left", "node", "right"]


@pytest.mark.parametrize("term, sort, width", [("", "text", 3), ("war", "middle", 3), ("war", "text", -1)])
def test_bad_arguments_are_refused(term, sort, width):
    with pytest.raises(ValueError):
        concordance(TEXT, term, width=width, sort=sort)


def test_kwic_text_aligns_the_term_in_one_column():
    lines = kwic_text(concordance(TEXT, "war", width=2).head(2), width=10).splitlines()
    assert lines == ["A:q1.a1            the [war] began and", "A:q1.a1        and the [war] goes on"]
    assert lines[0].index("[") == lines[1].index("[")


def test_term_positions_are_shares_of_each_text_s_words():
    places = term_positions(TEXT, ["war"])
    # text A has 8 + 7 = 15 words (punctuation left out): war at words 1, 5, 9 and 14 (from 0)
    a = places[places["interview"] == "A"]["offset"].tolist()
    assert a == [1 / 15, 5 / 15, 9 / 15, 14 / 15]
    assert places[places["interview"] == "B"]["offset"].tolist() == [3 / 4]
