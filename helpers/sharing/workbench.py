"""The workbench: every generic analysis of the study, for any folder of interviews with a catalog.

`notebooks/workbench.ipynb` runs it; `make workbench SEEDS=DIR [OUT=DIR]` (or `python -m
helpers.sharing.workbench DIR [OUT]`) executes that notebook on `DIR/catalog.toml` and writes the executed
notebook, its HTML page and the exports into OUT (default: `DIR/workbench`, or `workbench/` in the
project for a folder inside it, which git ignores). The functions here are the ones that must stay
fast and readable from one interview to two hundred: per-interview summaries and key words of every
interview (or speaker) against the rest, computed for all of them at once.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..annotating.coding import CODEBOOK, RULES
from ..comparing.stats import bonferroni_g2
from ..comparing.vocabulary import words_of
from ..plumbing.paths import NOTEBOOKS_DIR, PROJECT_ROOT, SEEDS_DIR, shown
from ..reading.catalog import catalog_path, load_catalog

if TYPE_CHECKING:
    from ..comparing.archive import Archive

NOTEBOOK = NOTEBOOKS_DIR / "workbench.ipynb"
SEEDS_VARIABLE, OUT_VARIABLE = "WORKBENCH_SEEDS", "WORKBENCH_OUT"


def folders() -> tuple[Path, Path]:
    """The seeds folder the notebook reads and the folder it writes to, from the environment
    (`make workbench` sets both) or, by default, the study's seeds and `workbench/`."""
    seeds = Path(os.environ.get(SEEDS_VARIABLE, SEEDS_DIR))
    return seeds, Path(os.environ.get(OUT_VARIABLE, default_out(seeds)))


def default_out(seeds: Path) -> Path:
    """Where the workbench writes for a seeds folder: `workbench/` beside the project's tracked
    files for a folder inside the project, else `<seeds>/workbench`."""
    seeds = Path(seeds).resolve()
    if seeds == PROJECT_ROOT or PROJECT_ROOT in seeds.parents:
        return PROJECT_ROOT / "workbench" / seeds.name
    return seeds / "workbench"


def codebook_files(seeds: Path) -> tuple[Path, Path] | None:
    """The codebook and keyword rules for a folder: its own `codebook.toml` and `rules.toml`, or
    the study's for the study's seeds; None when the folder has none."""
    own = (Path(seeds) / "codebook.toml", Path(seeds) / "rules.toml")
    if all(p.is_file() for p in own):
        return own
    if Path(seeds).resolve() == SEEDS_DIR.resolve():
        return CODEBOOK, RULES
    return None


def load(seeds: Path) -> tuple[list, pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Everything the workbench reads from a folder, each seed split once: the catalog, the
    passages, the turns, the split report and the token table of questions and answers."""
    from ..annotating.tokens import load_tokens
    from ..reading.passages import load_passages, turns_from_passages

    catalog = load_catalog(seeds)
    passages, report = load_passages(seeds, report=True)
    return catalog, passages, turns_from_passages(passages), report, load_tokens(seeds, speech="speech")


def summary(turns: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """Per interview: questions, answer turns, interviewees, the words of the questions and of the
    answers (word tokens of the `speech` selection) and the interviewers' share of the words."""
    words = tokens[tokens["is_word"]]
    by_role = words.groupby(["interview", "role"]).size().unstack(fill_value=0)
    kinds = turns.groupby(["interview", "kind"]).size().unstack(fill_value=0)
    table = pd.DataFrame({
        "questions": kinds.get("question", 0), "answers": kinds.get("answer", 0),
        "interviewees": turns[turns["role"] == "interviewee"].groupby("interview")["speaker"].nunique(),
        "question_words": by_role.get("interviewer", 0), "answer_words": by_role.get("interviewee", 0),
    }).fillna(0).astype(int)
    total = table["question_words"] + table["answer_words"]
    table["interviewer_share"] = (100 * table["question_words"] / total.where(total > 0)).round(1)
    return table.rename_axis("interview")


def key_words_each(tokens: pd.DataFrame, by: str, top: int = 10, alpha: float = 0.05) -> pd.DataFrame:
    """Key words of every value of `by` (an interview, a speaker) against all the others pooled,
    for all values at once: G² and Log Ratio as in `stats`, the Bonferroni threshold over the
    words of the whole table, and the `top` words each uses more than the rest (key ones first,
    then by G²). Columns: `by`, word, a, b, per_1000, per_1000_rest, g2, log_ratio, key."""
    words = words_of(tokens)
    counts = words.groupby([by, "norm"]).size().unstack(fill_value=0)
    a = counts.to_numpy(dtype=float)
    c = a.sum(axis=1, keepdims=True)
    b = a.sum(axis=0, keepdims=True) - a
    d = c.sum() - c
    with np.errstate(divide="ignore", invalid="ignore"):
        e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
        g2 = 2 * (np.where(a > 0, a * np.log(a / e1), 0.0) + np.where(b > 0, b * np.log(b / e2), 0.0))
        ratio = np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d))
    threshold = bonferroni_g2(counts.shape[1], alpha)
    more = (a / c) > (b / np.where(d > 0, d, 1))
    rows = []
    for k, value in enumerate(counts.index):
        mine = np.flatnonzero(more[k])
        order = mine[np.lexsort((-g2[k, mine], ~(g2[k, mine] > threshold)))][:top]
        for j in order:
            rows.append({by: value, "word": counts.columns[j], "a": int(a[k, j]), "b": int(b[k, j]),
                         "per_1000": round(1000 * a[k, j] / c[k, 0], 2),
                         "per_1000_rest": round(1000 * b[k, j] / d[k, 0], 2), "g2": float(g2[k, j]),
                         "log_ratio": float(ratio[k, j]), "key": bool(g2[k, j] > threshold)})
    table = pd.DataFrame(rows, columns=[by, "word", "a", "b", "per_1000", "per_1000_rest", "g2", "log_ratio", "key"])
    table.attrs.update({"threshold": threshold, "words_tested": counts.shape[1], "speech": tokens.attrs.get("speech")})
    return table


