"""A dated revision of the first coding: every row it removed or added, each with the codebook
rule that decided it, so that the coding follows its codebook as printed.

The codebook was revised after the blind second coding, where the second coder's notes found a
rule ambiguous. On 2026-12-02 the first coding was re-coded to the revised rules:
`annotations/coding-revision-2026-12-02.csv` holds one row per span removed or added (`date`,
`passage_id`, `code`, `change`, the span as in `annotations/coding.csv`, the `rule` as
`code.include` or `code.exclude`, `rule_words`, the rule's own words, and the `reason`); the coding
before it is kept, unchanged, as `annotations/coding-before-2026-12-02.csv`. `apply_revision` turns
the one into the other, and a test checks that the result is `annotations/coding.csv`. The second
coder's files are never revised.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from ..plumbing.datafiles import read_rows
from ..plumbing.errors import SeedError
from ..plumbing.paths import ANNOTATIONS_DIR, shown
from .coding import CODING_COLUMNS, checked_span, coding_units, load_codebook

REVISION = ANNOTATIONS_DIR / "coding-revision-2026-12-02.csv"
BEFORE_REVISION = ANNOTATIONS_DIR / "coding-before-2026-12-02.csv"
REVISION_COLUMNS = ["date", "passage_id", "code", "change", *CODING_COLUMNS[2:], "rule", "rule_words", "reason"]
CHANGES = ("removed", "added")
RULE_FIELDS = ("include", "exclude")
SPAN = ["passage_id", "code", "start", "end", "quote", "exact"]


def load_revision(passages: pd.DataFrame, before: pd.DataFrame, path: Path = REVISION,
                  codebook: pd.DataFrame | None = None) -> pd.DataFrame:
    """The revision's rows, checked: an ISO date; a change that is "removed" or "added"; a span
    checked against the seed like any coded span, which, if removed, is a row of the coding
    `before` it and, if added, is not; a rule `code.include` or `code.exclude` of the codebook
    whose `rule_words` it quotes verbatim; and a reason (no field may be empty). A fault names the
    file and line."""
    codebook = load_codebook() if codebook is None else codebook
    fields = codebook.set_index("code")
    units = coding_units(passages).set_index("passage_id")
    spans = set(before[SPAN].astype(str).itertuples(index=False, name=None))
    name, rows = shown(path), []
    for line, row in read_rows(path, REVISION_COLUMNS):
        try:
            date.fromisoformat(row["date"])
        except ValueError:
            raise SeedError(name, line, f"date {row['date']!r} is not YYYY-MM-DD") from None
        if row["change"] not in CHANGES:
            raise SeedError(name, line, f"change {row['change']!r} is not one of {', '.join(CHANGES)}")
        span = checked_span({c: row[c] for c in CODING_COLUMNS}, units, set(codebook["code"]), name, line)
        present = tuple(str(span[c]) for c in SPAN) in spans
        if present != (row["change"] == "removed"):
            where = "is not a row of" if row["change"] == "removed" else "is already a row of"
            raise SeedError(name, line, f"the {row['change']} span {row['quote']!r} {where} the coding before")
        code, _, field = row["rule"].partition(".")
        if code not in fields.index or field not in RULE_FIELDS:
            raise SeedError(name, line, f"rule {row['rule']!r} is not a code's include or exclude")
        if row["rule_words"] not in fields.loc[code, field]:
            raise SeedError(name, line, f"{row['rule_words']!r} is not in the codebook's {row['rule']}")
        rows.append({**span, **{c: row[c] for c in ("date", "change", "rule", "rule_words", "reason")}})
    return pd.DataFrame(rows, columns=["interview", "speaker", *REVISION_COLUMNS])


def apply_revision(before: pd.DataFrame, revision: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """The coding `before` with the revision's removed spans taken out and its added spans put
    in, in the order of the coding `units` (within a unit, the rows kept first, then those added).
    A code removed from a unit must leave it entirely: a removal that leaves another span of the
    same code in the unit changes nothing, and is refused (ValueError)."""
    columns = ["interview", "speaker", *CODING_COLUMNS]
    gone = revision[revision["change"] == "removed"]
    key = before[SPAN].astype(str).apply(tuple, axis=1)
    kept = before[~key.isin(set(gone[SPAN].astype(str).itertuples(index=False, name=None)))]
    left = set(zip(kept["passage_id"], kept["code"], strict=True)) & set(
        zip(gone["passage_id"], gone["code"], strict=True))
    if left:
        raise ValueError(f"a removed code stays in its unit through another span: {sorted(left)}")
    after = pd.concat([kept[columns], revision[revision["change"] == "added"][columns]], ignore_index=True)
    order = {pid: k for k, pid in enumerate(units["passage_id"])}
    return after.sort_values("passage_id", key=lambda ids: ids.map(order), kind="stable").reset_index(drop=True)


def changed_pairs(revision: pd.DataFrame) -> pd.DataFrame:
    """One row per (unit, code) the revision changed: passage_id, code, change, rule and the
    rule's words, in the revision's order."""
    return revision.drop_duplicates(["passage_id", "code"])[["passage_id", "code", "change", "rule", "rule_words"]
                                                             ].reset_index(drop=True)
