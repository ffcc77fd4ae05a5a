"""The study's words held to its numbers and sources: every citation resolves to `references.bib`,
the methods document carries the current reference list and is linked from every notebook, nothing
points at the team's shared folder beside the project, which a user does not have, every number
in a notebook's prose, in digits or in words ("three", "twice as long", "about half"), is either
printed by an earlier output of the same notebook or checked by one of its asserts, and every passage
id the prose quotes exists and is spoken by the speaker its sentence names."""

from __future__ import annotations

import ast
import functools
import json
import re
import subprocess
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction

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


# Numbers in words ------------------------------------------------------------------------------
#
# A number written as a word is held to the same standard as one in digits, with these rules:
#
# - A cardinal ("two" to "twenty", "thirty" to "ninety", "twenty-one", "two hundred") is a count and is
#   traced like its digits. A cardinal joined by a hyphen to the next word names a unit or a method
#   ("three-word clusters", "two-sided"), not a count, and a vague size ("a few hundred words",
#   "hundreds") is not a number: neither is checked.
# - "one" is mostly a pronoun or a determiner ("one of", "no one", "each one", "the one", "one row per
#   turn"), so it is a count only where the prose counts with it: "only one", "just one", "exactly one",
#   "but one", and "one" before "to", "or" or "and" and another number ("one to three codes"). So is
#   "once", which is as often "at one time" or "for good" ("it fixes, once, whose speech"): a count only
#   in "only once", "just once", "exactly once" and before "or" and another number ("once or twice").
# - Ordinals ("third", "the second") are ranks, not quantities, and are not checked here.
# - "twice", "thrice" and "<cardinal> times" are counts ("occurs three times"), traced like the
#   digit, unless a comparative follows ("twice as long", "three times more", "ten times smaller"):
#   then, like "double the", "doubles" and "<cardinal> and a half times", they are a ratio. "Three
#   times the" is read as a count ("'they' are three times the Ukrainians").
# - "half", "a third", "a quarter", "a fifth", "two thirds", "three quarters" are fractions. "half"
#   after a word that makes it a part ("each half", "the first half", "the middle half") and
#   "halves" are parts, not fractions; "a third" or "one third" is a fraction only before "of" or a
#   punctuation mark or after "about", "nearly", "almost", "over", "under", "roughly", "some" or
#   "just" ("a third coder" is an ordinal).
#
# A ratio or a fraction is rarely printed as the word says it, so it is traced by a value within a
# tolerance: a ratio by a value within RATIO_TOLERANCE of it (relative: 1.8 to 2.2 is "twice"), a
# fraction by one within FRACTION_TOLERANCE (absolute: 45% to 55%, or .45 to .55, is "half"). The value
# must be a measure, not a count: an earlier output's number with a decimal point or a percentage
# ("2.04", "51%"; a printed "2" is a count and traces nothing here). An assert traces it when it states
# the relation: an assert that multiplies or divides (`a >= 2 * b`, `hedges / matches > .45`) with a
# number within the tolerance (for a fraction, also its reciprocal: `2 * hedges >= matches` is
# "half"), or one that compares with a decimal within it (`abs(share - .5) < .05`). A fraction is also
# traced by the sentence itself when it gives the counts or the percentage it rounds, "N of M" with N/M
# or "N%" with N/100 within the tolerance ("about half of the matches (6 of 11)", "about half (51% and
# 47%)"): those digits are themselves traced by the digit rule.

ID = re.compile(r"\b\d{3}:[A-Za-z]+\d+(?:\.[A-Za-z]+\d+)*")
RATIO_TOLERANCE = 0.10
FRACTION_TOLERANCE = 0.05
_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = {word: 10 * n for n, word in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                                               "ninety"], 2)}
CARDINALS = {word: n for n, word in enumerate(_UNITS[1:], 2)} | {word: n for n, word in enumerate(_TEENS, 10)}
CARDINALS |= TENS
DENOMINATORS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5}
CARD = (rf"(?:(?:{'|'.join(TENS)})(?:-(?:{'|'.join(_UNITS)}))?"
        rf"|{'|'.join(sorted(set(CARDINALS) - set(TENS), key=len, reverse=True))})")
COMPARISON = r"(?:as|more|less|fewer|longer|shorter|larger|smaller|bigger|greater|higher|lower|wider)\b"
PART_OF = {"each", "either", "both", "the", "this", "that", "first", "second", "other", "middle", "every", "one",
           "latter", "former", "last"}
