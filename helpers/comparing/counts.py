"""Counting word groups (pronouns, modal verbs, ...) per speaker or interview, as counts and as
rates per 1,000 words, so a notebook can show both side by side."""

from __future__ import annotations

import pandas as pd

from ..annotating.pronouns import WE_FORMS
from ..annotating.speech import speech_of

PRONOUNS = {
    "we/us/our": WE_FORMS,
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


def per_thousand_interval(tokens: pd.DataFrame, groups: dict[str, frozenset[str] | set[str]], by: str = "speaker",
                          where: pd.Series | None = None, seed: int = 2026) -> pd.DataFrame:
    """`per_thousand` with a 95% bootstrap interval for each rate (`stats.bootstrap_rate`),
    resampling the passages (paragraphs) of each value of `by`: columns low and high beside
    per_1000. Passages, not tokens, are resampled because words come in bursts."""
    from .stats import bootstrap_rate

    table = per_thousand(tokens, groups, by, where)
    words = tokens[tokens["is_word"]]
    eligible = words if where is None else words[where.reindex(words.index, fill_value=False)]
    lows, highs = [], []
    for row in table.itertuples():
        mine = words[words[by] == getattr(row, by)]
        sizes = mine.groupby("passage_id", sort=False).size()
        hits = eligible[(eligible[by] == getattr(row, by)) & eligible["norm"].isin(groups[row.group])]
        counts = hits.groupby("passage_id").size().reindex(sizes.index, fill_value=0)
        _, low, high = bootstrap_rate(counts.tolist(), sizes.tolist(), seed=seed)
        lows.append(round(low, 1))
        highs.append(round(high, 1))
    return table.assign(low=lows, high=highs)


def difference_interval(tokens: pd.DataFrame, first: frozenset[str] | set[str], second: frozenset[str] | set[str],
                        by: str = "speaker", seed: int = 2026) -> pd.DataFrame:
    """Per value of `by`: the rate per 1,000 words of the words in `first` less that of `second`
    (for example "we" less "I"), with a 95% bootstrap interval over the passages, both counted in
    the same resample. An interval above 0 says the texts show the first used more."""
    from .stats import bootstrap_rate

    speech_of(tokens)
    words = tokens[tokens["is_word"]]
    rows = []
    for key, mine in words.groupby(by, sort=True):
        per_passage = mine.groupby("passage_id", sort=False)["norm"]
        sizes = per_passage.size()
        net = per_passage.agg(lambda norms: int(norms.isin(first).sum()) - int(norms.isin(second).sum()))
        rate, low, high = bootstrap_rate(net.tolist(), sizes.tolist(), seed=seed)
        rows.append({by: key, "difference": round(rate, 1), "low": round(low, 1), "high": round(high, 1)})
    return pd.DataFrame(rows).set_index(by)


def marker_rates(tokens: pd.DataFrame, marks: pd.DataFrame, label: str, kinds: tuple[str, ...],
                 by: str = "speaker", seed: int = 2026) -> pd.DataFrame:
    """Rates per 1,000 words of marked spans (one row of `marks` per span, with `passage_id`, `by`
    and the column `label`), one row per value of `by` and kind in `kinds`, including zeros: count,
    words, per_1000 and a 95% bootstrap interval over the passages (low, high). The words are those
    of `tokens`, which must say whose speech it holds; the spans must come from the same speech."""
    from .stats import bootstrap_rate

    speech = speech_of(tokens)
    words = tokens[tokens["is_word"]]
    unknown = set(marks["passage_id"]) - set(words["passage_id"])
    if unknown:
        raise ValueError(f"marks in passages the tokens do not hold, e.g. {sorted(unknown)[0]!r}")
    rows = []
    for key, mine in words.groupby(by, sort=True):
        sizes = mine.groupby("passage_id", sort=False).size()
        for kind in kinds:
            hits = marks[(marks[by] == key) & (marks[label] == kind)].groupby("passage_id").size()
            counts = hits.reindex(sizes.index, fill_value=0)
            _, low, high = bootstrap_rate(counts.tolist(), sizes.tolist(), seed=seed)
            rows.append({by: key, "kind": kind, "count": int(counts.sum()), "words": int(sizes.sum()),
                         "per_1000": round(1000 * counts.sum() / sizes.sum(), 1),
                         "low": round(low, 1), "high": round(high, 1)})
    table = pd.DataFrame(rows)
    table.attrs["speech"] = speech
    return table
