"""Print how long loading and splitting both seeds takes (a script, not a timed test).

Run: .venv/bin/python bench/load_seeds.py
"""

from __future__ import annotations

import statistics
import time

import helpers


def main(repeats: int = 50) -> None:
    helpers.load_turns()  # warm up: imports and first-call costs are not the splitter's
    for name, load in (("load_passages", helpers.load_passages), ("load_turns", helpers.load_turns)):
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            load()
            times.append((time.perf_counter() - start) * 1000)
        print(f"{name:14s} both seeds: median {statistics.median(times):6.1f} ms, "
              f"min {min(times):6.1f} ms over {repeats} runs")


if __name__ == "__main__":
    main()
