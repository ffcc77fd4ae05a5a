"""The batch tagger gives NLTK's tags: on every sentence of the seeds and the fixtures, and on random
sentences made of the model's own words, unknown words, numbers, hyphens and quotes."""

from __future__ import annotations

import pytest
from conftest import FIXTURE_CORPUS
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers
from helpers.annotating import tokens
from helpers.annotating.fasttag import BatchTagger


@pytest.fixture(scope="module")
def nltk_tagger():
    return tokens._tools()[3]


@pytest.fixture(scope="module")
def batch(nltk_tagger):
    return BatchTagger(nltk_tagger)


def nltk_tags(tagger, sentence):
    return [penn for _, penn in tagger.tag(list(sentence))]


class OneByOne:
    """NLTK's own `tag`, one sentence at a time: the way the token table was tagged before."""

    def __init__(self, tagger):
        self.tagger = tagger

    def tag_sentences(self, sentences):
        return [nltk_tags(self.tagger, s) for s in sentences]


@pytest.mark.parametrize("folder", [None, FIXTURE_CORPUS], ids=["seeds", "fixtures"])
def test_every_sentence_of_the_seeds_and_fixtures_gets_nltk_s_tags(folder, nltk_tagger, batch, monkeypatch):
    seeds = [(i, helpers.seedtext.read_seed(i)) for i in helpers.load_catalog(folder)]
    tables = [tokens.token_table(*seed) for seed in seeds]
    monkeypatch.setattr(tokens, "_batch_tagger", lambda: OneByOne(nltk_tagger))
    for seed, table in zip(seeds, tables, strict=True):
        assert table.equals(tokens.token_table(*seed))
    sentences = [g["token"].tolist() for t in tables for _, g in t.to_pandas().groupby("sentence_id", sort=False)]
    assert batch.tag_sentences(sentences) == [nltk_tags(nltk_tagger, s) for s in sentences]  # curly quotes too


WORDS = ["the", "war", "people", "Lugansk", "run", "runs", "ran", "well-known", "1917", "70th", "2,000", "''",
         "``", ",", ".", "'s", "n't", "Zyxwv", "quickly", "I", "can", "that", "fascism", "-", "—", "", "A", "US",
         "open", "leftist", "self-determination", "$", "%", "Mr.", "said", "they", "them", "between", "about"]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS) | st.text(min_size=1, max_size=8), max_size=20), max_size=8))
def test_random_sentences_get_nltk_s_tags(nltk_tagger, batch, sentences):
    assert batch.tag_sentences(sentences) == [nltk_tags(nltk_tagger, s) for s in sentences]


def test_a_text_with_no_sentences_or_empty_ones_is_tagged_as_nothing(batch):
    assert batch.tag_sentences([]) == [] and batch.tag_sentences([[], []]) == [[], []]
