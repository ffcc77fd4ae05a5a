"""The catalog: what it says of each seed, checked against the seeds themselves."""

from __future__ import annotations

import hashlib
import re
import shutil

from conftest import STUDY, write_seeds

import helpers
from helpers.plumbing.paths import SEEDS_DIR

SHARED = SEEDS_DIR.parent.parent / "shared" / "seeds"


def test_the_study_s_seeds_are_the_shared_files_byte_for_byte():
    studied = sorted(i.file for i in helpers.load_catalog() if i.id in STUDY)
    assert studied == ["000_f9e212dc11d7c8a9.txt", "004_883034dff840881a.txt"]
    if SHARED.is_dir():  # beside the project on the developers' machines and in CI
        for name in studied:
            assert (SEEDS_DIR / name).read_bytes() == (SHARED / name).read_bytes()


def test_every_file_in_the_seeds_folder_is_catalogued():
    catalogued = {i.file for i in helpers.load_catalog()}
    assert {p.name for p in SEEDS_DIR.iterdir() if p.name != "catalog.toml"} == catalogued


def test_catalog_sha256_matches_each_seed():
    for interview in helpers.load_catalog():
        assert hashlib.sha256(interview.path.read_bytes()).hexdigest() == interview.sha256


def test_catalog_ids_formats_and_people():
    catalog = {i.id: i for i in helpers.load_catalog()}
    assert STUDY == ["000", "004"] and set(STUDY) <= set(catalog)
    assert (catalog["000"].format, catalog["004"].format) == ("plain", "markdown")
    assert [p.name for p in catalog["000"].by_role("interviewee")] == ["Maxim Chalenko"]
    assert [p.name for p in catalog["004"].by_role("interviewee")] == ["Vasylyna", "Mia"]
    assert catalog["000"].speaker_for_label()["MC"].name == "Maxim Chalenko"


def test_inferred_date_cites_lines_that_say_what_the_catalog_quotes(seed_texts):
    entry = next(i for i in helpers.load_catalog() if i.id == "000")
    assert entry.date_inferred and entry.date == "2015-05-26"
    lines = seed_texts["000"].splitlines()
    assert "(Workers World, May 26)" in lines[59 - 1]
    assert "70th anniversary of the victory of socialism over fascism" in lines[49 - 1]
    assert re.search(r"[Ll]ine 59", entry.date_evidence) and re.search(r"line 49", entry.date_evidence)


def test_stated_date_is_the_first_publication(seed_texts):
    entry = next(i for i in helpers.load_catalog() if i.id == "004")
    assert not entry.date_inferred and entry.date == "2023-12-21"
    assert "(Date first published: 21 December 2023)" in seed_texts["004"].splitlines()[5 - 1]
    assert entry.source_url in seed_texts["004"]


def test_every_label_and_name_in_the_catalog_occurs_in_its_seed(seed_texts):
    for interview in helpers.load_catalog():
        text = interview.path.read_bytes().decode("utf-8").replace("\\*", "*")
        for person in interview.people:
            for form in (*person.labels, *person.names, *person.affiliation_names):
                assert form in text, (interview.id, form)


def test_catalog_and_people_tables(passages):
    table = helpers.catalog_table()
    assert table["interview"].tolist()[:2] == STUDY
    assert table.loc[0, "date"] == "2015-05-26 (inferred)"
    assert table.loc[0, "source_url"] == "(not given in the text)"
    people = helpers.people_table()
    assert people[people["name"] == "Mia"]["labels"].item() == "Mia"


def test_a_third_interview_needs_only_a_catalog_entry(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, folder)
    third = "# Third\n\n## Why?\n\n**Mia:** Because.\n\n**Vasylyna:** Also because.\n"
    write_seeds(tmp_path / "extra", {"200_third.txt": (third, "markdown")})
    (folder / "200_third.txt").write_bytes((tmp_path / "extra" / "200_third.txt").read_bytes())
    entry = (tmp_path / "extra" / "catalog.toml").read_text().replace('name = "Interviewer"', 'name = "A host"')
    (folder / "catalog.toml").write_text((folder / "catalog.toml").read_text() + "\n" + entry)
    turns = helpers.load_turns(folder)
    assert turns["interview"].unique().tolist() == [i.id for i in helpers.load_catalog()] + ["200"]
    added = turns[turns["interview"] == "200"]
    assert added[["passage_id", "speaker", "reply_to"]].values.tolist() == [
        ["200:q1", "A host", ""], ["200:q1.a1", "Mia", "200:q1"], ["200:q1.a2", "Vasylyna", "200:q1"]
    ]


def test_reading_a_catalog_of_thousands_of_entries_takes_time_linear_in_their_number(tmp_path):
    """An archive's catalog: each entry's lines are found by index, each file resolved once (the
    checks once split the whole catalog and resolved every earlier file for each entry, minutes
    for eight thousand entries). The bound is on this process's CPU time, far above the linear cost."""
    import hashlib
    import time

    from helpers.reading.catalog import read_catalog

    entries = []
    for k in range(3000):
        data = f"Q: One {k}?\n\nA: Yes.\n".encode()
        (tmp_path / f"t{k}.txt").write_bytes(data)
        entries.append(
            f'[[interview]]\nid = "t{k}"\nfile = "t{k}.txt"\nsha256 = "{hashlib.sha256(data).hexdigest()}"\n'
            'format = "plain"\ntitle = "t"\noutlet = ""\nsource_url = ""\ndate = ""\ndate_inferred = false\n'
            'date_evidence = ""\nlanguage = ""\ncontext_not_in_text = ""\n\n'
            + "".join(f'[[interview.people]]\nname = "{x}"\nrole = "{role}"\naffiliation = ""\nlabels = ["{x}"]\n'
                      f'names = ["{x}"]\naffiliation_names = []\n\n'
                      for x, role in (("Q", "interviewer"), ("A", "interviewee"))))
    (tmp_path / "catalog.toml").write_text("\n".join(entries), encoding="utf-8")
    start = time.process_time()
    interviews, problems = read_catalog(tmp_path)
    assert (len(interviews), problems) == (3000, [])
    assert time.process_time() - start < 8


def test_an_interviewee_without_an_affiliation_is_listed_by_name_alone(tmp_path):
    data = b"Q: Who are you?\n\nA: Nobody in particular.\n"
    (tmp_path / "t.txt").write_bytes(data)
    people = (("Q", "interviewer", ""), ("A", "interviewee", ""), ("B", "interviewee", "The Union"))
    (tmp_path / "catalog.toml").write_text(
        f'[[interview]]\nid = "t"\nfile = "t.txt"\nsha256 = "{hashlib.sha256(data).hexdigest()}"\n'
        'format = "plain"\ntitle = "t"\noutlet = ""\nsource_url = ""\ndate = ""\ndate_inferred = false\n'
        'date_evidence = ""\nlanguage = ""\ncontext_not_in_text = ""\n\n'
        + "".join(f'[[interview.people]]\nname = "{x}"\nrole = "{role}"\naffiliation = "{where}"\nlabels = ["{x}"]\n'
                  f'names = ["{x}"]\naffiliation_names = []\n\n' for x, role, where in people), encoding="utf-8")
    assert helpers.catalog_table(tmp_path).loc[0, "interviewees"] == "A; B (The Union)"
