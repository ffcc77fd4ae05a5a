"""The second-coder machinery: the coding sheet, a coder's evidence file turned into stand-off rows,
agreement between two coders (Cohen's kappa and Krippendorff's alpha, checked against values worked
by hand), and the real second coding kept exactly as received."""

from __future__ import annotations

import csv
import math

import pandas as pd
import pytest

import helpers
from helpers import conversation, secondcoder
from helpers.annotating.coding import cohen_kappa, krippendorff_alpha


def test_krippendorff_alpha_matches_the_hand_worked_value_for_two_labels():
    # 10 units, 2 disagreements; 20 values, six 1s and fourteen 0s:
    # alpha = 1 - (n - 1) * d / (n_0 * n_1) = 1 - 19 * 2 / (14 * 6) = 46/84
    first = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
    second = [1, 1, 0, 0, 0, 0, 0, 0, 0, 1]
    assert krippendorff_alpha(first, second) == pytest.approx(46 / 84)
    # kappa on the same data: p_o = .8, p_e = .3 * .3 + .7 * .7 = .58, kappa = .22 / .42
    assert cohen_kappa(first, second) == pytest.approx(0.22 / 0.42)


def test_krippendorff_alpha_matches_the_hand_worked_value_for_three_labels():
    # coincidences: x-x 2, z-z 2, y-z 1+1, x-y 1+1; n_x = 3, n_y = 2, n_z = 3, n = 8
    # alpha = 1 - (n - 1) * 4 / (2 * (3*2 + 3*3 + 2*3)) = 1 - 28/42
    assert krippendorff_alpha(["x", "y", "z", "x"], ["x", "z", "z", "y"]) == pytest.approx(1 / 3)


def test_alpha_is_undefined_without_variation_and_needs_items():
    assert math.isnan(krippendorff_alpha([0, 0, 0], [0, 0, 0]))
    with pytest.raises(ValueError, match="at least one coded item"):
        krippendorff_alpha([], [])
    with pytest.raises(ValueError, match="same items"):
        cohen_kappa([1, 0], [1])


def test_agreement_of_two_coders_names_both_and_adds_alpha():
    index = pd.Index(["p1", "p2", "p3", "p4"], name="passage_id")
    first = pd.DataFrame({"a": [1, 1, 0, 0]}, index=index)
    second = pd.DataFrame({"a": [1, 0, 0, 0]}, index=index)
    row = helpers.agreement(first, second, names=("first", "second")).set_index("code").loc["a"]
    assert row[["first", "second", "both", "agreement"]].tolist() == [2, 1, 1, 0.75]
    assert row["kappa"] == pytest.approx(0.5)
    # 8 values, three 1s and five 0s, one disagreement: 1 - 7 * 1 / (5 * 3)
    assert row["alpha"] == pytest.approx(8 / 15)
    diffs = helpers.disagreements(first, second, names=("first", "second"))
    assert diffs.values.tolist() == [["p2", "a", "first only"]]


def test_the_coding_sheet_is_exactly_what_the_second_coder_was_given(passages, turns):
    sheet = secondcoder.coding_sheet(passages, turns)
    given = pd.read_csv(secondcoder.SECOND_CODER_DIR / "second-coding-units.csv", dtype=str, keep_default_na=False)
    assert sheet.columns.tolist() == given.columns.tolist()
    assert sheet.values.tolist() == given.values.tolist()


def test_the_second_coding_is_every_row_of_the_coders_file_pointed_into_the_seeds(passages):
    received = list(csv.DictReader((secondcoder.SECOND_CODER_DIR / "second-coding.csv").open(encoding="utf-8")))
    converted = secondcoder.coding_from_evidence(secondcoder.SECOND_CODER_DIR / "second-coding.csv", passages)
    stored = secondcoder.load_second_coding(passages)
    assert len(received) == len(converted) == len(stored) == 145
    assert [(r["unit"], r["code"], r["evidence"]) for r in received] == list(
        zip(stored["passage_id"], stored["code"], stored["quote"], strict=True))
    assert converted[["start", "end", "exact"]].values.tolist() == stored[["start", "end", "exact"]].values.tolist()


