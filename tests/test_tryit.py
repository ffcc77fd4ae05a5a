"""The try-it controls (`helpers.sharing.tryit`): searches split as the tokens are, zero hits and
bad input said in one line, the committed default shown as an ordinary output, and a change of a
control replacing that output. Counts worked by hand from the seeds."""

from __future__ import annotations

import pytest

import helpers
from helpers.sharing import tryit


@pytest.fixture(scope="module")
def answers():
    return helpers.load_tokens()


@pytest.mark.parametrize(("term", "words"), [
    ("Ukraine's", ["ukraine", "'s"]), ("Ukraine’s", ["ukraine", "'s"]), ("don't", ["do", "n't"]),
    ("workers'", ["workers", "'"]), ("nation*", ["nation*"]), ("The Left", ["the", "left"]),
    ("anti-fascist", ["anti-fascist"]), ("help—financially", ["help", "—", "financially"]),
])
def test_a_term_is_split_and_normalised_as_the_tokens_are(term, words):
    assert tryit.search_words(term) == words


@pytest.mark.parametrize("term", ["", "   ", "*", "war *"])
def test_a_term_without_a_word_is_refused(term):
    with pytest.raises(tryit.TryItError):
        tryit.search_words(term)


def test_a_possessive_is_found_in_its_two_tokens(answers):
    found = tryit.concordance_result(answers, "Ukraine's")
    assert found.line.startswith("1 line of “Ukraine's” (searched as: ukraine 's)")
    assert found.text.startswith("004:q8.a1") and "[Ukraine 's] debt" in found.text
    assert tryit.concordance_result(answers, "People’s").line.startswith("6 lines of")  # 5 in 000, 1 in 004


def test_a_term_with_no_hits_says_0_lines_and_what_was_searched_where(answers):
    found = tryit.concordance_result(answers, "Xyzzy", interview="004")
    assert repr(found) == ("0 lines: “Xyzzy” (searched as: xyzzy) does not occur in the interviewees' answers, "
                           "editorial insertions left out; interview 004, every speaker.")
    assert found.text is None and found.table is None


def test_the_lines_are_narrowed_to_an_interview_and_a_speaker(answers):
    every = tryit.concordance_result(answers, "people", lines=100)
    assert every.line.startswith("24 lines") and "Maxim Chalenko 5, Mia 8, Vasylyna 11" in every.line
    mia = tryit.concordance_result(answers, "people", interview="004", speaker="Mia", lines=100)
    assert mia.line.startswith("8 lines") and len(mia.text.splitlines()) == 8
    assert tryit.concordance_result(answers, "people", lines=3).line.endswith("the first 3 shown; by speaker: "
                                                                               "Maxim Chalenko 5, Mia 8, Vasylyna 11")


@pytest.mark.parametrize(("kwargs", "problem"), [
    ({"term": ""}, "try it: Type a word"),
    ({"term": "people", "speaker": "Bob"}, "try it: no speaker 'Bob' in this table; choose one of Maxim Chalenko"),
    ({"term": "people", "interview": "999"}, "try it: no interview '999' in this table; choose one of 000, 004"),
    ({"term": "people", "interview": "000", "speaker": "Mia"},
     "try it: Mia does not speak in interview 000 (only in 004)"),
    ({"term": "people", "sort": "up"}, "try it: sort must be one of ('text', 'left', 'right'), not 'up'"),
])
def test_bad_input_is_one_line_naming_the_problem(answers, kwargs, problem):
    shown = tryit.concordance_result(answers, **kwargs)
    assert repr(shown).startswith(problem) and "\n" not in repr(shown) and "Traceback" not in repr(shown)


