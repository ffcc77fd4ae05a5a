"""The whole pipeline on interviews the study was never tuned on (the fixture corpus): catalog,
passages, turns, tokens, keyness of each interview against the rest, concordance, coding with
the folder's own rules, and the W3C export, each checked against what the texts hold."""

from __future__ import annotations

import json

from conftest import FIXTURE_CORPUS

import helpers
from helpers import coding, keyness, standoff, webanno
from helpers import concordance as kwic


def test_the_fixture_catalog_and_its_turns():
    assert [i.id for i in helpers.load_catalog(FIXTURE_CORPUS)] == ["201", "202"]
    turns = helpers.load_turns(FIXTURE_CORPUS)
    assert turns.groupby(["interview", "kind"]).size().to_dict() == {
        ("201", "answer"): 5, ("201", "question"): 5, ("202", "answer"): 6, ("202", "question"): 3}
    answers = turns[turns["interview"] == "202"].query("kind == 'answer'")
    assert answers[["passage_id", "speaker"]].values.tolist() == [
        ["202:q1.a1", "Sam Okafor"], ["202:q1.a2", "Priya Nair"], ["202:q2.a1", "Priya Nair"],
        ["202:q2.a2", "Sam Okafor"], ["202:q3.a1", "Sam Okafor"], ["202:q3.a2", "Priya Nair"]]


def test_what_is_not_speech_in_the_fixtures():
    passages = helpers.load_passages(FIXTURE_CORPUS)
    kinds = passages.set_index("passage_id")["kind"]
    assert kinds[["201:note1", "201:note2", "202:metadata1", "202:markup1", "202:caption1", "202:pullquote1",
                  "202:title2"]].tolist() == ["editor_note", "editor_note", "metadata", "markup", "caption",
                                              "pull_quote", "title"]
    assert passages.set_index("passage_id").loc["202:pullquote1", "repeats"] == "202:q2.a1"


def test_tokens_of_the_fixtures_leave_out_footnote_markers_and_count_each_speaker():
    tokens = helpers.load_tokens(FIXTURE_CORPUS)
    words = tokens[tokens["is_word"]]
    assert words.groupby("speaker").size().to_dict() == {"Lena Ortiz": 239, "Priya Nair": 87, "Sam Okafor": 78}
    assert not tokens["token"].str.contains(r"\^").any()


def test_keyness_of_each_interview_against_the_rest():
    tokens = helpers.load_tokens(FIXTURE_CORPUS)
    garden = keyness.against_rest(tokens, "interview", "201")
    assert garden.attrs["sizes"] == {"201": 239, "the rest": 165} and garden.attrs["words_tested"] == 217
    beds = garden.set_index("word").loc["beds"]
    assert (beds["a"], beds["b"], beds["more_in"]) == (4, 0, "201")
    assert not garden["key"].any()  # 400 words: the corrected threshold (13.57) is out of reach
    library = keyness.against_rest(tokens, "interview", "202")
    assert library.set_index("word").loc["more", ["a", "b", "more_in"]].tolist() == [4, 0, "202"]


def test_concordance_across_the_fixtures():
    lines = kwic.concordance(helpers.load_tokens(FIXTURE_CORPUS), "council")
    assert lines["passage_id"].tolist() == ["201:q1.a1", "201:q1.a1", "201:q4.a1", "202:q2.a2"]
    assert lines["speaker"].tolist() == ["Lena Ortiz"] * 3 + ["Sam Okafor"]


def test_coding_with_the_folder_s_own_rules_and_the_export(tmp_path):
    passages = helpers.load_passages(FIXTURE_CORPUS)
    units = helpers.coding_units(passages)
    codebook = helpers.load_codebook(FIXTURE_CORPUS / "codebook.toml")
    rules = helpers.load_rules(FIXTURE_CORPUS / "rules.toml")
    texts = standoff.texts_of(FIXTURE_CORPUS)
    matches = coding.rule_spans(units, rules, texts)
    matrix = helpers.code_matrix(matches, units, codebook["code"].tolist())
    assert matrix.sum().to_dict() == {"local_government": 5, "volunteering": 4, "growing": 6}
    for m in matches.itertuples():  # every match points at its words in the seed
        assert texts[m.interview][1][m.start:m.end] == m.match
    sources = webanno.sources_of(texts, "corpus")
    path = webanno.export_corpus(passages, sources, tmp_path, matches, codebook)
    items = json.loads(path.read_text(encoding="utf-8"))["first"]["items"]
    speech = passages["kind"].isin(["question", "answer", "list_item"]).sum()
    assert len(items) == speech + len(matches)
    for item in items:
        quote, position = item["target"]["selector"]
        text = {source: text for source, text in sources.values()}[item["target"]["source"]]
        assert text[position["start"]:position["end"]] == quote["exact"]
