"""The study's benchmark: prints one table and writes BENCHMARKS.md (a script, not a timed test).

Run from the project folder, once `make setup` has made the venv:

    .venv/bin/python bench/run.py              # about four minutes on 2 cores
    .venv/bin/python bench/run.py --repeats 1  # quicker, noisier

It measures, against the goals of issue 7:

1. nbval over every notebook against a floor, as many fresh kernels that only import pandas,
   seaborn, nltk and matplotlib, both run the same way in this run (median of `--repeats`), and
   what `import helpers` adds to a process that has imported those four (issue 23: at most 0.3 s);
2. load-and-split throughput on the seeds and on synthetic corpora 10, 100 and 1000 times
   their size (`bench/synthetic.py`), and how the cost per MB grows;
3. the peak memory (RSS) of a kernel running each notebook, and whether every output is
   byte-identical under PYTHONHASHSEED=0 and 1 and to the committed notebook;
4. `make test` wall time once set up, then the hygiene checks: `git status` clean after
   `make test` and `make html`, and nothing left for `make setup` to reinstall.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

import helpers
from helpers.plumbing.paths import PROJECT_ROOT

sys.path.insert(0, str(Path(__file__).parent))
import scale  # sibling scripts, not part of the helpers package
import synthetic

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))
PYTHON = sys.executable
NBVAL = ["--nbval", "--nbval-current-env", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg"]
FLOOR_CELL = "import matplotlib.pyplot\nimport nltk\nimport pandas\nimport seaborn"
LIBRARIES = "import matplotlib.pyplot, nltk, pandas, seaborn"
IMPORT_PROBE = (
    "import time\n" + LIBRARIES + "\n"
    "began = time.perf_counter()\nimport helpers\nimported = time.perf_counter()\n"
    "helpers.load_passages, helpers.load_tokens, helpers.use_house_style, helpers.speaker_palette\n"
    "print(imported - began, time.perf_counter() - imported)"
)
"""Run in a fresh interpreter: the seconds `import helpers` takes once the four libraries are
loaded, and the seconds the names every notebook's first cell uses then take to import."""
FACTORS = (1, 10, 100, 1000)
GOALS = {
    "nbval_ratio": 1.3,  # nbval time / floor time, at most
    "import_s": 0.3,  # import helpers after pandas, seaborn, nltk and matplotlib, at most
    "throughput": 20.0,  # MB/s, at least
    "linearity": 1.10,  # time ratio over size ratio from one synthetic corpus to the next, at most
    "rss_mb": 400.0,  # peak RSS of a notebook's kernel, at most
    "make_test_s": 90.0,  # make test wall time, at most
}
# The kernel's own high-water mark. Not getrusage's ru_maxrss: Linux carries that over from the
# process that started the kernel (this script, which holds the 1000x corpus at that point).
RSS_CELL = (
    "import re\n"
    "print(re.search(r'VmHWM:\\s+(\\d+) kB', open('/proc/self/status').read()).group(1))"
)


def timed(command: list[str], env: dict | None = None) -> float:
    """Wall time of a command run in the project folder; fails loudly if the command fails."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return seconds


def write_floor(folder: Path, count: int) -> list[str]:
    """`count` one-cell notebooks that import only what every study notebook imports."""
    paths = []
    for k in range(count):
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [nbformat.v4.new_code_cell(FLOOR_CELL)]
        path = folder / f"floor{k + 1}.ipynb"
        nbformat.write(notebook, path)
        paths.append(str(path))
    return paths


def notebook_times(repeats: int) -> dict:
    """Median wall time of nbval over the notebooks and over the floor, alternating runs."""
    with tempfile.TemporaryDirectory() as tmp:
        floor = write_floor(Path(tmp), len(NOTEBOOKS))
        nbval_runs, floor_runs = [], []
        for _ in range(repeats):
            nbval_runs.append(timed([PYTHON, "-m", "pytest", "-q", *map(str, NOTEBOOKS), *NBVAL]))
            floor_runs.append(timed([PYTHON, "-m", "pytest", "-q", "--nbval-lax", "--nbval-current-env", *floor]))
    nbval, floor_s = statistics.median(nbval_runs), statistics.median(floor_runs)
    return {"nbval_s": nbval, "floor_s": floor_s, "ratio": nbval / floor_s, "kernels": len(NOTEBOOKS),
            "nbval_runs": nbval_runs, "floor_runs": floor_runs}


def import_times(repeats: int) -> dict:
    """Median over `repeats` fresh interpreters of `IMPORT_PROBE`'s two figures."""
    runs = []
    for _ in range(max(repeats, 3)):
        done = subprocess.run([PYTHON, "-c", IMPORT_PROBE], cwd=PROJECT_ROOT, capture_output=True, text=True,
                              check=True)
        runs.append(tuple(float(x) for x in done.stdout.split()))
    return {"import_s": statistics.median(r[0] for r in runs), "first_names_s": statistics.median(r[1] for r in runs),
            "runs": len(runs)}


