"""The benchmark's synthetic corpora are real seeds, only longer: they pass every check of
`load_catalog` and `read_seed`, and split into the seed's turns repeated."""

from __future__ import annotations

import sys

from conftest import of_study

import helpers
from helpers.plumbing.paths import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "bench"))
import synthetic  # a sibling script of the benchmark, not part of the helpers package


def test_grown_text_repeats_the_middle_and_keeps_head_and_tail():
    assert synthetic.grown_text("HEAD[ab]TAIL", 4, 8, 1) == "HEAD[ab]TAIL"
    assert synthetic.grown_text("H[ab]T", 1, 5, 3) == "H[ab][ab][ab][ab]T"  # 3 x 6 = 18 characters


def test_a_grown_corpus_splits_into_the_seeds_turns_repeated(tmp_path):
    seeds = of_study(helpers.load_turns())
    grown = helpers.load_turns(synthetic.write_corpus(tmp_path, 5))
    for interview, turns in seeds.groupby("interview"):
        mine = grown[grown["interview"] == interview]
        repeats, rest = divmod(len(mine), len(turns))
        assert (repeats, rest) == (5, 0), interview
        assert mine["words"].sum() == 5 * turns["words"].sum()
        assert mine["clean"].tolist() == turns["clean"].tolist() * 5
    size = synthetic.corpus_bytes(tmp_path)
    assert 4.5 < size / synthetic.corpus_bytes(PROJECT_ROOT / "seeds") < 5.5
