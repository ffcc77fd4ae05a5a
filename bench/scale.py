"""The workbench at the scale of an archive: 2, 20 and 200 interviews (about 5,000 words each, so
a million words at 200), built from the study's seeds and the test fixtures, and the token table's
throughput. A script that prints figures and rewrites its section of BENCHMARKS.md, not a test.

    .venv/bin/python bench/scale.py            # about three minutes on 2 cores
    .venv/bin/python bench/scale.py --sizes 2 20

For each size it measures, each time in a fresh process: the token table built cold (an empty
cache, so every interview is tokenised and tagged, on both cores) in tokens per second; the
workbench notebook run cold and then warm (the token table cached), wall time and the peak memory
of the largest process (`ru_maxrss` of the children, which includes the notebook's kernel).
Growth is the time ratio over the words ratio from one size to the next (1.0 is linear).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import helpers
from helpers.plumbing.paths import PROJECT_ROOT

sys.path.insert(0, str(Path(__file__).parent))
import synthetic  # a sibling script, not part of the helpers package

BASES = [PROJECT_ROOT / "seeds", PROJECT_ROOT / "tests" / "fixtures" / "corpus"]
WORDS_EACH = 5000
GOALS = {"workbench_200_s": 60.0, "tokens_per_s": 100_000, "growth": 1.10, "rss_gb": 2.0}
BEGIN, END = "<!-- scale: written by bench/scale.py -->", "<!-- end of scale -->"


def _entry(interview, new_id: str, file: str, digest: str) -> str:
    """A catalog entry for a copy of `interview` under a new id and file."""
    fields = {"id": new_id, "file": file, "sha256": digest, "format": interview.format, "title": interview.title,
              "outlet": interview.outlet, "source_url": interview.source_url, "date": interview.date,
              "date_inferred": interview.date_inferred, "date_evidence": "synthetic", "language": interview.language,
              "context_not_in_text": "a synthetic copy for the benchmark", "questions": interview.questions,
              "not_turns": list(interview.not_turns)}
    lines = ["[[interview]]"] + [f"{k} = {json.dumps(v)}" for k, v in fields.items()]
    for p in interview.people:
        lines += ["", "[[interview.people]]", f"name = {json.dumps(p.name)}", f"role = {json.dumps(p.role)}",
                  f"affiliation = {json.dumps(p.affiliation)}", f"labels = {json.dumps(list(p.labels))}",
                  f"names = {json.dumps(list(p.names))}",
                  f"affiliation_names = {json.dumps(list(p.affiliation_names))}"]
    return "\n".join(lines) + "\n"


def write_archive(folder: Path, count: int) -> int:
    """Write `count` interviews of about `WORDS_EACH` words, cycling through the four base texts
    (each grown by repeating its interview), and their catalog. Returns the words of the answers."""
    folder.mkdir(parents=True, exist_ok=True)
    bases = []
    for seeds in BASES:
        passages = helpers.load_passages(seeds)
        for interview in helpers.load_catalog(seeds):
            mine = passages[passages["interview"] == interview.id]
            words = int(mine[mine["counted"]]["words"].sum())
            start, end = synthetic.interview_span(mine)
            text = interview.path.read_text(encoding="utf-8")
            bases.append((interview, synthetic.grown_text(text, start, end, max(1, round(WORDS_EACH / words)))))
    entries = []
    for k in range(count):
        interview, text = bases[k % len(bases)]
        new_id, data = f"i{k:03d}", text.encode("utf-8")
        file = f"{new_id}_{interview.file}"
        (folder / file).write_bytes(data)
        entries.append(_entry(interview, new_id, file, hashlib.sha256(data).hexdigest()))
    (folder / "catalog.toml").write_text("\n".join(entries), encoding="utf-8")
    tokens = helpers.load_tokens(folder) if count <= 2 else None  # counted below, cold, for the large ones
    return int(tokens["is_word"].sum()) if tokens is not None else 0


def measured(command: list[str], env: dict) -> tuple[float, float, str]:
    """Wall time, the peak RSS (GB) of the largest process it started, and its output."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    peak_gb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 / 1024
    return seconds, peak_gb, done.stdout


