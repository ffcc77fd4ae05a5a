"""The archive's queries give the tables the study's pandas functions give, on the seeds and on the
fixtures: the study's figures come out the same through the token store's DuckDB index; and only an
interview whose key changed is built and indexed again."""

from __future__ import annotations

import hashlib
import re
import shutil

import pandas as pd
import pytest
from conftest import FIXTURE_CORPUS
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
from nltk.probability import FreqDist

import helpers
from helpers import concordance as kwic
from helpers import conversation, keyness, stats, vocabulary
from helpers.comparing.archive import Archive
from helpers.sharing import workbench

FOLDERS = {"seeds": None, "fixtures": FIXTURE_CORPUS}


@pytest.fixture(scope="module", params=list(FOLDERS))
def study(request):
    folder = FOLDERS[request.param]
    with Archive(folder, progress=False) as archive:
        yield archive, helpers.load_tokens(folder, speech="speech"), folder


def answers_of(speech):
    return helpers.select_speech(speech, "answers")


def test_word_lists_are_the_pandas_ones(study):
    archive, speech, _ = study
    answers = answers_of(speech)
    for first in sorted(answers["interview"].unique()):
        for stopwords in (True, False):
            assert archive.word_counts("answers", "interview", first, stopwords).equals(
                vocabulary.word_counts(answers, "interview", first, stopwords))
    assert archive.word_counts("speech").equals(vocabulary.word_counts(speech))
    for top, stopwords in ((8, True), (15, False)):
        ours = archive.frequency_list("answers", "interview", stopwords, top)
        assert ours.equals(vocabulary.frequency_list(answers, "interview", stopwords, top))
        assert ours.attrs == {"speech": "answers"}


def test_key_words_against_the_rest_are_the_pandas_ones(study):
    archive, speech, _ = study
    answers = answers_of(speech)
    for by in ("interview", "speaker"):
        for value in sorted(answers[by].unique()):
            ours, theirs = archive.against_rest(value, by), keyness.against_rest(answers, by, value)
            assert ours.equals(theirs) and ours.attrs == theirs.attrs


def test_two_texts_against_each_other_give_the_g2_of_notebook_05(study):
    archive, speech, _ = study
    answers = answers_of(speech)
    first, second = sorted(answers["interview"].unique())
    pair = keyness.keyness(answers, "interview", first, second)
    ours = archive.against_rest(first)
    assert ours[["word", "a", "b", "g2", "log_ratio", "key"]].equals(pair[["word", "a", "b", "g2", "log_ratio", "key"]])


def test_key_words_of_every_interview_at_once_are_the_workbench_s(study):
    archive, speech, _ = study
    answers = answers_of(speech)
    for by, top in (("interview", 10), ("speaker", 5)):
        ours, theirs = archive.key_words_each(by, top=top), workbench.key_words_each(answers, by, top=top)
        exact = [by, "word", "a", "b", "per_1000", "per_1000_rest", "key"]
        assert ours[exact].equals(theirs[exact])
        assert ours["g2"].to_numpy() == pytest.approx(theirs["g2"].to_numpy(), rel=1e-9)
        assert ours["log_ratio"].to_numpy() == pytest.approx(theirs["log_ratio"].to_numpy(), rel=1e-9)
        assert ours.attrs == theirs.attrs


@pytest.mark.parametrize(("term", "speech", "width", "sort"), [
    ("war", "answers", 6, "right"), ("people", "answers", 5, "left"), ("fascis*", "answers", 6, "text"),
    ("on the ground", "answers", 6, "text"), ("of the", "answers", 5, "text"), ("war", "questions", 6, "text"),
    ("the", "speech", 3, "text"), ("garden*", "speech", 4, "left"), ("nothing-like-this", "answers", 6, "text")])
def test_concordance_lines_are_the_pandas_ones(study, term, speech, width, sort):
    archive, _, folder = study
    table = helpers.load_tokens(folder, speech=speech)
    ours, theirs = archive.concordance(term, speech, width, sort), kwic.concordance(table, term, width, sort)
    assert ours.equals(theirs)
    assert ours.attrs["hits"] in (len(theirs), None if " " in term else len(theirs))
    first = archive.concordance(term, speech, width, limit=3)
    assert first.equals(kwic.concordance(table, term, width).head(3))


