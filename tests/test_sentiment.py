"""Sentences and VADER: the sentence table matches the tokens, scores are worked out by hand from
VADER's formula, and the reader's check sample follows its stated rule."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import helpers
from helpers.annotating.sentences import sentences_of
from helpers.comparing.sentiment import draw_sentence_sample, label, load_sentiment_check, vader_scores, vader_words


@pytest.fixture(scope="module")
def sentences(passages):
    return sentences_of(passages)


def test_sentences_are_the_token_table_s_sentences_in_order(sentences, tokens):
    assert sentences["sentence_id"].tolist() == list(dict.fromkeys(tokens["sentence_id"]))
    assert len(sentences) == 198


def test_a_sentence_has_its_reading_text_and_points_into_its_seed(sentences, seed_texts):
    row = sentences.set_index("sentence_id").loc["004:q5.a1.s1"]
    assert row["text"] == "We do not see this as a proxy war."
    assert seed_texts["004"][row["start"]:row["end"]] == row["text"]


def test_the_usual_cut_offs_of_the_compound_score():
    assert [label(x) for x in (0.05, 0.0499, 0.0, -0.0499, -0.05)] == [
        "positive", "neutral", "neutral", "neutral", "negative"]


def compound(x: float) -> float:
    return round(x / math.sqrt(x * x + 15), 4)


def test_vader_scores_by_hand_from_its_formula():
    texts = pd.Series(["Several communists were killed.", "We do not see this as a proxy war.", "This is not good."])
    scores = vader_scores(texts)
    # killed: −3.5 -> −3.5/√(12.25 + 15) = −0.6705
    # war: −2.9; "not" is more than three words before it, so no negation -> −2.9/√(8.41 + 15) = −0.5994
    # good: 1.9, "not" just before multiplies by −0.74 -> −1.406/√(1.976836 + 15) = −0.3412
    assert scores["compound"].tolist() == [compound(-3.5), compound(-2.9), compound(1.9 * -0.74)]
    assert scores["compound"].tolist() == [-0.6705, -0.5994, -0.3412]
    assert scores["label"].tolist() == ["negative"] * 3


def test_ignored_words_leave_the_lexicon_for_that_call_only():
    texts = pd.Series(["The party was great.", "The meeting was great."])
    # party: 1.7, great: 3.1. With party: 4.8/√(23.04 + 15) = 0.7783; without it: 3.1/√(9.61 + 15) = 0.6249
    assert vader_scores(texts)["compound"].tolist() == [0.7783, 0.6249]
    assert vader_scores(texts, ignore=frozenset({"party"}))["compound"].tolist() == [0.6249, 0.6249]
    assert vader_scores(texts)["compound"].tolist() == [0.7783, 0.6249]


def test_vader_words_show_the_vocabulary_behind_a_score():
    assert vader_words("Several communists were killed.") == [("killed", -3.5)]
    assert vader_words("The Party’s number") == [("number", 0.3)]
    assert vader_words("the party number") == [("party", 1.7), ("number", 0.3)]


def test_vader_words_split_the_text_as_vader_s_scorer_does():
    # one mark of VADER's PUNC_LIST comes off either end of a word; "(" and "—" are not in it
    assert vader_words("This label of 'proxy war' doesn't give any agency") == [("war", -2.9)]
    assert vader_words("their own imperialist interests (like the USA)") == [("interests", 1.0)]
    assert vader_words("we organise help—financially") == []
    assert vader_words("feminist platform as well as anti- and decolonial work") == [("well", 1.1), ("anti", -1.3)]
    # "kind" is in the lexicon (+2.4), but VADER never scores it before "of"
    assert vader_words("a kind of good day, kind people") == [("good", 1.9)]
    assert vader_words("kind people") == [("kind", 2.4)]


class RecordingVader:
    """VADER's own scorer, recording each word it looks up in its lexicon while it scores."""

    def __init__(self):
        from nltk.sentiment import SentimentIntensityAnalyzer

        helpers.use_nltk_data()

        class Recorder(SentimentIntensityAnalyzer):
            def sentiment_valence(inner, valence, sentitext, item, i, sentiments):
                if item.lower() in inner.lexicon:
                    self.scored.append(item.lower())
                return super().sentiment_valence(valence, sentitext, item, i, sentiments)

        self.vader, self.scored = Recorder(), []

    def words(self, text: str) -> list[str]:
        self.scored = []
        self.vader.polarity_scores(text)
        return self.scored


def test_vader_words_are_exactly_the_words_vader_scores_in_every_sentence(sentences):
    scorer = RecordingVader()
    for text in [*sentences["text"], "a kind of good day", "kind people", "we organise help—financially"]:
        assert [word for word, _ in vader_words(text)] == scorer.words(text), text


def test_the_check_sample_follows_its_rule_and_the_reader_labelled_all_of_it(sentences):
    sample = draw_sentence_sample(sentences)
    assert sample.groupby("interview").size().to_dict() == {"000": 15, "004": 15}
    assert set(sample["role"]) == {"interviewee"}
    checked = load_sentiment_check(sentences)
    assert sorted(checked["sentence_id"]) == sorted(sample["sentence_id"])


@pytest.mark.parametrize(("row", "message"), [
    ("000:q99.s1,neutral,x", r"sentiment_check\.csv:2: unknown sentence id '000:q99\.s1'"),
    ("000:q1.a1.s3,happy,x", r"sentiment_check\.csv:2: label 'happy' is not one of"),
    ("000:q1.a1.s3,,x", r"sentiment_check\.csv:2: empty field 'reader'"),
], ids=["unknown sentence", "unknown label", "no label"])
def test_a_bad_check_row_names_its_line(tmp_path, sentences, row, message):
    path = tmp_path / "sentiment_check.csv"
    path.write_text(f"sentence_id,reader,note\n{row}\n", encoding="utf-8")
    with pytest.raises(helpers.SeedError, match=message):
        load_sentiment_check(sentences, path)


def test_a_sentence_labelled_twice_is_refused(tmp_path, sentences):
    path = tmp_path / "sentiment_check.csv"
    path.write_text("sentence_id,reader,note\n000:q1.a1.s3,neutral,\n000:q1.a1.s3,positive,\n", encoding="utf-8")
    with pytest.raises(helpers.SeedError, match=r"sentiment_check\.csv:3: sentence '000:q1\.a1\.s3' is labelled twice"):
        load_sentiment_check(sentences, path)
