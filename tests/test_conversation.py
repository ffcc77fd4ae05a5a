"""Talk share, question echo, and the checked readings of questions and answers."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import small_tokens

import helpers
from helpers.comparing.conversation import UPTAKES, load_presuppositions, load_uptake, question_echo, talk_share


def test_talk_share_counts_word_tokens_per_speaker():
    tokens = small_tokens([("A", "A:q1", "Ann", "why the war ?"), ("A", "A:q1.a1", "Bob", "because the war began")],
                          speech="speech")
    share = talk_share(tokens).loc["A"]
    # Ann 3 words of 7 = 42.9%, Bob 4 of 7 = 57.1%
    assert share.loc["Ann"].tolist() == [1, 3, 42.9]
    assert share.loc["Bob"].tolist() == [1, 4, 57.1]


def test_question_echo_is_the_share_of_the_question_s_content_words_repeated():
    tokens = small_tokens([("A", "A:q1", "Ann", "why did the war start and the peace fail ?"),
                           ("A", "A:q1.a1", "Bob", "the war 's start was a mistake")], speech="speech")
    turns = pd.DataFrame([{"interview": "A", "passage_id": "A:q1.a1", "speaker": "Bob", "kind": "answer",
                           "reply_to": "A:q1"}])
    tokens["stop"] = tokens["norm"].isin({"why", "did", "the", "and", "was", "a"})
    echo = question_echo(tokens, turns).iloc[0]
    # question content words: war, start, peace, fail (4); the answer repeats war and start; 's is no word
    assert (echo["question_words"], echo["repeated"], echo["words"], echo["echo"]) == (4, 2, "start, war", 0.5)


def test_the_readings_cover_every_question_and_every_answer(turns):
    presupposed = load_presuppositions(turns)
    uptake = load_uptake(turns)
    assert sorted(presupposed["question_id"]) == sorted(turns[turns["kind"] == "question"]["passage_id"])
    assert sorted(uptake["answer_id"]) == sorted(turns[turns["kind"] == "answer"]["passage_id"])
    assert set(uptake["uptake"]) <= set(UPTAKES)


@pytest.mark.parametrize(("row", "message"), [
    ("000:q10,routine,why?,x", r"questions\.csv:2: unknown turn '000:q10'"),
    ("000:q1.a1,routine,I was born,x", r"questions\.csv:2: '000:q1\.a1' is not a question \(its kind is answer\)"),
    ("000:q3,framing,the coup in Moscow,x", r"questions\.csv:2: trigger 'the coup in Moscow' is not in the text"),
    ("000:q3,loaded,coup,x", r"questions\.csv:2: presupposition 'loaded' is not one of routine, framing"),
], ids=["unknown turn", "not a question", "trigger not in question", "unknown label"])
def test_a_bad_question_reading_names_its_line(tmp_path, turns, row, message):
    path = tmp_path / "questions.csv"
    path.write_text(f"question_id,presupposition,trigger,presupposes\n{row}\n", encoding="utf-8")
    with pytest.raises(helpers.SeedError, match=message):
        load_presuppositions(turns, path)


@pytest.mark.parametrize(("row", "message"), [
    ("000:q1.a1,agrees,I was born,", r"uptake\.csv:2: uptake 'agrees' is not one of takes_up"),
    ("000:q1.a1,takes_up,I was never born,", r"uptake\.csv:2: evidence 'I was never born' is not in the text"),
    ("000:q1,takes_up,Where,", r"uptake\.csv:2: '000:q1' is not an answer \(its kind is question\)"),
], ids=["unknown uptake", "evidence not in answer", "not an answer"])
def test_a_bad_uptake_reading_names_its_line(tmp_path, turns, row, message):
    path = tmp_path / "uptake.csv"
    path.write_text(f"answer_id,uptake,evidence,note\n{row}\n", encoding="utf-8")
    with pytest.raises(helpers.SeedError, match=message):
        load_uptake(turns, path)
