"""Counting word groups (pronouns, modal verbs, ...) per speaker or interview, as counts and as
rates per 1,000 words, so a notebook can show both side by side."""

from __future__ import annotations

import pandas as pd

from .speech import speech_of

PRONOUNS = {
    "we/us/our": frozenset({"we", "us", "our", "ours", "ourselves"}),
    "I/me/my": frozenset({"i", "me", "my", "mine", "myself"}),
    "you": frozenset({"you", "your", "yours", "yourself", "yourselves"}),
    "they/them": frozenset({"they", "them", "their", "theirs", "themselves"}),
}
"""The study's pronoun groups (by `norm`): collective, personal, addressee and third person."""

MODALS = {
    "must": frozenset({"must"}), "should": frozenset({"should"}), "can": frozenset({"can", "ca"}),
    "could": frozenset({"could"}), "will": frozenset({"will", "wo", "'ll"}), "would": frozenset({"would"}),
    "may": frozenset({"may"}), "might": frozenset({"might"}),
}
"""The study's modal verbs (by `norm`; "ca" and "wo" are the Treebank halves of "can't" and
"won't"). Count them where the tagger says MD, so that "May" the month is left out."""


def per_thousand(tokens: pd.DataFrame, groups: dict[str, frozenset[str] | set[str]], by: str = "speaker",
                 where: pd.Series | None = None) -> pd.DataFrame:
    """For each value of `by` and each group: count (tokens whose `norm` is in the group, among
    the tokens `where` allows), words (all word tokens of that value of `by`) and per_1000.

    One row per (`by`, group), groups in the order given, including zero counts. `tokens` must
    say whose speech it holds (`helpers.speech`); the result keeps it in `attrs["speech"]`.
    """
    speech = speech_of(tokens)
    words = tokens[tokens["is_word"]].groupby(by).size()
    eligible = tokens if where is None else tokens[where]
    rows = []
    for key, total in words.items():
        mine = eligible[eligible[by] == key]["norm"]
        for group, forms in groups.items():
            count = int(mine.isin(forms).sum())
            rows.append({by: key, "group": group, "count": count, "words": int(total),
                         "per_1000": round(1000 * count / total, 1)})
    table = pd.DataFrame(rows, columns=[by, "group", "count", "words", "per_1000"])
    table.attrs["speech"] = speech
    return table
