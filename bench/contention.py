"""What two cores allow: NLTK's perceptron tagger alone, then two copies at once, each for the same time.

    .venv/bin/python bench/contention.py            # about 30 s
    .venv/bin/python bench/contention.py --seconds 5

The scale benchmark compares the build's rate per core with the raw tagger's rate measured on one
core while nothing else runs. On a machine whose cores share caches, memory bandwidth or a power
budget, two busy processes each run slower than one alone, whatever they do; this script measures
by how much, with the tagger itself, so that the build's share can be read against what the
machine gives two tagger processes. It tags the study's seeds and the test corpus sentence by
sentence, as the build hands them over, and prints tokens per second: alone, and for each of two
copies started together. A script that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def sentences() -> list[list[str]]:
    """The tagger's input for the seeds and the test corpus: one list of tokens per sentence."""
    import helpers
    from helpers.annotating import tokens

    found: list[list[str]] = []
    for folder in (None, ROOT / "tests" / "fixtures" / "corpus"):
        table = helpers.load_tokens(folder, speech="all")
        found += table.groupby("sentence_id", sort=False)["token"].agg(list).tolist()
    tokens._tools()  # the tagger loaded before timing
    return found


def tag_for(seconds: float) -> float:
    """Tokens per second of NLTK's tagger over the sentences, repeated for `seconds`."""
    from helpers.annotating import tokens

    sample = sentences()
    tagger = tokens._tools()[3]
    words = sum(map(len, sample))
    start, rounds = time.perf_counter(), 0
    while time.perf_counter() - start < seconds:
        for sentence in sample:
            tagger.tag(sentence)
        rounds += 1
    return words * rounds / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="how long each copy tags")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(f"{tag_for(args.seconds):.0f}")
        return 0
    command = [sys.executable, __file__, "--child", "--seconds", str(args.seconds)]
    alone = float(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    pair = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    together = [float(p.communicate()[0]) for p in pair]
    print(f"NLTK's tagger alone: {alone:,.0f} tokens/s")
    print(f"two copies at once: {together[0]:,.0f} and {together[1]:,.0f} tokens/s "
          f"({together[0] / alone:.2f} and {together[1] / alone:.2f} of alone)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
