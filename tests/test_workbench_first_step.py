"""The workbench's first step and its runner, as a new user meets them: a folder with a broken text, a
link out of the folder, a keyword rule that could hang, and an output folder left by an earlier run
with a link planted in it. One run, of a notebook that does what the workbench's first section does
(read the checked copy, list the texts skipped, write an export), checks all of them; the real
notebook runs in `tests/test_workbench.py`. The Makefile's recipes get SEEDS as an environment
value, so a folder name with a backtick or `$(...)` runs nothing."""

from __future__ import annotations

import json
import shutil
import subprocess

import nbformat
import pytest
from test_markup_kinds import write

import helpers
from helpers.plumbing.paths import PROJECT_ROOT
from helpers.sharing import workbench

CELL = """
import json, os, tomllib
from pathlib import Path

# what the workbench's first cells do, without the analyses: read the checked copy, list what was skipped
SEEDS, OUT = Path(os.environ["WORKBENCH_SEEDS"]), Path(os.environ["WORKBENCH_OUT"])
ids = [e["id"] for e in tomllib.loads((SEEDS / "catalog.toml").read_text())["interview"]]
skipped = json.loads((SEEDS / "workbench-skipped.json").read_text())
(OUT / "summary.csv").write_text("id\\n" + "\\n".join(ids) + "\\n")
print("analysed:", ids, "themes:", (SEEDS / "rules.toml").exists())
print("skipped:", sorted({r["file"] for r in skipped}), "from", os.environ["WORKBENCH_SHOWN"])
"""


@pytest.fixture(scope="module")
def notebook(tmp_path_factory):
    path = tmp_path_factory.mktemp("nb") / "first-step.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CELL)]), path)
    return path


def folder_with_problems(root):
    """A good text (100), a broken one (101: an unknown label), a text that is a link to a file
    outside the folder, a codebook and a rule that could hang."""
    (root / "seeds").mkdir()
    seeds = write(root / "seeds", "**Q:** One?\n\n**A:** First.\n")
    catalog = seeds / "catalog.toml"
    entry = catalog.read_text(encoding="utf-8")
    broken = "**Q:** One?\n\n**XY:** Who speaks?\n"
    (seeds / "101_broken.txt").write_text(broken, encoding="utf-8")
    import hashlib

    digest = hashlib.sha256(broken.encode()).hexdigest()
    second = entry.replace('id = "100"', 'id = "101"').replace("100_t.txt", "101_broken.txt")
    second = second.replace(second.split('sha256 = "')[1].split('"')[0], digest)
    catalog.write_text(entry + "\n" + second, encoding="utf-8")
    outside = root / "private.txt"
    outside.write_text("a private file, not for publishing\n", encoding="utf-8")
    (seeds / "linked.txt").symlink_to(outside)
    shutil.copy(PROJECT_ROOT / "tests" / "fixtures" / "corpus" / "codebook.toml", seeds)
    (seeds / "rules.toml").write_text("[rules]\nlocal_government = ['(a+)+$']\n", encoding="utf-8")
    return seeds


def test_the_first_step_analyses_what_splits_lists_the_rest_and_replaces_the_last_run(tmp_path, notebook):
    seeds = folder_with_problems(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    target = tmp_path / "target.txt"
    target.write_text("must stay as it is\n", encoding="utf-8")
    (out / "summary.csv").symlink_to(target)  # planted: the run must replace the link, not write through it
    (out / "key-words.csv").write_text("from an older run\n", encoding="utf-8")
    (out / "my-notes.txt").write_text("the user's own file\n", encoding="utf-8")
    executed, page = workbench.run(seeds, out, notebook=notebook)
    outputs = [o for c in json.loads(executed.read_text())["cells"] for o in c["outputs"]]
    printed = "".join("".join(o.get("text", "")) for o in outputs)
    assert "analysed: ['100'] themes: False" in printed
    assert "skipped: ['101_broken.txt', 'linked.txt', 'rules.toml']" in printed
    assert target.read_text(encoding="utf-8") == "must stay as it is\n"
    assert not (out / "summary.csv").is_symlink() and (out / "summary.csv").read_text() == "id\n100\n"
    assert {p.name for p in out.iterdir()} == {"summary.csv", "workbench.ipynb", "workbench.html", "my-notes.txt"}
    assert "101_broken.txt" in page.read_text(encoding="utf-8")
    assert json.loads(executed.read_text())["metadata"]["workbench"]["skipped"] == [
        "101_broken.txt", "linked.txt", "rules.toml"]


def test_strict_stops_at_the_first_problem_before_anything_is_written(tmp_path):
    seeds = folder_with_problems(tmp_path)
    with pytest.raises(helpers.SeedError, match=r"101_broken.txt:3: unknown speaker label 'XY'"):
        workbench.run(seeds, tmp_path / "out", strict=True)
    assert not (tmp_path / "out").exists()


def test_an_output_folder_that_is_a_link_and_a_folder_where_nothing_splits_are_refused(tmp_path, capsys):
    seeds = folder_with_problems(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").symlink_to(elsewhere)
    with pytest.raises(helpers.SeedError, match="the output folder is a symbolic link"):
        workbench.run(seeds, tmp_path / "out")
    assert list(elsewhere.iterdir()) == []
    (seeds / "100_t.txt").write_text("changed\n", encoding="utf-8")
    assert workbench.main(["workbench", str(seeds), str(tmp_path / "out2")]) == 1
    err = capsys.readouterr().err
    assert "workbench stopped:" in err and "no text of" in err and "Traceback" not in err


def test_a_folder_name_reaches_the_commands_as_a_name(tmp_path):
    markers = [tmp_path / f"ran{k}" for k in range(4)]
    name = f"`touch {markers[0]}`$(shell touch {markers[1]});touch {markers[2]};$$(touch {markers[3]})"
    seeds = str(tmp_path / name)
    for target in ("workbench", "check", "catalog"):  # the recipes as make would run them: SEEDS stays a variable
        shown = subprocess.run(["make", "-n", target, f"SEEDS={seeds}"], cwd=PROJECT_ROOT, capture_output=True,
                               text=True, timeout=60).stdout
        assert '"$SEEDS"' in shown and "touch" not in shown, shown
    done = subprocess.run(["make", "-s", "check", f"SEEDS={seeds}"], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode != 0 and not any(m.exists() for m in markers), done.stdout + done.stderr
    assert f"`touch {markers[0]}`$(shell touch {markers[1]})" in done.stdout + done.stderr
