"""Thematic coding of answer paragraphs: the codebook, the hand coding, the keyword rules, and
the agreement of any two codings (Cohen's kappa and Krippendorff's alpha through
`nltk.metrics.agreement`, Landis & Koch 1977 bands).

Files (under `annotations/`): `codebook.toml`, `coding.csv` (the hand coding, stand-off:
passage id, code, seed offsets, the words as printed in the seed and as read), `rules.toml`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..plumbing.datafiles import as_int, line_of, read_rows, read_toml
from ..plumbing.errors import SeedError
from ..plumbing.paths import ANNOTATIONS_DIR, shown
from ..plumbing.patterns import bounded_pattern
from ..reading.markup import reading_string, reading_text
from ..reading.standoff import seed_texts
from .tokens import STRAIGHT

CODEBOOK = ANNOTATIONS_DIR / "codebook.toml"
HAND_CODING = ANNOTATIONS_DIR / "coding.csv"
RULES = ANNOTATIONS_DIR / "rules.toml"
CODE_FIELDS = ["code", "label", "definition", "include", "exclude", "example"]
CODING_COLUMNS = ["passage_id", "code", "start", "end", "quote", "exact"]
UNIT_KINDS = ("answer", "list_item")
BANDS = ((0.20, "slight"), (0.40, "fair"), (0.60, "moderate"), (0.80, "substantial"))


def load_codebook(path: Path = CODEBOOK) -> pd.DataFrame:
    """The codes, in codebook order: code, label, definition, include, exclude, example."""
    table = read_toml(path)
    codes = table.get("code")
    if not isinstance(codes, list) or not codes:
        raise SeedError(shown(path), None, "no [[code]] tables")
    seen: set[str] = set()
    for entry in codes:
        line = line_of(path, f'"{entry.get("code", "")}"')
        missing = [f for f in CODE_FIELDS if not isinstance(entry.get(f), str) or not entry[f].strip()]
        if missing:
            raise SeedError(shown(path), line, f"code {entry.get('code')!r} lacks {', '.join(missing)}")
        if entry["code"] in seen:
            raise SeedError(shown(path), line, f"code {entry['code']!r} is defined twice")
        seen.add(entry["code"])
    return pd.DataFrame([{f: entry[f] for f in CODE_FIELDS} for entry in codes], columns=CODE_FIELDS)


def coding_units(passages: pd.DataFrame) -> pd.DataFrame:
    """The paragraphs the study codes: every answer paragraph and list item, in source order."""
    units = passages[passages["kind"].isin(UNIT_KINDS)]
    return units[["interview", "passage_id", "speaker", "turn_id", "start", "end", "clean"]].reset_index(drop=True)


def load_hand_coding(passages: pd.DataFrame, path: Path = HAND_CODING, codebook: pd.DataFrame | None = None
                     ) -> pd.DataFrame:
    """The hand coding, checked: every row's code is in the codebook, its passage is a coding unit,
    its offsets lie inside the passage, `exact` is the seed's text at the offsets and `quote`
    is what a reader reads there. Columns: interview, speaker and `CODING_COLUMNS`."""
    codes = set((load_codebook() if codebook is None else codebook)["code"])
    units = coding_units(passages).set_index("passage_id")
    rows = [checked_span(row, units, codes, shown(path), line) for line, row in read_rows(path, CODING_COLUMNS)]
    return pd.DataFrame(rows, columns=["interview", "speaker", *CODING_COLUMNS])


def checked_span(row: dict[str, str], units: pd.DataFrame, codes: set[str], name: str, line: int) -> dict:
    """One coded span of a file (`CODING_COLUMNS`), checked against the codebook's `codes`, the
    coding `units` (indexed by passage id) and the seed, with its interview and speaker and its
    offsets as numbers. A fault raises a `SeedError` naming the file and line."""
    if row["code"] not in codes:
        raise SeedError(name, line, f"code {row['code']!r} is not in the codebook")
    if row["passage_id"] not in units.index:
        raise SeedError(name, line, f"{row['passage_id']!r} is not an answer paragraph or list item")
    unit = units.loc[row["passage_id"]]
    start, end = as_int(row["start"], name, line, "start"), as_int(row["end"], name, line, "end")
    if not unit["start"] <= start < end <= unit["end"]:
        raise SeedError(name, line, f"offsets {start}-{end} lie outside {row['passage_id']} "
                                    f"({unit['start']}-{unit['end']})")
    interview, text = seed_texts()[unit["interview"]]
    if text[start:end] != row["exact"]:
        raise SeedError(name, line, f"exact {row['exact']!r} differs from the seed's text at "
                                    f"{start}-{end}: {text[start:end]!r}")
    read = reading_string(text, start, end, interview.format == "markdown")
    if read != row["quote"]:
        raise SeedError(name, line, f"quote {row['quote']!r} differs from the reading text {read!r}")
    return {"interview": unit["interview"], "speaker": unit["speaker"], **row, "start": start, "end": end}


def load_rules(path: Path = RULES) -> dict[str, list[re.Pattern]]:
    """The keyword rules, compiled (case-insensitive), by code, in file order; a pattern that could
    backtrack without bound is refused (`helpers.plumbing.patterns`)."""
    table = read_toml(path).get("rules")
    if not isinstance(table, dict) or not table:
        raise SeedError(shown(path), None, "no [rules] table")
    rules: dict[str, list[re.Pattern]] = {}
    for code, patterns in table.items():
        if not isinstance(patterns, list) or not all(isinstance(p, str) and p for p in patterns):
            raise SeedError(shown(path), line_of(path, code), f"rules for {code!r} must be a list of patterns")
        # a folder's own rules are user input: refused when they could backtrack without bound
        rules[code] = [bounded_pattern(pattern, re.IGNORECASE, shown(path), line_of(path, pattern),
                                       f"of {code!r}") for pattern in patterns]
    return rules


MATCH_COLUMNS = ["interview", "speaker", "passage_id", "code", "pattern", "match"]


def _rule_matches(units: pd.DataFrame, rules: dict[str, list[re.Pattern]]):
    """(unit, code, pattern, match) of every match of every rule in every unit's reading text."""
    for unit in units.itertuples():
        text = unit.clean.translate(STRAIGHT)
        for code, patterns in rules.items():
            for pattern in patterns:
                for match in pattern.finditer(text):
                    yield unit, code, pattern, match