@pytest.mark.parametrize(("row", "message"), [
    ("000:q1,biography,Where did you", r"fixture\.csv:2: '000:q1' is not an answer paragraph or list item"),
    ("000:q1.a1,gossip,I was born", r"fixture\.csv:2: code 'gossip' is not in the codebook"),
    ("000:q1.a1,biography,I was never born", r"fixture\.csv:2: evidence 'I was never born' is not in the text of"),
], ids=["not a unit", "unknown code", "evidence not in unit"])
def test_a_bad_row_of_a_coders_file_names_its_line(tmp_path, passages, row, message):
    path = tmp_path / "fixture.csv"
    path.write_text(f"unit,code,evidence\n{row}\n", encoding="utf-8")
    with pytest.raises(helpers.SeedError, match=message):
        secondcoder.coding_from_evidence(path, passages)


def test_a_small_fixture_coding_goes_through_the_whole_machinery(tmp_path, passages):
    source = tmp_path / "coder.csv"
    source.write_text("unit,code,evidence\n000:q1.a1,biography,I was born\n"
                      "000:q1.a1.p3,labour,protests of workers and miners\n", encoding="utf-8")
    target = tmp_path / "coding-second.csv"
    secondcoder.write_coding(secondcoder.coding_from_evidence(source, passages), target)
    second = secondcoder.load_second_coding(passages, target)
    units = helpers.coding_units(passages)
    codes = ["biography", "labour"]
    first = helpers.code_matrix(helpers.load_hand_coding(passages), units, codes)
    table = helpers.agreement(first, helpers.code_matrix(second, units, codes), names=("first", "second"))
    # the first coding gives biography to 7 units and labour to 5 (6 before its revision of 2026-12-02);
    # the fixture one unit each, both shared
    assert table.set_index("code")[["first", "second", "both"]].values.tolist() == [[7, 1, 1], [5, 1, 1]]
    assert secondcoder.load_second_coding(passages, tmp_path / "absent.csv") is None


def test_label_agreement_of_two_readers_lists_every_difference():
    first = pd.Series({"q1": "takes_up", "q2": "contests", "q3": "takes_up", "q4": "redirects"})
    second = pd.Series({"q4": "redirects", "q3": "takes_up", "q2": "takes_up", "q1": "takes_up"})
    summary, diffs = secondcoder.label_agreement(first, second)
    # p_o = 3/4; first: t .5, c .25, r .25; second: t .75, r .25; p_e = .375 + .0625 = .4375
    assert summary["kappa"] == pytest.approx((0.75 - 0.4375) / (1 - 0.4375))
    assert diffs.values.tolist() == [["q2", "contests", "takes_up"]]
    with pytest.raises(ValueError, match="in one only: q5"):
        secondcoder.label_agreement(first, pd.concat([second, pd.Series({"q5": "takes_up"})]))


def test_a_second_readers_uptake_file_is_loaded_and_checked_like_the_first(tmp_path, turns):
    path = tmp_path / "uptake-second.csv"
    assert secondcoder.second_reading(conversation.load_uptake, turns, path) is None
    first = conversation.load_uptake(turns)
    rows = first[["answer_id", "uptake", "evidence", "note"]].copy()
    rows.loc[rows["answer_id"] == "000:q2.a1", "uptake"] = "redirects"
    rows.to_csv(path, index=False)
    second = secondcoder.second_reading(conversation.load_uptake, turns, path)
    summary, diffs = secondcoder.label_agreement(first.set_index("answer_id")["uptake"],
                                                 second.set_index("answer_id")["uptake"])
    assert summary["items"] == 22 and diffs["item"].tolist() == ["000:q2.a1"]
    rows.loc[0, "uptake"] = "agrees"
    rows.to_csv(path, index=False)
    with pytest.raises(helpers.SeedError, match=r"uptake-second\.csv:2: uptake 'agrees'"):
        secondcoder.second_reading(conversation.load_uptake, turns, path)