def best_time(function, argument, repeats: int) -> float:
    """The shortest of `repeats` timings of `function(argument)`."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function(argument)
        times.append(time.perf_counter() - start)
    return min(times)


def throughput(repeats: int) -> list[dict]:
    """MB/s of load_passages and load_turns on the seeds grown 1, 10, 100 and 1000 times."""
    helpers.load_turns()  # imports and first-call costs are not the splitter's
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for factor in FACTORS:
            folder = synthetic.write_corpus(Path(tmp) / f"x{factor}", factor)
            megabytes = synthetic.corpus_bytes(folder) / 1e6
            passages_s = best_time(helpers.load_passages, folder, repeats)
            turns_s = best_time(helpers.load_turns, folder, repeats)
            rows.append({"factor": factor, "mb": megabytes, "passages": len(helpers.load_passages(folder)),
                         "passages_s": passages_s, "turns_s": turns_s,
                         "passages_mb_s": megabytes / passages_s, "turns_mb_s": megabytes / turns_s})
    return rows


def growth(rows: list[dict], key: str) -> list[float]:
    """How the cost grows from each synthetic corpus to the next, ten times larger: the ratio of
    the times over the ratio of the sizes. 1.0 is linear; above 1, each megabyte costs more on the
    larger corpus (what the linearity goal bounds); below 1, less (fixed costs spread thinner)."""
    grown = [r for r in rows if r["factor"] > 1]
    return [(b[key] / a[key]) / (b["mb"] / a["mb"]) for a, b in itertools.pairwise(grown)]


def outputs_of(notebook) -> str:
    """Every code cell's outputs as canonical JSON: what "byte-identical outputs" compares."""
    return json.dumps([cell.get("outputs", []) for cell in notebook.cells if cell.cell_type == "code"],
                      sort_keys=True, ensure_ascii=False)


