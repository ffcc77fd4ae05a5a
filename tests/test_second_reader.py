"""The second reader of notebook 07's six layers: the files kept exactly as received (checksums),
the units they were given equal to the units the helpers give, each reading loaded and checked like
the first; which units a manual cites as examples (worked by hand, and the counts the reader's
README gives); agreement on all units and on the rest; the dated revisions of the first reading;
and Spearman's rank correlation, worked by hand."""

from __future__ import annotations

import hashlib
import re

import pandas as pd
import pytest

import helpers
from helpers.annotating import pronouns, readings, secondcoder, stance
from helpers.comparing import conversation
from helpers.plumbing.errors import SeedError
from helpers.plumbing.paths import ANNOTATIONS_DIR

PROVENANCE = readings.SECOND_READER_DIR / "PROVENANCE.md"
MANUALS = ("question-readings", "stance", "we")


def recorded_checksums() -> dict[str, str]:
    """path (under the project) -> sha256, from the table of PROVENANCE.md."""
    rows = re.findall(r"\| `(annotations/[^`]+)` \| `([0-9a-f]{64})` \|", PROVENANCE.read_text(encoding="utf-8"))
    return dict(rows)


def test_the_second_reader_s_files_are_kept_exactly_as_received():
    recorded = recorded_checksums()
    assert len(recorded) == 12  # six readings, the README, the notes and four unit files
    for path, digest in recorded.items():
        data = (ANNOTATIONS_DIR.parent / path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, f"{path} differs from the file received"


def test_the_units_the_reader_was_given_are_the_units_the_helpers_give(turns):
    folder = readings.SECOND_READER_DIR
    read = {name: pd.read_csv(folder / name, dtype=str, keep_default_na=False)
            for name in ("units-questions.csv", "units-answers.csv", "stance-matches.csv", "we-tokens.csv")}
    text = turns.set_index("passage_id")["clean"]
    questions, answers = read["units-questions.csv"], read["units-answers.csv"]
    assert questions["question_id"].tolist() == turns[turns["kind"] == "question"]["passage_id"].tolist()
    assert (questions["question"] == questions["question_id"].map(text)).all()
    assert answers["answer_id"].tolist() == turns[turns["kind"] == "answer"]["passage_id"].tolist()
    assert (answers["answer"] == answers["answer_id"].map(text)).all()
    answers = helpers.load_tokens(speech="answers")
    matches = stance.stance_matches(answers, stance.load_stance_lexicon())
    assert read["stance-matches.csv"]["match_id"].tolist() == matches["match_id"].tolist()
    we = pronouns.we_tokens(answers)
    assert read["we-tokens.csv"]["token_id"].tolist() == we["token_id"].tolist()


def test_every_second_reading_is_loaded_and_checked_like_the_first(turns):
    answers = helpers.load_tokens(speech="answers")
    presupposed = conversation.load_presuppositions(turns, secondcoder.SECOND_QUESTIONS)
    design = conversation.load_question_design(turns, conversation.SECOND_DESIGN)
    uptake = conversation.load_uptake(turns, secondcoder.SECOND_UPTAKE)
    resistance = conversation.load_resistance(turns, uptake, conversation.SECOND_RESISTANCE)
    matches = stance.stance_matches(answers, stance.load_stance_lexicon())
    checked = stance.load_stance_check(matches, stance.STANCE_CHECK_SECOND)
    we = pronouns.load_we_referents(answers, pronouns.WE_READINGS_SECOND)
    assert [len(t) for t in (presupposed, design, uptake, resistance, checked, we)] == [18, 18, 22, 22, 45, 89]


def test_a_manual_s_citations_are_its_ids_with_their_parts_and_nothing_else(tmp_path):
    manual = tmp_path / "manual.md"
    manual.write_text("as 000:q2 asks; \"really helped\" (000:q4.a1.p2). See 004:q7.a1, and 004:q1.a2.s3@7.\n"
                      "Not an id: 0000:q1, 000:q3a, section 2.", encoding="utf-8")
    cited = readings.manual_citations(manual)
    assert cited == {"000:q2", "000:q4.a1.p2", "004:q7.a1", "004:q1.a2.s3@7"}
    # a turn is cited by its paragraph; a question is not cited by its answer; a sentence unit by its passage
    units = ["000:q2", "000:q4.a1", "004:q7", "004:q7.a1", "004:q1.a2.s3@7", "004:q1.a2.s4@5", "000:q4.a1.p2.s2@3"]
    passage_of = {"000:q4.a1.p2.s2@3": "000:q4.a1.p2", "004:q1.a2.s4@5": "004:q1.a2"}
    assert readings.example_units(units, cited, passage_of) == [
        "000:q2", "000:q4.a1", "004:q7.a1", "004:q1.a2.s3@7", "000:q4.a1.p2.s2@3"]


def test_the_manuals_as_given_cite_what_the_reader_s_readme_counts(turns):
    answers = helpers.load_tokens(speech="answers")
    cited = {m: readings.manual_citations(readings.MANUALS_AS_GIVEN / f"{m}.md") for m in MANUALS}
    questions = turns[turns["kind"] == "question"]["passage_id"]
    matches = stance.stance_matches(answers, stance.load_stance_lexicon())
    we = pronouns.we_tokens(answers)
    # the README: "about half of the questions, 29 of the 45 stance matches, 37 of the 89 'we'"
    assert len(readings.example_units(questions, cited["question-readings"])) == 9
    assert len(readings.example_units(matches["match_id"], cited["stance"],
                                      dict(zip(matches["match_id"], matches["passage_id"], strict=True)))) == 29
    assert len(readings.example_units(we["token_id"], cited["we"],
                                      dict(zip(we["token_id"], we["passage_id"], strict=True)))) == 37


def test_the_revised_manuals_cite_no_coded_unit():
    for manual in MANUALS:
        assert readings.manual_citations(ANNOTATIONS_DIR / f"{manual}.md") == set(), manual


def test_agreement_is_given_on_all_units_and_on_those_no_manual_cites():
    index = ["u1", "u2", "u3", "u4", "u5"]
    first = pd.Series(["a", "a", "b", "b", "a"], index=index)
    second = pd.Series(["a", "b", "b", "b", "a"], index=index)
    table = readings.two_readings(first, second, ["u1"]).set_index("units")
    assert table["items"].tolist() == [5, 4]
    assert table.loc["all", "agreement"] == pytest.approx(0.8)
    # not examples: u2-u5, first a b b a, second b b b a: p_o = 3/4, p_e = (2·1 + 2·3)/16 = 1/2, kappa = 1/2
    assert table.loc["not examples", "kappa"] == pytest.approx(0.5)
    summary, diffs = readings.layer_agreement({"layer": (first, second, ["u1", "u2"], pd.Series({"u2": "words"}))})
    assert summary.loc[("layer", "not examples"), "items"] == 3
    assert diffs[["unit", "example", "first", "second", "words"]].values.tolist() == [["u2", True, "a", "b", "words"]]
    with pytest.raises(ValueError, match="same items"):
        readings.two_readings(first, second.drop("u5"), [])


REVISIONS_HEADER = "date,layer,unit,before,after,reason\n"


@pytest.mark.parametrize(("rows", "message"), [
    ("2026-13-02,uptake,u1,a,b,x\n", r"revisions\.csv:2: date '2026-13-02' is not a date"),
    ("2026-12-02,tone,u1,a,b,x\n", r"revisions\.csv:2: layer 'tone' is not one of uptake"),
    ("2026-12-02,uptake,u1,a,a,x\n", r"revisions\.csv:2: the revision of 'u1' changes nothing"),
    ("2026-12-02,uptake,u1,a,b,x\n2026-12-03,uptake,u1,b,c,y\n",
     r"revisions\.csv:3: 'u1' of uptake is already revised"),
    ("2026-12-02,uptake,u1,a,b,\n", r"revisions\.csv:2: empty field 'reason'"),
], ids=["bad date", "unknown layer", "no change", "revised twice", "no reason"])
def test_a_bad_revision_names_its_line(tmp_path, rows, message):
    path = tmp_path / "revisions.csv"
    path.write_text(REVISIONS_HEADER + rows, encoding="utf-8")
    with pytest.raises(SeedError, match=message):
        readings.load_revisions(path, ["uptake", "stance"])


def test_a_revised_reading_is_put_back_as_it_was_and_a_stale_revision_is_named(tmp_path):
    path = tmp_path / "revisions.csv"
    path.write_text(REVISIONS_HEADER + "2026-12-02,uptake,u2,redirects,takes_up,x\n", encoding="utf-8")
    revisions = readings.load_revisions(path)
    now = pd.Series(["takes_up", "takes_up"], index=["u1", "u2"])
    assert readings.before_revisions(now, revisions, "uptake", path).tolist() == ["takes_up", "redirects"]
    assert readings.before_revisions(now, revisions, "stance", path).tolist() == ["takes_up", "takes_up"]
    with pytest.raises(SeedError, match=r"revisions\.csv:2: 'u2' is contests in the uptake reading, not takes_up"):
        readings.before_revisions(pd.Series(["takes_up", "contests"], index=["u1", "u2"]), revisions, "uptake", path)
    with pytest.raises(SeedError, match=r"revisions\.csv:2: 'u2' is not a unit of uptake"):
        readings.before_revisions(now.drop("u2"), revisions, "uptake", path)


def test_the_study_s_revisions_apply_to_its_first_readings(turns):
    revisions = readings.load_revisions(layers=["uptake", "resistance", "stance"])
    uptake = conversation.load_uptake(turns).set_index("answer_id")["uptake"]
    before = readings.before_revisions(uptake, revisions, "uptake")
    assert (before != uptake).sum() == 2 and set(before[before != uptake]) == {"redirects"}


def test_spearman_is_pearson_on_ranks_with_an_exact_permutation_p_for_small_samples():
    # d = -1, 1, -1, 1, 0: rho = 1 - 6·4/(5·24) = 0.8; |rho| >= 0.8 for 16 of the 120 pairings
    # (8 with sum d² <= 4 and their 8 reverses), so p = 16/120
    rho, p = conversation.spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])
    assert rho == pytest.approx(0.8) and p == pytest.approx(16 / 120)
    assert conversation.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx((-1.0, 2 / 24))
    # ties get their mean rank: x ranks 1.5 1.5 3 4, y ranks 1 2 3 4
    assert conversation.spearman([5, 5, 6, 7], [1, 2, 3, 4])[0] == pytest.approx(0.9486832980505138)
    with pytest.raises(ValueError, match="constant"):
        conversation.spearman([1, 1, 1], [1, 2, 3])


