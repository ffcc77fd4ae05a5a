"""The split loses nothing: segments tile each seed, on the real seeds and on generated ones."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import helpers
from helpers.reading.passages import passages_from_text, turns_from_passages


def assert_tiles(frame, text):
    assert "".join(frame["text"]) == text
    assert frame["start"].iloc[0] == 0
    assert frame["end"].iloc[-1] == len(text)
    assert (frame["start"].iloc[1:].to_numpy() == frame["end"].iloc[:-1].to_numpy()).all()
    for row in frame.itertuples():
        assert row.text == text[row.start : row.end]
        assert row.line == text.count("\n", 0, row.start) + 1


def test_segments_tile_each_seed_exactly(passages, seed_texts):
    for interview, text in seed_texts.items():
        assert_tiles(passages[passages["interview"] == interview], text)


def test_passage_ids_are_unique(passages):
    assert passages["passage_id"].is_unique


def test_every_segment_has_a_known_kind(passages):
    assert set(passages["kind"]) <= set(helpers.KINDS)


def test_turn_text_is_the_seed_slice_and_spans_are_its_passages(turns, seed_texts):
    for row in turns.itertuples():
        assert row.text == seed_texts[row.interview][row.start : row.end]
        assert row.spans[0][0] == row.start and row.spans[-1][1] == row.end


# -- generated interviews ---------------------------------------------------------------

LETTERS = "abcdefghijklmnoprstuvwyzéïжюяç"
word = st.text(alphabet=LETTERS, min_size=1, max_size=9)
sentence = st.lists(word, min_size=2, max_size=9).map(lambda ws: " ".join(ws).capitalize() + ".")
paragraphs = st.lists(sentence, min_size=1, max_size=3).map(" ".join)
gap = st.sampled_from(["\n\n", "\n\n\n", "\n \n", "\n\t\n\n"])


@st.composite
def interviews(draw, fmt):
    """A generated interview: its text and the turns it holds, as (speaker, paragraphs)."""
    people = ["Maxim Chalenko"] if fmt == "plain" else ["Vasylyna", "Mia"]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    blocks = ["Categories: Test", "A title line" if fmt == "plain" else "# A title", draw(paragraphs)]
    turns = []
    count = iter(range(1000))
    paragraph = paragraphs.map(lambda p: f"Para{next(count)} {p}")  # unique: no paragraph repeats another
    for _ in range(draw(st.integers(1, 4))):
        question = draw(paragraph)[:-1] + "?"
        blocks.append(f"WW: {question}" if fmt == "plain" else f"## {question}")
        turns.append(("interviewer", 1))
        speakers = [people[0]] if fmt == "plain" else draw(st.lists(st.sampled_from(people), min_size=1, max_size=2))
        for speaker in speakers:
            paras = draw(st.lists(paragraph, min_size=1, max_size=3))
            label = (draw(st.sampled_from(["MC", "Maxim Chalenko"])) + ":") if fmt == "plain" else f"**{speaker}:**"
            blocks.append(f"{label} {paras[0]}")
            blocks.extend(paras[1:])
            if fmt == "markdown" and draw(st.booleans()):
                blocks.append(f'**"{paras[0].split(".")[0]}."**')
            turns.append((speaker, len(paras)))
    blocks.append("Published by\nSomeone" if fmt == "plain" else "---")
    text = ""
    for block in blocks:
        text += block.replace("\n", newline) + draw(gap).replace("\n", newline)
    if draw(st.booleans()):
        text = "\ufeff" + text
    if draw(st.booleans()):
        text = text.rstrip()
    return text, turns


def synthetic(fmt):
    """The real catalog entry of that format: its people and labels fit the generated text."""
    return next(i for i in helpers.load_catalog() if i.format == fmt)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["plain", "markdown"]).flatmap(lambda f: st.tuples(st.just(f), interviews(f))))
def test_generated_interviews_tile_and_keep_their_turns(case):
    fmt, (text, expected) = case
    frame = passages_from_text(synthetic(fmt), text)
    assert_tiles(frame, text)
    turns = turns_from_passages(frame)
    assert [(t.speaker if t.role != "interviewer" else "interviewer", t.paragraphs) for t in turns.itertuples()] == [
        (s, n) for s, n in expected
    ]
    assert (frame[frame["kind"] == "pull_quote"]["repeats"] != "").all()
