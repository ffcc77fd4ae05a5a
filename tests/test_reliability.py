"""Every case of the reliability list of issue 24, each with a clear outcome: read right (with a row
of the split report where a reader may want to check), or a `SeedError` that names the file, the line
and the catalog line that fixes it. The texts are made up for these tests.

The hang cases run under an alarm: a test that backtracks or searches quadratically fails at the
alarm instead of hanging the suite; the inputs are sized so that the old code took minutes, and the
bounds are on this process's CPU time, so that a loaded machine does not fail them."""

from __future__ import annotations

import re
import signal
import time
from contextlib import contextmanager

import pytest
from test_markup_kinds import A, Q, person, report, speech, split, write

import helpers
from helpers.plumbing.fixes import apply_fix
from helpers.plumbing.patterns import bounded_pattern, pattern_problem
from helpers.reading.labels import known_label, parse_label
from helpers.reading.passages import passages_from_text


@contextmanager
def within(seconds: int):
    """Fail, instead of hanging, if the block runs longer than `seconds`."""
    def stop(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def two_exchanges(q1: str = "**Q:** One?", a1: str = "**A:** First.", q2: str = "**Q:** Two?",
                  a2: str = "**A:** Second.", between: str = "\n\n") -> str:
    return f"{q1}{between}{a1}\n\n{q2}{between}{a2}\n"


EXPECTED = [("100:q1", Q, "One?"), ("100:q1.a1", A, "First."), ("100:q2", Q, "Two?"), ("100:q2.a1", A, "Second.")]


# -- turns and labels ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["plain", "markdown"])
def test_turns_on_consecutive_lines_are_separate_turns(tmp_path, fmt):
    text = "A title\n\nQ: One?\nA: First.\nQ: Two?\nA: Second.\n"
    assert speech(split(tmp_path, text, fmt)) == EXPECTED
    assert report(tmp_path) == [(4, "turns on consecutive lines, with no blank line between them (3 lines): each "
                                    "label starts a new turn")]


def test_a_question_and_its_answer_without_a_blank_line_between_are_two_turns(tmp_path):
    assert speech(split(tmp_path, two_exchanges(between="\n"))) == EXPECTED


def test_labels_that_differ_only_by_spaces_are_one_label_in_the_text(tmp_path):
    people = [person(Q, "interviewer", ["Quinn Reporter"]), person(A, "interviewee", ["Ann Speaker"])]
    text = ("A title\n\nQuinn  Reporter: One?\n\nAnn\u00a0Speaker: First.\n\nQuinn \u00a0Reporter: Two?\n\n"
            "Ann\u202fSpeaker\u00a0: Second.\n")
    assert speech(split(tmp_path, text, "plain", people)) == EXPECTED


def test_two_people_given_labels_that_differ_only_by_spaces_are_refused_and_the_fix_works(tmp_path):
    people = [person(Q, "interviewer", ["Ann Lee"]), person(A, "interviewee", ["Ann\u00a0Lee", "AL"])]
    folder = write(tmp_path, "A title\n\nAnn Lee: One?\n\nAL: First.\n", "plain", people)
    with pytest.raises(helpers.SeedError) as caught:
        helpers.load_catalog(folder)
    assert caught.value.file.endswith("catalog.toml") and caught.value.line == 1
    assert "label 'Ann\\xa0Lee' names both Quinn Reporter and Ann Speaker" in caught.value.problem
    [fix] = caught.value.fixes
    assert str(fix).endswith('[interview "100", person "Ann Speaker"] labels = ["AL"]')
    catalog = folder / "catalog.toml"
    catalog.write_text(apply_fix(catalog.read_text(encoding="utf-8"), fix), encoding="utf-8")
    assert [t.speaker for t in helpers.load_turns(folder).itertuples()] == [Q, A]


@pytest.mark.parametrize("mark", ["\u200e", "\u00ad", "\u200d", "\u200f", "\u2060"],
                         ids=["left-to-right mark", "soft hyphen", "zero-width joiner", "right-to-left mark",
                              "word joiner"])
def test_an_invisible_character_does_not_hide_a_label(tmp_path, mark):
    text = two_exchanges(q1=f"{mark}**Q:** One?", a1=f"**A{mark}:** First.", a2=f"A{mark}: Second.")
    assert speech(split(tmp_path, text)) == EXPECTED


@pytest.mark.parametrize("colon", ["\u202f:", "\uff1a", " \ufe55", "\u00a0\uff1a"],
                         ids=["narrow no-break space", "full-width colon", "small colon", "both"])
def test_typographic_spaces_and_colons_do_not_hide_a_label(tmp_path, colon):
    people = [person(Q, "interviewer", ["QR"]), person(A, "interviewee", ["AB"])]
    text = f"A title\n\nQR{colon} One?\n\nAB{colon} First.\n\nQR: Two?\n\nAB{colon}Second.\n"
    assert speech(split(tmp_path, text, "plain", people)) == EXPECTED


def test_a_heading_label_gives_the_paragraphs_after_it_to_that_speaker(tmp_path):
    people = [person(Q, "interviewer", ["Quinn"]), person(A, "interviewee", ["Ann"])]
    text = ("# A talk\n\n### Quinn:\n\nOne?\n\nAnd a second paragraph of the question.\n\n### Ann:\n\nFirst.\n\n"
            "### Quinn: Two?\n\n### Ann:\n\nSecond.\n")
    assert speech(split(tmp_path, text, people=people)) == [
        ("100:q1", Q, "One?"), ("100:q1.p2", Q, "And a second paragraph of the question."),
        ("100:q1.a1", A, "First."), ("100:q2", Q, "Two?"), ("100:q2.a1", A, "Second.")]


@pytest.mark.parametrize(("q1", "a1"), [
    ("**Quinn** (00:09): One?", "**Ann** (00:14): First."),
    ("0:00:13.8 **Quinn** One?", "0:00:16.2 **Ann** First."),
    ("[00:00:09] Quinn: One?", "[00:00:14] Ann: First."),
    ("Quinn (00:09): One?", "**Ann (00:14):** First."),
], ids=["bold label, timestamp after", "timestamp, bold name, no colon", "timestamp before", "mixed"])
def test_labels_with_timestamps_are_read(tmp_path, q1, a1):
    people = [person(Q, "interviewer", ["Quinn"]), person(A, "interviewee", ["Ann"])]
    text = two_exchanges(q1=q1, a1=a1, q2="**Quinn:** Two?", a2="**Ann:** Second.")
    assert speech(split(tmp_path, text, people=people)) == EXPECTED


def subtitles(cues: list[str], numbered: bool = False, closing: str = "") -> str:
    """A subtitle file: each cue its timing line (SRT's commas and cue number when `numbered`)."""
    out = [] if numbered else ["WEBVTT", ""]
    for k, cue in enumerate(cues):
        start, end = f"00:00:{k:02d}", f"00:00:{k + 1:02d}"
        timing = f"{start},000 --> {end},000" if numbered else f"{start}.000 --> {end}.000 align:start"
        out += ([str(k + 1)] if numbered else []) + [timing, cue + closing, ""]
    return "\n".join(out)


VOICED = ["<v Quinn>One?", "<v.loud Ann>First.", "<v Quinn>Two?", "<v Ann>Second."]


@pytest.mark.parametrize("closing", ["", "</v>"], ids=["open voice tags", "closed voice tags"])
def test_a_webvtt_file_s_voice_tags_are_labels_and_its_timings_markup(tmp_path, closing):
    people = [person(Q, "interviewer", ["Quinn"]), person(A, "interviewee", ["Ann"])]
    rows = split(tmp_path, subtitles(VOICED, closing=closing), "plain", people)
    assert speech(rows) == EXPECTED  # the closing tag is no word of the speaker's
    assert [k for _, k, _, _ in rows].count("markup") == 4


def test_an_srt_file_s_cue_numbers_and_timings_are_markup_not_speech(tmp_path):
    text = subtitles(["Q: One?", "A: First.", "Q: Two?", "A: Second."], numbered=True)
    rows = split(tmp_path, text, "plain")
    assert speech(rows) == EXPECTED and [k for _, k, _, _ in rows].count("markup") == 4


def test_a_number_alone_that_no_timing_follows_stays_text(tmp_path):
    rows = split(tmp_path, two_exchanges(a1="**A:** First.\n\n1984"))
    assert ("100:q1.a1.p2", "answer", A, "1984") in rows


def test_one_speaker_s_cues_in_a_row_are_one_turn(tmp_path):
    people = [person(Q, "interviewer", ["Quinn"]), person(A, "interviewee", ["Ann"])]
    cues = ["<v Quinn>One?", "<v Ann>First.", "<v Ann>Still first.", "<v Quinn>Two?", "<v Ann>Second."]
    rows = split(tmp_path, subtitles(cues), "plain", people)
    assert speech(rows) == [*EXPECTED[:2], ("100:q1.a1.p2", A, "Still first."), *EXPECTED[2:]]
    assert any("a subtitle cue by Ann Speaker right after their own" in d for _, d in report(tmp_path))


def test_one_speaker_s_labels_in_a_row_outside_subtitles_stay_two_answers(tmp_path):
    text = two_exchanges(a1="**A:** First.\n\n**A:** Again.")
    assert [pid for pid, _, _ in speech(split(tmp_path, text))] == ["100:q1", "100:q1.a1", "100:q1.a2", "100:q2",
                                                                  "100:q2.a1"]


@pytest.mark.parametrize("dash", ["–", "—", "-"], ids=["en dash", "em dash", "hyphen"])
def test_a_label_before_a_dash_is_read(tmp_path, dash):
    people = [person(Q, "interviewer", ["QUINN REPORTER"]), person(A, "interviewee", ["Ann Speaker"])]
    text = two_exchanges(q1=f"QUINN REPORTER {dash} One?", a1=f"Ann Speaker {dash} First.",
                         q2="QUINN REPORTER: Two?", a2=f"Ann Speaker {dash} Second.")
    assert speech(split(tmp_path, text, "plain", people)) == EXPECTED


def test_a_short_label_with_no_space_after_its_colon_is_read(tmp_path):
    text = "A title\n\nQ:One?\nA:First.\nQ:Two?\nA:Second.\n"
    assert speech(split(tmp_path, text, "plain")) == EXPECTED
    assert parse_label("Q:One?") == ("Q", 2) and parse_label("AB:First") == ("AB", 3)
    assert parse_label("A:1") is None and parse_label("Plan A:the") is None and parse_label("http://x") is None


def test_a_long_sentence_ending_in_a_colon_inside_bold_is_no_label():
    assert parse_label("**What will be the effect of two upcoming changes to Urbit:**") is None
    assert parse_label("**Stefan Hain and Sebastian Vogel:** Hello") == ("Stefan Hain and Sebastian Vogel", 37)


def test_a_bold_paragraph_after_an_answer_goes_to_the_interviewer_only_where_every_question_is_bold(tmp_path):
    text = two_exchanges(q1="**Q: One?**", a1="First.", q2="**Q: Two?**", a2="Second.\n\n**Thank you.**")
    rows = split(tmp_path, text)
    assert ("100:q3", "question", Q, "Thank you.") in rows
    assert any("styled as every question before it" in d for _, d in report(tmp_path))
    plain = split(tmp_path, two_exchanges(a2="**A:** Second.\n\n**Thank you.**"))  # `**Q:**` labels: not bold questions
    assert ("100:q2.a1.p2", "answer", A, "Thank you.") in plain


@pytest.mark.parametrize(("first", "opens"), [
    ("**Tell us about yourself.**", True), ("**Describe your first job.**", True),
    ("**Tell me about growing up**", True),
    ("**Is there a catch? We asked around.**", True), ("**A studio in the old dairy.**", False)],
    ids=["request", "describe", "request unpunctuated", "question mark inside", "standfirst"])
def test_in_the_head_a_bold_paragraph_opens_the_interview_only_if_it_asks(tmp_path, first, opens):
    text = f"# A visit\n\n{first}\n\nWords after it.\n\n**Two?**\n\nSecond.\n"
    kinds = [k for _, k, _, _ in split(tmp_path, text, extra='questions = "bold"')]
    assert kinds[1:3] == (["question", "answer"] if opens else ["intro", "intro"])


def test_the_not_turns_advice_works_however_the_opening_is_marked(tmp_path):
    text = ("**Q:** What is OGA?\n\n**A:** A graphics card.\n\n**OGA:** Open Graphics Adapter.\n\n**Q:** And?\n\n"
            "**A:** That is all.\n")
    with pytest.raises(helpers.SeedError) as caught:
        split(tmp_path, text)
    assert caught.value.line == 5 and [f.line for f in caught.value.fixes] == ['not_turns = ["**OGA:**"]']
    for opening in ('"**OGA:**"', '"OGA:"', '"OGA"'):
        rows = split(tmp_path, text, extra=f"not_turns = [{opening}]")
        assert [kind for _, kind, _, _ in rows] == ["question", "answer", "editor_note", "question", "answer"]


# -- what is not speech, and the footer ------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "brk"), [("markdown", "***"), ("markdown", "---"), ("plain", "***"),
                                          ("markdown", "* * *")])
