"""Side-by-side quotes, naming tables and coded-passage masks, on small hand-made inputs."""

from __future__ import annotations

import pandas as pd
from conftest import WAR_PASSAGES, small_tokens

from helpers.comparing.framing import in_coded, naming_table, side_by_side

CODING = pd.DataFrame([
    {"interview": "A", "passage_id": "A:q1.a1", "code": "war", "quote": "the war began"},
    {"interview": "A", "passage_id": "A:q2.a1", "code": "war", "quote": "a war of words"},
    {"interview": "B", "passage_id": "B:q1.a1", "code": "war", "quote": "no war"},
    {"interview": "B", "passage_id": "B:q1.a1", "code": "peace", "quote": "fascism is"},
])
TOKENS = small_tokens(WAR_PASSAGES)


def test_side_by_side_puts_each_interview_in_a_column_and_pads_the_shorter():
    table = side_by_side(CODING, "war", per_side=3)
    assert table.to_dict("list") == {
        "A": ["“the war began” (A:q1.a1)", "“a war of words” (A:q2.a1)"],
        "B": ["“no war” (B:q1.a1)", ""],
    }
    assert list(table.index) == [1, 2]
    assert side_by_side(CODING, "war", per_side=1)["A"].tolist() == ["“the war began” (A:q1.a1)"]


def test_naming_table_counts_each_form_per_interview_and_keeps_absent_forms():
    table = naming_table(TOKENS, {"the war": ["war", "conflict"], "the far right": ["fascis*"]})
    assert table[["referent", "form", "A", "B"]].values.tolist() == [
        ["the war", "war", 4, 1], ["the war", "conflict", 0, 0], ["the far right", "fascis*", 1, 1]]
    assert table.loc[0, "passages"] == "A:q1.a1, A:q2.a1, B:q1.a1"
    assert table.loc[1, "passages"] == ""


def test_in_coded_marks_the_tokens_of_coded_passages():
    mask = in_coded(TOKENS, CODING, "peace")
    assert TOKENS[mask]["token"].tolist() == ["fascism", "is", "no", "war"]