def test_spearman_matches_scipy_on_a_larger_sample_with_ties():
    from scipy import stats

    x = [18, 17, 19, 13, 12, 19, 16, 11, 11, 7, 10, 9, 4, 18, 10, 5, 9, 9]
    y = [180, 152, 255, 222, 154, 291, 204, 275, 81, 316, 212, 281, 44, 193, 109, 36, 396, 136]
    rho, p = conversation.spearman(x, y)
    expected = stats.spearmanr(x, y)
    assert rho == pytest.approx(expected.statistic)
    assert p == pytest.approx(expected.pvalue, abs=0.03)  # a permutation p against the t approximation


def test_a_rate_difference_of_speakers_whose_every_passage_has_the_same_rate_is_exact():
    from conftest import small_tokens

    tokens = small_tokens([("A", "A:q1.a1", "Ann", "we " + "x " * 9), ("A", "A:q2.a1", "Ann", "we we " + "x " * 18),
                           ("A", "A:q3.a1", "Bob", "we " + "x " * 19), ("A", "A:q4.a1", "Bob", "we " + "x " * 19)])
    marks = tokens[tokens["norm"] == "we"].assign(label="we")
    # Ann: 1 in 10 and 2 in 20, 100 per 1,000 in every resample; Bob 50: the difference is 50, exactly
    table = conversation.rate_differences(tokens, marks, "label", "we")
    assert table[["first", "second", "difference", "low", "high"]].values.tolist() == [["Ann", "Bob", 50.0, 50.0, 50.0]]