APPROXIMATELY = {"about", "nearly", "almost", "over", "under", "roughly", "some", "just"}
NUMBER_WORD = re.compile(
    rf"(?P<vague>\b(?:a few|several|some|many) hundreds?\b|\bhundreds\b|\bthousands\b)"
    rf"|(?P<and_half>\b(?:{CARD}|one) and a half times\b)"
    rf"|(?P<hundred>\b(?:{CARD}|one|a) hundred(?: and {CARD})?\b)(?!-)"
    rf"|(?P<fractions>\b(?:{CARD}|one) (?:thirds|quarters|fifths|halves)\b)"
    rf"|(?P<fraction>\b(?P<before>\w+ )?(?:a|one) (?:third|quarter|fifth)\b)(?P<after>\s*(?:of\b|[.,;:)!?]|$))?"
    rf"|(?P<half>\b(?P<half_before>[\w-]+ )?half\b)(?!-)"
    rf"|(?P<times>\b(?:{CARD}|twice|thrice)(?: times)?\b)(?!-)(?P<compared> {COMPARISON})?"
    rf"|(?P<double>\b(?:doubles|doubled|double the)\b)"
    rf"|(?P<one>\b(?:only|just|exactly|but) one\b|\bone\b(?= (?:to|or|and) (?:{CARD}|\d)))(?!-)"
    rf"|(?P<once>\b(?:only|just|exactly) once\b|\bonce\b(?= or (?:twice|{CARD}|\d)))",
    re.IGNORECASE)
QUOTED = re.compile(r'"(?:[^"\n]|\n(?!\s*\n))*"|“(?:[^”\n]|\n(?!\s*\n))*”')
N_OF_M = re.compile(r"\b(\d+) of (?:[\w'’]+ ){0,2}?(\d+)\b")
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z*\"“(\[-])|\n\s*\n|\n(?=\s*[-*] )")


def cardinal(word: str) -> int:
    """The value of a cardinal word: "seven", "twenty-one", "two hundred and five", "a hundred"."""
    word = word.lower()
    if " hundred" in word:
        head, _, rest = word.partition(" hundred")
        return 100 * (1 if head in ("a", "one") else cardinal(head)) + (cardinal(rest[5:]) if rest else 0)
    tens, _, unit = word.partition("-")
    return CARDINALS.get(tens, 1 if tens == "one" else 0) + (_UNITS.index(unit) + 1 if unit else 0)


@dataclass(frozen=True)
class NumberWord:
    """A number the prose writes in words: its phrase, its value, its kind ("count", "ratio" or
    "fraction") and the sentence it stands in."""

    phrase: str
    value: Fraction
    kind: str
    sentence: str

    def traced(self, numbers_seen: set[str], measured: Evidence, relations: Evidence) -> bool:
        """Whether an earlier output or an assert backs it, by the rules above."""
        if self.kind == "count":
            return value(str(self.value)) in numbers_seen
        if self.kind == "ratio":
            return measured.near(self.value, relative=RATIO_TOLERANCE) or relations.near(
                self.value, relative=RATIO_TOLERANCE)
        ratios = [Fraction(int(n), int(m)) for n, m in N_OF_M.findall(self.sentence) if int(m)]
        ratios += [Fraction(p) / 100 for p in re.findall(r"(?<![\w.])(\d+(?:\.\d+)?)\s?%", self.sentence)]
        return (measured.near(self.value, absolute=FRACTION_TOLERANCE)
                or relations.near(self.value, absolute=FRACTION_TOLERANCE, reciprocal=True)
                or any(abs(r - self.value) <= Fraction(FRACTION_TOLERANCE).limit_denominator() for r in ratios))


