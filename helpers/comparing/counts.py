"""Counting word groups (pronouns, modal verbs, ...) per speaker or interview, as counts and as
rates per 1,000 words, so a notebook can show both side by side.

The word named is the word counted: a group of several words is labelled as a group ("first-person
plural (we/us/our)"), never by one of its forms ("we"), or by all of them ("war/wars").
`check_group_labels` enforces it, and every counting function here calls it, so no table can
count "our" and "ourselves" in a column headed "we".
"""

from __future__ import annotations

import re

import pandas as pd

from ..annotating.pronouns import WE_FORMS, WE_GROUP
from ..annotating.speech import speech_of

PRONOUNS = {
    WE_GROUP: WE_FORMS,
    "first-person singular (I/me/my)": frozenset({"i", "me", "my", "mine", "myself"}),
    "second person (you/your)": frozenset({"you", "your", "yours", "yourself", "yourselves"}),
    "third-person plural (they/them/their)": frozenset({"they", "them", "their", "theirs", "themselves"}),
}
"""The study's pronoun groups (by `norm`): collective, personal, addressee and third person, each
named as the group it is, with some of its forms in brackets."""

SPELLINGS = {"ca": "can", "wo": "will", "'ll": "will"}
"""Tokens that are another spelling of one word, not another word: the Treebank tokenizer's halves
of "can't" and "won't", and the clitic "'ll". A group {"will", "wo", "'ll"} counts one word."""

MODALS = {
    "must": frozenset({"must"}), "should": frozenset({"should"}), "can": frozenset({"can", "ca"}),
    "could": frozenset({"could"}), "will": frozenset({"will", "wo", "'ll"}), "would": frozenset({"would"}),
    "may": frozenset({"may"}), "might": frozenset({"might"}),
}
"""The study's modal verbs (by `norm`; "ca" and "wo" are the Treebank halves of "can't" and
"won't"). Count them where the tagger says MD, so that "May" the month is left out."""


def _head(label: str) -> str:
    """A label without its bracketed part: "first-person plural (we/us/our)" -> "first-person plural"."""
    return label.split("(", 1)[0]


def _words_of(text: str) -> set[str]:
    return set(re.findall(r"[\w']+", text.lower().replace("’", "'")))


def check_group_labels(groups: dict[str, frozenset[str] | set[str]]) -> None:
    """Refuse a label that names a form its group does not count alone.

    A group that counts one word (its spellings aside, `SPELLINGS`) may be labelled by that word.
    A group of several words must be labelled either by a name that is none of its forms
    ("first-person plural"), optionally followed by some of its forms in brackets, every one of
    which it counts; or by every word it counts ("war/wars"). So {"we": {"we", "our"}} is refused,
    as is "we/us/our" for a group that also counts "ours". Raises ValueError naming the label.
    """
    for label, forms in groups.items():
        norms = {form.lower().replace("’", "'") for form in forms}
        counted = {SPELLINGS.get(form, form) for form in norms}
        named = _words_of(_head(label)) & (norms | counted)
        if named and named != counted:
            raise ValueError(f"the label {label!r} names {sorted(named)} but its group counts {sorted(norms)}: "
                             "name a group of several words as a group, e.g. 'first-person plural (we/us/our)'")
        bracketed = _words_of(label[len(_head(label)):])
        if bracketed - norms - counted:
            raise ValueError(f"the label {label!r} shows forms its group does not count: "
                             f"{sorted(bracketed - norms - counted)}")


def per_thousand(tokens: pd.DataFrame, groups: dict[str, frozenset[str] | set[str]], by: str = "speaker",
                 where: pd.Series | None = None) -> pd.DataFrame:
    """For each value of `by` and each group: count (tokens whose `norm` is in the group, among
    the tokens `where` allows), words (all word tokens of that value of `by`) and per_1000.

    One row per (`by`, group), groups in the order given, including zero counts. `tokens` must
    say whose speech it holds (`helpers.speech`); the result keeps it in `attrs["speech"]`, and
    the forms each group counts in `attrs["groups"]`. A label that names one form of a group of
    several is refused (`check_group_labels`).
    """
    check_group_labels(groups)
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
    table.attrs.update({"speech": speech, "groups": {label: sorted(forms) for label, forms in groups.items()}})
    return table


def printed_paragraphs(tokens: pd.DataFrame, passages: pd.DataFrame) -> pd.DataFrame:
    """`tokens` with a column `paragraph`: the id of the printed paragraph each token is in. A
    passage that a page break cut off in mid-sentence (`continues` in `load_passages`) belongs
    to the paragraph it continues, so a bootstrap with `unit="paragraph"` resamples paragraphs
    as printed, not their page fragments. The table keeps its `attrs` (whose speech it holds)."""
    continues = dict(zip(passages["passage_id"], passages["continues"], strict=True))

    def first_part(passage_id: str) -> str:
        seen = {passage_id}
        while continues.get(passage_id):
            passage_id = continues[passage_id]
            if passage_id in seen:
                raise ValueError(f"passages: {passage_id} continues itself")
            seen.add(passage_id)
        return passage_id

    ids = {passage_id: first_part(passage_id) for passage_id in tokens["passage_id"].unique()}
    joined = tokens.assign(paragraph=tokens["passage_id"].map(ids))
    joined.attrs = dict(tokens.attrs)
    return joined


def _check_unit(tokens: pd.DataFrame, unit: str) -> None:
    """Refuse a resampling unit the token table does not have, saying how to make it."""
    if unit not in tokens.columns:
        hint = ": make it with printed_paragraphs(tokens, passages)" if unit == "paragraph" else ""
        raise ValueError(f"unit {unit!r} is not a column of the token table{hint}")


