"""Who asks and who answers, from more evidence than question marks: who speaks first, who opens
the exchanges (their turns come before the others' longer ones), who speaks shortly, role words in
labels (`TOM, HOST:`, `Q:`) and in header lines (`Host: Nora Vale`), an introduction naming the
guests. Every text here is made up for these tests; each one's questions and answers were counted by
hand. Where the evidence is weak or conflicts, the check says so with the role line to paste."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers
from helpers.plumbing.fixes import Fix, apply_fix
from helpers.reading.check import check_folder, format_check
from helpers.reading.draft import draft_catalog, format_drafts


def draft(folder, name: str, text: str):
    """A folder holding one text, its entry drafted; the drafts and the catalog's people."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    drafts, _ = draft_catalog(folder)
    [entry] = tomllib.loads((folder / "catalog.toml").read_text(encoding="utf-8"))["interview"]
    return drafts, entry["people"]


def roles(people) -> dict[str, str]:
    return {p["name"]: p["role"] for p in people}


def split(folder) -> tuple[list[int], list[int], list[str]]:
    """Question lines, answer lines and who gives each answer."""
    turns = helpers.load_turns(folder)
    answers = turns[turns["kind"] == "answer"]
    return (turns[turns["kind"] == "question"]["line"].tolist(), answers["line"].tolist(),
            answers["speaker"].tolist())


NO_QUESTION_MARKS = (
    "Ruth: It has been a long time between records for you...\n"
    'Lev: "Yes, five years. We toured, we rested, and then we wrote slowly, one song at a time, until there '
    'were enough of them for an album that we liked."\n'
    "Ruth: People are saying this one is your best since the first\n"
    'Lev: "Thank you. We went back to how we played at the start, all of us in one room, no tricks, and I '
    'think it shows in every song."\n'
    "Ruth: It sounds old school...\n"
    'Lev: "It is. We wanted the sound of the small clubs where we began, loud and close, and we recorded '
    'it that way on purpose, in four days."\n'
)


def test_an_interviewer_who_never_asks_with_a_question_mark_is_found_by_who_opens_and_speaks_shortly(tmp_path):
    drafts, people = draft(tmp_path / "f", "band.txt", NO_QUESTION_MARKS)
    assert roles(people) == {"Ruth": "interviewer", "Lev": "interviewee"}
    report = format_drafts(drafts, [], tmp_path / "f")
    assert "speaks first (line 1)" in report
    assert "opens 3 of 3 exchanges (lines 1, 3, 5)" in report
    assert "turns of 8 words on average, against 28 for Lev" in report
    assert check_folder(tmp_path / "f").problems == []
    assert split(tmp_path / "f") == ([1, 3, 5], [2, 4, 6], ["Lev"] * 3)


HOSTS = """**Nora Vale:** Today we talk about allotments, with Omar Field and Iris Chen. Tell us how it began.

**Omar Field:** It began with a letter to the council, which nobody answered for a year, so we wrote until they
gave us the old depot.

**Ben Holt:** Right.

**Iris Chen:** And then the work started, clearing the ground, testing the soil, building the first
raised beds out of pallets from the market.

**Nora Vale:** So the market helped.

**Iris Chen:** The market helped a lot, and so did the school next door, whose pupils now grow beans and
potatoes there every spring.

**Ben Holt:** Okay.

**Omar Field:** We never expected the school to join us, but the children are now the most faithful
gardeners we have.
"""


def test_hosts_who_introduce_the_guests_and_a_co_host_who_only_says_right_are_interviewers(tmp_path):
    drafts, people = draft(tmp_path / "f", "allotment.md", HOSTS)
    assert roles(people) == {"Nora Vale": "interviewer", "Omar Field": "interviewee", "Ben Holt": "interviewer",
                             "Iris Chen": "interviewee"}
    report = format_drafts(drafts, [], tmp_path / "f")
    assert "introduces Omar Field, Iris Chen (line 1)" in report
    assert "introduced by Nora Vale (line 1)" in report
    assert check_folder(tmp_path / "f").problems == []
    assert split(tmp_path / "f")[:2] == ([1, 6, 11, 16], [3, 8, 13, 18])


CO_HOST_YES = """Radio interview with Kim Lark and Rob Dane

KIM:

Welcome the mayor, who joins us this morning from the town hall – good morning.

MAYOR:

Good morning, and thank you both for having me on the programme again so soon.

ROB:

Why is the bridge closed again this week?

MAYOR:

It is closed for repairs that were planned last year, and they will be finished by the end of the month if
the weather holds.

KIM:

Yes.

MAYOR:

And after that the buses will run over it again, which many people in the villages have been waiting for.
"""