def test_a_thematic_break_among_the_turns_is_not_the_footer(tmp_path, fmt, brk):
    text = "A title\n\nQ: One?\n\nA: First.\n\n" + brk + "\n\nQ: Two?\n\nA: Second.\n"
    assert speech(split(tmp_path, text, fmt)) == EXPECTED
    assert report(tmp_path) == [(7, "a thematic break before the last turn, read as boilerplate: the interview goes "
                                    "on after it")]


def test_a_read_more_paragraph_among_the_turns_is_boilerplate_and_the_interview_goes_on(tmp_path):
    text = two_exchanges(between="\n\nRead more: [The garden story](https://example.org/garden)\n\n")
    rows = split(tmp_path, text)
    assert speech(rows) == EXPECTED and [k for _, k, _, _ in rows].count("boilerplate") == 2
    assert {d for _, d in report(tmp_path)} == {
        "a 'Read'... line before the last turn, read as boilerplate: the interview goes on after it"}


def test_an_unclosed_comment_hides_only_its_own_block(tmp_path):
    text = two_exchanges(between="\n\n<!-- a note the editor never closed\n\n")
    rows = split(tmp_path, text)
    assert speech(rows) == EXPECTED and [k for _, k, _, _ in rows].count("markup") == 2
    assert (3, "an HTML comment opened here is never closed: only this block is read as markup") in report(tmp_path)