def per_thousand_interval(tokens: pd.DataFrame, groups: dict[str, frozenset[str] | set[str]], by: str = "speaker",
                          where: pd.Series | None = None, seed: int = 2026, resamples: int = 2000,
                          unit: str = "passage_id") -> pd.DataFrame:
    """`per_thousand` with a 95% bootstrap interval for each rate (`stats.bootstrap_rate`),
    resampling the units (`unit`: passages, or the `paragraph` of `printed_paragraphs`) of each
    value of `by` `resamples` times: columns low and high beside per_1000. Passages, not tokens,
    are resampled because words come in bursts."""
    from .stats import bootstrap_rate

    _check_unit(tokens, unit)
    table = per_thousand(tokens, groups, by, where)
    words = tokens[tokens["is_word"]]
    eligible = words if where is None else words[where.reindex(words.index, fill_value=False)]
    lows, highs = [], []
    for row in table.itertuples():
        mine = words[words[by] == getattr(row, by)]
        sizes = mine.groupby(unit, sort=False).size()
        hits = eligible[(eligible[by] == getattr(row, by)) & eligible["norm"].isin(groups[row.group])]
        counts = hits.groupby(unit).size().reindex(sizes.index, fill_value=0)
        _, low, high = bootstrap_rate(counts.tolist(), sizes.tolist(), seed=seed, resamples=resamples)
        lows.append(round(low, 1))
        highs.append(round(high, 1))
    return table.assign(low=lows, high=highs)


def difference_interval(tokens: pd.DataFrame, first: frozenset[str] | set[str], second: frozenset[str] | set[str],
                        by: str = "speaker", seed: int = 2026, resamples: int = 2000,
                        unit: str = "passage_id") -> pd.DataFrame:
    """Per value of `by`: the rate per 1,000 words of the words in `first` less that of `second`
    (for example the first-person plural less the singular), with a 95% bootstrap interval over
    the units (`unit`: passages, or the `paragraph` of `printed_paragraphs`), both counted in the
    same resample (`differences.paired_difference`, `resamples` of them): columns difference,
    low, high, at_or_below_0 (the share of resamples at or below zero), p (the bootstrap
    two-sided p), p_error (its Monte Carlo standard error, `differences.monte_carlo_error`) and
    units. An interval above 0 says the texts show the first used more."""
    from .differences import monte_carlo_error, paired_difference

    speech_of(tokens)
    _check_unit(tokens, unit)
    words = tokens[tokens["is_word"]]
    rows = []
    for key, mine in words.groupby(by, sort=True):
        # one vectorised sum per unit, in the order the units first appear (as the bootstrap draws them)
        per_unit = (mine.assign(first=mine["norm"].isin(first), second=mine["norm"].isin(second), words=1)
                    .groupby(unit, sort=False)[["first", "second", "words"]].sum())
        found = paired_difference(per_unit["first"].astype(int).tolist(), per_unit["second"].astype(int).tolist(),
                                  per_unit["words"].tolist(), seed=seed, resamples=resamples)
        rows.append({by: key, "difference": round(found["difference"], 1), "low": round(found["low"], 1),
                     "high": round(found["high"], 1), "at_or_below_0": found["at_or_below_0"], "p": found["p"],
                     "p_error": monte_carlo_error(found["p"], resamples), "units": len(per_unit)})
    table = pd.DataFrame(rows).set_index(by)
    table.attrs.update({"speech": tokens.attrs["speech"], "resamples": resamples, "seed": seed, "unit": unit})
    return table


def rate_differences(tokens: pd.DataFrame, groups: dict[str, frozenset[str] | set[str]],
                     pairs: list[tuple[str, str]], by: str = "speaker", seed: int = 2026,
                     resamples: int = 2000, unit: str = "passage_id") -> pd.DataFrame:
    """For each group and each pair (a, b) of values of `by`: a's rate per 1,000 words less b's,
    with a 95% bootstrap interval (each one's units, `unit`, resampled independently `resamples`
    times, `differences.rate_difference`), the bootstrap p, and its Bonferroni and Holm
    adjustments over every row of the table (the family is all the groups times all the pairs),
    and p_error, the p's Monte Carlo standard error (`differences.monte_carlo_error`)."""
    from .differences import bonferroni, holm, monte_carlo_error, rate_difference

    check_group_labels(groups)
    speech_of(tokens)
    _check_unit(tokens, unit)
    words = tokens[tokens["is_word"]]
    passages = {}
    for key in dict.fromkeys(k for pair in pairs for k in pair):
        mine = words[words[by] == key]
        if mine.empty:
            raise ValueError(f"no words of {by} {key!r}")
        passages[key] = mine
    rows = []
    for group, forms in groups.items():
        hits = {}
        for key, mine in passages.items():  # one vectorised sum per unit, in the order the units first appear
            per_unit = (mine.assign(hit=mine["norm"].isin(forms), words=1)
                        .groupby(unit, sort=False)[["hit", "words"]].sum())
            hits[key] = (per_unit["hit"].astype(int).tolist(), per_unit["words"].tolist())
        for a, b in pairs:
            found = rate_difference(*hits[a], *hits[b], seed=seed, resamples=resamples)
            rows.append({"group": group, "first": a, "second": b, "difference": found["difference"],
                         "low": found["low"], "high": found["high"], "p": found["p"],
                         "p_error": monte_carlo_error(found["p"], resamples)})
    table = pd.DataFrame(rows).round({"difference": 1, "low": 1, "high": 1})
    table["bonferroni_p"] = bonferroni(table["p"].tolist())
    table["holm_p"] = holm(table["p"].tolist())
    table.attrs.update({"speech": tokens.attrs["speech"], "groups": {g: sorted(f) for g, f in groups.items()},
                        "resamples": resamples, "seed": seed, "unit": unit})
    return table


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