@dataclass
class Evidence:
    """Measured values that can trace a ratio or a fraction: an output's decimals and percentages
    (as fractions of one), or the numbers of the asserts that state a relation."""

    values: set[float] = field(default_factory=set)

    def add_output(self, text: str) -> None:
        for m in re.finditer(r"(?<![\w.:])(\d*\.\d+|\d+)(\s?%)?(?![\w.])", text.replace(",", "")):
            if m.group(2):
                self.values.add(float(m.group(1)) / 100)
            elif "." in m.group(1):
                self.values.add(float(m.group(1)))

    @classmethod
    def of_asserts(cls, sources: list[str]) -> Evidence:
        """The numbers that state a relation in an assert: the operands of a `*` or a `/`, and every
        decimal (a count compared with `==` states none)."""
        evidence = cls()
        for source in sources:
            operands = re.findall(r"(?<![\w.])(\d*\.?\d+)\s*(?<!\*)[*/](?![*/])|(?<![*/])[*/]\s*(\d*\.?\d+)(?![\w.])",
                                  source)
            evidence.values |= {float(a or b) for a, b in operands}
            evidence.values |= {float(n) for n in re.findall(r"(?<![\w.])\d*\.\d+(?![\w.])", source)}
        return evidence

    def near(self, target: Fraction, relative: float = 0.0, absolute: float = 0.0, reciprocal: bool = False) -> bool:
        goal = float(target)
        candidates = set(self.values)
        if reciprocal:
            candidates |= {1 / v for v in self.values if v >= 1} | {v / 100 for v in self.values if v > 1}
        return any(abs(v - goal) <= max(relative * goal, absolute) + 1e-9 for v in candidates)


def _blank(text: str, pattern: re.Pattern) -> str:
    """`text` with every match of `pattern` blanked out, so that the rest keeps its place."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def number_words(text: str) -> list[NumberWord]:
    """Every number the prose writes in words, by the rules above. Code, link targets, passage ids
    and quotations (the speakers' words, not the study's counts) are left out."""
    for pattern in (re.compile(r"`[^`]*`"), re.compile(r"\]\([^)]*\)"), ID, QUOTED):
        text = _blank(text, pattern)
    found = []
    for sentence in SENTENCE.split(text):
        for m in NUMBER_WORD.finditer(sentence):
            word = _read(m, sentence)
            if word is not None:
                found.append(word)
    return found


def _read(m: re.Match, sentence: str) -> NumberWord | None:
    """One match of NUMBER_WORD as a number word, or None where the rules say it is not one."""
    phrase = " ".join(m.group(0).split())
    words = phrase.lower().split()
    if m.group("vague"):
        return None
    if m.group("and_half"):
        return NumberWord(phrase, cardinal(words[0]) + Fraction(1, 2), "ratio", sentence)
    if m.group("hundred"):
        return NumberWord(phrase, Fraction(cardinal(" ".join(m.group("hundred").lower().split()))), "count",
                          sentence)
    if m.group("fractions"):
        numerator, denominator = words[0], words[1].rstrip("s").replace("halve", "half")
        return NumberWord(phrase, Fraction(cardinal(numerator), DENOMINATORS[denominator]), "fraction", sentence)
    if m.group("fraction"):
        before = (m.group("before") or "").strip().lower()
        if not (m.group("after") or before in APPROXIMATELY):
            return None  # "a third coder": an ordinal
        phrase = " ".join(m.group("fraction").split())
        return NumberWord(phrase, Fraction(1, DENOMINATORS[phrase.lower().split()[-1]]), "fraction", sentence)
    if m.group("half"):
        before = (m.group("half_before") or "").strip().lower()
        if before in PART_OF or before == "and":
            return None
        return NumberWord(phrase, Fraction(1, 2), "fraction", sentence)
    if m.group("times"):
        count = words[0]
        number = {"twice": 2, "thrice": 3}.get(count) or cardinal(count)
        compared = m.group("compared") and (m.group("times").lower().endswith("times") or count in ("twice", "thrice"))
        if not compared:
            phrase = " ".join(m.group("times").split())
        return NumberWord(phrase, Fraction(number), "ratio" if compared else "count", sentence)
    if m.group("double"):
        return NumberWord(phrase, Fraction(2), "ratio", sentence)
    return NumberWord(phrase, Fraction(1), "count", sentence)  # "only one", "one to three", "once"


def assert_sources(nb: dict) -> list[str]:
    """The source of every assert statement of a notebook, with indexing (`rows[0]`) taken out."""
    found = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.Assert):
                    found.append(re.sub(r"\w+\[\d+\]", " ", ast.get_source_segment(source, node)))
    return found


def hidden_checks(source: str) -> list[str]:
    """Each assert whose message is itself a condition (`assert a, b and c`): Python checks only `a`
    and evaluates `b and c` only to print it when `a` fails, so the check it seems to make is never made."""
    def is_condition(msg: ast.expr | None) -> bool:
        negated = isinstance(msg, ast.UnaryOp) and isinstance(msg.op, ast.Not)
        return isinstance(msg, ast.Compare | ast.BoolOp) or negated
    return [ast.get_source_segment(source, node) for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Assert) and is_condition(node.msg)]


def code_sources(path) -> list[tuple[str, str]]:
    """(where, source) of each code cell of a notebook, or of a Python file as a whole."""
    if path.suffix != ".ipynb":
        return [(path.name, path.read_text(encoding="utf-8"))]
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [(f"{path.name} cell {i}", "".join(c["source"])) for i, c in enumerate(cells) if c["cell_type"] == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS + sorted((PROJECT_ROOT / "helpers").rglob("*.py"))
                         + sorted((PROJECT_ROOT / "tests").glob("*.py")), ids=lambda p: p.name)
def test_no_assert_hides_a_check_in_its_message(path):
    assert [(where, a) for where, source in code_sources(path) for a in hidden_checks(source)] == []


def test_the_hidden_check_detector_catches_what_it_should():
    assert hidden_checks("assert cited <= known, cited - known and len(findings) == 14") == [
        "assert cited <= known, cited - known and len(findings) == 14"]
    assert hidden_checks("assert a, b == 2\nassert c, not d") == ["assert a, b == 2", "assert c, not d"]
    assert hidden_checks('assert a, a - b\nassert c, f"{c} missing"\nassert d and e == 2') == []


def untraced_numbers(path) -> list[tuple[int, str]]:
    """(cell, number) of each number in the prose, in digits or in words (`number_words`), that no
    earlier output prints and no assert checks."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    asserts = assert_sources(nb)
    asserted = set().union(*(numbers(a) for a in asserts))
    relations = Evidence.of_asserts(asserts)
    printed: set[str] = set()
    measured = Evidence()
    missing = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            printed |= numbers(output_text(cell))
            measured.add_output(output_text(cell))
        else:
            text = "".join(cell["source"])
            missing += [(i, n) for n in sorted(prose_numbers(text) - printed - asserted)]
            missing += [(i, word.phrase) for word in number_words(text)
                        if not word.traced(printed | asserted, measured, relations)]
    return missing


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_number_in_the_prose_is_printed_above_it_or_asserted(path):
    assert untraced_numbers(path) == []


