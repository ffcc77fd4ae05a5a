"""The dated revision of the first coding: applied to the coding before it, it gives
`annotations/coding.csv` exactly; every change cites a rule of the codebook in the rule's own words;
a bad row is named by file and line."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

import helpers
from helpers.annotating import revision
from helpers.plumbing.errors import SeedError


@pytest.fixture(scope="module")
def before(passages):
    return helpers.load_hand_coding(passages, revision.BEFORE_REVISION)


@pytest.fixture(scope="module")
def revised(passages, before):
    return revision.load_revision(passages, before)


def test_the_revision_applied_to_the_coding_before_it_is_the_coding(passages, before, revised):
    after = revision.apply_revision(before, revised, helpers.coding_units(passages))
    pd.testing.assert_frame_equal(after, helpers.load_hand_coding(passages))


def test_every_change_is_dated_and_cites_a_rule_in_its_own_words(revised):
    codebook = helpers.load_codebook().set_index("code")
    assert set(revised["date"]) == {"2026-12-02"}
    for row in revised.itertuples():
        code, field = row.rule.split(".")
        assert row.rule_words in codebook.loc[code, field]
    # nine units changed: seven codes removed, two added (one of them with two spans)
    pairs = revision.changed_pairs(revised)
    assert pairs["change"].value_counts().to_dict() == {"removed": 7, "added": 2} and len(revised) == 10


def test_the_revisions_own_negative_examples_are_no_longer_coded(passages):
    coded = set(zip(*[helpers.load_hand_coding(passages)[c] for c in ("passage_id", "code")], strict=True))
    assert ("000:q6.a1", "war_framing") not in coded and ("000:q7.a1.li4", "human_cost") not in coded
    assert ("000:q5.a1.p2", "economy") in coded  # the economy rule's example, "factories to the workers"


def rows_with(tmp_path, change: dict) -> object:
    """The project's revision file with its first row changed as `change` says."""
    rows = list(csv.DictReader(revision.REVISION.open(encoding="utf-8", newline="")))
    rows[0].update(change)
    path = tmp_path / "revision.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=revision.REVISION_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(("change", "message"), [
    ({"date": "2 December"}, "revision.csv:2: date '2 December' is not YYYY-MM-DD"),
    ({"change": "moved"}, "revision.csv:2: change 'moved' is not one of removed, added"),
    ({"rule": "war_framing.label"}, "revision.csv:2: rule 'war_framing.label' is not a code's include or exclude"),
    ({"rule_words": "a war mentioned in passing"}, "'a war mentioned in passing' is not in the codebook's war_framing"),
    ({"reason": ""}, "revision.csv:2: empty field 'reason'"),
    ({"change": "added"}, "the added span 'the worsening military confrontation' is already a row of"),
    ({"code": "far_right", "rule": "far_right.exclude", "rule_words": "anti-fascists"},
     "the removed span 'the worsening military confrontation' is not a row of"),
])
def test_a_bad_revision_row_is_named_by_file_and_line(tmp_path, passages, before, change, message):
    with pytest.raises(SeedError) as error:
        revision.load_revision(passages, before, rows_with(tmp_path, change))
    assert message in str(error.value)


def test_a_removal_that_leaves_the_code_in_its_unit_is_refused(passages, before, revised):
    # 000:q3.a1 has two far_right spans: removing one would change no unit-code pair
    one = before[(before["passage_id"] == "000:q3.a1") & (before["code"] == "far_right")].head(1)
    partial = pd.concat([revised, one.assign(change="removed")], ignore_index=True)
    with pytest.raises(ValueError, match=r"000:q3\.a1"):
        revision.apply_revision(before, partial, helpers.coding_units(passages))
