"""The gazetteer: every proper-noun run the tagger finds is an entity or ignored with a reason."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers


@pytest.fixture(scope="module")
def mentions(passages):
    return helpers.find_mentions(passages)


def test_every_proper_noun_run_is_in_the_gazetteer_or_the_ignore_list(tokens, mentions):
    runs = helpers.proper_noun_runs(tokens)
    missed = helpers.uncovered_runs(runs, mentions, helpers.load_ignored())
    assert missed.empty, "add these to annotations/entities.csv or entities_ignore.csv:\n" + missed.to_string()


def test_an_unlisted_name_is_reported_as_uncovered(tokens, mentions):
    runs = helpers.proper_noun_runs(tokens)
    fewer = mentions[mentions["canonical"] != "Alfa Bank"]
    missed = helpers.uncovered_runs(runs, fewer, helpers.load_ignored())
    assert missed["run"].tolist() == ["Alfa Bank"]


def test_every_ignored_run_and_every_surface_form_occurs(tokens, mentions):
    runs = set(helpers.proper_noun_runs(tokens)["run"])
    assert set(helpers.load_ignored()["surface"]) <= runs
    straight = str.maketrans("’", "'")
    found = {s.translate(straight) for s in mentions["surface"]}
    assert {s.translate(straight) for s in helpers.load_gazetteer()["surface"]} <= found


def test_mentions_in_two_passages_read_by_hand(mentions):
    q3 = mentions[mentions["passage_id"] == "000:q3"]
    assert q3[["surface", "canonical", "type"]].values.tolist() == [
        ["Lugansk", "Lugansk", "place"], ["U.S.", "United States", "place"], ["Kiev", "Kiev", "place"],
        ["February 2014", "2014-02", "date"],
    ]
    a = mentions[mentions["passage_id"] == "004:q2.a1"]
    assert a["canonical"].tolist() == ["Ukraine", "Sotsialnyi Rukh", "Volodymyr Zelensky"]
    assert a["surface"].tolist() == ["Ukraine", "Sotsialnyy Rukh", "Zelensky"]


def test_the_longest_surface_form_wins_and_labels_are_not_mentions(mentions, seed_texts):
    li3 = mentions[mentions["passage_id"] == "000:q7.a1.li3"]
    assert li3["surface"].tolist() == ["Donetsk and Lugansk People’s Republics", "Donbass"]
    for row in mentions.itertuples():
        assert seed_texts[row.interview][row.start:row.end].replace("*", "") == row.surface


def test_entity_pairs_count_units_that_name_both():
    mentions = pd.DataFrame({
        "passage_id": ["p1", "p1", "p1", "p2", "p2", "p3"],
        "canonical": ["A", "B", "2014", "B", "A", "A"],
        "type": ["place", "person", "date", "person", "place", "place"],
    })
    pairs = helpers.entity_pairs(mentions)
    assert pairs[["entity", "with", "units", "ids"]].values.tolist() == [["A", "B", 2, "p1, p2"]]


def test_in_mentions_marks_the_tokens_of_a_name(tokens, mentions):
    inside = helpers.in_mentions(tokens, mentions[mentions["canonical"] == "Mikhail Fridman"])
    assert tokens[inside]["token"].tolist() == ["Mikhail", "Fridman"]
