"""The workbench: every generic analysis of the study, for any folder of interviews with a catalog.

`notebooks/workbench.ipynb` runs it; `make workbench SEEDS=DIR [OUT=DIR] [STRICT=1]` (or `python -m
helpers.sharing.workbench DIR [OUT] [--strict]`) runs it on a folder. Its first step checks the
folder (`helpers.reading.check`): every text that splits is analysed, and the texts skipped are
listed at the top of the page with why; with `STRICT=1` the run stops at the first problem. The
texts that split are copied, with their catalog entries and the folder's codebook and rules, into
a fresh folder inside OUT, the notebook runs on that copy and writes into another fresh folder
there, and only then are the results moved into OUT, replacing those of the last run (whose names
the last executed notebook records). Nothing is written outside OUT, and nothing through a
symbolic link: a link planted in OUT under an output's name is replaced, never followed. OUT
defaults to `DIR/workbench`, or `workbench/` in the project for a folder inside it (git ignores it).
The functions here are the ones that must stay fast and readable from one interview to two
hundred: per-interview summaries and key words of every interview (or speaker) against the rest,
computed for all of them at once.

Why this module is long: the runner and the functions the notebook calls share the layout of a run
(the checked copy of the folder, the list of skipped texts, the outputs and their record); kept in one
module, the notebook and the runner cannot disagree on it.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..annotating.coding import CODEBOOK, RULES
from ..comparing.stats import bonferroni_g2
from ..comparing.vocabulary import words_of
from ..plumbing.errors import SeedError
from ..plumbing.paths import NOTEBOOKS_DIR, PROJECT_ROOT, SEEDS_DIR, shown
from ..plumbing.safefiles import check_folder, move_inside, remove_inside, write_inside
from ..reading.catalog import catalog_path, catalog_subset, load_catalog, read_catalog
from ..reading.check import check_folder as check_texts
from ..reading.check import format_check

if TYPE_CHECKING:
    from ..comparing.archive import Archive

NOTEBOOK = NOTEBOOKS_DIR / "workbench.ipynb"
SEEDS_VARIABLE, OUT_VARIABLE, SHOWN_VARIABLE = "WORKBENCH_SEEDS", "WORKBENCH_OUT", "WORKBENCH_SHOWN"
SKIPPED_NAME = "workbench-skipped.json"
"""The texts the first step skipped, written beside the copied texts for the notebook to show."""
RUN_FOLDER = ".workbench-run"
"""The fresh folder, inside OUT, that a run copies the texts into and writes into before moving its results."""
FIRST_OUTPUTS = ("workbench.ipynb", "workbench.html", "web-annotations.jsonld", "summary.csv", "split-report.csv",
                 "key-words.csv", "speaker-key-words.csv")
"""What a run wrote before runs recorded their outputs: removed too, so no old result looks current."""
SKIPPED_COLUMNS = ["file", "interview", "line", "problem", "fix"]


def folders() -> tuple[Path, Path]:
    """The seeds folder the notebook reads and the folder it writes to, from the environment
    (`make workbench` sets both) or, by default, the study's seeds and `workbench/`."""
    seeds = Path(os.environ.get(SEEDS_VARIABLE, SEEDS_DIR))
    return seeds, Path(os.environ.get(OUT_VARIABLE, default_out(seeds)))


def shown_folder(seeds: Path) -> str:
    """The folder the reader asked for, as messages show it (the runner reads a copy of it)."""
    return os.environ.get(SHOWN_VARIABLE) or shown(seeds)


def skipped(seeds: Path) -> pd.DataFrame:
    """The texts of the folder that the first step skipped, one row per problem (file, interview,
    line, problem, fix): as the runner recorded them, or, for a folder opened directly, as the
    check of the folder finds them."""
    recorded = Path(seeds) / SKIPPED_NAME
    rows = json.loads(recorded.read_text(encoding="utf-8")) if recorded.is_file() else check_texts(seeds).skipped()
    frame = pd.DataFrame(rows, columns=SKIPPED_COLUMNS)
    frame["line"] = frame["line"].astype("Int64")
    return frame


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


