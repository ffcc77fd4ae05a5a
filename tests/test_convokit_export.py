"""The ConvoKit export, loaded with ConvoKit's own `Corpus` class (a test dependency): one utterance
per turn of `helpers.load_turns()`, with its speaker, its reply-to link and the study's codes and
readings as metadata, counted from the loaders; the same for a folder of interviews. Importing
ConvoKit takes a few seconds, so every test that needs it is in this one file (one process)."""

from __future__ import annotations

import importlib.util
import sys
import types
import zipfile

import pytest
from conftest import FIXTURE_CORPUS, fixture_layers

import helpers
from helpers.sharing import convokit_corpus


@pytest.fixture(scope="module")
def convokit(tmp_path_factory):
    """ConvoKit's data model (its own `Corpus` class), with its configuration file written into a
    temporary home, not the user's. The package's `__init__` imports all twenty of its tools
    (politeness, forecasters, classifiers: 7 s); only the package's name is registered, so that
    `convokit.model` and what it imports load and nothing else."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        if "convokit" not in sys.modules:
            package = types.ModuleType("convokit")
            package.__path__ = list(importlib.util.find_spec("convokit").submodule_search_locations)
            patch.setitem(sys.modules, "convokit", package)
        from convokit import model

        yield model


@pytest.fixture(scope="module")
def corpus(convokit, study_layers, tmp_path_factory):
    folder = convokit_corpus.write_corpus(study_layers, tmp_path_factory.mktemp("convokit") / "study-convokit")
    return convokit.Corpus(filename=str(folder))


def expected_replies(turns):
    """What each turn replies to, from `load_turns()`: an answer its question, a question the turn
    before it in its interview, an interview's first turn nothing."""
    previous = turns.groupby("interview")["passage_id"].shift()
    return {t: (r if k == "answer" else (p if isinstance(p, str) else None))
            for t, k, r, p in zip(turns["passage_id"], turns["kind"], turns["reply_to"], previous, strict=True)}


def test_one_utterance_per_turn_with_its_speaker_text_and_reply_to(corpus):
    turns = helpers.load_turns()
    assert [u.id for u in corpus.iter_utterances()] == turns["passage_id"].tolist()
    replies = expected_replies(turns)
    for t in turns.itertuples():
        utterance = corpus.get_utterance(t.passage_id)
        assert utterance.reply_to == replies[t.passage_id]
        assert utterance.speaker.id == f"{t.interview}:{t.speaker}" and utterance.speaker.meta["name"] == t.speaker
        assert utterance.text == t.clean and utterance.meta["passages"] == list(t.passages)
    assert {u.reply_to for u in corpus.iter_utterances() if u.meta["kind"] == "answer"} <= set(
        turns.loc[turns["kind"] == "question", "passage_id"])


def test_one_conversation_per_interview_each_one_reply_tree(corpus):
    turns = helpers.load_turns()
    assert len(corpus.get_conversation_ids()) == turns["interview"].nunique()
    assert len(corpus.get_speaker_ids()) == len(turns.drop_duplicates(["interview", "speaker"]))
    for convo in corpus.iter_conversations():
        interview = convo.meta["interview"]
        assert convo.id == turns.loc[turns["interview"] == interview, "passage_id"].iloc[0]
        assert convo.check_integrity() is True
        chronological = [u.id for u in convo.get_chronological_utterance_list()]
        assert chronological == turns.loc[turns["interview"] == interview, "passage_id"].tolist()


def test_each_turn_carries_every_coder_s_codes_of_its_paragraphs(corpus, passages):
    turn_of = passages.set_index("passage_id")["turn_id"]
    codings = {"first coder": helpers.load_hand_coding(passages),
               "second coder": helpers.secondcoder.load_second_coding(passages)}
    for coder, coding in codings.items():
        if coding is None:
            continue
        expected = coding.assign(turn=coding["passage_id"].map(turn_of)).groupby("turn")["code"].agg(set)
        found = {u.id: set(u.meta["codes"][coder]) for u in corpus.iter_utterances() if u.meta["codes"][coder]}
        assert found == expected.to_dict()


def test_each_reading_is_on_its_turn_as_many_times_as_the_loaders_read(corpus, study_layers, first_readings):
    found = {}
    for utterance in corpus.iter_utterances():
        for reading, by_reader in utterance.meta["readings"].items():
            for reader in by_reader:
                found[reading, reader] = found.get((reading, reader), 0) + 1
        for layer in ("stance", "we"):
            for entry in utterance.meta[layer]:
                for reader in entry["labels"]:
                    found[layer, reader] = found.get((layer, reader), 0) + 1
    assert {reading: n for (reading, reader), n in found.items() if reader == "first reader"} == first_readings
    assert found == study_layers.readings.groupby(["reading", "reader"]).size().to_dict()


def test_the_zip_holds_the_corpus_folder(study_layers, tmp_path):
    path = convokit_corpus.write_corpus_zip(study_layers, tmp_path / "study-convokit.zip")
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == [f"study-convokit/{name}" for name in convokit_corpus.FILES]
        assert [archive.read(f"study-convokit/{name}") for name in convokit_corpus.FILES] == [
            content for _, content in convokit_corpus.corpus_files(study_layers)]


def test_a_folder_of_interviews_loads_with_its_rule_codes(convokit, tmp_path):
    read, matches = fixture_layers()
    passages = read.passages
    corpus = convokit.Corpus(filename=str(convokit_corpus.write_corpus(read, tmp_path / "corpus")))
    expected = helpers.load_turns(FIXTURE_CORPUS)
    assert [u.id for u in corpus.iter_utterances()] == expected["passage_id"].tolist()
    replies = expected_replies(expected)
    assert all(u.reply_to == replies[u.id] for u in corpus.iter_utterances())
    assert len(corpus.get_conversation_ids()) == expected["interview"].nunique()
    coded = {u.id for u in corpus.iter_utterances() if u.meta["codes"]["keyword rules"]}
    assert coded == set(passages.set_index("passage_id").loc[matches["passage_id"], "turn_id"])
