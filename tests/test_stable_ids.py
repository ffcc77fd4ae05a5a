"""Passage ids and offsets are a contract: annotations point at them. This regression test
compares them with a stored snapshot, so a change to the splitter cannot silently move them.

After a deliberate change (and after updating every annotation that points into the seeds),
rewrite the snapshot with: .venv/bin/python tests/test_stable_ids.py
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import helpers

SNAPSHOT = Path(__file__).parent / "data" / "passage_ids.csv"
COLUMNS = ["interview", "passage_id", "kind", "speaker", "turn", "start", "end", "line"]


def current() -> pd.DataFrame:
    return helpers.load_passages()[COLUMNS].astype({"turn": "string"}).fillna("")


def test_passage_ids_and_offsets_match_the_snapshot():
    stored = pd.read_csv(SNAPSHOT, dtype=str, keep_default_na=False)
    now = current().astype(str)
    now = now[now["interview"].isin(stored["interview"].unique())].reset_index(drop=True)
    assert len(now) == len(stored), f"{len(now)} passages now, {len(stored)} in {SNAPSHOT.name}"
    changed = now.ne(stored).any(axis=1)
    assert not changed.any(), now[changed].head().to_string()


if __name__ == "__main__":
    current().to_csv(SNAPSHOT, index=False)
    print(f"wrote {SNAPSHOT}")
