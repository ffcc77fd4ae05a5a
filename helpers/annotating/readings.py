"""A reader's file of labels for a fixed list of items (every match of a lexicon, every "we" of the
answers): one row per item with its label and a note, each item read exactly once. The stance
check and the "we" layer are read this way; the checks and their messages are the same for both."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ..plumbing.datafiles import read_rows
from ..plumbing.errors import SeedError
from ..plumbing.paths import shown


def load_readings(path: Path, items: Iterable[str], id_column: str, label_column: str,
                  labels: Iterable[str], what: str) -> pd.DataFrame:
    """The rows of `path` (`id_column`, `label_column`, `note`), in file order. An id not among
    `items`, a label not among `labels`, an item read twice, or an item left unread is a
    `SeedError` naming the file (and the line where there is one); `what` names the items."""
    known, allowed = list(items), list(labels)
    known_set = set(known)
    rows, seen = [], {}
    for line, row in read_rows(path, [id_column, label_column, "note"], [id_column, label_column]):
        item = row[id_column]
        if item not in known_set:
            raise SeedError(shown(path), line, f"{id_column} {item!r} is not one of the {what}")
        if row[label_column] not in allowed:
            raise SeedError(shown(path), line,
                            f"{label_column} {row[label_column]!r} is not one of {', '.join(allowed)}")
        if item in seen:
            raise SeedError(shown(path), line, f"{item!r} is already read on line {seen[item]}")
        seen[item] = line
        rows.append(row)
    missing = [item for item in known if item not in seen]
    if missing:
        raise SeedError(shown(path), None, f"{len(missing)} {what} are not read, the first {missing[0]!r}")
    return pd.DataFrame(rows, columns=[id_column, label_column, "note"])


def reading_agreement(first: pd.DataFrame, second: pd.DataFrame, id_column: str, label_column: str
                      ) -> dict[str, float | int]:
    """Agreement of two readers' files over the same items (`secondcoder.label_agreement` on the
    label column): the number of items, the share read alike, Cohen's kappa and Krippendorff's
    alpha (each rounded to 2 places)."""
    from .secondcoder import label_agreement

    summary, _ = label_agreement(first.set_index(id_column)[label_column], second.set_index(id_column)[label_column])
    return {"items": int(summary["items"]), "agreement": round(float(summary["agreement"]), 2),
            "kappa": round(float(summary["kappa"]), 2), "alpha": round(float(summary["alpha"]), 2)}