def test_the_two_readers_nine_layers_their_examples_and_their_disagreements(turns):
    from helpers.comparing import tworeaders

    answers = helpers.load_tokens(speech="answers")
    first, second = tworeaders.readings_of(turns, answers), tworeaders.readings_of(turns, answers, second=True)
    assert list(first) == list(second) == list(tworeaders.LAYERS)
    assert all(first[name].index.equals(second[name].index) for name in first)
    given, now = tworeaders.examples(turns, answers), tworeaders.examples(turns, answers, tworeaders.CURRENT_MANUALS)
    assert [len(given[name]) for name in tworeaders.LAYERS] == [9, 9, 9, 9, 9, 3, 3, 29, 37]
    assert all(units == [] for units in now.values())
    blind = tworeaders.before_revision(first)
    table = tworeaders.disagreements(blind, first, second, given, tworeaders.unit_words(turns))
    assert table[table["layer"] == "we"]["unit"].tolist() == ["000:q8.a1.p2.s4@5", "004:q6.a1.s3@13"]
    assert table.set_index(["layer", "unit"]).loc[("stance", "004:q9.a1.s2@9"), "words"] == (
        "There are certainly some contributions that my organisation [[would]] disagree with.")


def test_a_marked_sentence_is_cut_to_a_window_around_its_marked_words():
    from helpers.comparing.tworeaders import _window

    assert _window("a b c d e [[we]], f g h i", 2) == "… d e [[we]], f g …"
    assert _window("[[Of course]]! It is", 8) == "[[Of course]]! It is"


