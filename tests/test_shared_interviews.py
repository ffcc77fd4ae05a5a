"""Eight interviews published by others, each split exactly from the catalog entry the drafter writes
for it, with at most one catalog line that an error proposed (issue 24). The texts and their hand
count (`cases.json`: the line of every question and answer) are in the team's folder beside the
project, never in the project: the tests read them from there and skip when it is absent."""

from __future__ import annotations

import json
import shutil

import pytest

import helpers
from helpers.plumbing.fixes import apply_fix
from helpers.plumbing.paths import PROJECT_ROOT
from helpers.reading.check import check_folder
from helpers.reading.draft import draft_catalog

SHARED = PROJECT_ROOT.parent / "shared" / "interviews"
CASES = json.loads((SHARED / "cases.json").read_text(encoding="utf-8")) if (SHARED / "cases.json").is_file() else []
MAX_FIXES = 1


@pytest.mark.skipif(not CASES, reason="the published interviews are not beside the project (they are never committed)")
@pytest.mark.parametrize("case", CASES, ids=[c["key"] for c in CASES])
def test_a_published_interview_splits_exactly_from_its_drafted_catalog(tmp_path, case):
    shutil.copy(SHARED / case["file"], tmp_path)
    draft_catalog(tmp_path)
    fixes = 0
    check = check_folder(tmp_path)
    while check.problems and check.problems[0].fixes and fixes < MAX_FIXES:
        catalog = tmp_path / "catalog.toml"
        catalog.write_text(apply_fix(catalog.read_text(encoding="utf-8"), check.problems[0].fixes[0]), encoding="utf-8")
        fixes += 1
        check = check_folder(tmp_path)
    assert check.problems == []
    turns = helpers.load_turns(tmp_path)
    assert turns[turns["kind"] == "question"]["line"].tolist() == case["question_lines"]
    answers = turns[turns["kind"] == "answer"]
    assert answers["line"].tolist() == case["answer_lines"]
    interviewees = [p for p in case["people"] if p["role"] == "interviewee"]
    labels = {label: p["name"] for p in interviewees for label in p["labels"]}
    if len(interviewees) > 1:  # the speaker of each answer: the one whose label opens its line
        text = (tmp_path / case["file"]).read_text(encoding="utf-8").split("\n")
        expected = [next(n for lb, n in labels.items() if lb in text[line - 1][:40]) for line in case["answer_lines"]]
        drafted = dict(zip(answers["line"], answers["speaker"], strict=True))
        pairs = {(expected[k], drafted[line]) for k, line in enumerate(case["answer_lines"])}
        assert len(pairs) == len(interviewees) == len({d for _, d in pairs})  # the same people, one to one
