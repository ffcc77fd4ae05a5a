"""Counts taken by hand from the two seeds, asserted exactly.

000 (Workers World / Maxim Chalenko): 9 questions (lines 7, 19, 27, 39, 47, 55, 69, 84, 96);
9 answer turns, all by Maxim Chalenko; the bracketed note on line 59; the 8 list items on
lines 75-82; the lone name "Maxim Chalenko" on line 9, a photo caption.
004 (Vasylyna and Mia): 9 question headings (lines 9, 15, 23, 29, 33, 41, 47, 51, 59);
13 answer turns, Vasylyna 8 (q1, q2, q4, q5, q6, q7, q8, q9) and Mia 5 (q1, q3, q5, q8, q9);
3 bold quotations (lines 37, 45, 65); 2 paragraphs broken in mid-sentence ("to a war" /
"economy", lines 19-21; "to help" / "us raise money", lines 55-57).
"""

from __future__ import annotations


def kinds(passages, interview):
    return passages[passages["interview"] == interview]["kind"].value_counts().to_dict()


def test_000_has_nine_questions_by_workers_world(turns):
    q = turns[(turns["interview"] == "000") & (turns["kind"] == "question")]
    assert len(q) == 9
    assert set(q["speaker"]) == {"Workers World"}
    assert q["line"].tolist() == [7, 19, 27, 39, 47, 55, 69, 84, 96]


def test_000_has_nine_answer_turns_all_by_maxim_chalenko(turns):
    a = turns[(turns["interview"] == "000") & (turns["kind"] == "answer")]
    assert len(a) == 9
    assert set(a["speaker"]) == {"Maxim Chalenko"}
    assert a["passage_id"].tolist() == [f"000:q{n}.a1" for n in range(1, 10)]


def test_000_has_one_editor_note_eight_list_items_one_caption(passages):
    counts = kinds(passages, "000")
    assert counts["editor_note"] == 1
    assert counts["list_item"] == 8
    assert counts["caption"] == 1
    note = passages[passages["kind"] == "editor_note"].iloc[0]
    assert (note["passage_id"], note["line"], note["speaker"], note["role"]) == ("000:note1", 59, "Editor", "editor")
    items = passages[passages["kind"] == "list_item"]
    assert items["line"].tolist() == list(range(75, 83))
    assert set(items["turn_id"]) == {"000:q7.a1"}
    caption = passages[passages["kind"] == "caption"].iloc[0]
    assert (caption["line"], caption["clean"]) == (9, "Maxim Chalenko")


def test_004_has_nine_questions_by_the_interviewer(turns):
    q = turns[(turns["interview"] == "004") & (turns["kind"] == "question")]
    assert len(q) == 9
    assert set(q["speaker"]) == {"Anti*Capitalist Resistance"}
    assert q["line"].tolist() == [9, 15, 23, 29, 33, 41, 47, 51, 59]


def test_004_has_thirteen_answer_turns_vasylyna_eight_mia_five(turns):
    a = turns[(turns["interview"] == "004") & (turns["kind"] == "answer")]
    assert len(a) == 13
    assert a["speaker"].value_counts().to_dict() == {"Vasylyna": 8, "Mia": 5}
    mia = a[a["speaker"] == "Mia"]["reply_to"].tolist()
    assert mia == ["004:q1", "004:q3", "004:q5", "004:q8", "004:q9"]
    vasylyna = a[a["speaker"] == "Vasylyna"]["reply_to"].tolist()
    assert vasylyna == [f"004:q{n}" for n in (1, 2, 4, 5, 6, 7, 8, 9)]


def test_004_has_three_pull_quotes_each_linked_to_what_it_repeats(passages):
    pq = passages[passages["kind"] == "pull_quote"]
    assert len(pq) == 3
    assert pq["line"].tolist() == [37, 45, 65]
    assert pq["repeats"].tolist() == ["004:q5.a1", "004:q6.a1", "004:q9.a2"]
    assert not pq["counted"].any()


def test_004_has_two_repaired_breaks(passages, turns):
    broken = passages[passages["continues"] != ""]
    assert broken["passage_id"].tolist() == ["004:q2.a1.p3", "004:q8.a2.p2"]
    assert broken["continues"].tolist() == ["004:q2.a1.p2", "004:q8.a2"]
    assert broken["line"].tolist() == [21, 57]
    repaired = turns[turns["repairs"] > 0]
    assert repaired["passage_id"].tolist() == ["004:q2.a1", "004:q8.a2"]
    assert int(turns["repairs"].sum()) == 2


def test_every_answer_replies_to_the_question_just_before_it(turns):
    for _, group in turns.groupby("interview"):
        question = None
        for row in group.itertuples():
            if row.kind == "question":
                question = row.passage_id
                assert row.reply_to == ""
            else:
                assert row.reply_to == question


def test_turns_are_numbered_in_order_within_each_interview(turns):
    for interview, expected in (("000", 18), ("004", 22)):
        numbers = turns[turns["interview"] == interview]["turn"].tolist()
        assert numbers == list(range(1, expected + 1))


def test_every_kind_the_seeds_hold_is_counted(passages):
    assert kinds(passages, "000") == {
        "metadata": 1, "title": 1, "intro": 1, "question": 9, "caption": 1, "answer": 33,
        "editor_note": 1, "list_item": 8, "signature": 1, "boilerplate": 20,
    }
    assert kinds(passages, "004") == {
        "blank": 1, "title": 1, "metadata": 1, "intro": 1, "question": 9, "answer": 17,
        "pull_quote": 3, "signature": 2, "boilerplate": 6,
    }


def test_inline_editorial_insertions_are_kept_and_marked(passages):
    marked = passages[passages["insertions"] > 0]
    assert marked["passage_id"].tolist() == ["000:q1.a1", "000:q4.a1", "000:q5.a1"]
    assert "[then part of Soviet Ukraine]" in marked.iloc[0]["text"]
    assert "[then part of Soviet Ukraine]" in marked.iloc[0]["clean"]