def test_the_number_tracer_reads_numbers_as_written():
    assert prose_numbers("1,968 words, MATTR .844 against 0.80, −0.40, 51% in 004:q3.a1 (2015)") == {
        "1968", "0.844", "0.8", "0.4", "51"}
    assert prose_numbers("notebook 04, sections 4 and 6, `alpha0=377`, finding 6") == set()



def _words(text: str) -> list[tuple[str, str, Fraction]]:
    return [(w.phrase, w.kind, w.value) for w in number_words(text)]


def test_the_number_tracer_reads_number_words_as_written():
    assert _words("Twelve themes, twenty-one units and two hundred words; eight of its nine answers") == [
        ("Twelve", "count", 12), ("twenty-one", "count", 21), ("two hundred", "count", 200),
        ("eight", "count", 8), ("nine", "count", 9)]
    assert _words("it occurs three times, once or twice, twice in 004, and only one is Mia's") == [
        ("three times", "count", 3), ("once", "count", 1), ("twice", "count", 2), ("twice", "count", 2),
        ("only one", "count", 1)]
    assert _words("twice as long, three times more often, ten times smaller, three and a half times as frequent, "
                  "it doubles") == [("twice as", "ratio", 2), ("three times more", "ratio", 3),
                                    ("ten times smaller", "ratio", 10),
                                    ("three and a half times", "ratio", Fraction(7, 2)), ("doubles", "ratio", 2)]
    assert _words("about half of the units, a third of them, two thirds, and about a quarter.") == [
        ("about half", "fraction", Fraction(1, 2)), ("a third", "fraction", Fraction(1, 3)),
        ("two thirds", "fraction", Fraction(2, 3)), ("about a quarter", "fraction", Fraction(1, 4))]


def test_the_number_tracer_leaves_words_that_are_not_numbers():
    assert _words("one of the answers, no one, each one, the one question, one row per turn, at once, it fixes, "
                  "once, whose speech") == []
    assert _words("three-word clusters, a two-sided test, a few hundred words, hundreds of pages") == []
    assert _words("a third coder, the third person, Chalenko third, each half, the middle half, both halves") == []
    assert _words('`head(30)`, [the list](#forty-two), 000:q1.a2, Mia says "two of us" and "one third"') == []