def test_a_co_host_who_only_says_yes_is_an_interviewer(tmp_path):
    _, people = draft(tmp_path / "f", "radio.txt", CO_HOST_YES)
    assert roles(people) == {"KIM": "interviewer", "MAYOR": "interviewee", "ROB": "interviewer"}
    assert check_folder(tmp_path / "f").problems == []
    assert split(tmp_path / "f")[:2] == ([3, 11, 20], [7, 15, 24])


SECOND_INTERVIEWER = """J.:   How long have you lived in this street, and how many of your neighbours do you know?

M.:   Since I married, and I know most of them by sight, though not all of them to talk to.

J.:   Do you visit them?

M.:   Some of them, the ones with children of the same age as mine, we have coffee on Fridays.

T.:   That is often.

M.:   It is, but it is the only time in the week when I sit down at all.

T.:   You are well liked here.

M.:   I hope so, though with five children I sometimes wonder what the neighbours think.

T.:   Do you see the baker?

M.:   Every morning, on the way to school, and she always has a word for each of the children.
"""


def test_a_second_interviewer_who_asks_with_a_question_mark_once_in_four_turns_is_an_interviewer(tmp_path):
    _, people = draft(tmp_path / "f", "street.txt", SECOND_INTERVIEWER)
    assert roles(people) == {"J.": "interviewer", "M.": "interviewee", "T.": "interviewer"}
    assert split(tmp_path / "f")[:2] == ([1, 5, 9, 13, 17], [3, 7, 11, 15, 19])


def test_a_surname_label_is_grouped_with_the_full_name_used_once(tmp_path):
    text = ("Radio interview\n\nANNA LOWE: Tom Reyes, good morning.\n\nMINISTER: Good morning, how are you?\n\n"
            "LOWE: Very well. You have news for the farmers today, I hear, and they will be glad of it.\n\n"
            "MINISTER: We are putting money into the orchards, for new trees and for the roads to them.\n\n"
            "LOWE: Is that enough?\n\nMINISTER: It is a start, and we will see what the growers say.\n")
    drafts, people = draft(tmp_path / "f", "lowe.txt", text)
    assert [(p["name"], p["role"], p["labels"]) for p in people] == [
        ("ANNA LOWE", "interviewer", ["ANNA LOWE", "LOWE"]), ("MINISTER", "interviewee", ["MINISTER"])]
    assert "'LOWE' is the last name of 'ANNA LOWE'" in format_drafts(drafts, [], tmp_path / "f")
    assert check_folder(tmp_path / "f").problems == []
    assert split(tmp_path / "f")[:2] == ([3, 7, 11], [5, 9, 13])


@pytest.mark.parametrize(("text", "lines"), [("Q: How are you?\nA: Fine.\n", (1, 2)),
                                             ("Q: How are you?\n\nA: Fine, thank you.\n", (1, 3)),
                                             ("Interviewer: Where were you born?\n\nAnswer: In Leeds.\n", (1, 3))])
def test_role_words_are_enough_even_in_a_single_exchange(tmp_path, text, lines):
    _, people = draft(tmp_path / "f", "one.txt", text)
    assert sorted(p["role"] for p in people) == ["interviewee", "interviewer"]
    assert check_folder(tmp_path / "f").problems == []
    assert split(tmp_path / "f")[:2] == ([lines[0]], [lines[1]])


NAME_ROLE = """Radio Interview - Afternoons

TOM, HOST: Welcome, Minister.

RITA, HOST: Hello, Minister.

JAN MORA, MINISTER: Good to be here, it is always a pleasure to come on this programme.

TOM: We had the new bread from the bakery here this morning.

MINISTER: It is good bread, and the bakery has just doubled in size, with forty new jobs.

RITA: Are you doing anything tonight?

MINISTER: Nothing tonight, I have to say, there are papers to read.
"""


def test_name_and_role_labels_are_read_as_labels_the_role_word_as_evidence(tmp_path):
    drafts, people = draft(tmp_path / "f", "afternoons.txt", NAME_ROLE)
    assert [(p["name"], p["role"], p["labels"]) for p in people] == [
        ("TOM", "interviewer", ["TOM, HOST", "TOM"]), ("RITA", "interviewer", ["RITA, HOST", "RITA"]),
        ("JAN MORA", "interviewee", ["JAN MORA, MINISTER", "MINISTER"])]
    assert "role from the label 'TOM, HOST'" in format_drafts(drafts, [], tmp_path / "f")
    assert check_folder(tmp_path / "f").problems == []
    assert split(tmp_path / "f")[:2] == ([3, 5, 9, 13], [7, 11, 15])


HEADER_ROLES = """Host: Nora Vale
Guest: Omar Field

Nora Vale: Welcome to the show. Tell us about the depot.

Omar Field: The depot was empty for ten years before we asked the council for it, and it took two more
years to get a yes.

Nora Vale: And now it is a garden.

Omar Field: Now it is a garden with forty plots, a pond, and a waiting list longer than the list of plots.
"""


