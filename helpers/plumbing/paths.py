"""Where the project's files are, found from this package and never from the working directory."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = PROJECT_ROOT / "seeds"
NLTK_DATA_DIR = PROJECT_ROOT / "nltk_data"
CATALOG_NAME = "catalog.toml"


def shown(path: Path) -> str:
    """Return `path` relative to the project when it lies inside it, so messages and
    notebook outputs never show a local absolute path."""
    try:
        return str(Path(path).resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)
ANNOTATIONS_DIR = PROJECT_ROOT / "annotations"
EXPORT_DIR = ANNOTATIONS_DIR / "export"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