def test_a_comment_that_holds_speaker_labels_is_reported(tmp_path):
    text = "**Q:** One?\n\n<!--\n\n**A:** A draft answer.\n\n-->\n\n**A:** First.\n\n**Q:** Two?\n\n**A:** Second.\n"
    assert speech(split(tmp_path, text)) == EXPECTED
    assert report(tmp_path)[0] == (3, "an HTML comment up to line 7 holds speaker labels: read as markup, as a browser "
                                      "hides it")


def test_exchanges_after_a_list_of_links_inside_an_answer_are_read(tmp_path):
    links = "\n".join(f"- [Report {k}](https://example.org/{k})" for k in range(1, 4))
    exchanges = "".join(f"**Q:** Question {k}?\n\n**A:** Answer {k}.\n\n" for k in range(2, 9))
    text = f"**Q:** Question 1?\n\n**A:** See these:\n\n{links}\n\n{exchanges}"
    turns = helpers.load_turns(write(tmp_path, text))
    assert turns["kind"].tolist() == ["question", "answer"] * 8
    assert turns.iloc[1]["clean"] == "See these:\nReport 1\nReport 2\nReport 3"


@pytest.mark.parametrize("closing", [
    "This work is licensed under a Creative Commons Attribution 4.0 License.",
    "© 2024 The Valley Review. All rights reserved.",
    'Retrieved from "https://example.org/wiki/Talk"',
], ids=["licence", "copyright", "wiki footer"])
@pytest.mark.parametrize("glued", [True, False], ids=["glued", "own paragraph"])
def test_a_licence_or_closing_line_after_the_last_answer_is_the_footer(tmp_path, closing, glued):
    text = two_exchanges(a2="**A:** Second.\n" + ("" if glued else "\n") + closing)
    rows = split(tmp_path, text)
    assert speech(rows) == EXPECTED and rows[-1][1] == "boilerplate"


