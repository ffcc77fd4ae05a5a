"""VADER (Hutto & Gilbert 2014) through NLTK, from the project's copy of its lexicon.

VADER scores emotionally loaded *vocabulary*: "war", "killed" and "crisis" are negative whoever
says them and whatever their stance. The notebooks show which words drove each score
(`vader_words`) and treat the compound score as that, not as a speaker's attitude.
"""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..plumbing.datafiles import read_rows
from ..plumbing.errors import SeedError
from ..plumbing.nltk_data import use_nltk_data
from ..plumbing.paths import ANNOTATIONS_DIR, shown

if TYPE_CHECKING:
    from nltk.sentiment import SentimentIntensityAnalyzer

SENTIMENT_CHECK = ANNOTATIONS_DIR / "sentiment_check.csv"
CHECK_COLUMNS = ["sentence_id", "reader", "note"]
LABELS = ("positive", "neutral", "negative")
SAMPLE_SEED = 2026
SENTENCES_PER_INTERVIEW = 15

POSITIVE, NEGATIVE = 0.05, -0.05
"""The usual cut-offs of the compound score: positive ≥ 0.05, negative ≤ −0.05, neutral between."""


@cache
def analyzer(ignore: frozenset[str] = frozenset()) -> SentimentIntensityAnalyzer:
    """NLTK's `SentimentIntensityAnalyzer`, loaded once from the project's `vader_lexicon`;
    the words in `ignore` are taken out of its lexicon (for words these texts use in another
    sense, such as "party" for a political party)."""
    use_nltk_data()
    from nltk.sentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    if ignore:
        vader.lexicon = {word: value for word, value in vader.lexicon.items() if word not in ignore}
    return vader


def label(compound: float) -> str:
    """positive, negative or neutral, by the usual cut-offs of the compound score."""
    if compound >= POSITIVE:
        return "positive"
    if compound <= NEGATIVE:
        return "negative"
    return "neutral"


def vader_scores(texts: pd.Series, ignore: frozenset[str] = frozenset()) -> pd.DataFrame:
    """VADER's neg, neu, pos and compound scores of each text, with its label, indexed like
    `texts`; the words in `ignore` do not count."""
    vader = analyzer(frozenset(ignore))
    scores = [vader.polarity_scores(text) for text in texts]
    table = pd.DataFrame(scores, index=texts.index, columns=["neg", "neu", "pos", "compound"])
    table["label"] = table["compound"].map(label)
    return table


def vader_words(text: str) -> list[tuple[str, float]]:
    """The words of `text` that VADER scores, in order, with their lexicon valence before VADER's
    rules (negation, "but", capitals, "!") adjust them: the vocabulary behind a score.

    The words are VADER's own tokens (NLTK's `SentiText`): the text split at white space, with one
    mark of `PUNC_LIST` taken off either end, so "'proxy war'" gives "war" but "(like" and
    "help—financially" are not words of the lexicon and are not scored. Like VADER, it skips the
    boosters ("very", "really") and "kind" before "of", which VADER never scores itself."""
    from nltk.sentiment.vader import SentiText

    vader = analyzer()
    words = SentiText(text, vader.constants.PUNC_LIST, vader.constants.REGEX_REMOVE_PUNCTUATION).words_and_emoticons
    first = {}  # VADER looks each word up at its first position (its `first_index`)
    for i, word in enumerate(words):
        first.setdefault(word, i)
    scored = []
    for word in words:
        i, lower = first[word], word.lower()
        kind_of = lower == "kind" and i < len(words) - 1 and words[i + 1].lower() == "of"
        if lower in vader.lexicon and lower not in vader.constants.BOOSTER_DICT and not kind_of:
            scored.append((lower, vader.lexicon[lower]))
    return scored


def draw_sentence_sample(sentences: pd.DataFrame, seed: int = SAMPLE_SEED,
                         per_interview: int = SENTENCES_PER_INTERVIEW) -> pd.DataFrame:
    """The sentences a reader labels to validate VADER: from each interview, the interviewees'
    sentences shuffled with `random.Random(seed)`, the first `per_interview` taken; in source order."""
    chosen: set[str] = set()
    answers = sentences[sentences["role"] == "interviewee"]
    for _, group in answers.groupby("interview", sort=True):
        ids = group["sentence_id"].tolist()
        random.Random(seed).shuffle(ids)
        chosen.update(ids[:per_interview])
    return sentences[sentences["sentence_id"].isin(chosen)].reset_index(drop=True)


def load_sentiment_check(sentences: pd.DataFrame, path: Path = SENTIMENT_CHECK) -> pd.DataFrame:
    """A reader's labels for the sample (`CHECK_COLUMNS`): `reader` is what a careful reader takes
    the sentence to present as good (positive), bad (negative) or neither (neutral); `note` says
    why. Every sentence id must be one of `sentences`, once; labels must be one of `LABELS`."""
    known = set(sentences["sentence_id"])
    rows, seen = [], set()
    for line, row in read_rows(path, CHECK_COLUMNS, CHECK_COLUMNS[:2]):
        if row["sentence_id"] not in known:
            raise SeedError(shown(path), line, f"unknown sentence id {row['sentence_id']!r}")
        if row["sentence_id"] in seen:
            raise SeedError(shown(path), line, f"sentence {row['sentence_id']!r} is labelled twice")
        if row["reader"] not in LABELS:
            raise SeedError(shown(path), line, f"label {row['reader']!r} is not one of {', '.join(LABELS)}")
        seen.add(row["sentence_id"])
        rows.append(row)
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)
