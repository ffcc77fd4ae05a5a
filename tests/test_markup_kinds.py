"""Interviews the study was never tuned on: every common kind of real-world markup, each in a small
text of its own with the exact split expected (who says what, and what is not speech), and the
split report that says what a reader may want to check. The texts are made up for these tests."""

from __future__ import annotations

import hashlib
import json

import pytest

import helpers

Q, A, B = "Quinn Reporter", "Ann Speaker", "Bo Speaker"


def person(name: str, role: str, labels: list[str], names: list[str] | None = None) -> str:
    return (f'[[interview.people]]\nname = "{name}"\nrole = "{role}"\naffiliation = ""\n'
            f"labels = {json.dumps(labels, ensure_ascii=False)}\nnames = {json.dumps(names or [name])}\n"
            "affiliation_names = []\n")


def write(folder, text: str, fmt: str = "markdown", people: list[str] | None = None, extra: str = ""):
    """A one-interview catalog folder for `text`; people default to an interviewer labelled Q
    and one interviewee labelled A."""
    data = text.encode("utf-8")
    (folder / "100_t.txt").write_bytes(data)
    people = people or [person(Q, "interviewer", ["Q"]), person(A, "interviewee", ["A"])]
    entry = (f'[[interview]]\nid = "100"\nfile = "100_t.txt"\nsha256 = "{hashlib.sha256(data).hexdigest()}"\n'
             f'format = "{fmt}"\ntitle = "t"\noutlet = "o"\nsource_url = ""\ndate = "2024-01-01"\n'
             f'date_inferred = false\ndate_evidence = ""\nlanguage = "en"\ncontext_not_in_text = ""\n{extra}\n')
    (folder / "catalog.toml").write_text(entry + "\n".join(people), encoding="utf-8")
    return folder


def split(folder, text, fmt="markdown", people=None, extra=""):
    """(passage_id, kind, speaker, clean) of every segment but leading white space."""
    frame = helpers.load_passages(write(folder, text, fmt, people, extra))
    rows = frame[frame["kind"] != "blank"]
    return [tuple(r) for r in rows[["passage_id", "kind", "speaker", "clean"]].itertuples(index=False)]


def report(folder) -> list[tuple[int, str]]:
    return [(r.line, r.decision) for r in helpers.split_report(folder).itertuples()]


def speech(rows):
    return [(pid, who, words) for pid, kind, who, words in rows if kind in helpers.SPEECH_KINDS]


# -- what is not speech ----------------------------------------------------------------------


def test_yaml_front_matter_is_metadata_never_a_turn(tmp_path):
    text = '---\ntitle: "A talk"\ndate: 2024-03-01\n---\n\n# A talk\n\n**Q:** Why now?\n\n**A:** Because it matters.\n'
    assert split(tmp_path, text) == [
        ("100:metadata1", "metadata", "", 'title: "A talk" date: 2024-03-01'),
        ("100:title1", "title", "", "A talk"),
        ("100:q1", "question", Q, "Why now?"),
        ("100:q1.a1", "answer", A, "Because it matters."),
    ]


def test_toml_front_matter_with_blank_lines_and_a_crlf_body(tmp_path):
    text = "+++\ntitle = 'A talk'\n\ntags = ['x']\n+++\r\n\r\nQ: Why now?\r\n\r\nA: Because.\r\n"
    rows = split(tmp_path, text, "plain")
    assert [r[1] for r in rows] == ["metadata", "metadata", "question", "answer"]
    assert speech(rows) == [("100:q1", Q, "Why now?"), ("100:q1.a1", A, "Because.")]


def test_shortcodes_comments_tags_images_and_captions_are_not_speech(tmp_path):
    text = ('{{< figure src="a.jpg" >}}\n\n<!-- a comment\n\nover two blocks -->\n\n![The square](square.jpg)\n\n'
            "*The square in 2014.*\n\n**Q:** What happened?\n\n<div class=\"note\">\n\n**A:** We met.\n\n"
            "{{% aside %}}Sidebar text{{% /aside %}}\n\n</div>\n")
    assert split(tmp_path, text) == [
        ("100:markup1", "markup", "", 'figure src="a.jpg"'.join(["{{< ", " >}}"])),
        ("100:markup2", "markup", "", "<!-- a comment"),
        ("100:markup3", "markup", "", "over two blocks -->"),
        ("100:markup4", "markup", "", "The square"),
        ("100:caption1", "caption", "", "The square in 2014."),
        ("100:q1", "question", Q, "What happened?"),
        ("100:markup5", "markup", "", '<div class="note">'),
        ("100:q1.a1", "answer", A, "We met."),
        ("100:markup6", "markup", "", "{{% aside %}}Sidebar text{{% /aside %}}"),
        ("100:markup7", "markup", "", "</div>"),
    ]