def run_notebook(path: Path, hash_seed: int) -> tuple[str, float]:
    """Execute a notebook in a fresh kernel under PYTHONHASHSEED=`hash_seed`. Returns its
    outputs (see `outputs_of`) and the kernel's peak RSS in MB, read in an extra last cell."""
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(RSS_CELL))
    client = NotebookClient(notebook, kernel_name="python3", timeout=600, record_timing=False, coalesce_streams=True,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute(env={**os.environ, "PYTHONHASHSEED": str(hash_seed)})
    probe = notebook.cells.pop()
    peak_kib = int(probe.outputs[0]["text"].strip())
    return outputs_of(notebook), peak_kib * 1024 / 1e6


def first_difference(one: str, other: str) -> str:
    """Where two `outputs_of` results first differ: "code cell N, output K", or "" if they do not."""
    if one == other:
        return ""
    first, second = json.loads(one), json.loads(other)
    for number, (a, b) in enumerate(zip(first, second, strict=True), 1):
        if a != b:
            pairs = zip(a, b, strict=False)  # one run may have more outputs than the other
            k = next((k for k, (x, y) in enumerate(pairs, 1) if x != y), min(len(a), len(b)) + 1)
            return f"code cell {number}, output {k}"
    return "the number of code cells"


def kernels() -> list[dict]:
    """Peak RSS of each notebook's kernel, and whether its outputs are the same under hash
    seeds 0 and 1 and the same as the committed ones."""
    rows = []
    for path in NOTEBOOKS:
        committed = outputs_of(nbformat.read(path, as_version=4))
        seed0, rss0 = run_notebook(path, 0)
        seed1, rss1 = run_notebook(path, 1)
        rows.append({"notebook": path.name, "rss_mb": max(rss0, rss1),
                     "same_under_seeds": seed0 == seed1, "same_as_committed": seed0 == committed,
                     "differs": first_difference(seed0, seed1) or first_difference(committed, seed0)})
    return rows


def git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain"], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, check=True).stdout


def make_and_hygiene() -> dict:
    """`make test` wall time (set-up already done), and what it and `make html` leave behind."""
    timed(["make", "setup"])
    before = git_status()
    make_test = timed(["make", "test"])
    after_test = git_status()
    timed(["make", "html"])
    after_html = git_status()
    up_to_date = subprocess.run(["make", "--question", "setup"], cwd=PROJECT_ROOT).returncode == 0
    return {"make_test_s": make_test, "clean_before": before == "", "clean_after_test": after_test == before,
            "clean_after_html": after_html == before, "setup_up_to_date": up_to_date, "changed": after_html}


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def report(nb: dict, load: list[dict], kernel_rows: list[dict], make: dict, imports: dict) -> str:
    """BENCHMARKS.md: the figures of this run against the goals, then the hand-written findings."""
    seeds = load[0]
    worst_mb_s = min(r["passages_mb_s"] for r in load)
    grow_passages, grow_turns = growth(load, "passages_s"), growth(load, "turns_s")
    steps = [f"{a['factor']}x→{b['factor']}x" for a, b in itertools.pairwise(load[1:])]
    grown_mb_s = [r["passages_mb_s"] for r in load[1:]]
    peak = max(r["rss_mb"] for r in kernel_rows)
    same = sum(r["same_under_seeds"] for r in kernel_rows)
    committed = sum(r["same_as_committed"] for r in kernel_rows)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True,
                            text=True).stdout.strip()
    lines = [
        "# Benchmarks",
        "",
        f"Written by `bench/run.py` on {dt.date.today().isoformat()} at commit `{commit}` "
        f"(uncommitted changes: {'none' if make['clean_before'] else 'yes'}); Python {platform.python_version()}, "
        f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}. Every figure below comes from that one "
        "run; rerun the script to replace them.",
        "",
        "## Against the goals",
        "",
        "| measure | figure | goal | |",
        "|---|---|---|---|",
        f"| nbval over {nb['kernels']} notebooks / floor ({nb['kernels']} fresh kernels importing pandas, seaborn, "
        f"nltk, matplotlib) | {nb['nbval_s']:.1f} s / {nb['floor_s']:.1f} s = **{nb['ratio']:.2f}** "
        f"| ≤ {GOALS['nbval_ratio']} | {verdict(nb['ratio'] <= GOALS['nbval_ratio'])} |",
        f"| `import helpers` after pandas, seaborn, nltk and matplotlib (median of {imports['runs']} fresh "
        f"interpreters); then the first cell's names | **{imports['import_s']:.3f} s**; "
        f"{imports['first_names_s']:.3f} s | ≤ {GOALS['import_s']} s "
        f"| {verdict(imports['import_s'] <= GOALS['import_s'])} |",
        f"| load and split into passages: the seeds; the grown corpora, slowest to fastest "
        f"| **{seeds['passages_mb_s']:.1f}**; {min(grown_mb_s):.1f}–{max(grown_mb_s):.1f} MB/s "
        f"| ≥ {GOALS['throughput']:.0f} MB/s | {verdict(worst_mb_s >= GOALS['throughput'])} |",
        f"| growth of the cost, time ratio / size ratio, {', '.join(steps)}: passages; turns "
        f"| **{', '.join(f'{g:.2f}' for g in grow_passages)}**; {', '.join(f'{g:.2f}' for g in grow_turns)} "
        f"| ≤ {GOALS['linearity']} | {verdict(max(grow_passages + grow_turns) <= GOALS['linearity'])} |",
        f"| peak RSS of a notebook's kernel, largest | **{peak:.0f} MB** | ≤ {GOALS['rss_mb']:.0f} MB "
        f"| {verdict(peak <= GOALS['rss_mb'])} |",
        f"| `make test` wall time, set up | **{make['make_test_s']:.1f} s** | ≤ {GOALS['make_test_s']:.0f} s "
        f"| {verdict(make['make_test_s'] <= GOALS['make_test_s'])} |",
        f"| notebooks with byte-identical outputs under PYTHONHASHSEED=0 and 1 | **{same} of {len(kernel_rows)}** "
        f"| all | {verdict(same == len(kernel_rows))} |",
        f"| … and identical to the committed outputs | {committed} of {len(kernel_rows)} | all "
        f"| {verdict(committed == len(kernel_rows))} |",
        f"| `git status` unchanged by `make test`; by `make html` | {make['clean_after_test']}; "
        f"{make['clean_after_html']} | both | {verdict(make['clean_after_test'] and make['clean_after_html'])} |",
        f"| nothing to reinstall after `make test` (`make --question setup`) | {make['setup_up_to_date']} | yes "
        f"| {verdict(make['setup_up_to_date'])} |",
        "",
        "## Notebook time",
        "",
        f"Median of {len(nb['nbval_runs'])} alternating runs of each command, wall time including pytest's start-up. "
        f"nbval runs: {', '.join(f'{s:.1f}' for s in nb['nbval_runs'])} s; floor runs: "
        f"{', '.join(f'{s:.1f}' for s in nb['floor_runs'])} s.",
        "",
        "## Load and split",
        "",
        f"The seeds ({seeds['mb'] * 1000:.1f} kB together) and the same seeds grown by `bench/synthetic.py`: head and "
        "footer once, the interview repeated. Best of the repeats; `load_turns` includes `load_passages`.",
        "",
        "| size | MB | passages | load_passages | MB/s | load_turns | MB/s |",
        "|---|---|---|---|---|---|---|",
        *[f"| {r['factor']}x | {r['mb']:.2f} | {r['passages']:,} | {r['passages_s'] * 1000:.0f} ms "
          f"| {r['passages_mb_s']:.1f} | {r['turns_s'] * 1000:.0f} ms | {r['turns_mb_s']:.1f} |" for r in load],
        "",
        "## Kernels",
        "",
        "Each notebook run twice by nbclient in a fresh kernel, under PYTHONHASHSEED=0 and =1; the peak RSS is the "
        "larger of the two, the kernel's own high-water mark (`VmHWM` in `/proc/self/status`), read in an extra "
        "last cell.",
        "",
        "| notebook | peak RSS | same under seeds 0 and 1 | same as committed | first difference |",
        "|---|---|---|---|---|",
        *[f"| {r['notebook']} | {r['rss_mb']:.0f} MB | {r['same_under_seeds']} | {r['same_as_committed']} "
          f"| {r['differs'] or '–'} |" for r in kernel_rows],
        "",
    ]
    findings = Path(__file__).with_name("findings.md")
    return "\n".join(lines) + "\n" + findings.read_text(encoding="utf-8")


def print_table(text: str) -> None:
    """The goals table, as the script's one printed table."""
    table = text.split("## Against the goals", 1)[1].split("\n## ", 1)[0]
    print(table.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per timing (median or best of them)")
    parser.add_argument("--output", type=Path, default=PROJECT_ROOT / "BENCHMARKS.md")
    args = parser.parse_args()
    make = make_and_hygiene()
    imports = import_times(args.repeats)
    nb = notebook_times(args.repeats)
    load = throughput(args.repeats)
    kernel_rows = kernels()
    text = report(nb, load, kernel_rows, make, imports)
    old = args.output.read_text(encoding="utf-8") if args.output.is_file() else ""
    if scale.BEGIN in old:  # bench/scale.py's section, measured apart, is kept
        text = text.rstrip("\n") + "\n\n" + scale.BEGIN + old.split(scale.BEGIN, 1)[1]
    args.output.write_text(text, encoding="utf-8")
    print_table(text)
    print(f"\nwrote {args.output.name}")


if __name__ == "__main__":
    main()