def measure(count: int, root: Path) -> dict:
    folder, cache = root / f"archive-{count}", root / f"cache-{count}"
    write_archive(folder, count)
    env = {**os.environ, "STUDY_TOKEN_CACHE": str(cache)}
    probe = ("import sys, time, helpers; t = time.perf_counter(); "
             "tok = helpers.load_tokens(sys.argv[1], speech='all'); "
             "print(len(tok), int(tok['is_word'].sum()), time.perf_counter() - t)")
    _, _, out = measured([sys.executable, "-c", probe, str(folder)], env)
    tokens, words, token_s = out.split()
    workbench = [sys.executable, "-m", "helpers.sharing.workbench", str(folder), str(root / f"out-{count}")]
    cold_s, cold_gb, _ = measured(workbench, {**env, "STUDY_TOKEN_CACHE": str(root / f"cold-{count}")})
    warm_s, warm_gb, _ = measured(workbench, env)
    return {"interviews": count, "tokens": int(tokens), "words": int(words), "token_s": float(token_s),
            "tokens_per_s": int(tokens) / float(token_s), "cold_s": cold_s, "warm_s": warm_s,
            "peak_gb": max(cold_gb, warm_gb)}


def section(rows: list[dict]) -> str:
    """The scale section of BENCHMARKS.md."""
    lines = ["## The workbench at the scale of an archive (`bench/scale.py`)", "",
             "| interviews | words | tokens | token table, cold | tokens/s | workbench, cold | workbench, warm "
             "| peak RSS |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['interviews']} | {r['words']:,} | {r['tokens']:,} | {r['token_s']:.1f} s | "
                     f"{r['tokens_per_s']:,.0f} | {r['cold_s']:.1f} s | {r['warm_s']:.1f} s | {r['peak_gb']:.2f} GB |")
    growth = [(b["cold_s"] / a["cold_s"]) / (b["words"] / a["words"]) for a, b in itertools.pairwise(rows)
              if a["interviews"] >= 20]
    big = rows[-1]
    limit = GOALS["workbench_200_s"]
    lines += ["", f"- Goal: the workbench on 200 interviews (about a million words) in ≤ {limit:.0f} s: "
              f"{big['cold_s']:.1f} s cold, {big['warm_s']:.1f} s warm, at {big['interviews']} interviews.",
              f"- Goal: the token table at ≥ {GOALS['tokens_per_s']:,} tokens/s, or built once per change of the seeds "
              f"and the code: it runs at {big['tokens_per_s']:,.0f} tokens/s cold on both cores, and is cached "
              "(`helpers.annotating.tokencache`), so a warm run reads it instead of building it.",
              f"- Goal: cost linear within 10% (growth ≤ {GOALS['growth']:.2f}): "
              + (", ".join(f"{g:.2f}" for g in growth) or "needs 20 and 200") + " from 20 to 200 interviews, cold.",
              f"- Goal: peak memory ≤ {GOALS['rss_gb']:.0f} GB: largest {max(r['peak_gb'] for r in rows):.2f} GB.",
              f"- Measured on {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}."]
    return "\n".join(lines)


def write_section(text: str) -> None:
    path = PROJECT_ROOT / "BENCHMARKS.md"
    old = path.read_text(encoding="utf-8")
    if BEGIN in old:
        head, rest = old.split(BEGIN, 1)
        old = head + rest.split(END, 1)[1].lstrip("\n")
    path.write_text(old.rstrip("\n") + f"\n\n{BEGIN}\n{text}\n{END}\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2, 20, 200])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for count in args.sizes:
            rows.append(measure(count, Path(tmp)))
            print(json.dumps(rows[-1]), flush=True)
    text = section(rows)
    print(text)
    write_section(text)


if __name__ == "__main__":
    main()