def test_footnotes_are_notes_and_their_markers_are_not_counted_as_speech(tmp_path):
    text = "**Q:** Where were you?\n\n**A:** In the city.[^1] We stayed.^2^\n\n[^1]: The capital.\n"
    rows = split(tmp_path, text)
    assert rows[-1] == ("100:note1", "editor_note", "Editor", "[^1]: The capital.")
    tokens = helpers.load_tokens(tmp_path)
    assert " ".join(tokens[tokens["is_word"]]["token"]) == "In the city We stayed"
    assert report(tmp_path) == [(5, "a footnote, read as a note")]


def test_numbered_notes_after_a_rule_are_the_footer(tmp_path):
    text = "**Q:** Where?\n\n**A:** There.\n\n---\n\n1. The capital.\n2. A river.\n"
    assert [r[1] for r in split(tmp_path, text)] == ["question", "answer", "boilerplate", "boilerplate"]


@pytest.mark.parametrize("mark", [" | **P**", " ■", "\n\n—30—"], ids=["pipe and bold letter", "square", "dash thirty"])
def test_an_end_of_article_mark_is_separated_from_the_last_answer(tmp_path, mark):
    text = f"**Q:** Where?\n\n**A:** There, in the end.{mark}\n\nRecent Posts\n"
    rows = split(tmp_path, text)
    assert speech(rows) == [("100:q1", Q, "Where?"), ("100:q1.a1", A, "There, in the end.")]
    assert [r[1] for r in rows[2:]] == ["boilerplate", "boilerplate"]


def test_link_lists_and_web_footers_after_the_last_answer_are_not_speech(tmp_path):
    text = ("Q: Where?\n\nA: There.\n\n- [Another interview](https://a.example/1)\n- [More](https://a.example/2)\n\n"
            'Retrieved from "https://a.example/wiki/Talk"\n')
    rows = split(tmp_path, text, "plain")
    assert speech(rows) == [("100:q1", Q, "Where?"), ("100:q1.a1", A, "There.")]
    assert [r[1] for r in rows[2:]] == ["boilerplate", "boilerplate"]
    assert report(tmp_path) == [(5, "a list of links after the answers, read as the footer")]


# -- labels in every common form ---------------------------------------------------------------


def test_labels_in_every_common_form_resolve_to_their_speakers(tmp_path):
    people = [person(Q, "interviewer", ["Quinn Reporter", "QR"]), person(A, "interviewee", ["ANN", "AS", "Ann"])]
    text = ("Title line\n\nQuinn Reporter: One?\n\n**ANN:** First.\n\n**QR**: Two?\n\n**AS**:Second.\n\n"
            "*QR:* Three?\n\nANN: Third.\n\nQR\u00a0: Four?\n\n**\u200bAnn\u00a0:** Fourth.\n\n"
            "QR:  Five?\n\nAnn:  Fifth.\n")
    assert speech(split(tmp_path, text, "plain", people)) == [
        ("100:q1", Q, "One?"), ("100:q1.a1", A, "First."), ("100:q2", Q, "Two?"), ("100:q2.a1", A, "Second."),
        ("100:q3", Q, "Three?"), ("100:q3.a1", A, "Third."), ("100:q4", Q, "Four?"), ("100:q4.a1", A, "Fourth."),
        ("100:q5", Q, "Five?"), ("100:q5.a1", A, "Fifth."),
    ]


@pytest.mark.parametrize("style", ["Q:", "Q."], ids=["colon", "full stop"])
def test_q_and_a_labels(tmp_path, style):
    a = style.replace("Q", "A")
    text = f"A title\n\n{style} Why?\n\n{a} Because.\n\n{style} And then?\n\n{a} Then this.\n"
    assert speech(split(tmp_path, text, "plain")) == [
        ("100:q1", Q, "Why?"), ("100:q1.a1", A, "Because."), ("100:q2", Q, "And then?"), ("100:q2.a1", A, "Then this.")]


def test_role_words_joint_labels_misspelt_and_mojibake_labels_listed_in_the_catalog(tmp_path):
    people = [person("Jo Asker", "interviewer", ["Interviewer"]), person("Kim Asker", "interviewer", ["Kim"]),
              person("María Pérez", "interviewee", ["MarÃ­a PÃ©rez", "Maria Perrez", "MP"]),
              person("Jo and Kim", "interviewer", ["Jo and Kim"])]
    text = ("A title\n\nInterviewer: One?\n\nMaria Perrez: First.\n\nKim: Two?\n\nMarÃ­a PÃ©rez: Second.\n\n"
            "Jo and Kim: Three?\n\nMP: Third.\n")
    assert speech(split(tmp_path, text, "plain", people)) == [
        ("100:q1", "Jo Asker", "One?"), ("100:q1.a1", "María Pérez", "First."), ("100:q2", "Kim Asker", "Two?"),
        ("100:q2.a1", "María Pérez", "Second."), ("100:q3", "Jo and Kim", "Three?"),
        ("100:q3.a1", "María Pérez", "Third.")]