def test_number_words_are_traced_like_digits_or_within_their_tolerance():
    count, ratio, fraction = number_words("nine questions. It is twice as long. About half of them.")
    assert count.traced({"9"}, Evidence(), Evidence()) and not count.traced({"8"}, Evidence(), Evidence())
    measured = Evidence()
    measured.add_output("rate ratio 2.15, 47%\n")
    assert ratio.traced(set(), measured, Evidence()) and fraction.traced(set(), measured, Evidence())
    counts_only = Evidence()
    counts_only.add_output("2 interviews, 5 turns")  # counts, not measures: they trace no ratio
    assert not ratio.traced({"2"}, counts_only, Evidence())
    far = Evidence()
    far.add_output("2.4 and 0.58")  # outside 10% of 2 and 5 points of one half
    assert not ratio.traced(set(), far, Evidence()) and not fraction.traced(set(), far, Evidence())
    relation = Evidence.of_asserts(["assert long.mean() >= 2 * short.mean()", "assert 2 * hedges >= matches"])
    assert ratio.traced(set(), Evidence(), relation) and fraction.traced(set(), Evidence(), relation)
    assert not ratio.traced(set(), Evidence(), Evidence.of_asserts(["assert len(rows) == 2"]))
    assert not ratio.traced(set(), Evidence(), Evidence.of_asserts(['assert n.loc["they/them/their"] == 2']))
    (own,) = number_words("About half of the matches are hedges (6 of 11).")
    (share,) = number_words("About half of each (51% and 47% of units).")
    (wrong,) = number_words("About half of the matches are hedges (3 of 11).")
    assert own.traced(set(), Evidence(), Evidence()) and share.traced(set(), Evidence(), Evidence())
    assert not wrong.traced(set(), Evidence(), Evidence())

# Passage ids and their speakers -----------------------------------------------------------------
#
# Every passage id the prose quotes (`000:q3.a1`, `004:q2.a1.p2`, `004:q5.a1.s1`, `004:pullquote1`) must
# exist, and where the sentence names who says it, it must be that speaker's. The attribution rule:
#
# - The prose is read clause by clause: sentences, cut again at semicolons (which in this prose join
#   statements about different passages: "Vasylyna answers first (004:q5.a1), then Mia (004:q5.a2);
#   between them stands a pull quote, marked as repeating 004:q5.a1").
# - The speakers are the catalog's people, by their names ("Chalenko", "Maxim Chalenko", "Vasylyna",
#   "Mia", "Workers World", "Anti*Capitalist Resistance"), and the interviewer by role ("the
#   interviewer(s)", "question(s)", "asks"). Quotations are left out: a name inside a quote names no one.
#   Names joined by "and" or a comma ("Vasylyna and Mia describe ...") name one group: each id they
#   govern must be one of theirs.
# - An id is attributed to the name in parentheses right after it, if there is one ("`004:q1.a2` the
#   second (Mia's)"); otherwise to the nearest speaker named before it in its clause, leaving out a name
#   inside a parenthesis already closed ("(with Chalenko's ...), and imperialism in 004:q8.a2.p2").
# - Only the id's own interview's speakers are candidates: an id carries its interview, and an id of
#   the other interview after a name is where a list has moved on to the other text ("Whether
#   Chalenko's ... is the economy (000:q5.a1.p2), ..., the right ... self-determination (004:q4.a1)").
#   So the rule catches a passage given to the wrong one of 004's two speakers, or a question given to
#   an interviewee, not an id with the wrong interview prefix (which a reader sees).
# - An interviewer, by name or by role, is a candidate only for a question's id: the outlets' names
#   and the word "question" stand beside answers all the time ("Mia's answer to the question about
#   ... (004:q5.a2)", "topics the interviewers raised: ... (000:q5.a1)") without attributing them.
#   For a question's id every mention counts, so "Chalenko's path: ... what the question calls ...
#   (000:q3)" is the question's, and "Chalenko says ... (000:q3)" is wrong.
# - An id with no candidate is checked for existence only. A pull quote is the editor's passage, but
#   it is attributed to the speaker whose words it repeats.

