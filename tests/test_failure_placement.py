"""Failure where it belongs: run against a broken catalog, or a seed changed since it was
catalogued, every notebook stops in its first code cell with the project's `SeedError` naming
the file and the line, not cells later with a pandas traceback.

The first code cells run inside a copy of the project whose seeds are broken, in one Python
process that imports the copy's `helpers` (which finds the copy's seeds), each cell in a fresh
namespace. A first cell that does not fail is a failure of the test: the error would then come
cells later. One process for all notebooks, not a kernel each, because the kernels' start-up was
most of this test's time and the first cells use nothing of IPython.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.plumbing.paths import PROJECT_ROOT

pytestmark = pytest.mark.e2e  # the notebooks' first cells, run as a user's would be, against a broken copy

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))

RUN_FIRST_CELLS = """
import json, sys, traceback
results = {}
for path in sys.argv[1:]:
    cells = [c for c in json.load(open(path, encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    try:
        exec(compile("".join(cells[0]["source"]), path, "exec"), {"__name__": "__main__"})
    except Exception as error:  # what the notebook's reader would see as the cell's error
        results[path] = {"ename": type(error).__name__, "evalue": str(error)}
    else:
        results[path] = None
print(json.dumps(results))
"""


def broken_copy(root: Path, break_seeds) -> Path:
    """A copy of what the notebooks read (helpers, seeds, NLTK data, annotations), with
    `break_seeds(seeds_folder)` applied. Returns the copy's notebooks folder."""
    for folder in ("helpers", "seeds", "annotations"):
        shutil.copytree(PROJECT_ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (root / "nltk_data").symlink_to(PROJECT_ROOT / "nltk_data")  # read only, and 6 MB
    (root / "notebooks").mkdir()
    break_seeds(root / "seeds")
    return root / "notebooks"


def unknown_format(seeds: Path) -> None:
    catalog = seeds / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('format = "markdown"', 'format = "md"', 1), encoding="utf-8")


def changed_seed(seeds: Path) -> None:
    seed = seeds / "000_f9e212dc11d7c8a9.txt"
    seed.write_bytes(seed.read_bytes().replace(b"Lugansk", b"Luhansk", 1))


def first_cell_errors(notebooks: list[Path], folder: Path) -> dict[str, dict | None]:
    """Run the first code cell of each notebook with the copy in `folder` on the path, from
    inside it as a kernel would. Returns each notebook's error (name and message) or None."""
    env = {**os.environ, "PYTHONPATH": str(folder.parent), "MPLBACKEND": "Agg"}
    done = subprocess.run([sys.executable, "-c", RUN_FIRST_CELLS, *map(str, notebooks)], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return {Path(path).name: error for path, error in json.loads(done.stdout.splitlines()[-1]).items()}


def test_a_broken_catalog_entry_stops_every_notebook_in_its_first_code_cell(tmp_path):
    errors = first_cell_errors(NOTEBOOKS, broken_copy(tmp_path, unknown_format))
    assert sorted(errors) == sorted(p.name for p in NOTEBOOKS)
    for name, error in errors.items():
        assert error is not None, f"{name}: its first code cell runs on a broken catalog"
        assert error["ename"] == "SeedError", f"{name}: {error}"
        assert error["evalue"].startswith("seeds/catalog.toml:"), f"{name}: {error['evalue']}"
        assert "format 'md' is not one of plain, markdown" in error["evalue"], f"{name}: {error['evalue']}"


def test_a_changed_seed_stops_the_first_reading_notebook_in_its_first_code_cell(tmp_path):
    error = first_cell_errors(NOTEBOOKS[:1], broken_copy(tmp_path, changed_seed))[NOTEBOOKS[0].name]
    assert error is not None and error["ename"] == "SeedError", error
    assert error["evalue"].startswith("seeds/000_f9e212dc11d7c8a9.txt: sha256 is "), error["evalue"]

