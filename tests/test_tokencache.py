"""The token cache is never stale: a hit is the table a fresh build gives, and any change to a seed,
its catalog entry or the code makes a new key; a broken file is rebuilt; parallel builds equal
serial ones."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import FIXTURE_CORPUS

import helpers
from helpers import tokencache
from helpers.annotating.tokens import TOKEN_COLUMNS, tokens_of
from helpers.reading.seedtext import read_seed


@pytest.fixture
def seeds():
    return [(i, read_seed(i)) for i in helpers.load_catalog(FIXTURE_CORPUS)]


def test_a_cached_table_is_the_table_a_fresh_build_gives(tmp_path, seeds):
    first = tokencache.cached_tokens(seeds, TOKEN_COLUMNS, tokens_of, tmp_path)
    assert len(list(tmp_path.glob("*.pkl"))) == 2
    again = tokencache.cached_tokens(seeds, TOKEN_COLUMNS, tokens_of, tmp_path)
    for (interview, text), cached, built in zip(seeds, again, first, strict=True):
        fresh = tokens_of(interview, text)
        assert cached.equals(fresh) and built.equals(fresh)


def test_any_change_to_text_catalog_entry_or_code_makes_a_new_key(seeds, monkeypatch):
    interview, text = seeds[0]
    key = tokencache.cache_key(interview, text)
    assert tokencache.cache_key(interview, text + " ") != key
    people = list(interview.people)
    people[0] = dataclasses.replace(people[0], labels=("Q", "Question"))
    assert tokencache.cache_key(dataclasses.replace(interview, people=tuple(people)), text) != key
    assert tokencache.cache_key(dataclasses.replace(interview, questions="labels"), text) != key
    moved = dataclasses.replace(interview, path=interview.path.with_name("elsewhere.txt"), catalog_line=99)
    assert tokencache.cache_key(moved, text) == key  # where the files lie is not what they hold
    monkeypatch.setattr(tokencache, "code_version", lambda: "another version of helpers")
    assert tokencache.cache_key(interview, text) != key


def test_a_broken_cache_file_is_rebuilt(tmp_path, seeds):
    tokencache.cached_tokens(seeds[:1], TOKEN_COLUMNS, tokens_of, tmp_path)
    path = next(tmp_path.glob("*.pkl"))
    path.write_bytes(b"not a pickle")
    rebuilt = tokencache.cached_tokens(seeds[:1], TOKEN_COLUMNS, tokens_of, tmp_path)[0]
    assert rebuilt.equals(tokens_of(*seeds[0])) and path.read_bytes() != b"not a pickle"


def test_a_parallel_build_equals_a_serial_one(tmp_path, seeds, monkeypatch):
    monkeypatch.setattr(tokencache, "PARALLEL_FROM", 1)
    parallel = tokencache.cached_tokens(seeds, TOKEN_COLUMNS, tokens_of, tmp_path / "parallel")
    monkeypatch.setattr(tokencache, "PARALLEL_FROM", 10_000)
    serial = tokencache.cached_tokens(seeds, TOKEN_COLUMNS, tokens_of, tmp_path / "serial")
    assert all(p.equals(s) for p, s in zip(parallel, serial, strict=True))
