"""The project's own NLTK data: complete, unaltered, and found without NLTK_DATA or downloads."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from helpers import SeedError
from helpers.plumbing.nltk_data import use_nltk_data, verify_nltk_data
from helpers.plumbing.paths import NLTK_DATA_DIR

EXPECTED = {
    "corpora/stopwords.zip", "sentiment/vader_lexicon.zip", "taggers/universal_tagset.zip",
    "taggers/averaged_perceptron_tagger_eng/averaged_perceptron_tagger_eng.classes.json",
    "taggers/averaged_perceptron_tagger_eng/averaged_perceptron_tagger_eng.tagdict.json",
    "taggers/averaged_perceptron_tagger_eng/averaged_perceptron_tagger_eng.weights.json",
    "tokenizers/punkt_tab/english/abbrev_types.txt", "tokenizers/punkt_tab/english/collocations.tab",
    "tokenizers/punkt_tab/english/ortho_context.tab", "tokenizers/punkt_tab/english/sent_starters.txt",
}


def test_every_file_matches_its_checksum():
    assert set(verify_nltk_data()) == EXPECTED
    for line in (NLTK_DATA_DIR / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256((NLTK_DATA_DIR / name).read_bytes()).hexdigest() == digest


def test_readme_travels_with_the_data():
    assert "punkt_tab" in (NLTK_DATA_DIR / "README.md").read_text()


def test_altered_file_is_named_with_how_to_restore_it(tmp_path):
    copy = tmp_path / "nltk_data"
    shutil.copytree(NLTK_DATA_DIR, copy)
    with open(copy / "corpora" / "stopwords.zip", "ab") as f:
        f.write(b"x")
    with pytest.raises(SeedError, match=r"stopwords.zip: NLTK data file altered.*restore it"):
        verify_nltk_data(copy)


def test_missing_file_is_named(tmp_path):
    copy = tmp_path / "nltk_data"
    shutil.copytree(NLTK_DATA_DIR, copy)
    (copy / "sentiment" / "vader_lexicon.zip").unlink()
    with pytest.raises(SeedError, match=r"vader_lexicon.zip: NLTK data file missing \(SHA256SUMS line 2\)"):
        verify_nltk_data(copy)


def test_nltk_finds_every_resource_in_the_project(monkeypatch):
    import nltk

    monkeypatch.delenv("NLTK_DATA", raising=False)
    monkeypatch.setattr(nltk.data, "path", [])
    use_nltk_data()
    assert nltk.data.path[0] == str(NLTK_DATA_DIR)
    for resource in (
        "tokenizers/punkt_tab/english/", "corpora/stopwords.zip", "taggers/universal_tagset.zip",
        "taggers/averaged_perceptron_tagger_eng/", "sentiment/vader_lexicon.zip",
    ):
        assert str(nltk.data.find(resource)).startswith(str(NLTK_DATA_DIR))
    assert nltk.pos_tag(nltk.word_tokenize("We support the right to resist."))[0] == ("We", "PRP")