def test_a_label_alone_on_its_line_gives_the_next_paragraph_to_its_speaker(tmp_path):
    people = [person(Q, "interviewer", ["INTERVIEWER"]), person(A, "interviewee", ["SMITH"])]
    text = ("An oral history\n\nINTERVIEWER:\n\nWhere were you born?\n\nSMITH\n\nIn Leeds.\n\n"
            "SMITH:\nAnd raised there.\n")
    assert speech(split(tmp_path, text, "plain", people)) == [
        ("100:q1", Q, "Where were you born?"), ("100:q1.a1", A, "In Leeds."), ("100:q1.a2", A, "And raised there.")]
    assert report(tmp_path) == [(11, f"{A} answers again after their own answer, with no question between: "
                                     "check for a missed interviewer label")]


def test_two_interviewers_and_interviewees_who_answer_in_turn(tmp_path):
    people = [person(Q, "interviewer", ["QR"]), person("Pat Asker", "interviewer", ["PA"]),
              person(A, "interviewee", ["AS"]), person(B, "interviewee", ["BS"])]
    text = "A title\n\nQR: One?\n\nAS: Mine.\n\nBS: Mine too.\n\nPA: Two?\n\nBS: Me first.\n\nAS: Then me.\n"
    assert speech(split(tmp_path, text, "plain", people)) == [
        ("100:q1", Q, "One?"), ("100:q1.a1", A, "Mine."), ("100:q1.a2", B, "Mine too."),
        ("100:q2", "Pat Asker", "Two?"), ("100:q2.a1", B, "Me first."), ("100:q2.a2", A, "Then me.")]
    assert report(tmp_path) == []


# -- questions without labels ----------------------------------------------------------------------


def test_question_headings_with_a_q_label_and_unlabelled_answers(tmp_path):
    text = "# A talk\n\n## Q: Why now?\n\nBecause it matters.\n\nAnd it still does.\n\n## How?\n\nSlowly.\n"
    assert speech(split(tmp_path, text)) == [
        ("100:q1", Q, "Why now?"), ("100:q1.a1", A, "Because it matters."), ("100:q1.a1.p2", A, "And it still does."),
        ("100:q2", Q, "How?"), ("100:q2.a1", A, "Slowly.")]


@pytest.mark.parametrize(("questions", "mark"), [("bold", "**"), ("italic", "*")])
def test_bold_or_italic_questions_declared_in_the_catalog(tmp_path, questions, mark):
    people = [person(Q, "interviewer", []), person(A, "interviewee", ["AS"]), person(B, "interviewee", ["BS"])]
    text = (f"# A talk\n\nAn introduction.\n\n{mark}Why now?{mark}\n\nAS: Because.\n\nBS: Indeed.\n\n"
            f"{mark}Tell us more.{mark}\n\nAS: Gladly.\n")
    assert speech(split(tmp_path, text, people=people, extra=f'questions = "{questions}"')) == [
        ("100:q1", Q, "Why now?"), ("100:q1.a1", A, "Because."), ("100:q1.a2", B, "Indeed."),
        ("100:q2", Q, "Tell us more."), ("100:q2.a1", A, "Gladly.")]


def test_headings_that_are_not_questions_are_section_titles_and_what_follows_them_unlabelled_is_not_speech(
        tmp_path):
    text = ("# A talk\n\n## Contents\n\n## Why now? (In brief)\n\nBecause.\n\n## The early years\n\n"
            "The writer sets the scene.\n\n**Q:** And then?\n\n**A:** Then I left.\n\n## To be continued\n")
    rows = split(tmp_path, text)
    assert [(pid, kind) for pid, kind, _, _ in rows] == [
        ("100:title1", "title"), ("100:title2", "title"), ("100:q1", "question"), ("100:q1.a1", "answer"),
        ("100:title3", "title"), ("100:note1", "editor_note"), ("100:q2", "question"), ("100:q2.a1", "answer"),
        ("100:title4", "title")]
    assert [d for _, d in report(tmp_path)] == ["a heading that is not a question, read as a section title"] * 2 + [
        "a paragraph without a label after a section title, read as the editor's",
        "a heading that is not a question, read as a section title: the footer begins here"]


# -- lines that look like labels but are not turns ---------------------------------------------------


