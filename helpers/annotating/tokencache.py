"""The token table, built once per change of a seed or of the code, and on both cores.

Tagging is the costliest step of the study (about 25,000 tokens a second on one core), and every
notebook needs the same table. So each interview's table is kept in `.cache/tokens/` (git-ignored)
under a key made from everything it depends on: the seed's text, the interview's catalog entry,
the source of every `helpers` module, the checked NLTK data and the library versions. A change to
any of them makes a new key, so a cached table is never stale; an unreadable file is rebuilt.
Interviews not in the cache are built in parallel when there are several of them.

The files are pickles written by this project for itself: never point the cache at files from
elsewhere.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from functools import cache, partial
from pathlib import Path

import pandas as pd

from ..plumbing.paths import NLTK_DATA_DIR, PROJECT_ROOT
from ..reading.catalog import Interview

CACHE_DIR = PROJECT_ROOT / ".cache" / "tokens"
CACHE_VARIABLE = "STUDY_TOKEN_CACHE"
"""An environment variable that moves the cache (the benchmark uses it to measure a cold start)."""
PARALLEL_FROM = 4
"""Build in parallel when at least this many interviews are missing (a worker costs a second)."""


@cache
def code_version() -> str:
    """A digest of what the token table is made by: every `helpers` module's source, the NLTK data's
    checksums, and the versions of Python's NLTK and pandas."""
    import nltk

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    digest.update((NLTK_DATA_DIR / "SHA256SUMS").read_bytes())
    digest.update(f"nltk {nltk.__version__} pandas {pd.__version__}".encode())
    return digest.hexdigest()


def cache_key(interview: Interview, text: str) -> str:
    """The key of one interview's token table: its text, its catalog entry (all but where the files
    lie) and `code_version`."""
    entry = {k: v for k, v in asdict(interview).items() if k not in ("path", "catalog", "catalog_line")}
    digest = hashlib.sha256(code_version().encode())
    digest.update(json.dumps(entry, sort_keys=True, default=str).encode())
    digest.update(text.encode("utf-8"))
    return digest.hexdigest()


def _read(path: Path, columns: list[str]) -> pd.DataFrame | None:
    try:
        with path.open("rb") as handle:
            frame = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
        return None
    return frame if isinstance(frame, pd.DataFrame) and list(frame.columns) == columns else None


def _write(path: Path, frame: pd.DataFrame) -> None:
    """Write atomically, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")
    with partial.open("wb") as handle:
        pickle.dump(frame, handle, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)


def _build(tokens_of: Callable[[Interview, str], pd.DataFrame], job: tuple[Interview, str, str]) -> pd.DataFrame:
    """Build one interview's table and cache it (a worker's job, so a plain module-level function)."""
    interview, text, path = job
    frame = tokens_of(interview, text)
    _write(Path(path), frame)
    return frame


Builder = Callable[[Interview, str], pd.DataFrame]


def cached_tokens(seeds: list[tuple[Interview, str]], columns: list[str], tokens_of: Builder,
                  folder: Path | None = None) -> list[pd.DataFrame]:
    """The token table of each (interview, text), from the cache where it holds it, built by
    `tokens_of` (and cached) where it does not: in parallel when `PARALLEL_FROM` or more are missing."""
    folder = Path(os.environ.get(CACHE_VARIABLE) or CACHE_DIR) if folder is None else folder
    paths = [folder / f"{cache_key(i, text)}.pkl" for i, text in seeds]
    frames: list[pd.DataFrame | None] = [_read(p, columns) for p in paths]
    missing = [k for k, f in enumerate(frames) if f is None]
    jobs = [(seeds[k][0], seeds[k][1], str(paths[k])) for k in missing]
    workers = min(os.cpu_count() or 1, 2)
    if len(jobs) >= PARALLEL_FROM and workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            built = list(pool.map(partial(_build, tokens_of), jobs, chunksize=max(1, len(jobs) // (4 * workers))))
    else:
        built = [_build(tokens_of, job) for job in jobs]
    for k, frame in zip(missing, built, strict=True):
        frames[k] = frame
    return frames
