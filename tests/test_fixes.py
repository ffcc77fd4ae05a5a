"""Every fix an error proposes works when it is applied exactly as printed.

Generated interviews carry the problems a new user meets (a glossary entry that looks like a label,
a label the catalog does not list, a pull quote with a label before the first question, questions
in bold that the catalog does not declare, a changed file, a catalog entry missing a field, labels
that differ only by spaces, a file catalogued twice). `python -m helpers check` lists them; each
printed `fix:` line is read back with `Fix.parse`, applied to the catalog, and the folder checked
again: the problem it was printed for must be gone."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_markup_kinds import A, Q, person, write

import helpers
from helpers.plumbing.fixes import Fix, apply_fix
from helpers.reading.check import check_folder, format_check

GLOSSARY = ["OGA", "TRV", "FPGA", "ASIC", "Kiosk Box"]
WORDS = ["garden", "council", "depot", "river", "school", "market", "tram", "library", "bakery", "harbour"]


@st.composite
def folders(draw):
    """A text and the people of its catalog, with some of the problems above."""
    questions = draw(st.integers(2, 4))
    bold = draw(st.booleans())
    blocks = ["# A made-up interview", "An introduction by the editor."]
    if draw(st.booleans()):  # a labelled line before the first question
        blocks.append(f'**A:** "The {draw(st.sampled_from(WORDS))} opened in {draw(st.integers(1900, 2020))}."')
    for k in range(questions):
        word = draw(st.sampled_from(WORDS))
        blocks.append(f"**Where is the {word} number {k}?**" if bold else f"**Q:** Where is the {word} number {k}?")
        blocks.append(f"**A:** The {word} number {k} stands by the {draw(st.sampled_from(WORDS))}.")
        if draw(st.booleans()):
            blocks.append(f"**{draw(st.sampled_from(GLOSSARY))}:** a term the editor explains, entry {k}.")
        if draw(st.booleans()):
            blocks.append(f"**AS:** and a last word from Ann on question {k}.")
    people = [person(Q, "interviewer", [] if bold else ["Q"]), person(A, "interviewee", ["A"])]
    if draw(st.booleans()):  # a second person whose label is the first's, with other spaces
        people.append(person("Bo Speaker", "interviewee", ["A\u00a0", "BS"]))
    return "\n\n".join(blocks) + "\n", people


def prepare(folder, text, people, after):
    write(folder, text, "markdown", people)
    catalog = folder / "catalog.toml"
    if after == "change the file":
        (folder / "100_t.txt").write_text(text + "\nOne more line.\n", encoding="utf-8")
    elif after == "drop a field":
        catalog.write_text(catalog.read_text(encoding="utf-8").replace('outlet = "o"\n', ""), encoding="utf-8")
    elif after == "catalogue twice":
        first = catalog.read_text(encoding="utf-8")
        catalog.write_text(first + "\n" + first.replace('id = "100"', 'id = "101"'), encoding="utf-8")
    return catalog


def key(problem) -> tuple:
    """What identifies a problem across a fix: its file, its kind and, in a seed, its line."""
    in_seed = problem.file.endswith(".txt")
    return problem.file.rsplit("/", 1)[-1], problem.line if in_seed else None, problem.problem.split(":")[0][:60]


@pytest.mark.parametrize("after", ["", "change the file", "drop a field", "catalogue twice"])
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=folders())
def test_every_printed_fix_removes_the_problem_it_was_printed_for(tmp_path_factory, case, after):
    text, people = case
    folder = tmp_path_factory.mktemp("fixes")
    catalog = prepare(folder, text, people, after)
    check = check_folder(folder)
    printed = format_check(check)
    assert "Traceback" not in printed
    original = catalog.read_text(encoding="utf-8")
    for problem in check.problems:
        for fix in problem.fixes:
            line = f"fix: {fix}"
            assert line in printed  # the fix is shown, in the form that is applied here
            trial = folder.parent / f"{folder.name}-trial"
            shutil.copytree(folder, trial, dirs_exist_ok=True)
            (trial / "catalog.toml").write_text(apply_fix(original, Fix.parse(line)), encoding="utf-8")
            after_fix = {key(p) for p in check_folder(trial).problems}
            assert key(problem) not in after_fix, (str(problem), line)
            shutil.rmtree(trial)


def test_a_printed_fix_reads_back_as_the_same_fix():
    for fix in [Fix("catalog.toml", "900", 'not_turns = ["**OGA:**"]'),
                Fix("my folder/catalog.toml", 'a "quoted" id', 'labels = ["A", "A."]', person='Ann "the" Lee'),
                Fix("catalog.toml", "901", delete=True), Fix("c.toml", "9", 'sha256 = "' + "0" * 64 + '"')]:
        assert Fix.parse(f"fix: {fix}") == fix


def test_a_fix_replaces_a_value_over_several_lines_and_adds_a_missing_key():
    catalog = ('[[interview]]\nid = "900"\nnot_turns = [\n  "A:",\n  "B:",\n]\n\n[[interview.people]]\n'
               'name = "Ann"\nlabels = ["A"]\n\n[[interview]]\nid = "901"\n')
    fixed = apply_fix(catalog, Fix("c", "900", 'not_turns = ["A:", "B:", "C:"]'))
    assert fixed.count("not_turns") == 1 and '"C:"' in fixed and fixed.endswith('[[interview]]\nid = "901"\n')
    fixed = apply_fix(fixed, Fix("c", "900", 'labels = ["A", "AL"]', person="Ann"))
    assert 'name = "Ann"\nlabels = ["A", "AL"]' in fixed
    fixed = apply_fix(fixed, Fix("c", "901", 'questions = "bold"'))
    assert fixed.endswith('[[interview]]\nquestions = "bold"\nid = "901"\n')
    assert apply_fix(fixed, Fix("c", "901", delete=True)).rstrip().endswith('labels = ["A", "AL"]')


# -- when the roles are the problem, the first fix is the role line -----------------------------------

ROLES_WRONG = ("Sam Ray: It has been a long time between records...\n"
               "Jo Park: Five years, yes. We toured, we rested and we wrote slowly, one song at a time.\n"
               "Sam Ray: People say this one is your best\n"
               "Jo Park: Thank you. We played it all in one room, as we did when we started out.\n")


def test_when_no_one_labelled_asks_the_first_printed_fix_is_the_role_line_and_it_settles_the_split(tmp_path):
    folder = tmp_path / "roles"
    folder.mkdir()
    # what a draft wrote when it found no interviewer: a placeholder, and both speakers interviewees
    write(folder, ROLES_WRONG, "plain", [person("Interviewer", "interviewer", []),
                                         person("Sam Ray", "interviewee", ["Sam Ray"]),
                                         person("Jo Park", "interviewee", ["Jo Park"])])
    check = check_folder(folder)
    first = check.problems[0]
    assert first.line == 1 and first.problem.startswith("answer by Sam Ray before any question: no one labelled "
                                                        "asks in the catalog")
    fix = first.fixes[0]
    assert (fix.person, fix.line) == ("Sam Ray", 'role = "interviewer"')
    assert first.fixes[1].key == "not_turns"  # the other reading, second
    printed = format_check(check)
    assert f"fix: {fix}" in printed
    catalog = folder / "catalog.toml"
    catalog.write_text(apply_fix(catalog.read_text(encoding="utf-8"), Fix.parse(f"fix: {fix}")), encoding="utf-8")
    assert check_folder(folder).problems == []
    turns = helpers.load_turns(folder)
    assert turns[turns["kind"] == "question"]["line"].tolist() == [1, 3]
    assert turns[turns["kind"] == "answer"]["line"].tolist() == [2, 4]


def test_no_question_found_among_labelled_speakers_proposes_the_first_speaker_s_role_line(tmp_path):
    folder = tmp_path / "none"
    folder.mkdir()
    write(folder, "Pia Lund: The market opens at six.\n\nOla Berg: And it closes at noon, every day but Sunday.\n",
          "plain", [person("Interviewer", "interviewer", []), person("Pia Lund", "interviewee", ["Pia Lund"]),
                    person("Ola Berg", "interviewee", ["Ola Berg"])])
    check = check_folder(folder)
    assert (check.problems[0].fixes[0].person, check.problems[0].fixes[0].line) == ("Pia Lund", 'role = "interviewer"')
    none = [p for p in check.problems if p.problem.startswith("no question found")]
    assert none and none[0].fixes[0].line == 'role = "interviewer"' and none[0].fixes[0].person == "Pia Lund"
    catalog = folder / "catalog.toml"
    catalog.write_text(apply_fix(catalog.read_text(encoding="utf-8"), none[0].fixes[0]), encoding="utf-8")
    assert check_folder(folder).problems == []
