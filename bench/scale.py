"""The archive at scale: a synthetic archive of 1, 10 and 50 million words (`archive_text.py`: varied
texts, not copies), its token store built cold on every core and on Dask, and the workbench's
queries over it. A script that prints figures and rewrites its section of BENCHMARKS.md, not a test.

    .venv/bin/python bench/scale.py                 # 1, 10 and 50 million words: 17 to 23 min on 2 cores
    .venv/bin/python bench/scale.py --sizes 1 10    # millions of words: 6 to 7 min
    .venv/bin/python bench/scale.py --keep DIR      # keep the archives and stores in DIR

The code measured is copied first (`helpers`, `bench/archive_text.py`, the seeds, the fixtures and
the NLTK data, into the run's folder), and every phase and every worker imports it from there: an
edit to the project during a run (a long one) changes nothing in it, and the workers always run the
code the jobs were made with. Each phase runs in a fresh process and prints its figures when it
ends; BENCHMARKS.md's section is rewritten after each size, so an interrupted run keeps what it
measured. Memory is the peak of the phase's whole process tree (its workers included), summed
from each process's proportional set size (`/proc/PID/smaps_rollup`), sampled every `SAMPLING` s, or
every `BUILD_SAMPLING` s in the builds (see there). The
load average is sampled every 5 s for the whole run: other work on the machine lowers the rates
per core, so the section gives its mean and largest value for each size.

For each size:

- **raw tagger**: NLTK's `PerceptronTagger.tag`, one sentence at a time on one core, over the
  sentences of the first interviews (at least 40,000 tokens), as the build hands them to the tagger;
  the batch tagger on the same sentences, its tags compared with NLTK's;
- **cold build**: the store built from nothing on every core; tokens per second per core, against
  the raw tagger's rate measured in the same run;
- **index**: the store copied into the DuckDB index; store and index size on disk;
- **queries**, in a fresh process (cold: the first call; warm: the best of three more): a KWIC
  of a content word (all hits counted, the first 1,000 lines), the archive's frequency list, key
  words of one interview against the rest, key words of every interview at once, collocations;
- **Dask** (on the first size only): the same build on a `LocalCluster` of 1 and of 2 worker
  processes (one thread each, warmed up first), in `DASK_ROUNDS` rounds of one then the other; the
  wall time of every build, the ratio of the fastest of each (as `timeit` takes the best: other
  work on the machine only ever slows a build) and the range of the rounds' own ratios; and whether
  every file of every round is byte-identical to the local build's;
- **growth**: time ratio over words ratio from one size to the next (1.0 is linear).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- scale: written by bench/scale.py -->", "<!-- end of scale -->"
SAMPLING = 0.2
"""Seconds between memory samples in every phase but the builds."""
BUILD_SAMPLING = 1.0
"""Seconds between memory samples in the builds. The kernel walks a process's pages to give its PSS:
about 4 ms for a 300 MB worker, 6.6 ms for a build's whole tree, so sampling every 0.2 s took 3% of
one core from builds that keep both busy (and none from a one-worker build, which leaves a core
free). The builds' memory rises and falls over seconds, not within one."""
DASK_ROUNDS = 5
"""The Dask builds are run this many times, 1 worker then 2 in turn: on a shared machine one pair's
ratio moves by 0.2 or more from run to run (4 December: 1.65 to 2.18 in four pairs run one after another)."""
GOALS = {"kwic_warm_s": 1.0, "keywords_s": 5.0, "peak_gb": 2.0, "build_share": 0.90, "dask_ratio": 1.8}
COPIED = ("helpers", "bench/archive_text.py", "seeds", "tests/fixtures/corpus", "nltk_data")
"""What the run copies and imports from its own folder: the code it measures and the data that code reads."""


