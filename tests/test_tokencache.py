"""The token store is never stale and never trusted blindly: a hit is the table a fresh build gives,
any change to a seed, its catalog entry or the code makes a new key, a file that does not read or
does not match its key is rebuilt, only the interviews whose key changed are built again, and a
build in worker processes writes the same bytes as one in this process."""

from __future__ import annotations

import dataclasses
import pickle
import shutil

import pytest
from conftest import FIXTURE_CORPUS

import helpers
from helpers.annotating import tokencache
from helpers.annotating.tokens import token_schema, token_table, tokens_of
from helpers.reading.seedtext import read_seed


@pytest.fixture
def seeds():
    return [(i, read_seed(i)) for i in helpers.load_catalog(FIXTURE_CORPUS)]


def cached(seeds, folder):
    return tokencache.cached_tokens(seeds, token_schema(), token_table, folder)


def test_a_stored_table_is_the_table_a_fresh_build_gives(tmp_path, seeds):
    first = cached(seeds, tmp_path)
    assert len(list(tmp_path.glob("*.parquet"))) == 2 and not list(tmp_path.glob("*.pkl"))
    again = cached(seeds, tmp_path)
    for (interview, text), stored, built in zip(seeds, again, first, strict=True):
        fresh = tokens_of(interview, text)
        assert stored.to_pandas().equals(fresh) and built.to_pandas().equals(fresh)


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


def test_the_key_covers_the_modules_that_build_the_table_and_those_only():
    names = {str(p.relative_to(tokencache.PACKAGE)) for p in tokencache.token_modules()}
    assert {"annotating/tokens.py", "annotating/fasttag.py", "annotating/tokencache.py", "reading/segment.py",
            "reading/markup.py", "reading/catalog.py", "plumbing/nltk_data.py"} <= names  # segment: imported by tokens
    assert not names & {"__init__.py", "annotating/__init__.py", "annotating/cluster.py", "plumbing/progress.py",
                        "comparing/archive.py", "comparing/keyness.py", "sharing/workbench.py"}


def edited(tmp_path, name, module):
    """The code version of a copy of `helpers` in which `module` has one more line."""
    copy = tmp_path / name / "helpers"
    shutil.copytree(tokencache.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    if module is not None:
        with (copy / module).open("a", encoding="utf-8") as handle:
            handle.write("\n# an edit\n")
    return tokencache.code_version.__wrapped__(copy)


def test_an_unrelated_module_s_change_keeps_the_key_a_tokenizer_change_alters_it(tmp_path):
    same = edited(tmp_path, "as-is", None)
    assert same == tokencache.code_version()
    for module in ("comparing/archive.py", "plumbing/progress.py", "sharing/workbench.py", "__init__.py"):
        assert edited(tmp_path, module.replace("/", "-"), module) == same, module
    for module in ("annotating/tokens.py", "annotating/fasttag.py", "reading/segment.py", "reading/markup.py"):
        assert edited(tmp_path, module.replace("/", "-"), module) != same, module


def test_a_file_that_does_not_read_is_rebuilt(tmp_path, seeds):
    cached(seeds[:1], tmp_path)
    path = next(tmp_path.glob("*.parquet"))
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 2])  # cut short, as by a full disk
    assert cached(seeds[:1], tmp_path)[0].to_pandas().equals(tokens_of(*seeds[0]))
    assert path.read_bytes() == good


def test_a_file_filed_under_another_key_is_rebuilt_not_trusted(tmp_path, seeds):
    cached(seeds, tmp_path)
    first, second = (tmp_path / f"{tokencache.cache_key(*seed)}.parquet" for seed in seeds)
    first.write_bytes(second.read_bytes())  # a well-formed table, but not this interview's
    assert cached(seeds[:1], tmp_path)[0].to_pandas().equals(tokens_of(*seeds[0]))
    assert first.read_bytes() != second.read_bytes()


def test_a_pickle_in_the_store_is_never_loaded(tmp_path, seeds):
    class Trap:
        def __reduce__(self):
            return (exec, (f"open({str(tmp_path / 'ran')!r}, 'w').close()",))

    path = tmp_path / f"{tokencache.cache_key(*seeds[0])}.parquet"
    path.write_bytes(pickle.dumps(Trap()))
    assert cached(seeds[:1], tmp_path)[0].to_pandas().equals(tokens_of(*seeds[0]))
    assert not (tmp_path / "ran").exists()


def test_only_the_interview_whose_key_changed_is_built_again(tmp_path, seeds):
    built = []

    def counting(interview, text):
        built.append(interview.id)
        return token_table(interview, text)

    tokencache.cached_tokens(seeds, token_schema(), counting, tmp_path)
    changed = [seeds[0], (seeds[1][0], seeds[1][1].replace("garden", "gardens", 1) if "garden" in seeds[1][1]
                          else seeds[1][1] + "\n")]
    tokencache.cached_tokens(changed, token_schema(), counting, tmp_path)
    assert built == [seeds[0][0].id, seeds[1][0].id, seeds[1][0].id]


def test_a_build_in_worker_processes_writes_the_bytes_of_one_in_this_process(tmp_path, seeds, monkeypatch):
    jobs = tokencache.jobs_for(seeds * 2)  # four jobs, so that the workers start
    tokencache.build(jobs, token_table, tmp_path / "workers", workers=2)
    monkeypatch.setattr(tokencache, "PARALLEL_FROM", 10_000)
    tokencache.build(jobs, token_table, tmp_path / "here")
    for job in jobs:
        name = f"{job.key}.parquet"
        assert (tmp_path / "workers" / name).read_bytes() == (tmp_path / "here" / name).read_bytes()


def test_a_worker_running_other_code_refuses_the_job(seeds):
    job = dataclasses.replace(tokencache.jobs_for(seeds[:1])[0], version="another version")
    with pytest.raises(RuntimeError, match="other helpers code"):
        tokencache.run_job(token_table, job, seeds[0][1])


def test_an_archive_s_jobs_read_each_text_only_when_it_is_keyed(seeds, monkeypatch):
    catalog = [interview for interview, _ in seeds]
    order, read, key = [], tokencache.read_seed, tokencache.cache_key
    monkeypatch.setattr(tokencache, "read_seed", lambda i: order.append(("read", i.id)) or read(i))
    monkeypatch.setattr(tokencache, "cache_key", lambda i, t: order.append(("key", i.id)) or key(i, t))
    jobs = tokencache.archive_jobs(catalog)
    assert order == [(step, i.id) for i in catalog for step in ("read", "key")]
    assert [j.key for j in jobs] == [j.key for j in tokencache.jobs_for(seeds)]
    assert all(j.text is None for j in jobs)