def test_a_pull_quote_trimmed_with_an_ellipsis_is_not_counted_as_speech(tmp_path):
    text = ("**Q:** Will you stay?\n\n**A:** We will not leave the city, whatever the council decides about the "
            "old depot and the garden.\n\n"
            "> \u201cWe will not leave the city \u2026 whatever the council decides\u201d\n\n"
            "**Q:** Why?\n\n**A:** Because it is home.\n")
    frame = helpers.load_passages(write(tmp_path, text))
    quote = frame[frame["kind"] == "pull_quote"]
    assert quote["repeats"].tolist() == ["100:q1.a1"] and not quote["counted"].any()
    assert frame[frame["counted"]]["passage_id"].tolist() == ["100:q1", "100:q1.a1", "100:q2", "100:q2.a1"]


def test_a_file_catalogued_twice_is_refused_and_deleting_the_second_entry_fixes_it(tmp_path):
    folder = write(tmp_path, two_exchanges())
    catalog = folder / "catalog.toml"
    first = catalog.read_text(encoding="utf-8")
    entry = first.split("\n[[interview.people]]", 1)[0].replace('id = "100"', 'id = "101"')
    people = "[[interview.people]]" + first.split("\n[[interview.people]]", 1)[1]
    catalog.write_text(first + "\n" + entry + "\n" + people, encoding="utf-8")
    with pytest.raises(helpers.SeedError) as caught:
        helpers.load_turns(folder)
    assert caught.value.line == first.count("\n") + 2
    assert caught.value.problem.startswith("interview '101': file '100_t.txt' is already catalogued as interview '100'")
    [fix] = caught.value.fixes
    catalog.write_text(apply_fix(catalog.read_text(encoding="utf-8"), fix), encoding="utf-8")
    assert len(helpers.load_turns(folder)) == 4


