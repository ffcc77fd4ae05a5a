"""The stance layer: the lexicon and its checks, the matcher (phrases, tags, overlaps, sentence
edges), the reader's check file and its errors, precision and rates, worked by hand; and the
matches in the two seeds, counted by hand from the lexicon."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers.annotating import stance
from helpers.comparing.counts import marker_rates
from helpers.plumbing.errors import SeedError

HEADER = "marker,kind,tag,note\n"


def lexicon_file(tmp_path, rows: str):
    path = tmp_path / "stance-lexicon.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def sentence(sentence_id: str, words: str, tags: str, speaker: str = "A", start: int = 0) -> list[dict]:
    """Token rows of one sentence: words and Penn tags given as space-separated strings."""
    rows, offset = [], start
    for position, (word, tag) in enumerate(zip(words.split(), tags.split(), strict=True), start=1):
        rows.append({"interview": "900", "speaker": speaker, "passage_id": sentence_id.rsplit(".", 1)[0],
                     "sentence_id": sentence_id, "position": position, "start": offset, "end": offset + len(word),
                     "token": word, "norm": word.lower(), "pos": tag, "is_word": tag != "."})
        offset += len(word) + 1
    return rows


TOKENS = pd.DataFrame(
    sentence("900:q1.a1.s1", "I think it may be so .", "PRP VBP PRP MD VB RB .")
    + sentence("900:q1.a1.s2", "In May of course they came .", "IN NNP IN NN PRP VBD .", start=30)
    + sentence("900:q1.a1.s3", "I", "PRP", start=60)
    + sentence("900:q1.a1.s4", "think so .", "VBP RB .", start=70)
)
TOKENS.attrs["speech"] = "answers"

LEXICON = pd.DataFrame([
    {"marker": "think", "kind": "hedge", "tag": "VB", "note": ""},
    {"marker": "i think", "kind": "hedge", "tag": "", "note": ""},
    {"marker": "may", "kind": "hedge", "tag": "MD", "note": ""},
    {"marker": "of course", "kind": "booster", "tag": "", "note": ""},
])


def test_phrases_win_over_their_words_tags_are_required_and_sentences_are_not_crossed():
    found = stance.stance_matches(TOKENS, LEXICON)
    assert found[["match_id", "marker", "kind", "start", "end"]].values.tolist() == [
        ["900:q1.a1.s1@1", "i think", "hedge", 0, 7],  # not also "think" alone
        ["900:q1.a1.s1@4", "may", "hedge", 11, 14],  # the modal, tagged MD
        ["900:q1.a1.s2@3", "of course", "booster", 37, 46],  # "May" the month (NNP) is left out
        ["900:q1.a1.s4@1", "think", "hedge", 70, 75],  # "I" ends the sentence before: no phrase across
    ]


def test_the_lexicon_file_is_read_with_its_tags(tmp_path):
    table = stance.load_stance_lexicon(lexicon_file(tmp_path, "may,hedge,MD,modal\nof course,booster,,\n"))
    assert table.values.tolist() == [["may", "hedge", "MD", "modal"], ["of course", "booster", "", ""]]


@pytest.mark.parametrize(("rows", "line", "problem"), [
    ("may,hedge,MD,\nmust,certainty,MD,\n", 3, "kind 'certainty' is not one of hedge, booster"),
    ("Of course,booster,,\n", 2, "must be lower-case words"),
    ("of  course,booster,,\n", 2, "must be lower-case words"),
    ("may,hedge,MD,\nmay,booster,,\n", 3, "already given on line 2"),
])
def test_a_bad_lexicon_row_names_its_line(tmp_path, rows, line, problem):
    with pytest.raises(SeedError) as error:
        stance.load_stance_lexicon(lexicon_file(tmp_path, rows))
    assert f"stance-lexicon.csv:{line}:" in str(error.value) and problem in str(error.value)


def check_file(tmp_path, rows: str):
    path = tmp_path / "stance-check.csv"
    path.write_text("match_id,reading,note\n" + rows, encoding="utf-8")
    return path


GOOD = "900:q1.a1.s1@1,hedge,\n900:q1.a1.s1@4,neither,\n900:q1.a1.s2@3,booster,\n900:q1.a1.s4@1,hedge,\n"


@pytest.mark.parametrize(("rows", "line", "problem"), [
    (GOOD + "900:q1.a1.s9@1,hedge,\n", 6, "'900:q1.a1.s9@1' is not one of the matches of the stance lexicon"),
    (GOOD.replace("neither", "doubt"), 3, "reading 'doubt' is not one of hedge, booster, neither"),
    (GOOD + "900:q1.a1.s1@1,booster,\n", 6, "already read on line 2"),
    (GOOD.replace("900:q1.a1.s4@1,hedge,\n", ""), None,
     "1 matches of the stance lexicon are not read, the first '900:q1.a1.s4@1'"),
])
def test_a_bad_check_row_or_an_unread_match_is_named(tmp_path, rows, line, problem):
    matches = stance.stance_matches(TOKENS, LEXICON)
    with pytest.raises(SeedError) as error:
        stance.load_stance_check(matches, check_file(tmp_path, rows))
    assert problem in str(error.value)
    if line is not None:
        assert f"stance-check.csv:{line}:" in str(error.value)


def test_precision_is_the_share_read_as_the_matched_kind_with_its_wilson_interval(tmp_path):
    checked = stance.load_stance_check(stance.stance_matches(TOKENS, LEXICON), check_file(tmp_path, GOOD))
    table = stance.stance_precision(checked).set_index("kind")
    assert table.loc["hedge", ["matches", "read_as_kind", "precision"]].tolist() == [3, 2, 0.67]
    assert table.loc["booster", ["matches", "read_as_kind", "precision"]].tolist() == [1, 1, 1.0]
    assert (table.loc["booster", "low"], table.loc["booster", "high"]) == (0.21, 1.0)  # Wilson, 1 of 1


def test_rates_per_thousand_words_count_each_kind_including_zeros(tmp_path):
    checked = stance.load_stance_check(stance.stance_matches(TOKENS, LEXICON), check_file(tmp_path, GOOD))
    table = marker_rates(TOKENS, checked, "reading", ("hedge", "booster"))
    # 15 word tokens (6 + 6 + 1 + 2); read as hedges: "I think" (s1) and "think" (s4); one booster.
    assert table[["kind", "count", "words", "per_1000"]].values.tolist() == [
        ["hedge", 2, 15, 133.3], ["booster", 1, 15, 66.7]]
    assert table.attrs["speech"] == "answers"


def test_rates_refuse_marks_from_passages_the_tokens_do_not_hold(tmp_path):
    checked = stance.load_stance_check(stance.stance_matches(TOKENS, LEXICON), check_file(tmp_path, GOOD))
    with pytest.raises(ValueError, match="passages the tokens do not hold"):
        marker_rates(TOKENS[TOKENS["sentence_id"] != "900:q1.a1.s2"], checked.assign(passage_id="900:x"),
                     "reading", ("hedge",))


def test_the_seeds_answers_hold_the_matches_counted_by_hand():
    found = stance.stance_matches(helpers.load_tokens(speech="answers"), stance.load_stance_lexicon())
    # Counted from the lexicon in the answers: 000 has 11 hedges ("would", "could", "may" twice,
    # "seem", "appear" among them) and 7 boosters ("must" four times); 004 has 18 and 9.
    assert found.groupby(["interview", "kind"]).size().to_dict() == {
        ("000", "booster"): 7, ("000", "hedge"): 11, ("004", "booster"): 9, ("004", "hedge"): 18}
    assert found[found["interview"] == "000"]["marker"].value_counts()["must"] == 4
    assert (found["marker"] == "would").sum() == 8


def test_a_second_reader_s_check_is_compared_match_by_match(tmp_path):
    matches = stance.stance_matches(TOKENS, LEXICON)
    first = stance.load_stance_check(matches, check_file(tmp_path, GOOD))
    other = tmp_path / "other"
    other.mkdir()
    second = stance.load_stance_check(matches, check_file(other, GOOD.replace("s4@1,hedge", "s4@1,neither")))
    # 3 of 4 alike. Kappa by hand: po = 0.75, pe = (2·1 + 1·2 + 1·1)/16 = 5/16, (0.75 − 0.3125)/0.6875 = 0.64.
    # Alpha: coincidences n_hedge = 3, n_neither = 3, n_booster = 2 (n = 8), one disagreeing pair
    # each way, so 1 − (8 − 1)·2 / (3·3 + 3·2 + 3·2)·2 = 1 − 14/42 = 0.67.
    assert stance.stance_agreement(first, second) == {"items": 4, "agreement": 0.75, "kappa": 0.64, "alpha": 0.67}
    with pytest.raises(ValueError, match="the same items"):
        stance.stance_agreement(first, second.iloc[:2])


def test_each_read_match_is_exported_as_a_web_annotation_with_its_reading(tmp_path):
    from helpers.annotating.webanno import stance_annotations

    checked = stance.load_stance_check(stance.stance_matches(TOKENS, LEXICON), check_file(tmp_path, GOOD))
    text = "I think it may be so ." + " " * 8 + "In May of course they came ." + " " * 2 + "I" + " " * 9 + "think so ."
    items = stance_annotations(checked, {"900": ("seeds/900.txt", text)})
    assert [item["motivation"] for item in items] == ["assessing"] * 4
    assert [b["value"] for b in items[0]["body"]] == ["hedge", "lexicon: hedge (i think)", ""]
    assert [b["value"] for b in items[1]["body"]][:2] == ["neither", "lexicon: hedge (may)"]
    exact = [next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")["exact"] for item in items]
    assert exact == ["I think", "may", "of course", "think"]
