"""The codebook, the hand coding, the keyword rules and their agreement. Kappa values are
worked out by hand in each test."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import helpers
from helpers.annotating.coding import code_matrix, cohen_kappa, landis_koch, rule_coding


@pytest.fixture(scope="module")
def codebook():
    return helpers.load_codebook()


@pytest.fixture(scope="module")
def hand(passages, codebook):
    return helpers.load_hand_coding(passages, codebook=codebook)


def test_the_codebook_has_eight_to_twelve_complete_codes(codebook):
    assert 8 <= len(codebook) <= 12
    assert codebook["code"].is_unique
    assert (codebook.drop(columns="code").map(str.strip).map(len) > 0).all().all()


def test_each_codes_example_passage_is_a_unit_coded_with_that_code(codebook, hand, passages):
    units = set(helpers.coding_units(passages)["passage_id"])
    pairs = set(zip(hand["passage_id"], hand["code"], strict=True))
    for row in codebook.itertuples():
        assert row.example in units, row.code
        assert (row.example, row.code) in pairs, row.code


def test_units_are_every_answer_paragraph_and_list_item(passages):
    units = helpers.coding_units(passages)
    # 000: 33 answer paragraphs and 8 list items; 004: 17 answer paragraphs (hand-counted)
    assert units.groupby("interview").size().to_dict() == {"000": 41, "004": 17}


def test_every_hand_coded_span_quotes_the_seed_at_its_offsets(hand, seed_texts):
    for row in hand.itertuples():
        assert seed_texts[row.interview][row.start:row.end] == row.exact
    # the one quote that crosses Markdown emphasis keeps the stars in `exact` only
    marked = hand[hand["exact"] != hand["quote"]]
    assert marked["exact"].tolist() == ["I joined *Sotsialnyi Rukh* because theory alone is not enough"]


def test_every_code_is_used_in_both_interviews(hand, codebook):
    used = hand.groupby("code")["interview"].agg(set)
    for code in codebook["code"]:
        assert used[code] == {"000", "004"}, code


def test_cohen_kappa_matches_the_hand_worked_value():
    # p_o = 3/4; coder a: half 1s, coder b: a quarter 1s; p_e = .5*.25 + .5*.75 = .5; kappa = .25/.5
    assert cohen_kappa([1, 1, 0, 0], [1, 0, 0, 0]) == pytest.approx(0.5)
    # p_o = 0, p_e = .5: kappa = -.5/.5
    assert cohen_kappa([1, 0], [0, 1]) == pytest.approx(-1.0)
    assert cohen_kappa([1, 0, 1], [1, 0, 1]) == pytest.approx(1.0)


def test_cohen_kappa_is_undefined_when_both_coders_give_one_label_only():
    assert math.isnan(cohen_kappa([0, 0, 0], [0, 0, 0]))
    with pytest.raises(ValueError, match="same items"):
        cohen_kappa([0, 1], [0])


@pytest.mark.parametrize(("kappa", "band"), [
    (-0.1, "poor"), (0.0, "slight"), (0.2, "slight"), (0.21, "fair"), (0.4, "fair"), (0.41, "moderate"),
    (0.6, "moderate"), (0.61, "substantial"), (0.8, "substantial"), (0.81, "almost perfect"),
    (1.0, "almost perfect"), (float("nan"), "undefined"),
])
def test_landis_and_koch_bands(kappa, band):
    assert landis_koch(kappa) == band


def test_rules_code_a_unit_when_any_pattern_matches_its_reading_text():
    units = pd.DataFrame({
        "interview": ["x", "x", "x"], "speaker": ["A", "A", "B"], "passage_id": ["x:1", "x:2", "x:3"],
        "clean": ["The War is “proxy”.", "Workers unite.", "Nothing here."],
    })
    import re
    rules = {"war": [re.compile(r"\bwar\b", re.I)], "labour": [re.compile(r"\bworkers?\b", re.I)],
             "quote": [re.compile(r'"proxy"', re.I)]}
    found = rule_coding(units, rules)
    assert found[["passage_id", "code", "match"]].values.tolist() == [
        ["x:1", "war", "War"], ["x:1", "quote", "“proxy”"], ["x:2", "labour", "Workers"],
    ]
    matrix = code_matrix(found, units, ["war", "labour", "quote"])
    assert matrix.values.tolist() == [[1, 0, 1], [0, 1, 0], [0, 0, 0]]


def test_agreement_and_disagreements_on_a_small_coding():
    index = pd.Index(["p1", "p2", "p3", "p4"], name="passage_id")
    hand = pd.DataFrame({"a": [1, 1, 0, 0], "b": [0, 0, 0, 0]}, index=index)
    rules = pd.DataFrame({"a": [1, 0, 0, 0], "b": [0, 0, 0, 0]}, index=index)
    table = helpers.agreement(hand, rules).set_index("code")
    assert table.loc["a", ["hand", "rules", "both", "agreement"]].tolist() == [2, 1, 1, 0.75]
    assert table.loc["a", "kappa"] == pytest.approx(0.5)
    assert table.loc["a", "band"] == "moderate"
    assert table.loc["b", "band"] == "undefined"
    assert helpers.disagreements(hand, rules).values.tolist() == [["p2", "a", "hand only"]]


def test_the_project_rules_load_for_every_code(codebook):
    rules = helpers.load_rules()
    assert list(rules) == list(codebook["code"])


def test_seed_span_finds_a_quote_across_markdown_emphasis(passages, seed_texts):
    from helpers.reading.standoff import seed_span

    row = passages[passages["passage_id"] == "004:q1.a1"].iloc[0]
    start, end = seed_span(seed_texts["004"], row["start"], row["end"], True, "I joined Sotsialnyi Rukh because")
    assert seed_texts["004"][start:end] == "I joined *Sotsialnyi Rukh* because"
    with pytest.raises(ValueError, match="is not in the reading text"):
        seed_span(seed_texts["004"], row["start"], row["end"], True, "not in this paragraph")