# -- no input makes a search hang -----------------------------------------------------------------------


def test_parse_label_does_not_backtrack_on_runs_of_spaces():
    with within(5):
        started = time.process_time()
        for line in ["A" + " " * 50_000 + ":", "Ann" + " \u00a0\u200b" * 20_000 + "Lee:", "**" + " " * 50_000,
                     "Ann Lee" + " " * 50_000 + "x", "*" + " " * 50_000 + ":", "0:00 " * 20_000]:
            parse_label(line)
            known_label(line, ["Ann Lee", "A", "QR"])
        assert time.process_time() - started < 4


SEARCHED = {"markup": ["MD_LINK", "_MARKDOWN_INLINE", "INSERTION", "FULL_DATE", "_PLAIN_STOPS", "_MARKDOWN_STOPS"],
            "segment": ["END_MARK", "NOT_QUESTIONS", "FOOTER_HEADINGS"], "repeats": ["MARKUP", "ELLIPSIS"],
            "labels": ["_SPECIAL", "_RUNS"], "draft": ["_MARKDOWN_SIGNS", "_TITLE_NAME"]}
"""The expressions that run over whole paragraphs or texts (search, sub, findall): each must cost
linear time there. The others only match at the start of a line or a block."""
ADVERSARIAL = [c * 20_000 for c in " *_:#>[]()-.|=\u00a0<{A\n"] + [
    "a " * 10_000, "**a " * 5_000, "[" * 5_000 + "a", "{{<" * 7_000, "<a" * 10_000, "!" + "[a]" * 5_000,
    "Aaaa " * 4_000, "0:00 " * 4_000, "... " * 5_000]


