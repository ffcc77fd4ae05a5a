"""The project's own copy of the NLTK data the study uses, checked against its SHA256SUMS.

Nothing is downloaded: `use_nltk_data()` checks every file and puts the project's folder
first on NLTK's search path. Call it before any NLTK function that loads data.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import SeedError
from .paths import NLTK_DATA_DIR, shown

RESTORE = "restore it from ../shared/nltk_data/ or with `git checkout -- nltk_data`"


def verify_nltk_data(root: Path = NLTK_DATA_DIR) -> list[str]:
    """Check every file listed in `root/SHA256SUMS`; return their names.

    Raises `SeedError` naming the first file that is missing or whose checksum differs.
    """
    sums = root / "SHA256SUMS"
    if not sums.is_file():
        raise SeedError(shown(sums), None, f"NLTK data checksum list not found: {RESTORE}")
    names = []
    for number, line in enumerate(sums.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        digest, _, name = line.partition("  ")
        path = root / name.strip()
        if not path.is_file():
            raise SeedError(shown(path), None, f"NLTK data file missing (SHA256SUMS line {number}): {RESTORE}")
        if hashlib.sha256(path.read_bytes()).hexdigest() != digest.strip():
            raise SeedError(
                shown(path), None,
                f"NLTK data file altered: its sha256 differs from SHA256SUMS line {number}: {RESTORE}",
            )
        names.append(name.strip().removeprefix("./"))
    return names


def use_nltk_data(root: Path = NLTK_DATA_DIR) -> Path:
    """Check the project's NLTK data and make NLTK look there first. Returns the folder."""
    import nltk  # imported here so that importing `helpers` stays light and side-effect free

    verify_nltk_data(root)
    folder = str(root)
    if folder in nltk.data.path:
        nltk.data.path.remove(folder)
    nltk.data.path.insert(0, folder)
    return root
