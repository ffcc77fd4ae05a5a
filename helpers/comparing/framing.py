"""Putting the two interviews side by side: the hand-coded quotes of a theme, the words each
side uses for the same thing, and the tokens of the passages coded with a theme.

This is what notebook 06 calls a naming analysis (METHODS.md, section 8): it counts and quotes the
words each side uses; it does not identify frames in the sense of framing theory."""

from __future__ import annotations

import pandas as pd

from .concordance import concordance


def side_by_side(coding: pd.DataFrame, code: str, per_side: int = 3) -> pd.DataFrame:
    """The first `per_side` hand-coded quotes of `code` in each interview, in source order, as
    "quote (passage id)", one column per interview; an empty cell where one side has fewer."""
    mine = coding[coding["code"] == code]
    columns = {}
    for interview in sorted(coding["interview"].unique()):
        rows = mine[mine["interview"] == interview].head(per_side)
        columns[interview] = [f"“{r.quote}” ({r.passage_id})" for r in rows.itertuples()]
    longest = max((len(v) for v in columns.values()), default=0)
    table = pd.DataFrame({k: v + [""] * (longest - len(v)) for k, v in columns.items()})
    table.index = pd.RangeIndex(1, longest + 1)
    return table


def naming_table(tokens: pd.DataFrame, lexicon: dict[str, list[str]]) -> pd.DataFrame:
    """How often each form in `lexicon` (referent → concordance terms) occurs in each interview.
    One row per referent and form, with a count column per interview and the passage ids of
    the occurrences; forms that occur nowhere are kept, with zeros."""
    interviews = sorted(tokens["interview"].unique())
    rows = []
    for referent, forms in lexicon.items():
        for form in forms:
            lines = concordance(tokens, form, width=0)
            counts = lines.groupby("interview").size()
            rows.append({"referent": referent, "form": form,
                         **{i: int(counts.get(i, 0)) for i in interviews},
                         "passages": ", ".join(dict.fromkeys(lines["passage_id"]))})
    return pd.DataFrame(rows, columns=["referent", "form", *interviews, "passages"])


def in_coded(tokens: pd.DataFrame, coding: pd.DataFrame, code: str) -> pd.Series:
    """True for the tokens of the passages the coding gives `code`."""
    passages = set(coding.loc[coding["code"] == code, "passage_id"])
    return tokens["passage_id"].isin(passages)