def test_every_expression_of_the_splitter_is_bounded_on_adversarial_lines():
    from helpers.reading import blocks, draft, labels, markup, repeats, segment, structure

    modules = {m.__name__.rsplit(".", 1)[1]: m for m in (blocks, draft, labels, markup, repeats, segment, structure)}
    with within(60):
        for name, module in modules.items():
            for key, pattern in vars(module).items():
                if not isinstance(pattern, re.Pattern):
                    continue
                searched = key in SEARCHED.get(name, [])
                started = time.process_time()
                for line in ADVERSARIAL:
                    pattern.match(line)
                    pattern.fullmatch(line)
                    if searched:
                        pattern.findall(line)
                assert time.process_time() - started < 5, f"{name}.{key}"


def test_the_pull_quote_search_is_not_quadratic():
    interview = next(i for i in helpers.load_catalog() if i.format == "markdown")
    turns = "".join(f"### Question number {k} about the depot?\n\n**Mia:** We said that the council must answer "
                    f"for item {k} of the plan.\n\n**\u201cA quotation of nothing said, number {k}.\u201d**\n\n"
                    for k in range(1_500))
    with within(30):
        started = time.process_time()
        frame = passages_from_text(interview, "# A title\n\n" + turns)
        assert time.process_time() - started < 15
    assert (frame["kind"] == "pull_quote").sum() == 1_500 and (frame["repeats"] == "").all()


# -- a folder's keyword rules ------------------------------------------------------------------------------


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(\w+\s?)*$", r"(a|a)*b", r".*a.*b.*c", r"(x)\1", "a" * 300],
                         ids=["nested", "nested class", "alternation", "three unbounded", "backreference", "too long"])
def test_a_rules_pattern_that_could_hang_is_refused_with_its_file_and_line(tmp_path, pattern):
    rules = tmp_path / "rules.toml"
    rules.write_text(f"# rules\n\n[rules]\ncode = [\n  '\\bok\\b',\n  '{pattern}',\n]\n", encoding="utf-8")
    assert pattern_problem(pattern) is not None
    with pytest.raises(helpers.SeedError) as caught:
        helpers.load_rules(rules)
    assert caught.value.file.endswith("rules.toml") and caught.value.line == 6
    assert "is refused" in caught.value.problem


def test_the_study_s_rules_and_ordinary_keyword_patterns_are_accepted():
    assert len(helpers.load_rules()) == 12
    for pattern in [r"\bworkers?\b", r"\bnation\w*", r"collapse of the (?:ussr|soviet union)", r"\bdefend(?:ers?)?\b",
                    r"\bpeople'?s\s+war\b", r"self-determination", r"[a-z]{2,30}ism\b"]:
        assert pattern_problem(pattern) is None, pattern
        assert bounded_pattern(pattern, re.IGNORECASE, "rules.toml", 1, "pattern").pattern == pattern


# -- links out of the folder, and timestamps between turns ---------------------------------------------


def test_a_catalogued_seed_that_links_out_of_its_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("**Q:** One?\n\n**A:** A private answer.\n", encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    folder = write(tmp_path / "seeds", "x\n")
    (folder / "100_t.txt").unlink()
    (folder / "100_t.txt").symlink_to(secret)
    with pytest.raises(helpers.SeedError, match="is a symbolic link to a file outside the folder, which is refused"):
        helpers.load_passages(folder)
    from helpers.reading.check import check_folder

    [problem] = check_folder(folder).problems
    assert problem.file.endswith("100_t.txt") and "symbolic link to a file outside the folder" in problem.problem
    inside = folder / "copy.txt"
    inside.write_text("x\n", encoding="utf-8")
    (folder / "100_t.txt").unlink()
    (folder / "100_t.txt").symlink_to(inside)  # a link inside the folder is a file of the folder
    assert check_folder(folder).problems[0].problem.startswith("no question found")  # read, as its own text


def test_a_timestamp_alone_between_turns_is_markup(tmp_path):
    text = two_exchanges(between="\n\n[00:01:02]\n\n")
    rows = split(tmp_path, text)
    assert speech(rows) == EXPECTED and [k for _, k, _, _ in rows].count("markup") == 2
