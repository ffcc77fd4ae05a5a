"""The token table: the documented normalisation, offsets into the seeds, and what is left out.
Expected tokens are read by hand from the seeds."""

from __future__ import annotations

import string
from pathlib import Path

from conftest import write_seeds
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers
from helpers.annotating.tokens import normalise, tokens_of, word_spans


def sentence(tokens, sentence_id):
    return tokens[tokens["sentence_id"] == sentence_id]


def test_a_sentence_is_split_into_its_words_and_final_stop(tokens):
    s = sentence(tokens, "004:q5.a1.s1")
    assert s["token"].tolist() == ["We", "do", "not", "see", "this", "as", "a", "proxy", "war", "."]
    assert s["upos"].tolist()[0] == "PRON"
    assert s["is_word"].tolist() == [True] * 9 + [False]


def test_curly_apostrophes_split_like_straight_ones_and_normalise_to_straight(tokens):
    s = sentence(tokens, "000:q1.a1.p2.s1")
    assert s["token"].tolist()[:3] == ["I", "’ve", "been"]
    assert s["norm"].tolist()[:3] == ["i", "'ve", "been"]


def test_hyphenated_words_stay_whole_and_dashes_between_words_are_tokens(tokens):
    words = set(tokens["token"])
    assert {"anti-fascists", "far-right", "self-determination", "neo-Nazi", "U.S.-backed"} <= words
    s = sentence(tokens, "004:q3.a1.s6")
    words = s["token"].tolist()
    k = words.index("—")
    assert words[k - 1 : k + 2] == ["help", "—", "financially"]


def test_numbers_and_year_ranges_are_number_tokens(tokens):
    numbers = tokens[tokens["is_number"]]["token"].tolist()
    assert numbers[:6] == ["30", "1980", "1990", "57", "17", "1997"]
    assert "2000-03" in numbers and "70th" in numbers


def test_only_speech_is_tokenised(tokens, passages):
    assert set(tokens["kind"]) == set(helpers.SPEECH_KINDS)
    assert not tokens["passage_id"].str.contains("pullquote|boilerplate|note|title|intro").any()
    speech = passages[passages["kind"].isin(helpers.SPEECH_KINDS)]
    assert set(tokens["passage_id"]) == set(speech["passage_id"])


def test_tokens_inside_the_three_editorial_insertions_are_flagged(tokens):
    inserted = tokens[tokens["inserted"]]
    # [then part of Soviet Ukraine] 7, [in neighboring Donetsk] 5, [the Soviet ... World War II] 12
    assert len(inserted) == 24
    assert inserted.groupby("passage_id").size().to_dict() == {"000:q1.a1": 7, "000:q4.a1": 5, "000:q5.a1": 12}


def test_every_token_is_the_seed_text_at_its_offsets(tokens, seed_texts):
    for row in tokens.itertuples():
        assert seed_texts[row.interview][row.start:row.end] == row.token


def test_tokens_are_in_order_and_do_not_overlap(tokens):
    for _, group in tokens.groupby("interview"):
        starts, ends = group["start"].tolist(), group["end"].tolist()
        assert all(e <= s for e, s in zip(ends, starts[1:], strict=False))


def test_markdown_markup_is_not_in_tokens_and_offsets_skip_it(tmp_path):
    text = "## Why?\n\n**Mia:** We are anti\\*capitalist and *very* sure.\n"
    folder = write_seeds(tmp_path, {"m1_x.md": (text, "markdown")})
    table = tokens_of(helpers.load_catalog(folder)[0], text)
    answer = table[table["kind"] == "answer"]
    assert answer["token"].tolist() == ["We", "are", "anti", "*", "capitalist", "and", "very", "sure", "."]
    spans = {row.token: text[row.start:row.end] for row in answer.itertuples()}
    assert spans["*"] == "*" and text[answer.iloc[3]["start"] - 1] == "\\"
    assert spans["very"] == "very"
    assert table.iloc[0]["token"] == "Why"


