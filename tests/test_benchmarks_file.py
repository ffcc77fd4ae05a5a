"""BENCHMARKS.md is written by two scripts: `bench/run.py` writes its figures, then the hand-written
findings from `bench/findings.md`, then keeps `bench/scale.py`'s section. Findings written into
BENCHMARKS.md alone would be lost on the next run of `bench/run.py`."""

from __future__ import annotations

import sys

from helpers.plumbing.paths import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "bench"))
import scale  # a sibling script of the benchmark, not part of the helpers package


def test_the_hand_written_part_of_benchmarks_is_bench_findings():
    text = (PROJECT_ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    findings = (PROJECT_ROOT / "bench" / "findings.md").read_text(encoding="utf-8")
    start = text.index(findings.splitlines()[0])
    end = text.index(scale.BEGIN) if scale.BEGIN in text else len(text)
    assert text[start:end].rstrip("\n") == findings.rstrip("\n")
