"""A reader's file of labels for a fixed list of items (every match of a lexicon, every "we" of the
answers): one row per item with its label and a note, each item read exactly once. The stance
check and the "we" layer are read this way; the checks and their messages are the same for both.

Two readers of a layer are compared here too: on all units, and on the units no manual cites as
an example (`manual_citations`, `example_units`), because on a unit a manual decides by example
the two readers agree by construction. A dated revision of the first reading is a file of its
own (`annotations/reading-revisions.csv`, `load_revisions`), so that the reading as it stood
before it can be put back (`before_revisions`) and both agreements shown."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from ..plumbing.datafiles import read_rows
from ..plumbing.errors import SeedError
from ..plumbing.paths import ANNOTATIONS_DIR, shown

SECOND_READER_DIR = ANNOTATIONS_DIR / "second-reader"
"""The second reader's notes and the units they were given, exactly as received."""
MANUALS_AS_GIVEN = SECOND_READER_DIR / "manuals-as-given"
"""The three reading manuals as the second reader read them (commit 6154a13)."""
READING_REVISIONS = ANNOTATIONS_DIR / "reading-revisions.csv"
REVISION_COLUMNS = ["date", "layer", "unit", "before", "after", "reason"]
CITED_ID = re.compile(r"(?<![\w:.@])\d{3}:q\d+(?:\.a\d+)?(?:\.p\d+)?(?:\.s\d+(?:@\d+)?)?(?![\w@]|\.[apqs]?\d)")
"""A passage, turn, sentence or token id as a manual writes it (`000:q4.a1.p2`, `004:q1.a2`)."""


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


def manual_citations(path: Path) -> set[str]:
    """Every question, answer, paragraph, sentence or token id that the manual at `path` names,
    anywhere in its text (an example, a rule, a note), as written."""
    return set(CITED_ID.findall(path.read_text(encoding="utf-8")))


def example_units(units: Iterable[str], cited: Iterable[str], passage_of: Mapping[str, str] | None = None
                  ) -> list[str]:
    """The units, in their order, that a manual cites: a unit is cited when its own id or the id
    of the passage it stands in (`passage_of`, for sentences and tokens) is named, or a named id
    is a part of it (a paragraph `000:q4.a1.p2` of the answer `000:q4.a1`). A question is not cited
    by a citation of its answer."""
    named = set(cited)
    passage_of = passage_of or {}

    def is_cited(unit: str) -> bool:
        if unit in named or passage_of.get(unit) in named:
            return True
        return any(c.startswith(f"{unit}.p") or c.startswith(f"{unit}.s") or c.startswith(f"{unit}@") for c in named)

    return [unit for unit in units if is_cited(unit)]


def two_readings(first: pd.Series, second: pd.Series, examples: Iterable[str]) -> pd.DataFrame:
    """Agreement of two readings of one layer (Series of labels indexed by unit), on all units
    and on the units that are not `examples`: one row each (`units`: "all" or "not examples"),
    with the number of units, the share read alike, Cohen's kappa and Krippendorff's alpha
    (NaN where one label is all there is), by `secondcoder.label_agreement`."""
    from .secondcoder import label_agreement

    label_agreement(first, second)  # both must label the same units; it names those only one labels
    shown_as = set(examples)
    rows = []
    for units, keep in (("all", list(first.index)), ("not examples", [u for u in first.index if u not in shown_as])):
        summary, _ = label_agreement(first[keep], second[keep])
        rows.append({"units": units, "items": int(summary["items"]), "agreement": float(summary["agreement"]),
                     "kappa": float(summary["kappa"]), "alpha": float(summary["alpha"])})
    return pd.DataFrame(rows)