def test_counts_keep_a_term_found_nowhere_as_a_row_of_zeros(answers):
    shown = tryit.counts_result(answers, "war, junta, xyz, Ukraine's, war")
    assert shown.line.endswith("by interview; 0 lines for “xyz”")
    table = shown.table
    assert table.index.tolist() == ["war", "junta", "xyz", "Ukraine's"]
    assert table["count"].values.tolist() == [[3, 8], [2, 0], [0, 0], [0, 1]]
    assert table.loc["war", ("per 1,000 words", "000")] == round(1000 * 3 / 1814, 1)
    by_speaker = tryit.counts_result(answers, "people", by="speaker").table
    assert by_speaker["count"].loc["people"].to_dict() == {"Maxim Chalenko": 5, "Mia": 8, "Vasylyna": 11}
    assert repr(tryit.counts_result(answers, " , ")).startswith("try it: type one or more terms")
    assert repr(tryit.counts_result(answers, "war", by="year")) == (
        "try it: count by 'interview' or 'speaker', not 'year'")


def test_an_exchange_a_theme_key_words_and_rows(answers):
    passages = helpers.load_passages()
    shown = tryit.exchange_result(passages, "000:q6")
    assert shown.text == helpers.read_exchange("000:q6", passages)
    assert repr(tryit.exchange_result(passages, "000:q60")).startswith("try it: no question '000:q60'")
    hand = helpers.load_hand_coding(passages)
    theme = tryit.theme_result({"first": hand}, "economy", "first")
    quotes = hand[hand["code"] == "economy"].groupby("interview").size()  # the coding may be revised
    assert theme.line == (f"economy, first coding: {quotes['000']} quotes in 000, {quotes['004']} quotes in 004; "
                          "the first 3 of each")
    assert repr(tryit.theme_result({"first": hand}, "weather", "first")).startswith("try it: first coding has no theme")
    keys = tryit.key_words_result(answers, "interview", "000", "004", top=2)
    assert keys.table["word"].tolist() == ["lugansk", "of", "russian", "are"]
    assert keys.line.startswith("000 against 004: 5 key words of 1,118 tested (G² > 16.66)")
    assert repr(tryit.key_words_result(answers, "speaker", "Mia", "Mia")).startswith("try it: choose two different")
    table = answers[["speaker", "interview", "passage_id"]].drop_duplicates()
    rows = tryit.rows_result(table, {"speaker": "Mia"}, limit=100)
    assert rows.line.startswith(f"{(table['speaker'] == 'Mia').sum()} rows: speaker Mia")
    assert repr(tryit.rows_result(table, {"speaker": "Bob"})) == "try it: no row with speaker 'Bob'"


def test_the_explorer_shows_controls_as_one_line_and_replaces_its_result_when_a_control_changes(answers, monkeypatch):
    import IPython.display

    shown, updates = [], []

    class Handle:
        def update(self, obj):
            updates.append(obj)

    def display(obj, display_id=None):
        shown.append(obj)
        return Handle() if display_id else None

    monkeypatch.setattr(IPython.display, "display", display)
    made = []
    show = tryit.Explorer.show
    monkeypatch.setattr(tryit.Explorer, "show", lambda self: (made.append(self), show(self)))
    assert tryit.words_in_context(answers, "people", interview="000") is None  # no execute_result to print
    explorer, = made
    controls, result = shown
    bundle = controls._repr_mimebundle_()
    assert bundle["text/plain"].startswith("Controls (term, interview, speaker, sort): ")
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert repr(result).startswith("5 lines of “people”") and "<pre" in result._repr_html_()
    explorer.controls["term"].value = "Ukraine's"
    explorer.controls["interview"].value = "all"
    assert repr(updates[0]).startswith("0 lines: “Ukraine's” (searched as: ukraine 's) does not occur")
    assert repr(updates[0]).endswith("interview 000, every speaker.")
    assert repr(updates[1]).startswith("1 line of “Ukraine's”")
    assert len(shown) == 2  # replaced, never appended


def test_seed_text_is_escaped_in_the_html_result():
    import pandas as pd

    shown = tryit.Shown("<b>x</b>", table=pd.DataFrame({"a": ["<script>"]}), text="<img src=x>")
    page = shown._repr_html_()
    assert "<script>" not in page and "<img" not in page and "&lt;b&gt;x&lt;/b&gt;" in page
