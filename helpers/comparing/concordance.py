"""Keyword in context (KWIC), as in AntConc or Voyant: every occurrence of a term with its left
and right context, each line with its passage id so the reader can open the passage.

A term is one or more words separated by spaces, matched against the tokens' `norm` (lower case,
straight quotes); a word ending in `*` matches every word that starts with it ("fascis*" finds
"fascism", "fascist", "fascists"). Context stays inside the passage: a line never runs into the
next speaker's words.
"""

from __future__ import annotations

import pandas as pd

from ..annotating.speech import speech_of

CONCORDANCE_COLUMNS = ["interview", "passage_id", "speaker", "start", "left", "node", "right"]
SORTS = ("text", "left", "right")


def _matcher(word: str):
    if word.endswith("*") and len(word) > 1:
        stem = word[:-1]
        return lambda norm: norm.startswith(stem)
    return lambda norm: norm == word


def _parse_term(term: str) -> list:
    words = term.lower().split()
    if not words:
        raise ValueError("the search term is empty")
    return [_matcher(word) for word in words]


def _passages(tokens: pd.DataFrame) -> dict[str, list[int]]:
    """The row numbers of each passage's tokens, passages in order of their first token."""
    rows: dict[str, list[int]] = {}
    for k, passage_id in enumerate(tokens["passage_id"].tolist()):
        rows.setdefault(passage_id, []).append(k)
    return rows


def concordance(tokens: pd.DataFrame, term: str, width: int = 6, sort: str = "text") -> pd.DataFrame:
    """Every occurrence of `term` in `tokens` with `width` tokens of context either side.

    `sort`: "text" (source order), "left" (by the word just before the term, then the one before
    that, ...) or "right" (by the words just after it). Columns: interview, passage_id, speaker,
    start (seed offset of the term's first word), left, node (the term as printed), right.
    """
    speech = speech_of(tokens)
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {SORTS}, not {sort!r}")
    if width < 0:
        raise ValueError("the context width cannot be negative")
    matchers = _parse_term(term)
    n = len(matchers)
    # Plain lists, not a DataFrame per passage: notebooks call this dozens of times per run.
    norm, surface, start = tokens["norm"].tolist(), tokens["token"].tolist(), tokens["start"].tolist()
    interview, speaker = tokens["interview"].tolist(), tokens["speaker"].tolist()
    first, rest = matchers[0], list(enumerate(matchers[1:], 1))
    lines = []
    for passage_id, rows in _passages(tokens).items():
        norms, words = [norm[r] for r in rows], [surface[r] for r in rows]
        for i in range(len(rows) - n + 1):
            if first(norms[i]) and all(match(norms[i + k]) for k, match in rest):
                lines.append({
                    "interview": interview[rows[0]], "passage_id": passage_id, "speaker": speaker[rows[0]],
                    "start": int(start[rows[i]]), "left": " ".join(words[max(0, i - width):i]),
                    "node": " ".join(words[i:i + n]), "right": " ".join(words[i + n:i + n + width]),
                    "_left": tuple(reversed(norms[max(0, i - width):i])), "_right": tuple(norms[i + n:i + n + width]),
                })
    if sort != "text":
        lines.sort(key=lambda line: line[f"_{sort}"])  # stable: ties stay in source order
    table = pd.DataFrame(lines, columns=CONCORDANCE_COLUMNS)
    table.attrs["speech"] = speech
    return table


def kwic_text(lines: pd.DataFrame, width: int = 45) -> str:
    """The concordance as aligned plain text, the term in a centre column: one line per
    occurrence, `passage id  left [term] right`, the left context cut to `width` characters."""
    out = []
    for row in lines.itertuples():
        left = row.left[-width:]
        out.append(f"{row.passage_id:<11} {left:>{width}} [{row.node}] {row.right[:width]}")
    return "\n".join(out)


def term_positions(tokens: pd.DataFrame, terms: list[str], by: str = "interview") -> pd.DataFrame:
    """Where each term occurs in each text, for a dispersion plot: one row per occurrence with the
    text (`by`), the term, and `offset`, its place among the text's words as a share from 0 to 1."""
    speech_of(tokens)
    words = tokens[tokens["is_word"]]
    rows = []
    for key, text in words.groupby(by, sort=True):
        rank = {start: k for k, start in enumerate(text["start"])}
        for term in terms:
            for line in concordance(text, term, width=0).itertuples():
                rows.append({by: key, "term": term, "passage_id": line.passage_id,
                             "offset": rank[line.start] / len(text)})
    return pd.DataFrame(rows, columns=[by, "term", "passage_id", "offset"])
