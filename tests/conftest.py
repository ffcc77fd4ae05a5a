"""Shared fixtures: the real seeds loaded once, and a writer of small synthetic interviews."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers.plumbing.paths import ANNOTATIONS_DIR, PROJECT_ROOT

FIXTURE_CORPUS = PROJECT_ROOT / "tests" / "fixtures" / "corpus"
"""A third and a fourth interview, made up for the tests, with their own catalog."""
CATALOGS = [PROJECT_ROOT / "seeds", FIXTURE_CORPUS]
"""Every catalog the generic tests run on: the study's seeds, and the fixture corpus."""


def study_interviews() -> list[str]:
    """The interviews the study's annotations cover (those `annotations/coding.csv` codes). The
    seeds' ground truth is about them; an interview added to the catalog is left to the generic
    tests, so adding one changes no test."""
    with (ANNOTATIONS_DIR / "coding.csv").open(encoding="utf-8") as handle:
        return sorted({row["passage_id"].split(":")[0] for row in csv.DictReader(handle)})


STUDY = study_interviews()


def of_study(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of a table that belong to the study's interviews, attrs kept."""
    return frame[frame["interview"].isin(STUDY)]

PLAIN_PEOPLE = """
[[interview.people]]
name = "Workers World"
role = "interviewer"
affiliation = "Workers World"
labels = ["Workers World", "WW"]
names = ["Workers World"]
affiliation_names = []

[[interview.people]]
name = "Maxim Chalenko"
role = "interviewee"
affiliation = "Communist Party"
labels = ["Maxim Chalenko", "MC"]
names = ["Maxim Chalenko"]
affiliation_names = []

[[interview.people]]
name = "Greg Butterfield"
role = "author"
affiliation = "Workers World"
labels = []
names = ["Greg Butterfield"]
affiliation_names = []
"""

MARKDOWN_PEOPLE = """
[[interview.people]]
name = "Interviewer"
role = "interviewer"
affiliation = "A magazine"
labels = []
names = ["Interviewer"]
affiliation_names = []

[[interview.people]]
name = "Vasylyna"
role = "interviewee"
affiliation = "Sotsialnyi Rukh"
labels = ["Vasylyna"]
names = ["Vasylyna"]
affiliation_names = []

[[interview.people]]
name = "Mia"
role = "interviewee"
affiliation = "Russian Socialist Movement"
labels = ["Mia"]
names = ["Mia", "MIA"]
affiliation_names = []
"""


def catalog_entry(
    id: str, file: str, data: bytes, fmt: str = "plain", people: str | None = None, **overrides: str
) -> str:
    """One [[interview]] table for a synthetic seed, with the right sha256 unless overridden."""
    fields = {
        "id": f'"{id}"', "file": f'"{file}"', "sha256": f'"{hashlib.sha256(data).hexdigest()}"',
        "format": f'"{fmt}"', "title": '"A test interview"', "outlet": '"Test outlet"',
        "source_url": '""', "date": '"2024-01-01"', "date_inferred": "false",
        "date_evidence": '"made up for a test"', "language": '"en"', "context_not_in_text": '""',
    }
    fields.update(overrides)
    body = "\n".join(f"{k} = {v}" for k, v in fields.items() if v is not None)
    if people is None:
        people = PLAIN_PEOPLE if fmt == "plain" else MARKDOWN_PEOPLE
    return f"[[interview]]\n{body}\n{people}\n"


def write_seeds(folder: Path, seeds: dict[str, tuple[bytes | str, str]]) -> Path:
    """Write seed files and a catalog for them into `folder`; return the folder.

    `seeds` maps a file name to (content, format). Ids are the file names' first part.
    """
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for name, (content, fmt) in seeds.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
        entries.append(catalog_entry(name.split("_")[0].split(".")[0], name, data, fmt))
    (folder / "catalog.toml").write_text("\n".join(entries), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def passages():
    return of_study(helpers.load_passages())


@pytest.fixture(scope="session")
def turns():
    return of_study(helpers.load_turns())


@pytest.fixture(scope="session")
def seed_texts():
    return {i.id: i.path.read_bytes().decode("utf-8") for i in helpers.load_catalog() if i.id in STUDY}


@pytest.fixture(scope="session")
def tokens():
    return of_study(helpers.load_tokens(speech="all"))


WAR_PASSAGES = [
    ("A", "A:q1.a1", "Ann", "the war began and the war goes on ."),
    ("A", "A:q2.a1", "Ann", "a war of words , a fascist war"),
    ("B", "B:q1.a1", "Bob", "fascism is no war"),
]
"""Three small passages of two interviews, for the concordance and framing tests."""

SMALL_STOPWORDS = {"the", "a", "of", "we", "is", "and", "to"}


def small_tokens(passages: list[tuple[str, str, str, str]], speech: str = "answers") -> pd.DataFrame:
    """A token table in the shape of `helpers.load_tokens`, for hand-counted tests: one row per
    space-separated token of each (interview, passage id, speaker, text); a passage is its own turn
    and its own sentence; tokens without a letter or digit are punctuation. The table says it holds
    `speech` (`helpers.speech`), as `load_tokens` does."""
    rows, offset = [], 0
    for interview, passage_id, speaker, text in passages:
        for position, token in enumerate(text.split(), 1):
            norm = token.lower()
            rows.append({"interview": interview, "passage_id": passage_id, "turn_id": passage_id,
                         "kind": "answer", "speaker": speaker, "role": "interviewee",
                         "sentence_id": f"{passage_id}.s1", "position": position, "start": offset,
                         "end": offset + len(token), "token": token, "norm": norm, "pos": "NN", "upos": "NOUN",
                         "stop": norm in SMALL_STOPWORDS, "is_word": any(ch.isalnum() for ch in token),
                         "is_number": token.isdigit(), "inserted": False})
            offset += len(token) + 1
    table = pd.DataFrame(rows)
    table.attrs["speech"] = speech
    return table


@pytest.fixture(scope="session")
def study_layers():
    """Every annotation layer of the study as the exports read them (`helpers.sharing.layers`)."""
    from helpers.sharing import layers

    return layers.study_layers()


def fixture_layers():
    """The fixture corpus as the workbench reads it, with its keyword rules' codes, as the exports
    read it (`helpers.sharing.layers.folder_layers`); and the rule matches."""
    from helpers.sharing import layers, workbench

    _, passages, turns, _ = workbench.load(FIXTURE_CORPUS)
    codebook = helpers.load_codebook(FIXTURE_CORPUS / "codebook.toml")
    rules = helpers.load_rules(FIXTURE_CORPUS / "rules.toml")
    texts = helpers.standoff.texts_of(FIXTURE_CORPUS)
    matches = helpers.coding.rule_spans(helpers.coding_units(passages), rules, texts)
    with workbench.open_archive(FIXTURE_CORPUS) as archive:
        return layers.folder_layers(FIXTURE_CORPUS, passages, turns, archive, matches, codebook), matches


@pytest.fixture(scope="session")
def first_readings():
    """How many labels the first reader gave on each reading (dimension) of the conversation
    layers, counted from the loaders themselves: what every export must hold."""
    from helpers.annotating import pronouns, stance
    from helpers.comparing import conversation

    turns = helpers.load_turns()
    uptake = conversation.load_uptake(turns)
    answers = helpers.load_tokens(speech="answers")
    matches = stance.stance_matches(answers, stance.load_stance_lexicon())
    return {"presupposition": len(conversation.load_presuppositions(turns)), "uptake": len(uptake),
            "resistance": len(conversation.load_resistance(turns, uptake)),
            **dict.fromkeys(conversation.DESIGN, len(conversation.load_question_design(turns))),
            "stance": len(stance.load_stance_check(matches)), "we": len(pronouns.load_we_referents(answers))}
