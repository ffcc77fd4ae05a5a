"""Failure where it belongs: run against a broken catalog, or a seed changed since it was
catalogued, every notebook stops in its first code cell with the project's `SeedError` naming
the file and the line, not cells later with a pandas traceback.

Each notebook runs in a fresh kernel inside a copy of the project whose seeds are broken; the
kernel imports the copy's `helpers`, which finds the copy's seeds.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from helpers.plumbing.paths import PROJECT_ROOT

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))


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


def first_failing_cell(notebook: Path, folder: Path) -> tuple[int, int, dict]:
    """Run `notebook` in `folder` until it fails. Returns the number of the failing code cell
    (from 1), the number of code cells, and its error output."""
    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(folder)}})
    env = {**os.environ, "PYTHONPATH": str(folder.parent)}
    with pytest.raises(CellExecutionError):
        client.execute(env=env)
    code = [c for c in nb.cells if c.cell_type == "code"]
    for number, cell in enumerate(code, 1):
        errors = [o for o in cell.get("outputs", []) if o["output_type"] == "error"]
        if errors:
            return number, len(code), errors[0]
    raise AssertionError(f"{notebook.name}: the run failed, but no cell holds the error")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_a_broken_catalog_entry_stops_the_first_code_cell(notebook, tmp_path):
    folder = broken_copy(tmp_path, unknown_format)
    number, cells, error = first_failing_cell(notebook, folder)
    assert (number, error["ename"]) == (1, "SeedError"), f"failed in code cell {number} of {cells}: {error['ename']}"
    assert error["evalue"].startswith("seeds/catalog.toml:"), error["evalue"]
    assert "format 'md' is not one of plain, markdown" in error["evalue"]


def test_a_changed_seed_stops_the_first_reading_notebook_in_its_first_code_cell(tmp_path):
    folder = broken_copy(tmp_path, changed_seed)
    number, cells, error = first_failing_cell(NOTEBOOKS[0], folder)
    assert (number, error["ename"]) == (1, "SeedError"), f"failed in code cell {number} of {cells}: {error['ename']}"
    assert error["evalue"].startswith("seeds/000_f9e212dc11d7c8a9.txt: sha256 is "), error["evalue"]
