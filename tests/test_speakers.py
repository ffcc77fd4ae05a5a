"""Who speaks: labels and initials, headings, continuation paragraphs and the editor."""

from __future__ import annotations

from conftest import write_seeds

import helpers


def split(tmp_path, content, fmt="plain"):
    return helpers.load_passages(write_seeds(tmp_path, {"100_t.txt": (content, fmt)}))


def test_full_name_label_and_initials_resolve_to_one_speaker(passages):
    rows = passages[passages["interview"] == "000"]
    first = rows[rows["passage_id"] == "000:q1.a1"].iloc[0]
    second = rows[rows["passage_id"] == "000:q2.a1"].iloc[0]
    assert first["text"].startswith("Maxim Chalenko: ") and second["text"].startswith("MC: ")
    assert first["speaker"] == second["speaker"] == "Maxim Chalenko"
    q1, q2 = rows[rows["passage_id"] == "000:q1"].iloc[0], rows[rows["passage_id"] == "000:q2"].iloc[0]
    assert q1["text"].startswith("Workers World: ") and q2["text"].startswith("WW: ")
    assert q1["speaker"] == q2["speaker"] == "Workers World"


def test_label_is_removed_from_clean_but_kept_in_text(passages):
    row = passages[passages["passage_id"] == "004:q1.a2"].iloc[0]
    assert row["text"].startswith("**Mia:** I became")
    assert row["clean"].startswith("I became interested")


def test_question_heading_is_the_interviewers_turn(passages):
    row = passages[passages["passage_id"] == "004:q3"].iloc[0]
    assert row["text"].startswith("### **What campaigning")
    assert row["clean"] == "What campaigning work is the Revolutionary Socialist Movement doing?"
    assert (row["speaker"], row["role"], row["kind"]) == ("Anti*Capitalist Resistance", "interviewer", "question")


def test_bold_label_starts_a_new_turn(passages):
    q1 = passages[passages["reply_to"] == "004:q1"]
    assert q1[["passage_id", "speaker", "turn"]].values.tolist() == [
        ["004:q1.a1", "Vasylyna", 2], ["004:q1.a2", "Mia", 3]
    ]


def test_unlabelled_paragraph_continues_the_current_turn(passages):
    turn = passages[passages["turn_id"] == "004:q3.a1"]
    assert turn["passage_id"].tolist() == ["004:q3.a1", "004:q3.a1.p2"]
    assert set(turn["speaker"]) == {"Mia"} and set(turn["turn"]) == {7}


def test_unlabelled_paragraph_after_a_labelled_question_continues_the_question(tmp_path):
    frame = split(tmp_path, "Title\n\nWW: First part.\n\nSecond part?\n\nMC: Answer.\n")
    assert frame[["passage_id", "kind", "speaker"]].values.tolist()[1:] == [
        ["100:q1", "question", "Workers World"],
        ["100:q1.p2", "question", "Workers World"],
        ["100:q1.a1", "answer", "Maxim Chalenko"],
    ]


def test_unlabelled_answer_after_a_heading_goes_to_the_sole_interviewee(tmp_path):
    folder = write_seeds(tmp_path, {"100_t.txt": ("# T\n\n## Q?\n\nAn answer.\n\nMore.\n", "markdown")})
    catalog = (folder / "catalog.toml").read_text()
    mia_at = catalog.index('[[interview.people]]\nname = "Mia"')
    (folder / "catalog.toml").write_text(catalog[:mia_at])
    frame = helpers.load_passages(folder)
    assert frame[["passage_id", "speaker"]].values.tolist()[2:] == [
        ["100:q1.a1", "Vasylyna"], ["100:q1.a1.p2", "Vasylyna"]
    ]


def test_editor_note_is_the_editors_and_does_not_end_the_answer(passages):
    around = passages.iloc[28:31]
    assert around["passage_id"].tolist() == ["000:q6.a1", "000:note1", "000:q6.a1.p2"]
    assert around["speaker"].tolist() == ["Maxim Chalenko", "Editor", "Maxim Chalenko"]
    assert around["turn"].tolist()[0] == around["turn"].tolist()[2] == 12
    assert not passages.loc[29, "counted"]


def test_list_items_belong_to_the_answer_and_lose_their_markers_in_clean(passages):
    items = passages[passages["kind"] == "list_item"]
    assert items["text"].str.startswith("  1. ").all()
    assert items.iloc[0]["clean"].startswith("Assisting in the formation")
    assert items["passage_id"].tolist() == [f"000:q7.a1.li{k}" for k in range(1, 9)]


def test_lone_name_is_a_caption_inside_and_a_signature_for_the_author(passages):
    named = passages[passages["kind"].isin(["caption", "signature"]) & (passages["interview"] == "000")]
    assert named[["passage_id", "clean"]].values.tolist() == [
        ["000:caption1", "Maxim Chalenko"], ["000:signature1", "Greg Butterfield"]
    ]


def test_footer_is_boilerplate_with_signatures_in_bold(passages):
    tail = passages[passages["line"] >= 67]
    tail = tail[tail["interview"] == "004"]
    assert tail["kind"].tolist() == ["boilerplate", "signature", "signature"] + ["boilerplate"] * 5
    assert tail["clean"].tolist()[1:3] == ["Vasylyna, a member of Sotsialnyi Rukh", "Mia, Russian Socialist Movement"]


def test_head_of_each_study_seed(passages):
    head = passages[passages["kind"].isin(["title", "metadata", "intro"])]
    assert head[["passage_id", "line"]].values.tolist() == [
        ["000:metadata1", 1], ["000:title1", 3], ["000:intro1", 5],
        ["004:title1", 3], ["004:metadata1", 5], ["004:intro1", 7],
    ]
    assert passages.loc[passages["passage_id"] == "004:intro1", "clean"].item().startswith(
        "At the recent International Committee"
    )


def test_markdown_links_escapes_and_emphasis_are_removed_from_clean(passages):
    meta = passages.loc[passages["passage_id"] == "004:metadata1", "clean"].item()
    assert meta.startswith("Thursday 28 December 2023, by MIA (Russian Socialist Movement), Vasylyna (Sotsialnyi Rukh)")
    intro = passages.loc[passages["passage_id"] == "004:intro1", "clean"].item()
    assert "anti*capitalist resistance comrades" in intro
    answer = passages.loc[passages["passage_id"] == "004:q1.a1", "clean"].item()
    assert "I joined Sotsialnyi Rukh because" in answer
