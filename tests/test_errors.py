"""Bad input gets one clear error, `SeedError`, naming the file, the line and the problem."""

from __future__ import annotations

import re

import pytest
from conftest import catalog_entry, write_seeds

import helpers
from helpers import SeedError
from helpers.reading.passages import passages_of

GOOD_PLAIN = "Title\n\nIntro.\n\nWW: A question?\n\nMC: An answer.\n"
GOOD_MARKDOWN = "# Title\n\n## A question?\n\n**Mia:** An answer.\n"


def load_error(folder) -> SeedError:
    with pytest.raises(SeedError) as caught:
        helpers.load_passages(folder)
    return caught.value


def seed_error(tmp_path, content, fmt="plain") -> SeedError:
    return load_error(write_seeds(tmp_path, {"100_test.txt": (content, fmt)}))


def test_missing_catalog_names_the_catalog(tmp_path):
    err = load_error(tmp_path)
    assert err.file.endswith("catalog.toml") and "catalog file not found" in str(err)


def test_catalog_naming_a_missing_file_names_the_catalog_line(tmp_path):
    (tmp_path / "catalog.toml").write_text(catalog_entry("100", "100_gone.txt", b"x"), encoding="utf-8")
    err = load_error(tmp_path)
    assert err.file.endswith("catalog.toml") and err.line == 3
    assert "seed file '100_gone.txt' not found" in err.problem


def test_seed_removed_after_the_catalog_was_read_is_reported(tmp_path):
    folder = write_seeds(tmp_path, {"100_test.txt": (GOOD_PLAIN, "plain")})
    [interview] = helpers.load_catalog(folder)
    (folder / "100_test.txt").unlink()
    with pytest.raises(SeedError, match=r"100_test.txt: seed file not found"):
        passages_of(interview)


def test_empty_file(tmp_path):
    err = seed_error(tmp_path, b"")
    assert err.file.endswith("100_test.txt") and err.problem == "seed file is empty"


def test_file_of_only_white_space(tmp_path):
    assert seed_error(tmp_path, "\n \n\t\n").problem == "seed file holds only white space"


def test_file_that_is_not_utf8_names_the_line_of_the_bad_byte(tmp_path):
    err = seed_error(tmp_path, "Title\n\nWW: Where?\n\nMC: In Kyiv \xe9.\n".encode("latin-1"))
    assert err.line == 5 and "not UTF-8: byte 0xe9" in err.problem


