"""Talk share, question echo, and the checked readings of questions and answers."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import small_tokens

import helpers
from helpers.annotating import secondcoder
from helpers.comparing.conversation import (
    DESIGN,
    FITS_UPTAKE,
    UPTAKES,
    load_presuppositions,
    load_question_design,
    load_resistance,
    load_uptake,
    question_echo,
    talk_share,
)


def refuses(path, text: str, load, message: str) -> None:
    """Write `text` to `path` and check that `load(path)` stops with a `SeedError` matching `message`."""
    path.write_text(text, encoding="utf-8")
    with pytest.raises(helpers.SeedError, match=message):
        load(path)


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


def test_question_echo_reads_a_hyphenated_word_as_the_same_words_written_apart():
    tokens = small_tokens([("A", "A:q1", "Ann", "is the far right strong and anti war ?"),
                           ("A", "A:q1.a1", "Bob", "the far-right is weak ; the anti-war movement is not")],
                          speech="speech")
    turns = pd.DataFrame([{"interview": "A", "passage_id": "A:q1.a1", "speaker": "Bob", "kind": "answer",
                           "reply_to": "A:q1"}])
    tokens["stop"] = tokens["norm"].isin({"is", "the", "and", "not"})
    echo = question_echo(tokens, turns).iloc[0]
    # the question's far, right, strong, anti, war (5): "far-right" repeats far and right, "anti-war" anti and war
    assert (echo["question_words"], echo["repeated"], echo["words"]) == (5, 4, "anti, far, right, war")
    tokens = small_tokens([("A", "A:q1", "Ann", "is the far-right strong ?"),
                           ("A", "A:q1.a1", "Bob", "the far right is weak , the right strong")], speech="speech")
    tokens["stop"] = tokens["norm"].isin({"is", "the"})
    echo = question_echo(tokens, turns).iloc[0]
    # the other way round: the question's "far-right" is repeated when the answer has both its parts
    assert (echo["question_words"], echo["repeated"], echo["words"]) == (2, 2, "far-right, strong")
    tokens = small_tokens([("A", "A:q1", "Ann", "is the far-right strong ?"),
                           ("A", "A:q1.a1", "Bob", "the right is weak")], speech="speech")
    tokens["stop"] = tokens["norm"].isin({"is", "the"})
    assert question_echo(tokens, turns).iloc[0]["repeated"] == 0  # one part of two is no repeat


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
    refuses(tmp_path / "questions.csv", f"question_id,presupposition,trigger,presupposes\n{row}\n",
            lambda path: load_presuppositions(turns, path), message)


@pytest.mark.parametrize(("row", "message"), [
    ("000:q1.a1,agrees,I was born,", r"uptake\.csv:2: uptake 'agrees' is not one of takes_up"),
    ("000:q1.a1,takes_up,I was never born,", r"uptake\.csv:2: evidence 'I was never born' is not in the text"),
    ("000:q1,takes_up,Where,", r"uptake\.csv:2: '000:q1' is not an answer \(its kind is question\)"),
], ids=["unknown uptake", "evidence not in answer", "not an answer"])
def test_a_bad_uptake_reading_names_its_line(tmp_path, turns, row, message):
    refuses(tmp_path / "uptake.csv", f"answer_id,uptake,evidence,note\n{row}\n",
            lambda path: load_uptake(turns, path), message)


DESIGN_HEADER = "question_id,initiative,directness,assertiveness,adversarialness,note\n"


def test_the_question_design_covers_every_question_with_a_label_on_each_dimension(turns):
    design = load_question_design(turns)
    assert sorted(design["question_id"]) == sorted(turns[turns["kind"] == "question"]["passage_id"])
    for dimension, labels in DESIGN.items():
        assert set(design[dimension]) <= set(labels)


@pytest.mark.parametrize(("rows", "message"), [
    ("000:q1,simple,direct,open,hostile,\n", r"question-design\.csv:2: adversarialness 'hostile' is not one of none"),
    ("000:q1,simple,polite,open,none,\n", r"question-design\.csv:2: directness 'polite' is not one of direct, framed"),
    ("000:q1.a1,simple,direct,open,none,\n", r"question-design\.csv:2: '000:q1\.a1' is not a question"),
    ("000:q1,simple,direct,open,none,\n000:q1,preface,direct,open,none,\n",
     r"question-design\.csv:3: '000:q1' is already read on line 2"),
    ("000:q1,simple,direct,open,none,\n", r"question-design\.csv: 8 questions are not read, the first '000:q2'"),
], ids=["unknown label", "unknown directness", "not a question", "read twice", "left unread"])
def test_a_bad_question_design_row_or_an_unread_question_is_named(tmp_path, turns, rows, message):
    refuses(tmp_path / "question-design.csv", DESIGN_HEADER + rows, lambda path: load_question_design(turns, path),
            message)


def test_an_answer_left_unread_or_read_twice_is_named(tmp_path, turns):
    rows = load_uptake(turns)[["answer_id", "uptake", "evidence", "note"]]
    path = tmp_path / "uptake.csv"
    rows[rows["answer_id"] != "004:q9.a2"].to_csv(path, index=False)
    with pytest.raises(helpers.SeedError, match=r"uptake\.csv: 1 answers are not read, the first '004:q9\.a2'"):
        load_uptake(turns, path)
    pd.concat([rows, rows.iloc[[0]]]).to_csv(path, index=False)
    with pytest.raises(helpers.SeedError, match=r"uptake\.csv:24: '000:q1\.a1' is already read on line 2"):
        load_uptake(turns, path)


RESISTANCE_HEADER = "answer_id,resistance,marker,note\n"


@pytest.mark.parametrize(("rows", "message"), [
    ("000:q1.a1,evades,,\n", r"resistance\.csv:2: resistance 'evades' is not one of answers"),
    ("000:q1.a1,rejects_presupposition,,\n",
     r"resistance\.csv:2: '000:q1\.a1' is takes_up in its uptake reading, which allows answers, shift_covert, "
     r"shift_overt, not rejects_presupposition"),
    ("000:q2.a1,shift_overt,,\n", r"resistance\.csv:2: an overt shift needs its marker"),
    ("000:q2.a1,shift_overt,first let me say,\n", r"resistance\.csv:2: marker 'first let me say' is not in the text"),
    ("000:q1.a1,answers,,\n", r"resistance\.csv: 8 answers are not read, the first '000:q2\.a1'"),
], ids=["unknown label", "against the uptake", "overt without marker", "marker not in answer", "left unread"])
def test_a_bad_resistance_row_or_an_unread_answer_is_named(tmp_path, turns, rows, message):
    uptake = load_uptake(turns)
    refuses(tmp_path / "resistance.csv", RESISTANCE_HEADER + rows, lambda path: load_resistance(turns, uptake, path),
            message)


def test_no_uptake_label_fixes_the_resistance_label_and_only_logic_is_refused(tmp_path, turns):
    assert all(len(allowed) > 1 for allowed in FITS_UPTAKE.values())
    uptake = load_uptake(turns)
    redirected = uptake.assign(uptake=uptake["uptake"].where(uptake["answer_id"] != "000:q1.a1", "redirects"))
    rows = "".join(f"{a},answers,,\n" for a in uptake["answer_id"])
    refuses(tmp_path / "resistance.csv", RESISTANCE_HEADER + rows,
            lambda path: load_resistance(turns, redirected, path),
            r"resistance\.csv:2: '000:q1\.a1' is redirects in its uptake reading, which allows shift_covert, "
            r"shift_overt, not answers")
    # an answer that answers and then gives most of the turn to another agenda: takes_up, shift_covert
    shifted = rows.replace("000:q1.a1,answers", "000:q1.a1,shift_covert")
    (tmp_path / "resistance.csv").write_text(RESISTANCE_HEADER + shifted, encoding="utf-8")
    assert load_resistance(turns, uptake, tmp_path / "resistance.csv").iloc[0]["resistance"] == "shift_covert"


def test_the_resistance_reading_covers_every_answer_and_agrees_with_the_uptake(turns):
    table = load_resistance(turns, load_uptake(turns))
    assert sorted(table["answer_id"]) == sorted(turns[turns["kind"] == "answer"]["passage_id"])
    assert all(r.resistance in FITS_UPTAKE[r.uptake] for r in table.itertuples())


def test_a_second_reader_s_question_design_is_loaded_like_the_first_and_compared(tmp_path, turns):
    first = load_question_design(turns)
    rows = first.drop(columns="interview")
    rows.loc[rows["question_id"] == "004:q7", "assertiveness"] = "tilted"
    path = tmp_path / "question-design-second.csv"
    rows.to_csv(path, index=False)
    second = secondcoder.second_reading(load_question_design, turns, path)
    summary, diffs = secondcoder.label_agreement(first.set_index("question_id")["assertiveness"],
                                                 second.set_index("question_id")["assertiveness"])
    assert summary["items"] == 18 and diffs["item"].tolist() == ["004:q7"]
