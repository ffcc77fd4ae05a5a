"""Stance markers: hedges, which withhold full commitment to a claim ("perhaps", "may", "I think"),
and boosters, which close it off as certain ("clearly", "of course", "must"), after Hyland (2005).

The lexicon (`annotations/stance-lexicon.csv`) is small and written out: each marker is one word or
a phrase of words matched on consecutive tokens of one sentence, by `norm`, optionally only where
the tagger's Penn tag starts with `tag` (so "May" the month is not the modal). A word list cannot
read function: "must" may be epistemic (a booster) or an obligation, "would" a hedge or a
conditional. So every match is read by hand in `annotations/stance-check.csv`, and the precision of
each kind (matches the reader reads as that kind) is reported with a Wilson interval beside the counts.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..plumbing.datafiles import read_rows
from ..plumbing.errors import SeedError
from ..plumbing.paths import ANNOTATIONS_DIR, shown
from .readings import load_readings, reading_agreement
from .tagcheck import wilson_interval

STANCE_LEXICON = ANNOTATIONS_DIR / "stance-lexicon.csv"
STANCE_CHECK = ANNOTATIONS_DIR / "stance-check.csv"
STANCE_CHECK_SECOND = ANNOTATIONS_DIR / "stance-check-second.csv"
STANCE_KINDS = ("hedge", "booster")
READINGS = {
    "hedge": "in this sentence the words withhold full commitment to the claim",
    "booster": "in this sentence the words present the claim as certain or beyond question",
    "neither": "the words do something else here (an obligation, a conditional, a time, a literal sense)",
}
"""What a reader of `stance-check.csv` may say each match does in its sentence."""
MATCH_COLUMNS = ["match_id", "interview", "speaker", "passage_id", "sentence_id", "position", "start", "end",
                 "marker", "kind"]


def load_stance_lexicon(path: Path = STANCE_LEXICON) -> pd.DataFrame:
    """The stance lexicon: marker (lower-case words), kind (hedge or booster), tag (a Penn tag
    prefix the first word must carry, or empty) and note. A row with an unknown kind, a marker
    that is not lower-case words, or a marker given twice is an error naming file and line."""
    rows, seen = [], {}
    for line, row in read_rows(path, ["marker", "kind", "tag", "note"], ["marker", "kind"]):
        marker = row["marker"]
        if row["kind"] not in STANCE_KINDS:
            raise SeedError(shown(path), line, f"kind {row['kind']!r} is not one of {', '.join(STANCE_KINDS)}")
        if marker != " ".join(marker.split()) or marker != marker.lower():
            raise SeedError(shown(path), line, f"marker {marker!r} must be lower-case words separated by one space")
        if marker in seen:
            raise SeedError(shown(path), line, f"marker {marker!r} is already given on line {seen[marker]}")
        seen[marker] = line
        rows.append(row)
    return pd.DataFrame(rows, columns=["marker", "kind", "tag", "note"])


def stance_matches(tokens: pd.DataFrame, lexicon: pd.DataFrame) -> pd.DataFrame:
    """Every match of the lexicon in `tokens` (one row per match, `MATCH_COLUMNS`), found on
    consecutive tokens of one sentence; where markers overlap, the longer one is taken.
    `match_id` is the sentence id and the position of the first word (`000:q1.a1.s2@5`)."""
    markers = sorted(lexicon.itertuples(index=False), key=lambda m: -len(m.marker.split()))
    rows = []
    first_words = {marker.marker.split()[0] for marker in markers}
    all_norms, all_tags = tokens["norm"].tolist(), tokens["pos"].tolist()
    for sentence_id, index in tokens.groupby("sentence_id", sort=False).indices.items():
        norms = [all_norms[j] for j in index]
        if first_words.isdisjoint(norms):  # most sentences hold no marker: skip them cheaply
            continue
        tags = [all_tags[j] for j in index]
        taken: set[int] = set()
        for marker in markers:
            words = marker.marker.split()
            for i in range(len(norms) - len(words) + 1):
                if norms[i] != words[0] or norms[i : i + len(words)] != words:
                    continue
                span = set(range(i, i + len(words)))
                if span & taken or (marker.tag and not tags[i].startswith(marker.tag)):
                    continue
                taken |= span
                first, last = tokens.iloc[index[i]], tokens.iloc[index[i + len(words) - 1]]
                rows.append({"match_id": f"{sentence_id}@{first['position']}", "interview": first["interview"],
                             "speaker": first["speaker"], "passage_id": first["passage_id"],
                             "sentence_id": sentence_id, "position": int(first["position"]),
                             "start": int(first["start"]), "end": int(last["end"]),
                             "marker": marker.marker, "kind": marker.kind})
    table = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    return table.sort_values(["interview", "start"]).reset_index(drop=True)


def load_stance_check(matches: pd.DataFrame, path: Path = STANCE_CHECK) -> pd.DataFrame:
    """A reader's reading of every match (`match_id`, `reading`, `note`), joined to the matches.
    An unknown match id, a reading not in `READINGS`, a match read twice, or a match left unread
    is an error naming the file (and the line where there is one)."""
    read = load_readings(path, matches["match_id"], "match_id", "reading", READINGS, "matches of the stance lexicon")
    return matches.merge(read, on="match_id", how="left", validate="one_to_one")


def stance_precision(checked: pd.DataFrame) -> pd.DataFrame:
    """Per interview and kind: matches, how many the reader reads as that kind, the precision and
    its 95% Wilson interval (rounded to 2 places)."""
    rows = []
    for (interview, kind), group in checked.groupby(["interview", "kind"], sort=True):
        agree = int((group["reading"] == kind).sum())
        low, high = wilson_interval(agree, len(group))
        rows.append({"interview": interview, "kind": kind, "matches": len(group), "read_as_kind": agree,
                     "precision": round(agree / len(group), 2), "low": round(low, 2), "high": round(high, 2)})
    return pd.DataFrame(rows)


def stance_agreement(first: pd.DataFrame, second: pd.DataFrame) -> dict[str, float | int]:
    """Agreement of two readers' checks of the same matches (each as `load_stance_check` returns
    it): the number of matches, the share read alike, Cohen's kappa and Krippendorff's alpha."""
    return reading_agreement(first, second, "match_id", "reading")