def layer_agreement(layers: Mapping[str, tuple[pd.Series, pd.Series, Iterable[str], pd.Series]]
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """For each layer (name: first reading, second reading, the units its manual cites as
    examples, the words of each unit): agreement on all units and on the non-example units
    (`two_readings`, one row each, `layer` and `units` as the index), and every unit the two
    readings label differently (layer, unit, example, first, second, words)."""
    from .secondcoder import label_agreement

    tables, diffs = [], []
    for name, (first, second, examples, words) in layers.items():
        shown_as = set(examples)
        tables.append(two_readings(first, second, shown_as).assign(layer=name))
        _, differ = label_agreement(first, second)
        diffs.append(pd.DataFrame({"layer": name, "unit": differ["item"],
                                   "example": differ["item"].isin(shown_as).to_numpy(),
                                   "first": differ["first"], "second": differ["second"],
                                   "words": differ["item"].map(words).to_numpy()}))
    summary = pd.concat(tables).set_index(["layer", "units"])
    return summary, pd.concat(diffs, ignore_index=True)


def _nominal_alpha(first: np.ndarray, second: np.ndarray) -> float:
    """Krippendorff's alpha (nominal) of two complete codings as label codes: with n = 2 × items
    values, D disagreements and n_c values of each label, 1 − (n − 1)·2D / (n² − Σ n_c²); NaN
    when one label is all there is. The same figure as `coding.krippendorff_alpha`, fast enough
    to take thousands of times."""
    values = np.concatenate([first, second])
    n = len(values)
    expected = n * n - (np.bincount(values) ** 2).sum()
    if expected == 0:
        return float("nan")
    return float(1 - (n - 1) * 2 * (first != second).sum() / expected)


def alpha_bootstrap(first: pd.Series, second: pd.Series, groups: pd.Series | None = None,
                    resamples: int = 2000, seed: int = 2026) -> np.ndarray:
    """Krippendorff's alpha (nominal) of two readings of the same units (Series indexed by unit)
    on `resamples` bootstrap resamples (Efron & Tibshirani 1993): whole groups of units (`groups`,
    the group of each unit, e.g. the passage it stands in; each unit its own group if None) drawn
    with replacement, as units of one passage are read together and are not independent. A
    resample with one label only gives NaN. A percentile interval of the replicates
    (`stats.percentile_interval`) shows how far an alpha over few units is from settled."""
    if set(first.index) != set(second.index):
        raise ValueError("the two readings must label the same units")
    second = second.reindex(first.index)
    groups = pd.Series(first.index, index=first.index) if groups is None else groups.reindex(first.index)
    if groups.isna().any():
        raise ValueError(f"groups: no group for {groups.index[groups.isna()][0]!r}")
    codes = {label: k for k, label in enumerate(sorted(set(first) | set(second), key=str))}
    a, b = first.map(codes).to_numpy(), second.map(codes).to_numpy()
    members = [np.flatnonzero((groups == g).to_numpy()) for g in pd.unique(groups)]
    picks = np.random.default_rng(seed).integers(0, len(members), size=(resamples, len(members)))
    replicates = np.empty(resamples)
    for r, row in enumerate(picks):
        units = np.concatenate([members[k] for k in row])
        replicates[r] = _nominal_alpha(a[units], b[units])
    return replicates


def load_revisions(path: Path = READING_REVISIONS, layers: Iterable[str] | None = None) -> pd.DataFrame:
    """The dated revisions of the first readings (`REVISION_COLUMNS` and `line`, in file order):
    a date that is not an ISO date, a layer not among `layers`, a revision that changes nothing,
    or a unit of a layer revised twice is an error naming the file and line."""
    allowed = None if layers is None else list(layers)
    rows, seen = [], {}
    for line, row in read_rows(path, REVISION_COLUMNS):
        try:
            date.fromisoformat(row["date"])
        except ValueError:
            raise SeedError(shown(path), line, f"date {row['date']!r} is not a date (YYYY-MM-DD)") from None
        if allowed is not None and row["layer"] not in allowed:
            raise SeedError(shown(path), line, f"layer {row['layer']!r} is not one of {', '.join(allowed)}")
        if row["before"] == row["after"]:
            raise SeedError(shown(path), line, f"the revision of {row['unit']!r} changes nothing")
        key = (row["layer"], row["unit"])
        if key in seen:
            problem = f"{row['unit']!r} of {row['layer']} is already revised on line {seen[key]}"
            raise SeedError(shown(path), line, problem)
        seen[key] = line
        rows.append({**row, "line": line})
    return pd.DataFrame(rows, columns=[*REVISION_COLUMNS, "line"])


def before_revisions(reading: pd.Series, revisions: pd.DataFrame, layer: str,
                     path: Path = READING_REVISIONS) -> pd.Series:
    """The reading of `layer` (labels indexed by unit) as it stood before its revisions: each
    revised unit gets its `before` label back. A revised unit the reading lacks, or whose label
    is not the revision's `after`, is an error naming the revisions file and line."""
    earlier = reading.copy()
    for revision in revisions[revisions["layer"] == layer].itertuples():
        if revision.unit not in reading.index:
            raise SeedError(shown(path), revision.line, f"{revision.unit!r} is not a unit of {layer}")
        if reading[revision.unit] != revision.after:
            raise SeedError(shown(path), revision.line, f"{revision.unit!r} is {reading[revision.unit]} in the "
                                                        f"{layer} reading, not {revision.after} as revised")
        earlier[revision.unit] = revision.before
    return earlier