def snapshot(root: Path) -> dict:
    """Copy the code the run measures into `root / "code"`; the commit it came from and whether the
    worktree had uncommitted changes."""
    code = root / "code"
    for name in COPIED:
        source, target = ROOT / name, code / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
        else:
            shutil.copy2(source, target)

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    changed = git("status", "--porcelain", "--", *COPIED)
    return {"code": code, "commit": git("rev-parse", "--short", "HEAD"), "changed": bool(changed)}


def tree_memory(pid: int) -> int:
    """Bytes of memory the process `pid` and all its descendants hold (PSS where the kernel gives it)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        here = todo.pop()
        todo += children.get(here, [])
        try:
            with open(f"/proc/{here}/smaps_rollup", encoding="ascii") as handle:
                total += next(int(line.split()[1]) for line in handle if line.startswith("Pss:")) * 1024
        except (OSError, StopIteration, ValueError):
            try:
                with open(f"/proc/{here}/statm", encoding="ascii") as handle:
                    total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            except OSError:
                continue
    return total


class LoadSampler(threading.Thread):
    """The 1-minute load average, every `every` seconds, in the background."""

    def __init__(self, every: float = 5.0) -> None:
        super().__init__(daemon=True)
        self.every, self.samples = every, [os.getloadavg()[0]]
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            self.samples.append(os.getloadavg()[0])

    def since(self, first: int) -> dict:
        """Mean and largest load average of the samples from index `first` on."""
        mine = self.samples[first:] or self.samples[-1:]
        return {"load_mean": sum(mine) / len(mine), "load_max": max(mine)}


def phase(name: str, code: str, *args: str, snap: Path, env: dict | None = None, every: float = SAMPLING) -> dict:
    """Run `code` (Python that sets RESULT) in a fresh process importing the snapshot `snap`; its
    RESULT, its wall time and the peak memory of its process tree (sampled every `every` seconds),
    printed when it ends."""
    prologue = (f"import json, sys, time\nsys.path.insert(0, {str(snap / 'bench')!r})\n"
                "from pathlib import Path\n")
    epilogue = "\nprint(json.dumps(RESULT))\n"
    environment = {**os.environ, **(env or {}), "PYTHONPATH": str(snap), "PYTHONHASHSEED": "0"}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        began = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", prologue + code + epilogue, *args], cwd=snap,
                                   env=environment, stdout=out, stderr=err, text=True)
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_memory(process.pid))
            time.sleep(every)
        seconds = time.perf_counter() - began
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode:
        raise SystemExit(f"phase {name} failed:\n{stdout[-3000:]}\n{stderr[-3000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result |= {"peak_gb": peak / 1e9, "phase_s": seconds}
    shown = ", ".join(f"{k} {v:,.3g}" if isinstance(v, float) else f"{k} {v}" for k, v in result.items())
    print(f"  {name}: {shown}", flush=True)
    return result


WRITE = """
import archive_text
t = time.perf_counter()
n = archive_text.write_archive(Path(sys.argv[1]), int(sys.argv[2]))
RESULT = {"interviews": n, "write_s": time.perf_counter() - t}
"""

RAW = """
import helpers
from helpers.annotating import tokens
from helpers.annotating.fasttag import BatchTagger
catalog = helpers.load_catalog(sys.argv[1])
forms, batch_tags = [], []
class Recording:  # the build's own sentences, as it hands them to the tagger
    def tag_sentences(self, sentences):
        tags = real.tag_sentences(sentences)
        forms.extend(sentences); batch_tags.extend(tags)
        return tags
real = tokens._batch_tagger()
tokens._batch_tagger = lambda: Recording()
for interview in catalog:
    tokens.token_table(interview, helpers.seedtext.read_seed(interview))
    if sum(map(len, forms)) >= 40000:
        break