def test_units_a_manual_quotes_without_citing_them_and_none_in_the_manuals_now(turns, tmp_path):
    from helpers.comparing import tworeaders

    answers = helpers.load_tokens(speech="answers")
    given = tworeaders.quoted(turns, answers)
    assert sorted(set(given["unit"])) == ["000:q4", "000:q6.a1.p3.s2@27", "000:q6.a1.p3.s2@3", "004:q4.a1"]
    assert set(given[given["unit"] == "000:q4"]["layer"]) == {"presupposition", *conversation.DESIGN}
    assert given.set_index(["layer", "unit"]).loc[("uptake", "004:q4.a1"), "quote"] == "the invasion and colonisation"
    assert tworeaders.quoted(turns, answers, tworeaders.CURRENT_MANUALS).empty
    for name in MANUALS:  # a quotation of a unit cited by id, or of fewer than three words, is not counted
        (tmp_path / f"{name}.md").write_text('"the invasion" and 004:q4.a1 "the invasion and colonisation"\n',
                                             encoding="utf-8")
    assert tworeaders.quoted(turns, answers, tmp_path).empty


def test_a_quotation_broken_over_two_lines_of_a_manual_is_found_in_the_sentence_it_quotes(turns, tmp_path):
    from helpers.comparing import tworeaders

    answers = helpers.load_tokens(speech="answers")
    for name in MANUALS:  # as in the "we" manual as read: the quotation runs over a line break
        (tmp_path / f"{name}.md").write_text('among "communists, internationalists and\n  anti-fascists"\n',
                                             encoding="utf-8")
    found = tworeaders.quoted(turns, answers, tmp_path)
    assert found[found["layer"] == "we"].to_dict("records") == [
        {"layer": "we", "unit": "000:q6.a1.p3.s2@3", "quote": "communists, internationalists and anti-fascists"},
        {"layer": "we", "unit": "000:q6.a1.p3.s2@27", "quote": "communists, internationalists and anti-fascists"}]
    given = tworeaders.quoted(turns, answers)  # the manuals as read: the "we" manual quotes that sentence
    assert sorted(set(given[given["layer"] == "we"]["unit"])) == ["000:q6.a1.p3.s2@27", "000:q6.a1.p3.s2@3"]


def test_examples_of_any_manual_take_in_the_units_the_other_manuals_name(turns):
    from helpers.comparing import tworeaders

    answers = helpers.load_tokens(speech="answers")
    own, anywhere = tworeaders.examples(turns, answers), tworeaders.examples(turns, answers, any_manual=True)
    assert [len(anywhere[name]) for name in tworeaders.LAYERS] == [9, 9, 9, 9, 9, 18, 18, 35, 39 + 11]
    assert all(set(own[name]) <= set(anywhere[name]) for name in tworeaders.LAYERS)
    assert "004:q9.a2" in anywhere["uptake"] and "004:q9.a2" not in own["uptake"]  # named in we.md only


def test_the_bootstrap_of_alpha_resamples_whole_groups():
    from helpers.annotating.coding import krippendorff_alpha

    first = pd.Series(["a", "b", "a", "b"], index=list("wxyz"))
    second = pd.Series(["a", "b", "b", "b"], index=list("wxyz"))
    assert readings._nominal_alpha(*(s.map({"a": 0, "b": 1}).to_numpy() for s in (first, second))) == pytest.approx(
        krippendorff_alpha(list(first), list(second)))
    together = readings.alpha_bootstrap(first, second, pd.Series("g", index=list("wxyz")), resamples=50)
    assert together.tolist() == [pytest.approx(krippendorff_alpha(list(first), list(second)))] * 50
    alike = readings.alpha_bootstrap(first, first, resamples=200)  # one label in a resample: NaN, else 1
    assert set(alike[~pd.isna(alike)]) == {1.0} and pd.isna(alike).any()
    with pytest.raises(ValueError, match="no group for 'z'"):
        readings.alpha_bootstrap(first, second, pd.Series("g", index=list("wxy")))
