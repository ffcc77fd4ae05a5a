"""Who and what is named: a curated gazetteer instead of a named-entity chunker.

`annotations/entities.csv` lists surface forms found in the texts with a canonical name and a
type (person, organisation, place, event, date); `annotations/entities_ignore.csv` lists the
proper-noun runs of the tagger that are not entities, each with a reason. `uncovered_runs`
shows any run that is in neither, so nothing is missed silently.
"""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

import pandas as pd

from ..plumbing.datafiles import read_rows
from ..plumbing.errors import SeedError
from ..plumbing.paths import ANNOTATIONS_DIR, shown
from ..reading.markup import INSERTION, reading_string
from ..reading.passages import SPEECH_KINDS
from ..reading.standoff import seed_texts, spoken_text
from .tokens import STRAIGHT

GAZETTEER = ANNOTATIONS_DIR / "entities.csv"
IGNORED = ANNOTATIONS_DIR / "entities_ignore.csv"
ENTITY_TYPES = ("person", "organisation", "place", "event", "date")
MENTION_COLUMNS = ["interview", "passage_id", "kind", "speaker", "role", "start", "end", "surface", "canonical", "type",
                   "inserted"]


def load_gazetteer(path: Path = GAZETTEER) -> pd.DataFrame:
    """The gazetteer: surface, canonical, type, note. Each surface form appears once."""
    rows, seen = [], set()
    for line, row in read_rows(path, ["surface", "canonical", "type", "note"], ["surface", "canonical", "type"]):
        if row["type"] not in ENTITY_TYPES:
            raise SeedError(shown(path), line, f"type {row['type']!r} is not one of {', '.join(ENTITY_TYPES)}")
        if row["surface"] in seen:
            raise SeedError(shown(path), line, f"surface form {row['surface']!r} is listed twice")
        seen.add(row["surface"])
        rows.append(row)
    return pd.DataFrame(rows, columns=["surface", "canonical", "type", "note"])


def load_ignored(path: Path = IGNORED) -> pd.DataFrame:
    """Proper-noun runs that are not entities: surface, reason."""
    return pd.DataFrame([row for _, row in read_rows(path, ["surface", "reason"])], columns=["surface", "reason"])


def _pattern(gazetteer: pd.DataFrame) -> re.Pattern:
    """One regular expression for every surface form, longest first, whole words only."""
    forms = sorted({s.translate(STRAIGHT) for s in gazetteer["surface"]}, key=lambda s: (-len(s), s))
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")


def find_mentions(passages: pd.DataFrame, gazetteer: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every gazetteer mention in the speech (questions, answers, list items), in source order.

    Case-sensitive, whole words, longest surface form first, no overlaps; curly and straight
    quotes match each other. Columns: interview, passage_id, kind, speaker, role, start, end
    (seed offsets), surface (as read), canonical, type, inserted (inside an editor's [insertion]:
    the editor's words, not the speaker's).
    """
    gazetteer = load_gazetteer() if gazetteer is None else gazetteer
    forms = gazetteer[["surface", "canonical", "type"]].itertuples(index=False)
    entry = {surface.translate(STRAIGHT): (canonical, kind) for surface, canonical, kind in forms}
    pattern = _pattern(gazetteer)
    rows = []
    for row in passages[passages["kind"].isin(SPEECH_KINDS)].itertuples():
        read, offsets = spoken_text(row.interview, row.start, row.end, row.clean)
        insertions = [(m.start(), m.end()) for m in INSERTION.finditer(read)]
        for match in pattern.finditer(read.translate(STRAIGHT)):
            canonical, kind = entry[match.group()]
            rows.append({
                "interview": row.interview, "passage_id": row.passage_id, "kind": row.kind, "speaker": row.speaker,
                "role": row.role, "start": offsets[match.start()], "end": offsets[match.end() - 1] + 1,
                "surface": read[match.start():match.end()], "canonical": canonical, "type": kind,
                "inserted": any(i <= match.start() < j for i, j in insertions),
            })
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def proper_noun_runs(tokens: pd.DataFrame) -> pd.DataFrame:
    """Runs of consecutive word tokens that the tagger tags NNP or NNPS, within a sentence.

    Columns: interview, passage_id, start, end (seed offsets), run (as read), tokens.
    """
    proper = tokens[tokens["pos"].isin(["NNP", "NNPS"]) & tokens["is_word"]]
    runs: list[dict] = []
    last = None
    for tok in proper.itertuples():
        if last is not None and tok.sentence_id == last.sentence_id and tok.position == last.position + 1:
            runs[-1]["end"], runs[-1]["tokens"] = tok.end, runs[-1]["tokens"] + 1
        else:
            runs.append({"interview": tok.interview, "passage_id": tok.passage_id, "start": tok.start,
                         "end": tok.end, "tokens": 1})
        last = tok
    for run in runs:
        interview, text = seed_texts()[run["interview"]]
        run["run"] = reading_string(text, run["start"], run["end"], interview.format == "markdown")
    return pd.DataFrame(runs, columns=["interview", "passage_id", "start", "end", "run", "tokens"])


def uncovered_runs(runs: pd.DataFrame, mentions: pd.DataFrame, ignored: pd.DataFrame) -> pd.DataFrame:
    """The proper-noun runs that no gazetteer mention covers and the ignore list does not name."""
    skip = set(ignored["surface"])
    keep = ~in_mentions(runs, mentions) & ~runs["run"].isin(skip)
    return runs[keep].reset_index(drop=True)


def entity_pairs(mentions: pd.DataFrame, unit: str = "passage_id") -> pd.DataFrame:
    """Pairs of entities named in the same unit (default: the same passage), with the number of
    units that name both and their ids. Dates are left out."""
    named = mentions[mentions["type"] != "date"]
    counts: dict[tuple[str, str], list[str]] = {}
    for key, group in named.groupby(unit, sort=False):
        for a, b in combinations(sorted(set(group["canonical"])), 2):
            counts.setdefault((a, b), []).append(str(key))
    rows = [{"entity": a, "with": b, "units": len(ids), "ids": ", ".join(ids)} for (a, b), ids in counts.items()]
    frame = pd.DataFrame(rows, columns=["entity", "with", "units", "ids"])
    return frame.sort_values(["units", "entity", "with"], ascending=[False, True, True]).reset_index(drop=True)


def in_mentions(tokens: pd.DataFrame, mentions: pd.DataFrame) -> pd.Series:
    """True for each row of `tokens` (or any table with interview, start and end) that lies inside
    one of the mentions: same interview, within its offsets."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in mentions.itertuples():
        spans.setdefault(m.interview, []).append((m.start, m.end))
    inside = [any(a <= t.start and t.end <= b for a, b in spans.get(t.interview, [])) for t in tokens.itertuples()]
    return pd.Series(inside, index=tokens.index, dtype=bool)
