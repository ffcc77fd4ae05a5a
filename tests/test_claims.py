"""The study's words held to its numbers and sources: every citation resolves to `references.bib`,
the methods document carries the current reference list and is linked from every notebook, nothing
points at the team's shared folder beside the project, which a user does not have, and every number
in a notebook's prose is either printed by an earlier output of the same notebook or checked by one
of its asserts."""

from __future__ import annotations

import ast
import json
import re
import subprocess
from decimal import Decimal, InvalidOperation

import pytest

from helpers.plumbing.paths import PROJECT_ROOT
from helpers.sharing import references

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))
PROSE = [PROJECT_ROOT / "README.md", PROJECT_ROOT / "METHODS.md", PROJECT_ROOT / "annotations" / "question-readings.md",
         PROJECT_ROOT / "annotations" / "stance.md", PROJECT_ROOT / "annotations" / "we.md"]
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
CITE_LINK = re.compile(r"(?:^|/)METHODS\.md#([\w-]+)$|^#([\w-]+)$")
YEAR = r"(?:1[89]|20)\d\d[a-z]?"
NAME = r"[A-Z][\w'’-]+"
# An author-year citation: "Dunning 1993", "Dunning (1993)", "Bull & Mayer 1993", "Monroe, Colaresi
# & Quinn 2008", "Chang et al. 2020". Months and other capitalised words before a year are not names.
CITATION = re.compile(rf"\b({NAME}(?:(?:, {NAME})* (?:&|and) {NAME}| et al\.)?),? \(?({YEAR})\)?")
NOT_NAMES = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December", "Since", "In", "Of", "Thursday", "II", "Before", "After", "From"}


def markdown_cells(path) -> list[tuple[int, str]]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [(i, "".join(c["source"])) for i, c in enumerate(nb["cells"]) if c["cell_type"] == "markdown"]


def citation_links(text: str) -> list[tuple[str, str]]:
    """(link text, bibliography key) of every link into the reference list."""
    found = []
    for label, target in LINK.findall(text):
        match = CITE_LINK.search(target)
        if match and (match.group(1) or match.group(2)) in references.bibliography().entries:
            found.append((label, match.group(1) or match.group(2)))
        elif match and "METHODS.md#" in target:
            found.append((label, match.group(1)))
    return found


def unlinked_citations(text: str) -> list[str]:
    """Author-year citations outside a link (link texts are checked by `citation_links`)."""
    bare = LINK.sub(" ", re.sub(r"`[^`]*`", " ", text))
    return [m.group(0) for m in CITATION.finditer(bare) if m.group(1).split(",")[0].split()[0] not in NOT_NAMES]


def test_every_bibliography_entry_is_complete():
    assert references.incomplete() == {}


def test_the_methods_reference_list_is_generated_from_the_bibliography():
    methods = (PROJECT_ROOT / "METHODS.md").read_text(encoding="utf-8")
    assert methods == references.methods_with_references(methods), "run `python -m helpers.sharing.references`"


@pytest.mark.parametrize("path", NOTEBOOKS + PROSE, ids=lambda p: p.name)
def test_every_citation_links_to_an_entry_with_its_authors_and_year(path):
    text = "\n".join(t for _, t in markdown_cells(path)) if path.suffix == ".ipynb" else path.read_text("utf-8")
    if path.name == "METHODS.md":  # its generated reference list names every entry once, unlinked
        text = text.split(references.BEGIN)[0]
    entries = references.bibliography().entries
    for label, key in citation_links(text):
        assert key in entries, f"{path.name}: [{label}] links to {key!r}, which references.bib lacks"
        year, first = entries[key].fields["year"], references.surnames(key)[0]
        assert year in label and (first in label or key.rstrip("0123456789") in label.lower()), (
            f"{path.name}: [{label}] does not name {references.label(key)}")
    assert unlinked_citations(text) == [], f"{path.name}: citations without a link to the references"


