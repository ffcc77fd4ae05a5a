"""Your own interviews in one command: catalog entries drafted from the raw texts (`python -m helpers
catalog DIR`), and a folder checked all at once (`python -m helpers check DIR`). The texts in
`tests/fixtures/layouts/` are made up for these tests, each in a layout the other tests do not use;
`cases.json` there gives the line of every question and answer, counted by hand."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest

import helpers
from helpers.plumbing.fixes import apply_fix
from helpers.plumbing.paths import PROJECT_ROOT, SEEDS_DIR
from helpers.reading.check import check_folder, format_check
from helpers.reading.check import main as check_main
from helpers.reading.draft import draft_catalog, format_drafts
from helpers.reading.draft import main as draft_main

LAYOUTS = PROJECT_ROOT / "tests" / "fixtures" / "layouts"
CASES = json.loads((LAYOUTS / "cases.json").read_text(encoding="utf-8"))


def drafted(folder: Path, *files: Path) -> Path:
    """A folder holding copies of `files`, its catalog drafted."""
    folder.mkdir(parents=True, exist_ok=True)
    for file in files:
        shutil.copy(file, folder)
    draft_catalog(folder)
    return folder


def ids(passages):
    return [(p.split(":", 1)[1], k) for p, k in zip(passages["passage_id"], passages["kind"], strict=True)]


def test_drafting_the_study_s_seeds_reproduces_every_passage_id_and_kind(tmp_path):
    files = [i.path for i in helpers.load_catalog()]
    folder = drafted(tmp_path / "seeds", *files)
    study, draft = helpers.load_passages(), helpers.load_passages(folder)
    for file in (f.name for f in files):
        assert ids(draft[draft["source"] == file]) == ids(study[study["source"] == file]), file


def test_a_draft_leaves_what_the_text_cannot_tell_empty_and_shows_its_evidence(tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    shutil.copy(SEEDS_DIR / "000_f9e212dc11d7c8a9.txt", folder)
    drafts, notes = draft_catalog(folder)
    [entry] = tomllib.loads((folder / "catalog.toml").read_text(encoding="utf-8"))["interview"]
    assert (entry["outlet"], entry["source_url"], entry["date"], entry["language"]) == ("", "", "", "")
    assert entry["title"] == "Lugansk communist: \u2018Donbass is in great need of international solidarity\u2019"
    assert [(p["name"], p["role"], p["labels"]) for p in entry["people"]] == [
        ("Workers World", "interviewer", ["Workers World", "WW"]),
        ("Maxim Chalenko", "interviewee", ["Maxim Chalenko", "MC"]), ("Greg Butterfield", "author", [])]
    report = format_drafts(drafts, notes, folder)
    assert "unknown (left empty, fill in if you know): outlet, source_url, context_not_in_text, date" in report
    assert "9 turns (lines 7, 19, 27, 39, 47, 55, ...), 7 ending with a question mark" in report
    assert "signs the piece: byline on line 106" in report and notes == []


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_each_made_up_layout_splits_exactly_from_its_draft(tmp_path, case):
    folder = drafted(tmp_path / "one", LAYOUTS / case["file"])
    assert check_folder(folder).problems == []
    turns = helpers.load_turns(folder)
    answers = turns[turns["kind"] == "answer"]
    assert turns[turns["kind"] == "question"]["line"].tolist() == case["q"]
    assert answers["line"].tolist() == case["a"]
    by = {}
    for line, speaker in zip(case["a"], answers["speaker"], strict=True):
        by.setdefault(speaker, set()).add(line)
    expected = {}
    for line, speaker in zip(case["a"], case["by"], strict=True):
        expected.setdefault(speaker, set()).add(line)
    assert sorted(map(sorted, by.values())) == sorted(map(sorted, expected.values()))


def test_a_markdown_file_named_markdown_is_drafted_and_read_as_markdown(tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "talk.markdown").write_text("# A talk\n\n### What now?\n\nWe wait.\n\n### And then?\n\nWe go.\n",
                                          encoding="utf-8")
    draft_catalog(folder)
    [entry] = tomllib.loads((folder / "catalog.toml").read_text(encoding="utf-8"))["interview"]
    assert (entry["file"], entry["format"]) == ("talk.markdown", "markdown")
    assert helpers.load_turns(folder)["kind"].tolist() == ["question", "answer", "question", "answer"]


def test_initials_that_spell_an_editor_s_label_are_a_speaker_s_and_a_bold_line_before_a_break_a_question(tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    text = ("# The map\n\nWe asked its makers.\n\n**How did it start?** <br>\n**Phillip Smith**: Slowly.\n\n"
            "**What was hard?**<br>\n**PS**: The data.\n\n**And now?**<br>\n**Robyn Smith**: We rest.\n\n"
            "**Will you do it again?**<br>\n**RS**: Yes.\n**PS**: Perhaps.\n")
    (folder / "map.md").write_text(text, encoding="utf-8")
    draft_catalog(folder)
    [entry] = tomllib.loads((folder / "catalog.toml").read_text(encoding="utf-8"))["interview"]
    assert entry["questions"] == "bold"
    assert [(p["name"], p["role"], p["labels"]) for p in entry["people"]] == [
        ("Interviewer", "interviewer", []), ("Phillip Smith", "interviewee", ["Phillip Smith", "PS"]),
        ("Robyn Smith", "interviewee", ["Robyn Smith", "RS"])]
    turns = helpers.load_turns(folder)
    assert turns[["kind", "line"]].values.tolist() == [["question", 5], ["answer", 6], ["question", 8], ["answer", 9],
                                                      ["question", 11], ["answer", 12], ["question", 14],
                                                      ["answer", 15], ["answer", 16]]
    assert turns[turns["kind"] == "answer"]["speaker"].tolist() == ["Phillip Smith", "Phillip Smith", "Robyn Smith",
                                                                    "Robyn Smith", "Phillip Smith"]


def test_a_postscript_stays_the_editor_s_where_no_speaker_has_those_initials(tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    text = "A talk\n\nQ: One?\n\nA: First.\n\nQ: Two?\n\nA: Second.\n\nPS: Thanks to the hall.\n"
    (folder / "talk.txt").write_text(text, encoding="utf-8")
    draft_catalog(folder)
    [entry] = tomllib.loads((folder / "catalog.toml").read_text(encoding="utf-8"))["interview"]
    assert all("PS" not in p["labels"] for p in entry["people"])
    assert check_folder(folder).problems == []


def test_a_catalogued_text_is_not_drafted_again_and_a_changed_one_is_refreshed_only_on_request(tmp_path, capsys):
    folder = drafted(tmp_path / "two", LAYOUTS / "rev_ferry.txt")
    shutil.copy(LAYOUTS / "caps_hearing.txt", folder)
    ferry = folder / "rev_ferry.txt"
    ferry.write_text(ferry.read_text(encoding="utf-8") + "\nA late correction.\n", encoding="utf-8")
    assert draft_main([str(folder)]) == 0
    printed = capsys.readouterr().out
    assert "caps_hearing.txt: drafted as interview 'caps_hearing'" in printed
    assert "rev_ferry.txt changed since it was catalogued" in printed and "run with REFRESH=1 to record it" in printed
    assert [p.problem.split(",")[0] for p in check_folder(folder).problems] == [
        check_folder(folder).problems[0].problem.split(",")[0]]
    assert "sha256 is" in check_folder(folder).problems[0].problem
    assert draft_main([str(folder), "--refresh"]) == 0
    assert "; recorded" in capsys.readouterr().out and check_folder(folder).problems == []
    assert tomllib.loads((folder / "catalog.toml").read_text(encoding="utf-8"))["interview"][1]["id"] == "caps_hearing"


def test_drafting_refuses_to_write_through_a_catalog_that_is_a_link(tmp_path):
    elsewhere = tmp_path / "elsewhere.toml"
    elsewhere.write_text("# not yours\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    shutil.copy(LAYOUTS / "rev_ferry.txt", folder)
    (folder / "catalog.toml").symlink_to(elsewhere)
    with pytest.raises(helpers.SeedError, match="the catalog is a symbolic link: refused"):
        draft_catalog(folder)
    assert elsewhere.read_text(encoding="utf-8") == "# not yours\n"


def test_a_text_that_is_not_utf8_is_named_not_drafted(tmp_path, capsys):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "latin.txt").write_bytes("Q: Caf\xe9?\n\nA: Oui.\n".encode("latin-1"))
    assert draft_main([str(folder)]) == 1
    assert "latin.txt:1: not UTF-8" in capsys.readouterr().out


# -- checking a folder ---------------------------------------------------------------------------


def messy(folder: Path) -> Path:
    """A folder with one good text, one with two unknown labels, one not catalogued, one changed
    since it was catalogued, and a README that is not an interview."""
    drafted(folder, LAYOUTS / "rev_ferry.txt", LAYOUTS / "qa_lines_choir.txt", LAYOUTS / "caps_hearing.txt")
    choir = folder / "qa_lines_choir.txt"
    choir.write_text(choir.read_text(encoding="utf-8").replace("The sopranos", "ALTO: The sopranos")
                     + "BASS: We are here too.\n", encoding="utf-8")
    hearing = folder / "caps_hearing.txt"
    hearing.write_text(hearing.read_text(encoding="utf-8") + "MS. ADAMS: One more question?\n", encoding="utf-8")
    catalog = folder / "catalog.toml"
    [changed] = [p for p in check_folder(folder).problems if p.file.endswith("qa_lines_choir.txt")]
    catalog.write_text(apply_fix(catalog.read_text(encoding="utf-8"), changed.fixes[0]),
                       encoding="utf-8")  # the choir's new checksum, so that its labels are checked
    shutil.copy(LAYOUTS / "otter_allotment.txt", folder)
    (folder / "README.md").write_text("# About this folder\n", encoding="utf-8")
    return folder


def test_the_check_lists_every_problem_of_every_text_at_once(tmp_path):
    check = check_folder(messy(tmp_path / "messy"))
    assert [t.file for t in check.texts] == ["caps_hearing.txt", "otter_allotment.txt", "qa_lines_choir.txt",
                                             "rev_ferry.txt"]
    found = [(t.file, p.line, p.problem.split(":")[0]) for t in check.texts for p in t.problems]
    assert found == [("caps_hearing.txt", None, "sha256 is " + found[0][2].split("is ", 1)[1]),
                     ("otter_allotment.txt", None, "not in the catalog"),
                     ("qa_lines_choir.txt", 6, "unknown speaker label 'ALTO'"),
                     ("qa_lines_choir.txt", 9, "unknown speaker label 'BASS'")]
    assert check.ready() == ["rev_ferry"]
    printed = format_check(check)
    assert "rev_ferry.txt (interview rev_ferry): 3 questions, 3 answers" in printed
    assert 'not_turns = ["ALTO:"]' in printed and "1 of 4 texts split; 4 problems" in printed


def test_the_check_command_exits_non_zero_and_prints_no_traceback(tmp_path, capsys):
    from helpers.__main__ import main

    assert main(["check", str(messy(tmp_path / "messy"))]) == 1
    printed = capsys.readouterr()
    assert "Traceback" not in printed.out + printed.err
    assert "qa_lines_choir.txt:9: unknown speaker label 'BASS'" in printed.out


def test_the_check_of_a_folder_that_splits_exits_0_and_a_wrong_call_2(tmp_path, capsys):
    folder = drafted(tmp_path / "good", LAYOUTS / "rev_ferry.txt")
    assert check_main([str(folder)]) == 0
    assert "1 of 1 texts split; 0 problems" in capsys.readouterr().out
    assert check_main([]) == 2 and check_main([str(folder), "x"]) == 2
    assert check_main([str(tmp_path / "missing")]) == 1
    from helpers.__main__ import main

    assert main(["nothing"]) == 2 and "usage: python -m helpers check DIR" in capsys.readouterr().err


def test_a_folder_without_a_catalog_is_told_to_draft_one(tmp_path):
    shutil.copy(LAYOUTS / "rev_ferry.txt", tmp_path)
    [problem] = check_folder(tmp_path).problems
    assert problem.problem.startswith("no catalog.toml in this folder: draft one with `make catalog SEEDS=")