nltk_tagger = tokens._tools()[3]
n = sum(map(len, forms))
t = time.perf_counter()
nltk_tags = [[p for _, p in nltk_tagger.tag(s)] for s in forms]
raw = n / (time.perf_counter() - t)
fresh = BatchTagger(nltk_tagger)
t = time.perf_counter()
fresh.tag_sentences(forms)
batch = n / (time.perf_counter() - t)
RESULT = {"sample_tokens": n, "nltk_per_s": raw, "batch_per_s": batch, "same_tags": nltk_tags == batch_tags}
"""

BUILD = """
import os
import helpers
from helpers.annotating import tokencache
from helpers.annotating.tokens import token_table
from helpers.reading.seedtext import read_seed
catalog = helpers.load_catalog(sys.argv[1])
jobs = tokencache.archive_jobs(catalog)
t = time.perf_counter()
built = tokencache.build(jobs, token_table, os.environ["STUDY_TOKEN_CACHE"])
RESULT = {"tokens": built, "build_s": time.perf_counter() - t, "cores": os.cpu_count()}
"""

INDEX = """
from helpers.comparing.archive import Archive
t = time.perf_counter()
a = Archive(sys.argv[1], progress=False)
index_s = time.perf_counter() - t
words = int(a.query("SELECT count(*) AS n FROM tokens WHERE is_word AND NOT inserted")["n"][0])
RESULT = {"index_s": index_s, "words": words, "rebuilt": len(a.rebuilt), "index_mb": a.index.stat().st_size / 1e6}
"""

QUERIES = """
from helpers.comparing.archive import Archive
a = Archive(sys.argv[1], progress=False)
first = a.catalog[len(a.catalog) // 2].id
term = a.word_counts("answers", "interview", first, stopwords=False).index[0]
calls = {
    "kwic": lambda: a.concordance(term, limit=1000),
    "frequency": lambda: a.word_counts("answers").head(100),
    "keywords": lambda: a.against_rest(first),
    "keywords_each": lambda: a.key_words_each("interview", top=10),
    "collocations": lambda: a.collocations(top=50),
}
RESULT = {"term": term}
for name, call in calls.items():
    t = time.perf_counter(); out = call(); RESULT[name + "_cold_s"] = time.perf_counter() - t
    warm = []
    for _ in range(3 if name in ("kwic", "frequency", "keywords") else 1):
        t = time.perf_counter(); call(); warm.append(time.perf_counter() - t)
    RESULT[name + "_warm_s"] = min(warm)
    if name == "kwic":
        RESULT["kwic_hits"] = out.attrs["hits"]; RESULT["kwic_lines"] = len(out)
"""

DASK = """
import logging, os, shutil
from distributed import Client, LocalCluster
import helpers
from helpers.annotating import cluster, tokencache
from helpers.annotating.tokens import token_table
catalog = helpers.load_catalog(sys.argv[1])
jobs = tokencache.archive_jobs(catalog)
local = Path(os.environ["STUDY_TOKEN_CACHE"])
names = [f"{j.key}.parquet" for j in jobs]
RESULT = {"dask_1": [], "dask_2": [], "identical": True}
def warm():
    from helpers.annotating import tokens
    tokens._batch_tagger()
for _ in range(int(sys.argv[3])):
    for n in (1, 2):
        out = Path(sys.argv[2]) / f"dask-{n}"
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=logging.ERROR) as dask, Client(dask) as client:
            client.run(warm)
            t = time.perf_counter()
            cluster.build_on_dask(jobs, token_table, client, out)
            RESULT[f"dask_{n}"].append(time.perf_counter() - t)
        RESULT["identical"] &= all((local / m).read_bytes() == (out / m).read_bytes() for m in names)
        shutil.rmtree(out)