def test_the_citation_detectors_catch_what_they_should():
    assert unlinked_citations("as Dunning (1993) and Bull & Mayer 1993 show; Chang et al. 2020") == [
        "Dunning (1993)", "Bull & Mayer 1993", "Chang et al. 2020"]
    assert unlinked_citations("in February 2014 and [Dunning 1993](../METHODS.md#dunning1993)") == []
    assert citation_links("[Hyland 2005](../METHODS.md#hyland2005)") == [("Hyland 2005", "hyland2005")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_introduction_links_to_the_methods(path):
    assert "](../METHODS.md)" in markdown_cells(path)[0][1] or "](../METHODS.md#" in markdown_cells(path)[0][1]


def test_nothing_tracked_points_at_a_shared_folder_a_user_does_not_have():
    folder = "shared"  # joined below, so that this file does not itself name the path
    found = subprocess.run(["git", "grep", "-n", "-e", f"../{folder}", "-e", f"{folder}/METHODS", "--", ".",
                            ":!Makefile", ":!.ci", ":!tests/test_claims.py"],
                           cwd=PROJECT_ROOT, capture_output=True, text=True).stdout
    # only the hints that say where the seeds and the NLTK data were copied from may name it
    lines = [line for line in found.splitlines() if "nltk_data" not in line and "seeds" not in line]
    assert lines == []


# Numbers in prose -------------------------------------------------------------------------------

NUMBER = re.compile(r"(?<![\w.])[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?![\w])")
ALLOWED = [
    (re.compile(r"`[^`]*`"), "code: names and arguments, not claims"),
    (re.compile(r"\]\([^)]*\)"), "link targets"),
    (re.compile(r"\b\d{3}:[\w.]+"), "passage and sentence ids (000:q3.a1.p2)"),
    (re.compile(r"^#+ .*$", re.MULTILINE), "headings, with their section numbers"),
    (re.compile(r"^\s*\d+\. ", re.MULTILINE), "numbered list markers"),
    (re.compile(r"\bnotebooks? \d\d(?:(?:,| and| to| or|–)\s?\d\d)*"), "notebook numbers"),
    (re.compile(r"\bsections? \d+(?:(?:,| and| to| or|–)\s?\d+)*"), "section numbers"),
    (re.compile(rf"(?<![\d,.])(?:{YEAR})(?:[-–]\d\d)?(?![\d,.]\d)"), "years (and citations, which are checked above)"),
    (re.compile(r"\bfinding \d+|\bfindings \d+(?: and \d+)?"), "finding numbers"),
    (re.compile(r"\b\d\d-[a-z-]+\b"), "notebook file names"),
    (re.compile(r"\b95%\s(?:[\w-]+\s){0,2}intervals?"), "the confidence level of an interval"),
    (re.compile(r"\bper\s1,000\b"), "the unit of a rate"),
]


def value(text: str) -> str | None:
    """A number as written (`1,968`, `.844`, `−0.40`, `51%`) in one canonical form: its absolute
    value without trailing zeros, so prose and outputs compare whatever the format."""
    try:
        number = Decimal(text.replace(",", "").replace("−", "-").lstrip("+-") or "x")
    except InvalidOperation:
        return None
    return format(number.normalize(), "f")


def numbers(text: str) -> set[str]:
    return {v for m in NUMBER.finditer(text) if m.group(0).strip() and (v := value(m.group(0))) is not None}


def prose_numbers(text: str) -> set[str]:
    for pattern, _why in ALLOWED:
        text = pattern.sub(" ", text)
    return numbers(text)


def output_text(cell: dict) -> str:
    parts = []
    for out in cell.get("outputs", []):
        parts.append("".join(out.get("text", "")))
        parts.append("".join(out.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


def untraced_numbers(path) -> list[tuple[int, str]]:
    """(cell, number) of each number in the prose that no earlier output prints and no assert checks."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    asserted = set()
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.Assert):
                    asserted |= numbers(re.sub(r"\w+\[\d+\]", " ", ast.get_source_segment(source, node)))
    printed: set[str] = set()
    missing = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            printed |= numbers(output_text(cell))
        else:
            missing += [(i, n) for n in sorted(prose_numbers("".join(cell["source"])) - printed - asserted)]
    return missing


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_number_in_the_prose_is_printed_above_it_or_asserted(path):
    assert untraced_numbers(path) == []


def test_the_number_tracer_reads_numbers_as_written():
    assert prose_numbers("1,968 words, MATTR .844 against 0.80, −0.40, 51% in 004:q3.a1 (2015)") == {
        "1968", "0.844", "0.8", "0.4", "51"}
    assert prose_numbers("notebook 04, sections 4 and 6, `alpha0=377`, finding 6") == set()