ROLE_WORDS = re.compile(r"\b(?:interviewers?|questions?|asks?|asked)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A speaker (or a group of speakers joined by "and") named in a clause, from `start` to `end`:
    their names, role and interview (empty for a role word, which names no one interview)."""

    start: int
    end: int
    speakers: frozenset[str]
    role: str
    interview: str


@functools.lru_cache(maxsize=1)
def passage_speakers() -> dict[str, tuple[str, str]]:
    """(speaker, role) of every passage id, turn id and sentence id of the seeds; for a pull
    quote, the speaker and role of the passage it repeats."""
    import helpers
    from helpers.annotating.sentences import sentences_of

    passages = helpers.load_passages()
    who = {p.passage_id: (p.speaker or "", p.role or "") for p in passages.itertuples()}
    for p in passages[passages["repeats"].fillna("") != ""].itertuples():
        who[p.passage_id] = who[p.repeats]
    for s in sentences_of(passages).itertuples():
        who[s.sentence_id] = (s.speaker, s.role)
    return who


@functools.lru_cache(maxsize=1)
def speaker_names() -> tuple[tuple[re.Pattern, str, str, str], ...]:
    """(pattern, canonical name, role, interview) of every person of the catalog, longest names first."""
    import helpers

    found = {}
    for interview in helpers.load_catalog():
        for person in interview.people:
            for name in {person.name, *person.names}:
                found[name] = (person.name, person.role, interview.id)
    return tuple((re.compile(rf"(?<![\w*]){re.escape(name)}(?![\w*])"), *who)
                 for name, who in sorted(found.items(), key=lambda item: -len(item[0])))


def mentions(clause: str) -> list[Mention]:
    """Every speaker the clause names, by name or (the interviewer only) by role, with names joined
    by "and" or a comma taken as one group."""
    found: list[Mention] = []
    for pattern, speaker, role, interview in speaker_names():
        for m in pattern.finditer(clause):
            if not any(m.start() in range(f.start, f.end) for f in found):  # "Chalenko" in "Maxim Chalenko"
                found.append(Mention(m.start(), m.end(), frozenset({speaker}), role, interview))
    found += [Mention(m.start(), m.end(), frozenset(), "interviewer", "") for m in ROLE_WORDS.finditer(clause)]
    found.sort(key=lambda f: f.start)
    grouped: list[Mention] = []
    for f in found:
        last = grouped[-1] if grouped else None
        if (last and last.speakers and f.speakers and last.interview == f.interview
                and re.fullmatch(r"(?:'s|’s)?(?:,| and|, and)\s+", clause[last.end:f.start])):
            grouped[-1] = Mention(last.start, f.end, last.speakers | f.speakers, last.role, last.interview)
        else:
            grouped.append(f)
    return grouped


def clauses(text: str) -> list[str]:
    """The prose's clauses, for attribution: sentences, cut again at semicolons; link targets blanked
    out (an id in code is still an id: its backticks are dropped)."""
    text = re.sub(r"`([^`]*)`", r" \1 ", re.sub(r"\]\([^)]*\)", "] ", text))
    return [c for sentence in SENTENCE.split(text) for c in sentence.split(";")]


def _open_parentheses(text: str, end: int) -> tuple[int, ...]:
    """The positions of the parentheses still open at `end`."""
    stack: list[int] = []
    for i, char in enumerate(text[:end]):
        if char == "(":
            stack.append(i)
        elif char == ")" and stack:
            stack.pop()
    return tuple(stack)


def attribution(clause: str, named: list[Mention], start: int, end: int, question: bool,
                interview: str) -> Mention | None:
    """The mention an id from `start` to `end` is attributed to, by the rule above, or None."""
    def candidate(f: Mention) -> bool:
        return (f.interview in ("", interview)) and (question or f.role != "interviewer")

    after = re.match(r"[^()]{0,60}?\(([^()]*)\)", clause[end:])
    if after and not ID.search(clause[end:end + after.start(1)]):
        inside = [f for f in named if end + after.start(1) <= f.start and f.end <= end + after.end(1)]
        name = re.sub(r"(?:'s|’s)$", "", after.group(1).strip())
        if len(inside) == 1 and inside[0].end - inside[0].start == len(name) and candidate(inside[0]):
            return inside[0]
    here = _open_parentheses(clause, start)
    before = [f for f in named if f.end <= start and candidate(f)
              and here[:len(_open_parentheses(clause, f.start))] == _open_parentheses(clause, f.start)]
    return before[-1] if before else None


def misattributed_ids(text: str, who: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """(id, why) of every passage id in `text` that does not exist, or that its clause attributes
    to someone who does not say it, by the rule above."""
    problems = []
    for clause in clauses(text):
        named = mentions(_blank(clause, QUOTED))
        for m in ID.finditer(clause):
            pid = m.group(0)
            if pid not in who:
                problems.append((pid, "no such passage"))
                continue
            speaker, role = who[pid]
            said = attribution(clause, named, m.start(), m.end(), role == "interviewer", pid[:3])
            if said is None:
                continue
            if (said.speakers and speaker not in said.speakers) or (not said.speakers and role != said.role):
                by = " and ".join(sorted(said.speakers)) or f"the {said.role}"
                problems.append((pid, f"attributed to {by}, spoken by {speaker or 'no speaker'}"))
    return problems


def output_ids(cell: dict) -> set[str]:
    """The passage ids an output prints (checked for existence: a table's speaker column says who)."""
    return set(ID.findall(output_text(cell)))


def passage_id_problems(path) -> list[tuple[int, str, str]]:
    """(cell, id, why) of every id a notebook's prose or output quotes that does not exist or is
    not spoken by the speaker its clause names."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    who = passage_speakers()
    problems = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "markdown":
            problems += [(i, pid, why) for pid, why in misattributed_ids("".join(cell["source"]), who)]
        else:
            problems += [(i, pid, "no such passage") for pid in sorted(output_ids(cell) - set(who))]
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_passage_id_the_prose_quotes_exists_and_is_spoken_by_the_speaker_it_names(path):
    assert passage_id_problems(path) == []


WHO = {"000:q3": ("Workers World", "interviewer"), "000:q3.a1": ("Maxim Chalenko", "interviewee"),
       "004:q5": ("Anti*Capitalist Resistance", "interviewer"), "004:q5.a1": ("Vasylyna", "interviewee"),
       "004:q5.a2": ("Mia", "interviewee"), "004:q8.a2.p2": ("Mia", "interviewee"),
       "004:q1.a1": ("Vasylyna", "interviewee"), "004:q1.a2": ("Mia", "interviewee")}


def test_passage_ids_are_attributed_to_the_speaker_the_clause_names():
    right = [
        "Vasylyna answers first (004:q5.a1), then Mia (004:q5.a2); between them stands a pull quote, marked as "
        "repeating 004:q5.a1.",
        "once by Vasylyna (004:q1.a1) and three times by Mia (004:q5.a2, 004:q8.a2.p2).",
        "Vasylyna and Mia describe present work: \"we\" (004:q5.a1), and \"they\" (004:q5.a2).",
        "`004:q1.a1` the first answer turn to it (Vasylyna's) and `004:q1.a2` the second (Mia's).",
        "Chalenko's own path: the communists' activity after what the question calls \"a coup\" (000:q3).",
        "Mia's answer to the question about the proxy label (004:q5.a2).",
        "the economy (with Chalenko's \"only in form\"), and imperialism in 004:q8.a2.p2.",
        "Whether Chalenko's \"form\" is the economy (000:q3.a1) and the right self-determination (004:q5.a1).",
        "Mia quotes \"Vasylyna said so\" (004:q5.a2).",
        "The note reports it (004:q5.a1).",
    ]
    for text in right:
        assert misattributed_ids(text, WHO) == [], text
    wrong = {
        "Mia rejects the label (004:q5.a1).": [("004:q5.a1", "attributed to Mia, spoken by Vasylyna")],
        "Vasylyna answers first (004:q5.a2), then Mia (004:q5.a1).": [
            ("004:q5.a2", "attributed to Vasylyna, spoken by Mia"),
            ("004:q5.a1", "attributed to Mia, spoken by Vasylyna")],
        "Chalenko says \"coup\" (000:q3).": [("000:q3", "attributed to Maxim Chalenko, spoken by Workers World")],
        "Vasylyna and Mia say it (004:q5)": [("004:q5", "attributed to Mia and Vasylyna, spoken by "
                                                       "Anti*Capitalist Resistance")],
        "`004:q1.a1` the first answer (Mia's)": [("004:q1.a1", "attributed to Mia, spoken by Vasylyna")],
        "the interviewers ask it (004:q5.a1, 004:q9.a1)": [("004:q9.a1", "no such passage")],
    }
    for text, problems in wrong.items():
        assert misattributed_ids(text, WHO) == problems, text