"""


def du(path: Path) -> float:
    """Megabytes of the files under `path`."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def measure(millions: float, root: Path, snap: Path, dask: bool, load: LoadSampler) -> dict:
    """Every phase for one size of archive; the figures as one row."""
    folder, store = root / f"archive-{millions:g}M", root / f"store-{millions:g}M"
    env = {"STUDY_TOKEN_CACHE": str(store)}
    first_sample, began = len(load.samples), time.perf_counter()
    print(f"{millions:g} million words (load average {os.getloadavg()[0]:.2f}):", flush=True)
    row: dict = {"millions": millions}

    def run(name: str, code: str, *args: str) -> None:
        every = BUILD_SAMPLING if name in ("build", "dask") else SAMPLING
        result = phase(name, code, *args, snap=snap, env=env, every=every)
        row[f"{name}_peak_gb"] = result.pop("peak_gb")
        row[f"{name}_phase_s"] = result.pop("phase_s")
        row.update({f"raw_{k}": v for k, v in result.items()} if name == "raw" else result)

    run("write", WRITE, str(folder), str(int(millions * 1_000_000)))
    run("raw", RAW, str(folder))
    shutil.rmtree(store, ignore_errors=True)
    run("build", BUILD, str(folder))
    run("index", INDEX, str(folder))
    row["store_mb"] = du(store) - du(store / "index")
    run("queries", QUERIES, str(folder))
    if dask:
        run("dask", DASK, str(folder), str(root), str(DASK_ROUNDS))
    row |= load.since(first_sample) | {"size_s": time.perf_counter() - began}
    return row


