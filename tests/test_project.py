"""The project's own promises: numbered notebooks listed in the README, committed notebooks
executed top to bottom with clean outputs, a `helpers` import with no side effects, and an nbformat
import that builds no grammars."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from helpers.plumbing.paths import PROJECT_ROOT

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
"""The study's notebooks, in reading order; the workbench beside them is not one of them."""
EVERY_NOTEBOOK = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))
LOCAL_PATH = re.compile(r"(/root/|/home/|/tmp/|/work/|site-packages|\\\\Users\\\\)")


def test_notebooks_are_numbered_in_reading_order():
    names = [p.name for p in NOTEBOOKS]
    assert names, "no notebooks"
    for k, name in enumerate(names, 1):
        assert re.fullmatch(rf"{k:02d}-[a-z0-9]+(?:-[a-z0-9]+)*\.ipynb", name), name


def test_readme_lists_every_notebook_and_no_other():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| \[\d\d[^\]]*\]\(notebooks/([^)]+\.ipynb)\)", readme, flags=re.MULTILINE)
    assert listed == [p.name for p in NOTEBOOKS]


@pytest.mark.parametrize("path", EVERY_NOTEBOOK, ids=lambda p: p.name)
def test_committed_notebook_ran_top_to_bottom_with_clean_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    for cell in code:
        for out in cell["outputs"]:
            assert out["output_type"] != "error"
            assert out.get("name") != "stderr", "".join(out.get("text", ""))
            shown = json.dumps(out.get("text", "")) + json.dumps(out.get("data", {}).get("text/plain", ""))
            assert not LOCAL_PATH.search(shown), shown[:200]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_opens_with_a_title_and_sections_and_ends_with_try_it_yourself(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    first = "".join(nb["cells"][0]["source"])
    markdown = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "markdown"]
    last = "".join("".join(nb["cells"][i]["source"]) for i in markdown[-3:])
    assert first.startswith(f"# {path.name[:2]} · ")
    assert "**Sections**" in first
    assert nb["cells"][1]["cell_type"] == "code" and "import helpers" in "".join(nb["cells"][1]["source"])
    assert "What we found" in last and "## Try it yourself" in last
    # after the suggestions, only the try-it controls (helpers.sharing.tryit), whose variables no assert uses
    controls = ["".join(c["source"]) for c in nb["cells"][markdown[-1] + 1:]]
    assert all("tryit." in source and "assert" not in source for source in controls), controls


def test_importing_helpers_has_no_side_effects(tmp_path):
    probe = (
        "import sys, os; before = set(os.listdir('.')); import helpers; "
        "assert set(os.listdir('.')) == before; assert 'nltk' not in sys.modules; print('ok')"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert done.stdout == "ok\n" and done.stderr == ""


def test_nbformat_imports_without_the_grammar_builder():
    # Every process that reads a notebook imports nbformat, and through it jsonschema; with
    # rfc3987-syntax installed that import builds 38 lark grammars (3 s a process). requirements.txt
    # holds jsonschema where its extra does not pull that package in.
    probe = "import sys, nbformat; print(sorted(m for m in ('rfc3987_syntax', 'lark') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"