def test_update_and_note_lines_are_the_editors(tmp_path):
    text = "**UPDATE:** The talk was moved.\n\n**Q:** Why?\n\n**A:** Rain.\n\nNote: Edited for length.\n"
    rows = split(tmp_path, text)
    assert [(kind, who) for _, kind, who, _ in rows] == [
        ("editor_note", "Editor"), ("question", Q), ("answer", A), ("editor_note", "Editor")]
    assert [d for _, d in report(tmp_path)] == ["an editorial label, read as the editor's note"] * 2


def test_an_unknown_label_stops_with_what_to_do_and_the_catalog_resolves_it(tmp_path):
    text = ("**Q:** What is ABC?\n\n**A:** A union.\n\n**ABC:** the All-Bakers Council.\n\n**Q:** And now?\n\n"
            "**A:** Fine.\n")
    with pytest.raises(helpers.SeedError, match=r"100_t\.txt:5: unknown speaker label 'ABC': .*not_turns") as caught:
        split(tmp_path, text)
    assert [str(f).split("] ", 1)[1] for f in caught.value.fixes] == ['not_turns = ["**ABC:**"]']
    rows = split(tmp_path, text, extra='not_turns = ["**ABC:**"]')
    assert [kind for _, kind, _, _ in rows] == ["question", "answer", "editor_note", "question", "answer"]
    assert report(tmp_path) == [(5, "declared not a turn in the catalog")]


def test_quoted_email_headers_stay_in_the_answer(tmp_path):
    text = "**Q:** What did they write?\n\n**A:** This:\n\nFrom: The office\nSubject: Your visit\n\nWe said no.\n"
    assert speech(split(tmp_path, text)) == [
        ("100:q1", Q, "What did they write?"), ("100:q1.a1", A, "This:"),
        ("100:q1.a1.p2", A, "From: The office Subject: Your visit"), ("100:q1.a1.p3", A, "We said no.")]
    assert report(tmp_path) == [(5, "an e-mail header, read as part of the text around it")]


def test_a_header_block_naming_the_interviewer_is_metadata(tmp_path):
    people = [person("Jane Doe", "interviewer", ["Interviewer"]), person("Sam Roe", "interviewee", ["Sam Roe"])]
    text = ("A title\n\nInterviewer: Jane Doe\n\nSam Roe: An interview conducted by Jane Doe in May.\n\n"
            "Interviewer: Where?\n\nSam Roe: Here.\n")
    rows = split(tmp_path, text, "plain", people)
    assert [kind for _, kind, _, _ in rows] == ["title", "metadata", "metadata", "question", "answer"]


# -- pull quotes ----------------------------------------------------------------------------------------


def test_pull_quotes_are_found_by_the_words_they_repeat_wherever_they_stand(tmp_path):
    text = ('# A talk\n\n**A:** "We will not leave the city whatever happens."\n\n**Q:** Will you stay?\n\n'
            "**A:** Yes. We will not leave the city whatever happens. Never.\n\n**Q:** And the others?\n\n"
            "**A:** They stay with us, all of them, every single one.\n\n"
            "> They stay with us, all of them\n\n**Q:** Why?\n\n**A:** Because it is home.\n\n"
            "We will not leave the city whatever\n")
    rows = split(tmp_path, text)
    assert [(pid, kind) for pid, kind, _, _ in rows if kind == "pull_quote"] == [
        ("100:pullquote1", "pull_quote"), ("100:pullquote2", "pull_quote"), ("100:pullquote3", "pull_quote")]
    frame = helpers.load_passages(tmp_path)
    assert frame[frame["kind"] == "pull_quote"]["repeats"].tolist() == ["100:q1.a1", "100:q2.a1", "100:q1.a1"]
    assert speech(rows)[-1] == ("100:q3.a1", A, "Because it is home.")


@pytest.mark.parametrize("markup", ['<blockquote class="pullquote">We keep the doors open every day.</blockquote>',
                                    "{{< pullquote >}}We keep the doors open every day.{{< /pullquote >}}"],
                         ids=["html", "shortcode"])
def test_site_specific_pull_quote_markup(tmp_path, markup):
    text = f"**Q:** Why?\n\n**A:** Because we keep the doors open every day. Nobody else does.\n\n{markup}\n"
    frame = helpers.load_passages(write(tmp_path, text))
    quote = frame[frame["kind"] == "pull_quote"]
    assert quote["repeats"].tolist() == ["100:q1.a1"] and not quote["counted"].any()


def test_a_question_left_without_an_answer_is_reported(tmp_path):
    text = "**Q:** One?\n\n**Q:** Two?\n\n**A:** Only two.\n"
    split(tmp_path, text)
    assert report(tmp_path) == [(1, "question with no answer before the next question or the end")]
