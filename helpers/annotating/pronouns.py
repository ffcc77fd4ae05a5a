"""Whose "we": every "we", "us", "our", "ours" and "ourselves" of the answers, read in its sentence
for the group it names (`annotations/we.csv`, by the manual `annotations/we.md`).

A first-person plural is the speaker's claim to speak for a group, and which group changes from
sentence to sentence: the party, the city under fire, the left as a whole. The referent decides
the clusivity: a "we" is inclusive when its group takes in the interviewer and the readers (the
left in general, the speaker and the interviewer), exclusive when it does not (the speaker's
organisation, a people or country the interviewer does not belong to).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..plumbing.paths import ANNOTATIONS_DIR
from .readings import load_readings, reading_agreement

WE_READINGS = ANNOTATIONS_DIR / "we.csv"
WE_READINGS_SECOND = ANNOTATIONS_DIR / "we-second.csv"
WE_FORMS = frozenset({"we", "us", "our", "ours", "ourselves"})
"""The first-person plural forms, by `norm`."""
WE_GROUP = "first-person plural (we/us/our)"
"""The name of `WE_FORMS` in tables and prose: a count of all five forms is not a count of "we"."""
REFERENTS = {
    "organisation": "a group the speaker acts with: party, movement, union, comrades, fellow students; now or earlier",
    "people": "the population, city, region or country the speaker belongs to",
    "left": "the left, communists or socialists in general, beyond the speaker's organisation",
    "speaker_and_interviewer": "the speaker and the interviewer (or the speaker and the readers) only",
    "unclear": "the sentence does not decide between two of the above, or names people in general",
}
"""What a reader of `we.csv` may say a "we" refers to."""
CLUSIVITY = {"organisation": "exclusive", "people": "exclusive", "left": "inclusive",
             "speaker_and_interviewer": "inclusive", "unclear": "unclear"}
"""Whether each referent takes in the interviewer and the readers."""


def we_tokens(tokens: pd.DataFrame) -> pd.DataFrame:
    """The first-person plural tokens of `tokens`, each with a `token_id` (sentence id @ position)."""
    found = tokens[tokens["norm"].isin(WE_FORMS)]
    ids = found["sentence_id"] + "@" + found["position"].astype(str)
    columns = ["interview", "speaker", "passage_id", "sentence_id", "position", "start", "end", "token"]
    return found[columns].assign(token_id=ids.to_numpy()).reset_index(drop=True)


def load_we_referents(tokens: pd.DataFrame, path: Path = WE_READINGS) -> pd.DataFrame:
    """Every first-person plural of `tokens` with the reader's `referent`, its `clusivity` and
    `note`. An unknown token id or referent, a token read twice, or a token left unread is an
    error naming the file (and the line where there is one)."""
    found = we_tokens(tokens)
    what = "first-person plurals (we/us/our/ours/ourselves)"
    read = load_readings(path, found["token_id"], "token_id", "referent", REFERENTS, what)
    table = found.merge(read, on="token_id", how="left", validate="one_to_one")
    return table.assign(clusivity=table["referent"].map(CLUSIVITY))


def we_agreement(first: pd.DataFrame, second: pd.DataFrame) -> dict[str, float | int]:
    """Agreement of two readers' referents for the same tokens (each as `load_we_referents`
    returns it): the number of tokens, the share read alike, Cohen's kappa and Krippendorff's alpha."""
    return reading_agreement(first, second, "token_id", "referent")