def load(seeds: Path) -> tuple[list, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """What the workbench reads from a folder besides its archive, each seed split once: the
    catalog, the passages, the turns and the split report. No token table: the word counts are
    the archive's queries (`open_archive`), so a long archive is never one DataFrame."""
    from ..reading.passages import load_passages, turns_from_passages

    catalog = load_catalog(seeds)
    passages, report = load_passages(seeds, report=True)
    return catalog, passages, turns_from_passages(passages), report


SPOKEN = ("question", "answer", "list_item")
"""The kinds of block that are speech: everything else of a text is set aside from the counts."""
END_PUNCTUATION = tuple(".?!:;…\"”’)")
"""How a paragraph that ends its sentence ends (a closing quotation mark or bracket included)."""


def set_aside(passages: pd.DataFrame) -> pd.DataFrame:
    """Every block of the texts that is not speech (`SPOKEN`), per interview and kind, in text
    order: how many, the lines they start on and the first words of the first. What the
    splitter read as the page's metadata, title, caption, footer, pull quote or editor's note,
    whether or not its report flags it."""
    other = passages[~passages["kind"].isin(SPOKEN)]
    rows = [{"interview": interview, "kind": kind, "blocks": len(mine),
             "lines": ", ".join(map(str, mine["line"].head(6))) + (", ..." if len(mine) > 6 else ""),
             "first": " ".join(str(mine["clean"].iloc[0]).split())[:40]}
            for (interview, kind), mine in other.groupby(["interview", "kind"], sort=False)]
    return pd.DataFrame(rows, columns=["interview", "kind", "blocks", "lines", "first"])


def broken_segments(units: pd.DataFrame) -> list[str]:
    """The answer segments (`coding_units`) that look like a paragraph cut by a stray blank line:
    the segment ends without end punctuation and the next segment of the same turn begins in
    lower case. Each such paragraph counts as two segments in the rule codes' shares."""
    found = []
    for (_, this), (_, after) in zip(units.iloc[:-1].iterrows(), units.iloc[1:].iterrows(), strict=True):
        text, following = str(this["clean"]).rstrip(), str(after["clean"]).lstrip()
        if (this["turn_id"] == after["turn_id"] and text and not text.endswith(END_PUNCTUATION)
                and following[:1].islower()):
            found.append(this["passage_id"])
    return found


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


def first_step(seeds: Path, strict: bool = False) -> tuple[list[str], list[dict], str, bool]:
    """Check the folder: the ids of the interviews that split, one row per problem of the texts
    skipped (and of the folder's keyword rules), the check as printed, and whether the rules may
    run. A `SeedError` when nothing can be analysed, or, with `strict`, at the first problem."""
    check = check_texts(seeds)
    if strict and check.problems:
        raise check.problems[0]
    ready = check.ready()
    if not ready:
        first = check.problems[0] if check.problems else SeedError(shown(seeds), None, "no interview text")
        raise SeedError(first.file, first.line, f"no text of {shown(seeds)} can be analysed; the first problem: "
                                                f"{first.problem}", first.fixes)
    rules = [{"file": "rules.toml", "interview": "", "line": p.line, "problem": f"{p.problem} (themes left out)",
              "fix": ""} for p in check.rules]
    return ready, check.skipped() + rules, format_check(check), not check.rules


def _stage(seeds: Path, ready: list[str], rows: list[dict], run: Path, rules_ok: bool) -> Path:
    """Copy the texts that split, their catalog entries, the folder's codebook and rules (if the
    check accepted the rules) and the list of skipped texts into a fresh folder (named like the
    original, so exports name it alike)."""
    staged = run / Path(seeds).resolve().name
    staged.mkdir(parents=True)
    for interview in load_catalog_subset(seeds, ready):
        shutil.copyfile(interview.path, staged / interview.file)  # checked by the first step: no link out
    (staged / "catalog.toml").write_text(catalog_subset(seeds, ready), encoding="utf-8")
    files = codebook_files(seeds) if rules_ok else None
    if files is not None:
        shutil.copyfile(files[0], staged / "codebook.toml")
        shutil.copyfile(files[1], staged / "rules.toml")
    (staged / SKIPPED_NAME).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return staged


def load_catalog_subset(seeds: Path, ids: list[str]) -> list:
    """The catalog entries of the interviews `ids`, checked as the first step checked them."""
    return [i for i in read_catalog(seeds)[0] if i.id in ids]


def _previous_outputs(out: Path) -> list[str]:
    """The files the last run wrote into OUT, as its executed notebook records them."""
    executed = out / "workbench.ipynb"
    names = list(FIRST_OUTPUTS)
    if executed.is_file() and not executed.is_symlink():
        with suppress(ValueError, KeyError, TypeError):  # not a notebook this runner wrote: the first names only
            names += json.loads(executed.read_text(encoding="utf-8"))["metadata"]["workbench"]["outputs"]
    return sorted({n for n in names if isinstance(n, str)})


def _fresh(folder: Path) -> Path:
    """An empty folder at this path (a link or an old folder there removed, never followed)."""
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.is_dir():
        shutil.rmtree(folder)
    folder.mkdir()
    return folder


def run(seeds: Path, out: Path | None = None, strict: bool = False,
        checked: tuple[list[str], list[dict], str, bool] | None = None, notebook: Path = NOTEBOOK) -> tuple[Path, Path]:
    """Run the workbench on a seeds folder (see the module's docstring) and return the executed
    notebook and its HTML page, in OUT. Raises `SeedError` when the folder or OUT is refused, when
    no text splits, or, with `strict`, at the first problem of any text. `checked` is the first
    step's result, when the caller has it already; `notebook` the one to run (the workbench's)."""
    import nbformat
    from nbclient import NotebookClient

    from .page import export_page

    seeds = Path(seeds)
    ready, rows, _, rules_ok = checked if checked is not None else first_step(seeds, strict)
    out = check_folder(Path(out) if out is not None else default_out(seeds), "the output folder")
    for name in _previous_outputs(out):  # a run replaces the last one: no old result may look current
        remove_inside(out, name)
    run_folder = _fresh(out / RUN_FOLDER)
    try:
        staged = _stage(seeds, ready, rows, run_folder / "input", rules_ok)
        written = (run_folder / "output").resolve()
        written.mkdir()
        notebook = nbformat.read(notebook, as_version=4)
        variables = {SEEDS_VARIABLE: str(staged.resolve()), OUT_VARIABLE: str(written), SHOWN_VARIABLE: shown(seeds)}
        with _environment(variables):
            NotebookClient(notebook, kernel_name="python3", timeout=1800, record_timing=False,
                           resources={"metadata": {"path": str(NOTEBOOKS_DIR)}}).execute()
        names = sorted(p.name for p in written.iterdir() if p.is_file() and not p.is_symlink())
        notebook.metadata["workbench"] = {"outputs": [*names, "workbench.ipynb", "workbench.html"],
                                          "skipped": sorted({r["file"] for r in rows})}
        write_inside(written, "workbench.html", export_page(notebook))
        write_inside(written, "workbench.ipynb", nbformat.writes(notebook))
        for name in [*names, "workbench.html", "workbench.ipynb"]:
            move_inside(written / name, out, name)
    finally:
        shutil.rmtree(run_folder, ignore_errors=True)
    return out / "workbench.ipynb", out / "workbench.html"


def main(argv: list[str]) -> int:
    """Run the workbench on SEEDS_DIR into OUT_DIR (`--strict`, or STRICT set to anything but 0,
    stops at the first problem); the exit status: 0, 1 when nothing ran, 2 on a usage error."""
    strict = "--strict" in argv or os.environ.get("STRICT", "") not in ("", "0")
    args = [a for a in argv[1:] if a != "--strict"]
    if not args or len(args) > 2:
        print("usage: python -m helpers.sharing.workbench SEEDS_DIR [OUT_DIR] [--strict]", file=sys.stderr)
        return 2
    seeds = Path(args[0])
    if not catalog_path(seeds).is_file():
        print(f"{shown(catalog_path(seeds))}: no catalog.toml in this folder: draft one with `make catalog "
              f"SEEDS={shown(seeds)}` (README, 'Your own interviews')", file=sys.stderr)
        return 2
    began = time.perf_counter()
    try:
        checked = first_step(seeds, strict)
        _, rows, report, _ = checked
        if rows:
            print(report, file=sys.stderr)
        executed, page = run(seeds, Path(args[1]) if len(args) > 1 else None, strict, checked)
    except SeedError as problem:
        print(f"workbench stopped: {problem}", file=sys.stderr)
        return 1
    skipped_files = sorted({r["file"] for r in rows})
    print(f"workbench on {shown(seeds)}: {shown(executed)} and {shown(page)} in {time.perf_counter() - began:.1f} s"
          + (f"; skipped {len(skipped_files)} text(s): {', '.join(skipped_files)}" if skipped_files else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
