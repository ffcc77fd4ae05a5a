"""How many interviews split exactly from a catalog the drafter wrote: `python bench/holdout.py DIR`.

DIR holds texts and a `cases.json` with the hand count of each: `file`, and either the shared
interviews' form (`question_lines`, `answer_lines`, `people` with their `labels`) or a short one
(`q`, `a`, and `by`, the person who gives each answer). Each text is copied into a folder of its
own, its entry drafted (`python -m helpers catalog`), the folder checked; while the check finds a
problem whose first fix is a catalog line, that line is applied as printed (at most `MAX_FIXES`
times). The text splits exactly when its questions and answers start on the counted lines and the
answers fall to the same people (the partition of answer lines by speaker is the hand count's).
Prints one line per text and the figure; nothing is written outside a temporary folder.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from helpers.plumbing.fixes import apply_fix  # noqa: E402
from helpers.reading.check import check_folder  # noqa: E402
from helpers.reading.draft import draft_catalog  # noqa: E402
from helpers.reading.passages import load_turns  # noqa: E402

MAX_FIXES = 1


def expected(case: dict) -> tuple[list[int], list[int], list[str]]:
    """The counted question lines, answer lines and who gives each answer."""
    if "q" in case:
        return case["q"], case["a"], case["by"]
    sole = [p["name"] for p in case["people"] if p["role"] == "interviewee"]
    by = case.get("answers_by") or (sole * len(case["answer_lines"]) if len(sole) == 1 else None)
    return case["question_lines"], case["answer_lines"], by or []


def partition(lines: list[int], people: list[str]) -> set[frozenset[int]]:
    """The answer lines grouped by who speaks them."""
    groups: dict[str, set[int]] = {}
    for line, person in zip(lines, people, strict=True):
        groups.setdefault(person, set()).add(line)
    return {frozenset(g) for g in groups.values()}


def run(case: dict, source: Path, work: Path) -> tuple[bool, str]:
    """Draft, check, fix and compare one text; whether it splits exactly, and why not."""
    folder = work / Path(case["file"]).stem
    folder.mkdir()
    shutil.copy(source / case["file"], folder)
    draft_catalog(folder)
    fixes = 0
    check = check_folder(folder)
    while check.problems and fixes < MAX_FIXES and check.problems[0].fixes:
        catalog = folder / "catalog.toml"
        catalog.write_text(apply_fix(catalog.read_text(encoding="utf-8"), check.problems[0].fixes[0]), encoding="utf-8")
        fixes += 1
        check = check_folder(folder)
    if check.problems:
        return False, f"{fixes} fixes, then: {check.problems[0].problem[:100]}"
    turns = load_turns(folder)
    questions = turns[turns["kind"] == "question"]["line"].tolist()
    answers = turns[turns["kind"] == "answer"]
    q, a, by = expected(case)
    where = [f"questions {sorted(set(questions) ^ set(q))}" if questions != q else "",
             f"answers {sorted(set(answers['line']) ^ set(a))}" if answers["line"].tolist() != a else ""]
    if not any(where) and by and partition(a, by) != partition(answers["line"].tolist(), answers["speaker"].tolist()):
        where.append("answers given to other speakers")
    why = "; ".join(w for w in where if w)
    return not why, (f"{fixes} fix{'es' * (fixes != 1)}" + (f", differs: {why}" if why else ""))


def main(argv: list[str]) -> int:
    """Measure every case of the folder named on the command line."""
    if len(argv) != 2:
        print("usage: python bench/holdout.py DIR  (DIR holds the texts and cases.json)", file=sys.stderr)
        return 2
    source = Path(argv[1])
    cases = json.loads((source / "cases.json").read_text(encoding="utf-8"))
    exact = 0
    with tempfile.TemporaryDirectory() as work:
        for case in cases:
            ok, why = run(case, source, Path(work))
            exact += ok
            print(f"{'exact' if ok else 'NOT  '}  {case['file']}: {why}")
    print(f"{exact} of {len(cases)} split exactly from the drafted catalog, with at most {MAX_FIXES} catalog "
          "line an error proposed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