def test_header_lines_naming_the_host_and_the_guest_give_the_roles(tmp_path):
    drafts, people = draft(tmp_path / "f", "header.txt", HEADER_ROLES)
    assert roles(people) == {"Nora Vale": "interviewer", "Omar Field": "interviewee"}
    assert "named the host on line 1" in format_drafts(drafts, [], tmp_path / "f")
    assert split(tmp_path / "f")[:2] == ([4, 9], [6, 11])


WEAK = """Ada: The harbour was rebuilt after the storm, and the fishermen came back to it one by one.

Bex: The fishermen came back because the market did.

Ada: The road was the council's idea.

Bex: Nobody likes a road at first, but everyone uses it now, even the ones who wrote letters against it.
"""


def test_weak_evidence_is_said_in_the_check_with_the_role_lines_to_paste_and_they_settle_it(tmp_path):
    _, people = draft(tmp_path / "f", "harbour.txt", WEAK)
    assert roles(people) == {"Ada": "interviewer", "Bex": "interviewee"}
    check = check_folder(tmp_path / "f")
    assert check.problems == []  # a doubt does not stop the text: it is said, with the lines that settle it
    [note] = check.texts[0].notes
    assert note.problem.startswith("the roles are a guess from weak evidence (Ada: speaks first (line 1))")
    printed = format_check(check)
    assert all(f"fix: {fix}" in printed for fix in note.fixes)
    assert [(f.person, f.line) for f in note.fixes] == [("Ada", 'role = "interviewee"'),
                                                        ("Bex", 'role = "interviewer"')]
    catalog = tmp_path / "f" / "catalog.toml"
    for fix in note.fixes:  # the two lines, pasted as printed, swap the roles and settle the doubt
        catalog.write_text(apply_fix(catalog.read_text(encoding="utf-8"), Fix.parse(f"fix: {fix}")),
                           encoding="utf-8")
    assert check_folder(tmp_path / "f").texts[0].notes == []


THIRD = """J.: Where did you grow up?

M.: In the valley, on a farm with sheep, until I was twelve and we moved to the town.

T.: I grew up on a farm too, near the coast, with cows.

M.: Then you know how early the mornings are, and how cold the winters, and how far away the school was.

T.: They were long winters.

J.: And the school?

M.: The school was an hour away by bus, and in the winter the bus often did not come at all.
"""


def test_a_third_speaker_on_weak_evidence_is_said_in_the_check_and_the_printed_line_settles_it(tmp_path):
    _, people = draft(tmp_path / "f", "valley.txt", THIRD)
    assert roles(people) == {"J.": "interviewer", "M.": "interviewee", "T.": "interviewee"}
    check = check_folder(tmp_path / "f")
    [note] = check.texts[0].notes
    [fix] = note.fixes
    assert (fix.person, fix.line) == ("T.", 'role = "interviewer"')
    assert f"fix: {fix}" in format_check(check)
    catalog = tmp_path / "f" / "catalog.toml"
    catalog.write_text(apply_fix(catalog.read_text(encoding="utf-8"), Fix.parse(f"fix: {fix}")), encoding="utf-8")
    check = check_folder(tmp_path / "f")
    assert check.problems == [] and check.texts[0].notes == []
    assert split(tmp_path / "f")[:2] == ([1, 5, 9, 11], [3, 7, 13])


NAMES = ["Ada", "Bex", "Cai", "Dov", "Eli", "Fen", "Gus", "Hal"]
SHORT = ["Tell me about the harbour", "And then", "Go on", "The council, too", "So the road came first",
         "Right", "That was in the spring", "Yes"]
LONG = ["The harbour was rebuilt after the storm and the fishermen came back one by one, slowly, over a year",
        "The market came back because of the new road, which nobody liked at first but everybody uses now",
        "We wrote to the council every week until they agreed to look at the old sea wall again",
        "The school joined in later, and now the children clean the beach every spring with their teachers"]


@settings(max_examples=25, deadline=None)
@given(names=st.lists(st.sampled_from(NAMES), min_size=2, max_size=2, unique=True),
       asks=st.lists(st.sampled_from(SHORT), min_size=3, max_size=5),
       says=st.lists(st.sampled_from(LONG), min_size=5, max_size=5),
       marks=st.sampled_from([".", "...", ""]))
def test_whoever_opens_every_exchange_with_short_turns_is_the_interviewer_whatever_the_names(tmp_path_factory, names,
                                                                                               asks, says, marks):
    asker, answerer = names
    lines = []
    for question, answer in zip(asks, says, strict=False):
        lines += [f"{asker}: {question}{marks}", f"{answerer}: {answer}."]
    folder = tmp_path_factory.mktemp("gen")
    _, people = draft(folder, "gen.txt", "\n".join(lines) + "\n")
    assert roles(people) == {asker: "interviewer", answerer: "interviewee"}
    assert split(folder)[:2] == (list(range(1, len(lines), 2)), list(range(2, len(lines) + 1, 2)))