def test_binary_file(tmp_path):
    err = seed_error(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert err.line == 3 and "binary" in err.problem


def test_seed_whose_sha256_differs_from_the_catalog(tmp_path):
    folder = write_seeds(tmp_path, {"100_test.txt": (GOOD_PLAIN, "plain")})
    (folder / "100_test.txt").write_text(GOOD_PLAIN.replace("An answer", "Another answer"), encoding="utf-8")
    err = load_error(folder)
    assert err.file.endswith("100_test.txt")
    assert re.search(r"sha256 is [0-9a-f]{64}, but .*catalog.toml line 1 says", err.problem)


def test_unknown_speaker_label(tmp_path):
    err = seed_error(tmp_path, GOOD_PLAIN + "\nXY: Who is this?\n")
    assert err.line == 9 and "unknown speaker label 'XY'" in err.problem and "'MC'" in err.problem


def test_unknown_bold_speaker_label(tmp_path):
    err = seed_error(tmp_path, GOOD_MARKDOWN + "\n**Olga:** Hello.\n", "markdown")
    assert err.line == 7 and "unknown speaker label 'Olga'" in err.problem


def test_answer_before_any_question(tmp_path):
    err = seed_error(tmp_path, "Title\n\nMC: I answer first.\n\nWW: A question?\n")
    assert err.line == 3 and err.problem.startswith("answer by Maxim Chalenko before any question: if this line is not")
    assert "not_turns" in err.problem
    assert [f.line for f in err.fixes] == ['not_turns = ["MC: I answer first."]']


def test_label_with_no_text(tmp_path):
    err = seed_error(tmp_path, "Title\n\nWW: A question?\n\nMC:\n\nWW: The next question?\n")
    assert err.line == 5 and err.problem == "speaker label for Maxim Chalenko with no text after it"


def test_bold_label_with_no_text(tmp_path):
    err = seed_error(tmp_path, "# Title\n\n## Q?\n\n**Mia:**\n", "markdown")
    assert err.line == 5 and err.problem == "speaker label for Mia with no text after it"


def test_duplicate_catalog_ids(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_PLAIN, encoding="utf-8")
    data = GOOD_PLAIN.encode()
    catalog = catalog_entry("100", "a.txt", data) + "\n" + catalog_entry("100", "a.txt", data)
    (tmp_path / "catalog.toml").write_text(catalog, encoding="utf-8")
    err = load_error(tmp_path)
    second = catalog.splitlines().index("[[interview]]", 1) + 1
    assert err.line == second and err.problem == "duplicate interview id '100' (first used at line 1)"


def test_catalog_entry_missing_a_field(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_PLAIN, encoding="utf-8")
    (tmp_path / "catalog.toml").write_text(catalog_entry("100", "a.txt", b"", sha256=None), encoding="utf-8")
    err = load_error(tmp_path)
    assert err.line == 1 and err.problem == "interview '100' has no `sha256` field"


def test_catalog_field_of_the_wrong_type_names_its_line(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_PLAIN, encoding="utf-8")
    (tmp_path / "catalog.toml").write_text(catalog_entry("100", "a.txt", b"", date_inferred='"no"'), encoding="utf-8")
    err = load_error(tmp_path)
    assert err.line == 10 and "`date_inferred` should be a bool, not str" in err.problem


def test_catalog_that_is_not_toml(tmp_path):
    (tmp_path / "catalog.toml").write_text("[[interview]]\nid = \n", encoding="utf-8")
    err = load_error(tmp_path)
    assert err.line == 2 and "not valid TOML" in err.problem


def test_catalog_with_an_unknown_format(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_PLAIN, encoding="utf-8")
    (tmp_path / "catalog.toml").write_text(catalog_entry("100", "a.txt", b"", format='"html"'), encoding="utf-8")
    err = load_error(tmp_path)
    assert err.line == 5 and "format 'html' is not one of plain, markdown" in err.problem


def test_catalog_label_naming_two_people(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_PLAIN, encoding="utf-8")
    people = catalog_entry("100", "a.txt", b"").split("\n[[interview.people]]", 1)[1]
    entry = catalog_entry("100", "a.txt", b"", people="[[interview.people]]" + people.replace('"MC"]', '"WW"]'))
    (tmp_path / "catalog.toml").write_text(entry, encoding="utf-8")
    assert "label 'WW' names both Workers World and Maxim Chalenko" in load_error(tmp_path).problem


def test_unlabelled_answer_with_two_interviewees_is_refused(tmp_path):
    err = seed_error(tmp_path, "# Title\n\n## A question?\n\nWho says this?\n", "markdown")
    assert err.line == 5 and "cannot tell which of Vasylyna, Mia answers" in err.problem


def test_a_footer_phrase_before_the_last_turn_is_boilerplate_and_the_interview_goes_on(tmp_path):
    text = GOOD_PLAIN + "\nPublished by\nSomeone\n\nMC: More words.\n"
    folder = write_seeds(tmp_path, {"100_test.txt": (text, "plain")})
    frame = helpers.load_passages(folder)
    assert frame[["kind", "line"]].values.tolist()[-2:] == [["boilerplate", 9], ["answer", 12]]
    assert helpers.split_report(folder)["decision"].tolist() == [
        "a 'Published'... line before the last turn, read as boilerplate: the interview goes on after it",
        "Maxim Chalenko answers again after their own answer, with no question between: check for a missed "
        "interviewer label"]


def test_text_without_any_question(tmp_path):
    err = seed_error(tmp_path, "Title\n\nJust an article, no interview.\n")
    assert err.line is None and err.problem.startswith("no question found")


def test_question_heading_without_text(tmp_path):
    err = seed_error(tmp_path, "# Title\n\n## ****\n\n**Mia:** Hi.\n", "markdown")
    assert err.line == 3 and err.problem == "question heading with no text"


def test_error_message_reads_file_line_problem(tmp_path):
    err = seed_error(tmp_path, GOOD_PLAIN + "\nXY: Who?\n")
    assert str(err).startswith(f"{err.file}:9: unknown speaker label")
    assert isinstance(err, ValueError)


def test_windows_line_endings_split_like_unix_ones(tmp_path):
    unix = write_seeds(tmp_path / "unix", {"100_a.txt": (GOOD_PLAIN, "plain")})
    dos = write_seeds(tmp_path / "dos", {"100_a.txt": (GOOD_PLAIN.replace("\n", "\r\n"), "plain")})
    a, b = helpers.load_passages(unix), helpers.load_passages(dos)
    columns = ["passage_id", "kind", "speaker", "clean", "line"]
    assert a[columns].equals(b[columns])
    assert "".join(b["text"]) == GOOD_PLAIN.replace("\n", "\r\n")


def test_byte_order_mark_is_kept_in_text_and_dropped_from_clean(tmp_path):
    folder = write_seeds(tmp_path, {"100_a.txt": ("\ufeff" + GOOD_PLAIN, "plain")})
    frame = helpers.load_passages(folder)
    assert "".join(frame["text"]) == "\ufeff" + GOOD_PLAIN
    assert frame.iloc[0]["passage_id"] == "100:blank1"
    assert frame.iloc[0]["text"] == "\ufeff"
    assert frame["clean"].tolist()[1:] == ["Title", "Intro.", "A question?", "An answer."]


def test_byte_order_mark_does_not_hide_a_markdown_title(tmp_path):
    folder = write_seeds(tmp_path, {"100_a.txt": ("\ufeff\n" + GOOD_MARKDOWN, "markdown")})
    frame = helpers.load_passages(folder)
    assert frame["kind"].tolist() == ["blank", "title", "question", "answer"]
    assert frame.iloc[0]["text"] == "\ufeff\n"