def test_a_concordance_in_some_interviews_only(study):
    archive, speech, _ = study
    answers = answers_of(speech)
    first = sorted(answers["interview"].unique())[0]
    ours = archive.concordance("the", interviews=[first])
    assert ours.equals(kwic.concordance(answers[answers["interview"] == first], "the"))
    assert ours.attrs["hits"] == len(ours) > 0


def test_dispersion_collocations_talk_share_and_summary_are_the_pandas_ones(study):
    archive, speech, folder = study
    answers = answers_of(speech)
    for interview in sorted(answers["interview"].unique()):
        words = vocabulary.word_counts(answers, "interview", interview, stopwords=False).index[:5].tolist()
        assert archive.turn_dispersion(interview, words).equals(
            keyness.turn_dispersion(answers, "interview", interview, words))
        function = set(answers.loc[answers["stop"] | answers["norm"].str.match(vocabulary.CLITIC), "norm"])
        assert archive.collocations("answers", "interview", interview, min_freq=2).equals(stats.collocations(
            vocabulary.words_of(answers, "interview", interview)["norm"].tolist(), min_freq=2, ignore=function))
    assert archive.talk_share().equals(conversation.talk_share(speech))
    assert archive.summary().equals(workbench.summary(helpers.load_turns(folder), speech))


def test_collocations_of_the_whole_archive_count_pairs_within_each_interview(study):
    archive, speech, _ = study
    answers = answers_of(speech)
    words = vocabulary.words_of(answers)
    pairs = FreqDist(p for _, mine in words.groupby("interview")
                     for p in zip(mine["norm"], mine["norm"].iloc[1:], strict=False))
    finder = BigramCollocationFinder(FreqDist(words["norm"]), pairs)
    finder.apply_freq_filter(2)
    function = set(words.loc[words["stop"] | words["norm"].str.match(vocabulary.CLITIC), "norm"])
    finder.apply_word_filter(lambda w: w in function)
    theirs = finder.score_ngrams(BigramAssocMeasures.likelihood_ratio)
    ours = archive.collocations(min_freq=2)
    assert ours["bigram"].tolist() == [" ".join(p) for p, _ in theirs] and len(ours) >= 1
    assert ours["freq"].tolist() == [pairs[p] for p, _ in theirs]
    assert ours["likelihood_ratio"].to_numpy() == pytest.approx([s for _, s in theirs], rel=1e-9)


def test_only_the_interview_whose_key_changed_is_built_and_indexed_again(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, folder)
    first = Archive(folder, store=tmp_path / "store", progress=False)
    assert (first.rebuilt, first.added, first.removed) == (["201", "202"], 2, 0)
    before = first.word_counts("answers", "interview", "202")
    first.close()
    text = (folder / "202_library.md").read_text(encoding="utf-8")
    text = text.replace("With a meeting in the library", "With a meeting in the archive", 1)
    (folder / "202_library.md").write_text(text, encoding="utf-8")
    catalog = (folder / "catalog.toml").read_text(encoding="utf-8")
    old = helpers.load_catalog(FIXTURE_CORPUS)[1].sha256
    new = hashlib.sha256(text.encode("utf-8")).hexdigest()
    (folder / "catalog.toml").write_text(re.sub(old, new, catalog), encoding="utf-8")
    with Archive(folder, store=tmp_path / "store", progress=False) as second:
        assert (second.rebuilt, second.added, second.removed) == (["202"], 1, 1)
        after = second.word_counts("answers", "interview", "202")
        assert after.get("archive", 0) == before.get("archive", 0) + 1 and len(second.interviews()) == 2
        assert second.word_counts("answers", "interview", "201").equals(
            vocabulary.word_counts(helpers.load_tokens(FIXTURE_CORPUS), "interview", "201"))
    with Archive(folder, store=tmp_path / "store", progress=False) as third:
        assert (third.rebuilt, third.added, third.removed) == ([], 0, 0)


def test_a_bad_selection_or_column_is_refused(study):
    archive = study[0]
    with pytest.raises(ValueError, match="speech must be one of"):
        archive.word_counts("everything")
    with pytest.raises(ValueError, match="by must be one of"):
        archive.frequency_list(by="norm; DROP TABLE tokens")
    with pytest.raises(ValueError, match="empty"):
        archive.concordance("  ")
    assert isinstance(archive.interviews(), pd.DataFrame)
