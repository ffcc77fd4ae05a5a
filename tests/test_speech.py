"""Whose speech a table counts: the selections of `helpers.speech`, and counting helpers that
refuse a token table that does not say which one it holds."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import small_tokens

import helpers
from helpers import concordance, conversation, keyness, vocabulary


def _mixed() -> pd.DataFrame:
    """A question, an answer with an editor's insertion, and the full table's mark."""
    tokens = small_tokens([("A", "A:q1", "Ann", "why war ?"), ("A", "A:q1.a1", "Bob", "war [ then peace ] ended")],
                          speech="all")
    tokens.loc[tokens["passage_id"] == "A:q1", ["role", "kind"]] = ["interviewer", "question"]
    tokens["inserted"] = tokens["token"].isin(["[", "then", "peace", "]"])
    return tokens


def test_answers_leave_out_questions_and_editorial_insertions():
    answers = helpers.select_speech(_mixed(), "answers")
    assert answers["token"].tolist() == ["war", "ended"]
    assert answers.attrs["speech"] == "answers"


def test_questions_and_speech_selections_keep_what_they_say():
    tokens = _mixed()
    assert helpers.select_speech(tokens, "questions")["token"].tolist() == ["why", "war", "?"]
    assert helpers.select_speech(tokens, "speech")["token"].tolist() == ["why", "war", "?", "war", "ended"]
    assert helpers.select_speech(tokens, "all")["token"].tolist() == tokens["token"].tolist()


def test_a_narrower_table_cannot_give_a_wider_selection():
    answers = helpers.select_speech(_mixed(), "answers")
    with pytest.raises(ValueError, match="cannot give the interviewers' questions"):
        helpers.select_speech(answers, "questions")
    with pytest.raises(ValueError, match="speech must be one of"):
        helpers.select_speech(_mixed(), "everything")


@pytest.mark.parametrize("count", [
    lambda t: vocabulary.word_counts(t),
    lambda t: helpers.per_thousand(t, {"war": {"war"}}),
    lambda t: concordance.concordance(t, "war"),
    lambda t: concordance.term_positions(t, ["war"]),
    lambda t: keyness.keyness(t, "speaker", "Ann", "Bob"),
], ids=["word counts", "per thousand", "concordance", "term positions", "keyness"])
def test_counting_helpers_refuse_a_table_that_does_not_say_whose_speech_it_holds(count):
    unmarked = _mixed()
    unmarked.attrs.clear()
    with pytest.raises(ValueError, match="does not say whose speech it holds"):
        count(unmarked)
    with pytest.raises(ValueError, match="not 'all'"):
        count(_mixed())


def test_talk_share_needs_both_sides_of_the_conversation():
    answers = helpers.select_speech(_mixed(), "answers")
    with pytest.raises(ValueError, match="needs tokens of 'speech', not 'answers'"):
        conversation.talk_share(answers)
    share = conversation.talk_share(helpers.select_speech(_mixed(), "speech")).loc["A"]
    assert share["words"].to_dict() == {"Ann": 2, "Bob": 2}


def test_the_seeds_answers_hold_no_question_and_no_insertion(tokens):
    answers = helpers.select_speech(tokens, "answers")
    assert set(answers["role"]) == {"interviewee"} and not answers["inserted"].any()
    # the editor's three insertions in 000's answers, as printed in the seed
    inserted = tokens[tokens["inserted"] & tokens["is_word"]].groupby("passage_id")["token"].agg(" ".join)
    assert inserted.to_dict() == {
        "000:q1.a1": "then part of Soviet Ukraine", "000:q4.a1": "in neighboring Donetsk",
        "000:q5.a1": "the Soviet defeat of Nazi Germany in World War II"}
    assert helpers.counted(answers) == "the interviewees' answers, editorial insertions left out"