def open_archive(seeds: Path) -> Archive:
    """The folder's interviews as an `Archive` (`helpers.comparing.archive`): the token store built for
    the interviews it lacks, on every core, with a progress bar (counts and time left) from a few
    interviews on, and only the interviews whose key changed built and indexed again. The analyses
    query it, so an archive of thousands of interviews is never one DataFrame."""
    from ..comparing.archive import Archive

    return Archive(seeds)


def find_interviews(archive: Archive, text: str = "", limit: int = 30) -> pd.DataFrame:
    """The interviews whose id, title, outlet or people contain `text` (any case), with their words:
    the workbench's filter for an archive too long to scroll. All of them (the first `limit`) for ""."""
    sizes = archive.interviews()
    rows = []
    for interview in archive.catalog:
        people = ", ".join(p.name for p in interview.people)
        haystack = " ".join([interview.id, interview.title, interview.outlet, people]).lower()
        if text.lower() in haystack:
            rows.append({"interview": interview.id, "title": interview.title, "date": interview.date,
                         "people": people, "answer_words": int(sizes.at[interview.id, "answer_words"])
                         if interview.id in sizes.index else 0})
    return pd.DataFrame(rows, columns=["interview", "title", "date", "people", "answer_words"]).head(limit)


@contextmanager
def _environment(variables: dict[str, str]) -> Iterator[None]:
    """Set environment variables for the kernel a block starts, and restore them after."""
    before = {k: os.environ.get(k) for k in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run(seeds: Path, out: Path | None = None) -> tuple[Path, Path]:
    """Execute the workbench notebook on a seeds folder and write it, executed, and its HTML page
    into `out`. Returns the two paths."""
    import nbformat
    from nbclient import NotebookClient

    from .page import export_page

    load_catalog(seeds)  # a broken catalog stops here, with its file and line, before any kernel starts
    out = Path(out) if out is not None else default_out(seeds)
    out.mkdir(parents=True, exist_ok=True)
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    with _environment({SEEDS_VARIABLE: str(Path(seeds).resolve()), OUT_VARIABLE: str(out.resolve())}):
        NotebookClient(notebook, kernel_name="python3", timeout=1800, record_timing=False,
                       resources={"metadata": {"path": str(NOTEBOOKS_DIR)}}).execute()
    executed, page = out / "workbench.ipynb", out / "workbench.html"
    nbformat.write(notebook, executed)
    page.write_text(export_page(notebook), encoding="utf-8")
    return executed, page


def main(argv: list[str]) -> int:
    """Run the workbench on SEEDS_DIR into OUT_DIR; the exit status (2 on a usage error)."""
    if len(argv) < 2:
        print("usage: python -m helpers.sharing.workbench SEEDS_DIR [OUT_DIR]", file=sys.stderr)
        return 2
    seeds = Path(argv[1])
    if not catalog_path(seeds).is_file():
        print(f"{shown(catalog_path(seeds))}: no catalog.toml in this folder (see README, 'Adding an interview')",
              file=sys.stderr)
        return 2
    began = time.perf_counter()
    executed, page = run(seeds, Path(argv[2]) if len(argv) > 2 else None)
    print(f"workbench on {shown(seeds)}: {shown(executed)} and {shown(page)} in {time.perf_counter() - began:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