def test_normalise_lowers_case_and_straightens_quotes():
    assert normalise("“Kiev’s”") == "\"kiev's\""


def test_the_token_table_has_the_documented_columns(tokens):
    assert list(tokens.columns) == [
        "interview", "passage_id", "turn_id", "kind", "speaker", "role", "sentence_id", "position",
        "start", "end", "token", "norm", "pos", "upos", "stop", "is_word", "is_number", "inserted",
    ]
    assert tokens[tokens["norm"] == "the"]["stop"].all()


SENTENCE_CHARS = string.ascii_letters + string.digits + " ,.;:!?'\"()-—’“”"


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=SENTENCE_CHARS, min_size=1, max_size=80))
def test_word_spans_cover_every_visible_character_once_in_order(sentence_text):
    spans = word_spans(sentence_text)
    covered = [False] * len(sentence_text)
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(sentence_text)
        last = end
        for k in range(start, end):
            covered[k] = True
    assert all(covered[k] or sentence_text[k].isspace() for k in range(len(sentence_text)))


def test_per_thousand_counts_and_rates_by_hand():
    import pandas as pd

    from helpers.comparing.counts import per_thousand

    tokens = pd.DataFrame({
        "speaker": ["A"] * 5 + ["B"] * 3,
        "norm": ["we", "must", "go", ".", "our", "i", "may", "may"],
        "is_word": [True, True, True, False, True, True, True, True],
        "pos": ["PRP", "MD", "VB", ".", "PRP$", "PRP", "MD", "NNP"],
    })
    tokens.attrs["speech"] = "answers"
    plural = "first-person plural (we/our)"
    table = per_thousand(tokens, {plural: {"we", "our"}, "I": {"i"}})
    # A: 4 words, 2 of the first-person plural -> 500.0 per 1,000; B: 3 words, 1 "I" -> 333.3
    assert table.values.tolist() == [["A", plural, 2, 4, 500.0], ["A", "I", 0, 4, 0.0],
                                     ["B", plural, 0, 3, 0.0], ["B", "I", 1, 3, 333.3]]
    modal = per_thousand(tokens, {"may": {"may"}}, where=tokens["pos"] == "MD")
    assert modal.set_index("speaker")["count"].to_dict() == {"A": 0, "B": 1}


def test_in_context_marks_the_token_with_its_tag(tokens):
    row = tokens[(tokens["sentence_id"] == "004:q5.a1.s1") & (tokens["token"] == "proxy")].iloc[0]
    assert helpers.tokens.in_context(tokens, row, width=2) == "as a [proxy/JJ] war ."


def nltk_own_spans(text: str) -> list[tuple[int, int]]:
    from nltk.tokenize import NLTKWordTokenizer

    return list(NLTKWordTokenizer().span_tokenize(text))


def test_the_word_tokenizer_splits_exactly_as_nltks_own_on_the_seeds_and_fixtures(seed_texts):
    from helpers.annotating.tokens import _tools

    words = _tools()[1]
    folders = [Path(__file__).parent / "fixtures" / "corpus"]
    texts = list(seed_texts.values()) + [p.read_text(encoding="utf-8") for f in folders for p in sorted(f.glob("*.*"))
                                         if p.suffix in (".txt", ".md")]
    lines = [line for text in texts for line in text.splitlines() if line.strip()]
    assert len(lines) > 150
    assert [list(words.span_tokenize(line)) for line in lines] == [nltk_own_spans(line) for line in lines]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=SENTENCE_CHARS + "«»„‘`[]{}<>*&%$#@ \t\n…–‒", min_size=0, max_size=120))
def test_the_word_tokenizer_splits_generated_text_as_nltks_own(text):
    from helpers.annotating.tokens import _tools

    assert list(_tools()[1].span_tokenize(text)) == nltk_own_spans(text)
