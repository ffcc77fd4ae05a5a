"""What holds for any catalog, not only the study's: run on the study's seeds and on the fixture
corpus (a third and a fourth interview, made up for the tests, in markup the seeds do not use),
with no assumption about how many interviews a catalog holds or what they are called."""

from __future__ import annotations

import pytest
from conftest import CATALOGS

import helpers
from helpers.reading.markup import reading_string


@pytest.fixture(scope="module", params=CATALOGS, ids=[c.parent.name + "/" + c.name for c in CATALOGS])
def corpus(request):
    folder = request.param
    texts = {i.id: (i, i.path.read_bytes().decode("utf-8")) for i in helpers.load_catalog(folder)}
    return (texts, helpers.load_passages(folder), helpers.load_turns(folder),
            helpers.load_tokens(folder, speech="all"))


def test_segments_tile_every_seed_of_the_catalog(corpus):
    texts, passages, _, _ = corpus
    assert list(passages["interview"].unique()) == list(texts)
    for interview, (_, text) in texts.items():
        mine = passages[passages["interview"] == interview]
        assert "".join(mine["text"]) == text
        assert (mine["start"].iloc[1:].to_numpy() == mine["end"].iloc[:-1].to_numpy()).all()


def test_ids_are_unique_kinds_known_and_every_speaker_is_catalogued(corpus):
    texts, passages, turns, _ = corpus
    assert passages["passage_id"].is_unique and set(passages["kind"]) <= set(helpers.KINDS)
    for interview, (info, _) in texts.items():
        mine = turns[turns["interview"] == interview]
        names = {p.name: p.role for p in info.people}
        assert all(names.get(t.speaker) == t.role for t in mine.itertuples())
        assert set(mine["kind"]) == {"question", "answer"}
        answers = mine[mine["kind"] == "answer"]
        assert set(answers["reply_to"]) <= set(mine[mine["kind"] == "question"]["passage_id"])


def test_every_token_is_the_seed_text_at_its_offsets(corpus):
    texts, _, _, tokens = corpus
    for t in tokens.sample(min(len(tokens), 400), random_state=1).itertuples():
        info, text = texts[t.interview]
        assert reading_string(text, t.start, t.end, info.format == "markdown") == t.token


def test_the_answers_hold_only_the_interviewees_own_words(corpus):
    _, passages, _, tokens = corpus
    answers = helpers.select_speech(tokens, "answers")
    assert set(answers["role"]) == {"interviewee"} and not answers["inserted"].any()
    assert set(answers["passage_id"]) <= set(passages[passages["kind"].isin(["answer", "list_item"])]["passage_id"])


def test_the_split_report_has_its_columns_and_points_at_lines_of_the_seed(corpus):
    texts, _, _, _ = corpus
    folder = next(c for c in CATALOGS if {i.id for i in helpers.load_catalog(c)} == set(texts))
    report = helpers.split_report(folder)
    assert list(report.columns) == ["interview", "line", "passage_id", "decision", "text"]
    for row in report.itertuples():
        assert 1 <= row.line <= texts[row.interview][1].count("\n") + 1