def section(rows: list[dict], snap: dict, started: str, command: str) -> str:
    """The scale section of BENCHMARKS.md."""
    changed = " (with uncommitted changes)" if snap["changed"] else ""
    lines = ["## The archive at scale (`bench/scale.py`)", "",
             f"Written by `{command}`, started {started}, on {os.cpu_count()} cores, code of commit "
             f"`{snap['commit']}`{changed}. The archives are synthetic and varied (`bench/archive_text.py`). "
             "The machine is shared: the load average (1 min, sampled every 5 s) is given for each size, "
             "and a load above the number of cores lowers the rates per core.", "",
             "| words | interviews | tokens | NLTK tagger, 1 core | batch tagger, 1 core | cold build | per core "
             "| per core / NLTK raw | store | index | peak memory | load, mean (max) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        per_core = r["tokens"] / r["build_s"] / r["cores"]
        peak = max(v for k, v in r.items() if k.endswith("peak_gb"))
        lines.append(
            f"| {r['words']:,} | {r['interviews']:,} | {r['tokens']:,} | {r['raw_nltk_per_s']:,.0f}/s | "
            f"{r['raw_batch_per_s']:,.0f}/s | {r['build_s']:.1f} s | {per_core:,.0f}/s | "
            f"**{per_core / r['raw_nltk_per_s']:.2f}** | {r['store_mb']:,.0f} MB | {r['index_mb']:,.0f} MB "
            f"({r['index_s']:.0f} s) | {peak:.2f} GB | {r['load_mean']:.1f} ({r['load_max']:.1f}) |")
    lines += ["", "| words | KWIC, cold / warm | frequency list, cold / warm | key words, one interview, cold / warm "
              "| key words, every interview | collocations | peak memory of the queries |",
              "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(
            f"| {r['words']:,} | {r['kwic_cold_s']:.2f} / **{r['kwic_warm_s']:.2f} s** ('{r['term']}', "
            f"{r['kwic_hits']:,} hits, {r['kwic_lines']:,} lines) | {r['frequency_cold_s']:.2f} / "
            f"{r['frequency_warm_s']:.2f} s | {r['keywords_cold_s']:.2f} / **{r['keywords_warm_s']:.2f} s** | "
            f"{r['keywords_each_cold_s']:.1f} s | {r['collocations_cold_s']:.1f} s | {r['queries_peak_gb']:.2f} GB |")
    big = rows[-1]
    peak = max(v for r in rows for k, v in r.items() if k.endswith("peak_gb"))
    share = big["tokens"] / big["build_s"] / big["cores"] / big["raw_nltk_per_s"]
    lines += ["", f"- At {big['words']:,} words: KWIC {big['kwic_warm_s']:.2f} s warm "
              f"(goal < {GOALS['kwic_warm_s']} s); "
              f"key words of one interview {big['keywords_warm_s']:.2f} s warm, {big['keywords_cold_s']:.2f} s cold "
              f"(goal < {GOALS['keywords_s']} s); peak memory {peak:.2f} GB, all phases and sizes (goal < "
              f"{GOALS['peak_gb']} GB); cold build at {share:.0%} of cores × NLTK's raw rate (goal ≥ "
              f"{GOALS['build_share']:.0%}).",
              "- Tags: the batch tagger's tags equal NLTK's on every sampled sentence: "
              + ", ".join(str(r["raw_same_tags"]) for r in rows) + "."]
    for r in rows:
        if "dask_1" in r:
            one, two = r["dask_1"], r["dask_2"]
            pairs = ", ".join(f"{a:.1f} / {b:.1f} s" for a, b in zip(one, two, strict=True))
            lines.append(f"- Dask at {r['words']:,} words, {len(one)} rounds of 1 worker then 2 ({pairs}): the "
                         f"fastest of each, {min(one):.1f} s and {min(two):.1f} s, ratio "
                         f"**{min(one) / min(two):.2f}** (goal ≥ {GOALS['dask_ratio']}); the rounds' own ratios "
                         f"{min(a / b for a, b in zip(one, two, strict=True)):.2f} to "
                         f"{max(a / b for a, b in zip(one, two, strict=True)):.2f}; every Parquet file of every "
                         f"round byte-identical to the local build's: {r['identical']}.")
    for a, b in itertools.pairwise(rows):
        ratio = b["words"] / a["words"]
        lines.append(f"- Growth {a['words']:,} → {b['words']:,} words (time ratio / words ratio): build "
                     f"{b['build_s'] / a['build_s'] / ratio:.2f}, index {b['index_s'] / a['index_s'] / ratio:.2f}, "
                     f"key words {b['keywords_warm_s'] / a['keywords_warm_s'] / ratio:.2f}, KWIC "
                     f"{b['kwic_warm_s'] / a['kwic_warm_s'] / ratio:.2f}.")
    lines.append("- Time of the run per size (writing the archive and every phase): "
                 + ", ".join(f"{r['millions']:g} M words {r['size_s'] / 60:.0f} min" for r in rows) + ".")
    return "\n".join(lines)


def write_section(text: str) -> None:
    """Replace the scale section of BENCHMARKS.md (or add it at the end)."""
    path = ROOT / "BENCHMARKS.md"
    old = path.read_text(encoding="utf-8")
    if BEGIN in old:
        head, rest = old.split(BEGIN, 1)
        old = head + rest.split(END, 1)[1].lstrip("\n")
    path.write_text(old.rstrip("\n") + f"\n\n{BEGIN}\n{text}\n{END}\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 50], help="millions of words")
    parser.add_argument("--keep", type=Path, help="keep the archives and stores in this folder")
    parser.add_argument("--no-write", action="store_true", help="print, but leave BENCHMARKS.md alone")
    parser.add_argument("--no-dask", action="store_true", help="leave out the Dask builds (run on the first size)")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="scale-"))
    root.mkdir(parents=True, exist_ok=True)
    command = "bench/scale.py --sizes " + " ".join(f"{s:g}" for s in args.sizes)
    started = time.strftime("%Y-%m-%d %H:%M")
    load = LoadSampler()
    load.start()
    rows: list[dict] = []
    try:
        snap = snapshot(root)
        print(f"measuring the code of {snap['commit']}{' with changes' if snap['changed'] else ''}, copied to "
              f"{snap['code']}", flush=True)
        for k, millions in enumerate(args.sizes):
            rows.append(measure(millions, root, snap["code"], dask=k == 0 and not args.no_dask, load=load))
            text = section(rows, snap, started, command)
            print(text, flush=True)
            if not args.no_write:
                write_section(text)
    finally:
        load.stopped.set()
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
