"""The archive's queries give the tables the study's pandas functions give, on the seeds and on the
fixtures: the study's figures come out the same through the token store's DuckDB index; and only an
interview whose key changed is built and indexed again; an interrupted update leaves no half interview,
and a process waits while another holds the index."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import time

import pandas as pd
import pytest
from conftest import FIXTURE_CORPUS
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
from nltk.probability import FreqDist

import helpers
from helpers import concordance as kwic
from helpers import conversation, keyness, stats, vocabulary
from helpers.annotating import tokencache
from helpers.annotating.tokens import token_schema, token_table
from helpers.comparing import archive as archive_module
from helpers.comparing.archive import Archive
from helpers.reading.seedtext import read_seed
from helpers.sharing import workbench

FOLDERS = {"seeds": None, "fixtures": FIXTURE_CORPUS}


@pytest.fixture(scope="module", params=list(FOLDERS))
def study(request):
    folder = FOLDERS[request.param]
    with Archive(folder, progress=False) as archive, archive.reading():  # one connection for the module's queries
        yield archive, helpers.load_tokens(folder, speech="speech"), folder


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory):
    """The fixture corpus's token tables, built once for the tests that need an archive of their own."""
    store = tmp_path_factory.mktemp("store")
    tokencache.cached_tokens([(i, read_seed(i)) for i in helpers.load_catalog(FIXTURE_CORPUS)], token_schema(),
                             token_table, store)
    return store


def own_archive(tmp_path, store):
    """A copy of the fixture corpus and of its store's tables (no index yet), for a test to change."""
    shutil.copytree(FIXTURE_CORPUS, tmp_path / "corpus")
    shutil.copytree(store, tmp_path / "store")
    return tmp_path / "corpus", tmp_path / "store"


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


def test_a_concordance_read_in_many_small_chunks_has_each_line_once(study, monkeypatch):
    archive, speech, _ = study
    monkeypatch.setattr(archive_module, "FIRST_CHUNK", 1)  # chunks of 1, 2, 4, ... passages
    ours = archive.concordance("the", "speech", 4)
    assert ours.equals(kwic.concordance(speech, "the", 4)) and ours.attrs["hits"] == len(ours) > 10


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


def test_only_the_interview_whose_key_changed_is_built_and_indexed_again(tmp_path, fixture_store):
    folder, store = own_archive(tmp_path, fixture_store)
    first = Archive(folder, store=store, progress=False)
    assert (first.rebuilt, first.added, first.removed) == ([], 2, 0)  # the tables were there, the index was not
    before = first.word_counts("answers", "interview", "202")
    text = (folder / "202_library.md").read_text(encoding="utf-8")
    text = text.replace("With a meeting in the library", "With a meeting in the archive", 1)
    (folder / "202_library.md").write_text(text, encoding="utf-8")
    catalog = (folder / "catalog.toml").read_text(encoding="utf-8")
    old = helpers.load_catalog(FIXTURE_CORPUS)[1].sha256
    new = hashlib.sha256(text.encode("utf-8")).hexdigest()
    (folder / "catalog.toml").write_text(re.sub(old, new, catalog), encoding="utf-8")
    second = Archive(folder, store=store, progress=False)
    assert (second.rebuilt, second.added, second.removed) == (["202"], 1, 1)
    after = second.word_counts("answers", "interview", "202")
    assert after.get("archive", 0) == before.get("archive", 0) + 1 and len(second.interviews()) == 2
    assert second.word_counts("answers", "interview", "201").equals(
        vocabulary.word_counts(helpers.load_tokens(FIXTURE_CORPUS), "interview", "201"))
    third = Archive(folder, store=store, progress=False)
    assert (third.rebuilt, third.added, third.removed) == ([], 0, 0)


class StopsBeforePostings:
    """A connection that stops (as a reader interrupting the kernel would) once an interview's tokens are in."""

    def __init__(self, db):
        self.db = db

    def __getattr__(self, name):
        return getattr(self.db, name)

    def execute(self, sql, *parameters):
        if sql.lstrip().startswith("INSERT INTO postings"):
            raise KeyboardInterrupt
        return self.db.execute(sql, *parameters)


def test_an_interrupted_update_leaves_no_half_interview_in_the_index(tmp_path, fixture_store, monkeypatch):
    folder, store = own_archive(tmp_path, fixture_store)
    copy_in = Archive._copy_in
    monkeypatch.setattr(archive_module, "BATCH", 1)
    monkeypatch.setattr(Archive, "_copy_in", lambda self, db, jobs, first: copy_in(
        self, StopsBeforePostings(db) if first > 1 else db, jobs, first))
    with pytest.raises(KeyboardInterrupt):
        Archive(folder, store=store, progress=False)  # the first interview in, the second stopped halfway
    monkeypatch.undo()
    again = Archive(folder, store=store, progress=False)
    assert (again.added, again.removed) == (1, 0)
    assert again.query("SELECT count(*) AS n FROM tokens")["n"][0] == len(helpers.load_tokens(FIXTURE_CORPUS, "all"))
    assert again.word_counts("speech").equals(vocabulary.word_counts(helpers.load_tokens(FIXTURE_CORPUS, "speech")))


def test_an_index_file_that_does_not_read_is_made_again(tmp_path, fixture_store):
    folder, store = own_archive(tmp_path, fixture_store)
    index = Archive(folder, store=store, progress=False).index
    index.write_bytes(b"not an index" * 100)
    again = Archive(folder, store=store, progress=False)
    assert (again.added, again.removed) == (2, 0) and again.interviews().index.tolist() == ["201", "202"]


HOLD = """import duckdb, sys, time
for read_only in (False, True):  # a process that writes the index, then one that reads it
    db = duckdb.connect(sys.argv[1], read_only=read_only)
    print("reading" if read_only else "writing", flush=True)
    time.sleep(0.6)
    db.close()
"""


def test_a_process_waits_while_another_writes_or_reads_the_index(tmp_path, fixture_store):
    folder, store = own_archive(tmp_path, fixture_store)
    archive = Archive(folder, store=store, progress=False)
    expected = archive.word_counts("speech")
    other = subprocess.Popen([sys.executable, "-c", HOLD, str(archive.index)], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline() == "writing\n"
        began = time.monotonic()
        assert archive.word_counts("speech").equals(expected)  # a reader waits for the writer
        assert time.monotonic() - began > 0.2
        assert other.stdout.readline() == "reading\n"
        began = time.monotonic()
        archive._sync(tokencache.archive_jobs(archive.catalog))
        assert time.monotonic() - began > 0.2  # a writer waits for the reader
    finally:
        assert other.wait(timeout=60) == 0
    assert archive.word_counts("speech").equals(expected)


def test_a_bad_selection_or_column_is_refused(study):
    archive = study[0]
    with pytest.raises(ValueError, match="speech must be one of"):
        archive.word_counts("everything")
    with pytest.raises(ValueError, match="by must be one of"):
        archive.frequency_list(by="norm; DROP TABLE tokens")
    with pytest.raises(ValueError, match="empty"):
        archive.concordance("  ")
    assert isinstance(archive.interviews(), pd.DataFrame)