def rule_coding(units: pd.DataFrame, rules: dict[str, list[re.Pattern]]) -> pd.DataFrame:
    """Every match of every rule in every unit's reading text: passage_id, code, pattern, match."""
    rows = [{"interview": u.interview, "speaker": u.speaker, "passage_id": u.passage_id, "code": code,
             "pattern": pattern.pattern, "match": u.clean[m.start():m.end()]}
            for u, code, pattern, m in _rule_matches(units, rules)]
    return pd.DataFrame(rows, columns=MATCH_COLUMNS)


def rule_spans(units: pd.DataFrame, rules: dict[str, list[re.Pattern]], texts: dict) -> pd.DataFrame:
    """`rule_coding` with the seed offsets (start, end) of each match, for a corpus whose seeds are
    given as {interview id: (Interview, text)} (`standoff.texts_of`): what an export needs."""
    rows, read = [], {}
    for u, code, pattern, m in _rule_matches(units, rules):
        if u.passage_id not in read:
            interview, text = texts[u.interview]
            full, offsets = reading_text(text, u.start, u.end, interview.format == "markdown")
            read[u.passage_id] = offsets[len(full) - len(u.clean):]  # the label, if any, comes first
        offsets = read[u.passage_id]
        rows.append({"interview": u.interview, "speaker": u.speaker, "passage_id": u.passage_id, "code": code,
                     "pattern": pattern.pattern, "match": u.clean[m.start():m.end()],
                     "start": offsets[m.start()], "end": offsets[m.end() - 1] + 1})
    return pd.DataFrame(rows, columns=[*MATCH_COLUMNS, "start", "end"])


def code_matrix(coding: pd.DataFrame, units: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """A units-by-codes table of 0 and 1: 1 where the coding gives the unit that code."""
    pairs = set(zip(coding["passage_id"], coding["code"], strict=True))
    data = [[int((pid, code) in pairs) for code in codes] for pid in units["passage_id"]]
    return pd.DataFrame(data, index=pd.Index(units["passage_id"], name="passage_id"), columns=codes)


def landis_koch(kappa: float) -> str:
    """The Landis & Koch (1977) band of a kappa: poor (< 0), slight (0-.20), fair (.21-.40),
    moderate (.41-.60), substantial (.61-.80), almost perfect (.81-1); 'undefined' for NaN."""
    if kappa != kappa:
        return "undefined"
    if kappa < 0:
        return "poor"
    return next((band for upper, band in BANDS if kappa <= upper), "almost perfect")


def _task(first: list, second: list):
    """NLTK's `AnnotationTask` over two coders' labels of the same items."""
    from nltk.metrics.agreement import AnnotationTask

    if len(first) != len(second):
        raise ValueError(f"the two codings must cover the same items ({len(first)} against {len(second)})")
    if not first:
        raise ValueError("agreement needs at least one coded item")
    data = [("a", str(i), str(x)) for i, x in enumerate(first)] + [("b", str(i), str(y)) for i, y in enumerate(second)]
    return AnnotationTask(data=data)


def cohen_kappa(first: list, second: list) -> float:
    """Cohen's kappa of two codings of the same items, with NLTK's `AnnotationTask`. NaN when
    chance agreement is 1 (both coders gave every item the same single label)."""
    task = _task(first, second)
    if task.Ae_kappa("a", "b") == 1.0:
        return float("nan")
    return float(task.kappa())


def krippendorff_alpha(first: list, second: list) -> float:
    """Krippendorff's alpha (nominal) of two codings of the same items, with NLTK's
    `AnnotationTask.alpha`: 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k over the coincidence matrix.
    NaN when the coders used one label only: with no variation alpha is undefined (NLTK says 1)."""
    task = _task(first, second)
    if len(set(map(str, first)) | set(map(str, second))) < 2:
        return float("nan")
    return float(task.alpha())


def agreement(first: pd.DataFrame, second: pd.DataFrame, names: tuple[str, str] = ("hand", "rules")) -> pd.DataFrame:
    """Per code: units coded by each side (columns named by `names`), by both, observed agreement,
    Cohen's kappa with its Landis & Koch band, and Krippendorff's alpha (nominal). `first` and
    `second` are matrices from `code_matrix` over the same units."""
    if list(first.index) != list(second.index) or list(first.columns) != list(second.columns):
        raise ValueError("the two code matrices must have the same units and codes")
    one, two = names
    rows = []
    for code in first.columns:
        h, r = first[code].tolist(), second[code].tolist()
        kappa = cohen_kappa(h, r)
        rows.append({
            "code": code, one: sum(h), two: sum(r), "both": sum(a and b for a, b in zip(h, r, strict=True)),
            "agreement": sum(a == b for a, b in zip(h, r, strict=True)) / len(h), "kappa": kappa,
            "band": landis_koch(kappa), "alpha": krippendorff_alpha(h, r),
        })
    return pd.DataFrame(rows)


def disagreements(first: pd.DataFrame, second: pd.DataFrame, names: tuple[str, str] = ("hand", "rules")
                  ) -> pd.DataFrame:
    """Every (unit, code) where two code matrices differ: passage_id, code, and which side gave
    the code ('hand only' or 'rules only', after `names`)."""
    diff = (first - second).stack()
    diff = diff[diff != 0]
    return pd.DataFrame({
        "passage_id": diff.index.get_level_values(0), "code": diff.index.get_level_values(1),
        "coded by": [f"{names[0]} only" if v > 0 else f"{names[1]} only" for v in diff],
    }).reset_index(drop=True)
