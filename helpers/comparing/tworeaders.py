"""Two readers of notebook 07's reading layers, side by side: each layer as labels indexed by unit
(`readings`), the first reading as it stood before its dated revisions (`before_revision`), the
units each manual cites as examples (`examples`), the words of each unit (`unit_words`), and every
unit the readers label differently (`disagreements`).

The nine layers are the presupposition of each question, its design on four dimensions
(initiative, directness, assertiveness, adversarialness), the uptake and resistance of each answer,
the reading of each stance match and the referent of each first-person plural. A unit a manual
cites as an example is one on which two readers agree by construction, so agreement is also
measured without them (`helpers.annotating.readings.layer_agreement`). The examples are counted in
the manuals as the second reader read them (`readings.MANUALS_AS_GIVEN`) unless another folder is
given.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..annotating import pronouns, readings, secondcoder, stance
from ..annotating.sentences import sentences_of
from ..plumbing.paths import ANNOTATIONS_DIR
from ..reading.passages import load_passages
from . import conversation

QUESTION_LAYERS = ("presupposition", *conversation.DESIGN)
ANSWER_LAYERS = ("uptake", "resistance")
LAYERS = (*QUESTION_LAYERS, *ANSWER_LAYERS, "stance", "we")
"""The nine reading layers, in the order notebook 07 shows them."""
MANUAL_OF = {**{layer: "question-readings" for layer in (*QUESTION_LAYERS, *ANSWER_LAYERS)},
             "stance": "stance", "we": "we"}
"""The manual (`annotations/<name>.md`) that defines each layer."""
CURRENT_MANUALS = ANNOTATIONS_DIR
"""The folder of the manuals as they stand now, for `examples(..., manuals=CURRENT_MANUALS)`."""


def readings_of(turns: pd.DataFrame, answer_tokens: pd.DataFrame, second: bool = False) -> dict[str, pd.Series]:
    """One reader's nine layers (`LAYERS`), each as labels indexed by unit id, loaded and checked
    by the layer's own loader: the first reading, or the second (`second=True`)."""
    paths = {
        "questions": secondcoder.SECOND_QUESTIONS if second else conversation.QUESTIONS,
        "design": conversation.SECOND_DESIGN if second else conversation.QUESTION_DESIGN,
        "uptake": secondcoder.SECOND_UPTAKE if second else conversation.UPTAKE,
        "resistance": conversation.SECOND_RESISTANCE if second else conversation.RESISTANCE,
        "stance": stance.STANCE_CHECK_SECOND if second else stance.STANCE_CHECK,
        "we": pronouns.WE_READINGS_SECOND if second else pronouns.WE_READINGS,
    }
    design = conversation.load_question_design(turns, paths["design"]).set_index("question_id")
    uptake = conversation.load_uptake(turns, paths["uptake"])
    matches = stance.stance_matches(answer_tokens, stance.load_stance_lexicon())
    layers = {"presupposition": conversation.load_presuppositions(turns, paths["questions"])
              .set_index("question_id")["presupposition"]}
    layers |= {dimension: design[dimension] for dimension in conversation.DESIGN}
    layers["uptake"] = uptake.set_index("answer_id")["uptake"]
    layers["resistance"] = conversation.load_resistance(turns, uptake, paths["resistance"]).set_index(
        "answer_id")["resistance"]
    layers["stance"] = stance.load_stance_check(matches, paths["stance"]).set_index("match_id")["reading"]
    layers["we"] = pronouns.load_we_referents(answer_tokens, paths["we"]).set_index("token_id")["referent"]
    return {name: labels.rename(name) for name, labels in layers.items()}


def before_revision(first: dict[str, pd.Series], path: Path = readings.READING_REVISIONS) -> dict[str, pd.Series]:
    """The first reading's layers as they stood before the revisions in `path` (every revised
    unit with its earlier label), checked by `readings.before_revisions`."""
    revisions = readings.load_revisions(path, LAYERS)
    return {name: readings.before_revisions(labels, revisions, name, path) for name, labels in first.items()}


def examples(turns: pd.DataFrame, answer_tokens: pd.DataFrame, manuals: Path = readings.MANUALS_AS_GIVEN,
             any_manual: bool = False) -> dict[str, list[str]]:
    """For each layer, the units its own manual (in the folder `manuals`) cites as examples, by
    `readings.example_units`: questions and answers by their own ids (or a paragraph of them),
    stance matches and first-person plurals by the passage they stand in. With `any_manual`, the
    units that any of the three manuals cites, for whichever layer (a stricter set of examples)."""
    matches = stance.stance_matches(answer_tokens, stance.load_stance_lexicon())
    we = pronouns.we_tokens(answer_tokens)
    passage_of = dict(zip(matches["match_id"], matches["passage_id"], strict=True))
    passage_of |= dict(zip(we["token_id"], we["passage_id"], strict=True))
    units = {"question": turns[turns["kind"] == "question"]["passage_id"],
             "answer": turns[turns["kind"] == "answer"]["passage_id"],
             "stance": matches["match_id"], "we": we["token_id"]}
    cited = {name: readings.manual_citations(manuals / f"{name}.md") for name in set(MANUAL_OF.values())}
    found = {}
    for layer in LAYERS:
        kind = "question" if layer in QUESTION_LAYERS else "answer" if layer in ANSWER_LAYERS else layer
        named = set().union(*cited.values()) if any_manual else cited[MANUAL_OF[layer]]
        found[layer] = readings.example_units(units[kind], named, passage_of)
    return found


def _plain(text: str) -> str:
    """Curly quotes and apostrophes as straight ones, and every run of white space (a manual's line
    break inside a quotation among them) as one space, so a manual's quotation matches its text."""
    return " ".join(text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})).split())


def quoted(turns: pd.DataFrame, answer_tokens: pd.DataFrame, manuals: Path = readings.MANUALS_AS_GIVEN,
           min_words: int = 3) -> pd.DataFrame:
    """Every unit that a manual (in the folder `manuals`) does not cite by id but whose words it
    quotes: a quotation in double quotes of at least `min_words` words found, case aside, in a
    question or answer turn (the question and answer layers) or in the whole sentence of a stance
    match or a first-person plural, white space and curly quotes aside (a quotation broken over two
    lines of the manual is found). A quotation an answer shares with its own question is the
    question's, not the answer's. One row per layer, unit and quotation (`layer`, `unit`,
    `quote`). A manual may also describe a unit without quoting it; that is not found here."""
    cited = examples(turns, answer_tokens, manuals)
    text = turns.set_index("passage_id")["clean"].map(_plain)
    kind = turns.set_index("passage_id")["kind"]
    asked = turns.set_index("passage_id")["reply_to"].map(text).fillna("")  # an answer's question
    matches = stance.stance_matches(answer_tokens, stance.load_stance_lexicon())
    we = pronouns.we_tokens(answer_tokens)
    sentences = sentences_of(load_passages()).set_index("sentence_id")["text"].map(_plain)
    units = {"question": text[kind == "question"], "answer": text[kind == "answer"],
             "stance": matches.set_index("match_id")["sentence_id"].map(sentences),
             "we": we.set_index("token_id")["sentence_id"].map(sentences)}
    rows = []
    for layer in LAYERS:
        manual = _plain((manuals / f"{MANUAL_OF[layer]}.md").read_text(encoding="utf-8"))
        quotes = sorted({q.replace("…", "").strip(" .,;") for q in re.findall(r'"([^"]+)"', manual)})
        quotes = [q for q in quotes if len(q.split()) >= min_words]
        group = "question" if layer in QUESTION_LAYERS else "answer" if layer in ANSWER_LAYERS else layer
        for unit, words in units[group].items():
            own = asked.get(unit, "").lower() if group == "answer" else ""
            if unit not in set(cited[layer]):
                rows += [{"layer": layer, "unit": unit, "quote": q} for q in quotes
                         if q.lower() in words.lower() and q.lower() not in own]
    return pd.DataFrame(rows, columns=["layer", "unit", "quote"])


def _window(marked: str, width: int) -> str:
    """A sentence with its marked words in [[double brackets]] cut to `width` words either side."""
    before, rest = marked.split("[[", 1)
    inside, after = rest.split("]]", 1)
    glued = re.match(r"\S*", after).group(0)  # punctuation written against the marked words
    left, right = before.split(), after[len(glued):].split()
    start = ("… " if len(left) > width else "") + " ".join(left[-width:])
    space = " " if before[-1:].isspace() else ""
    end = " ".join(right[:width]) + (" …" if len(right) > width else "")
    return f"{start}{space}[[{inside}]]{glued} {end}".strip()


def unit_words(turns: pd.DataFrame, width: int = 8,
               folder: Path = readings.SECOND_READER_DIR) -> dict[str, pd.Series]:
    """What to quote beside a disagreement, per layer: a question's text; for an answer, the words
    each reader quotes as its uptake evidence ("first: … | second: …"); for a stance match or a
    "we", its sentence with the words in [[brackets]], cut to `width` words either side. The
    marked sentences are those the second reader was given (`folder`)."""
    text = turns.set_index("passage_id")["clean"]
    questions = text[turns.set_index("passage_id")["kind"] == "question"]
    first = conversation.load_uptake(turns).set_index("answer_id")["evidence"]
    second = conversation.load_uptake(turns, secondcoder.SECOND_UPTAKE).set_index("answer_id")["evidence"]
    answers = pd.Series({a: f"first: “{first[a]}” | second: “{second[a]}”" for a in first.index})
    marked = {
        "stance": pd.read_csv(folder / "stance-matches.csv", dtype=str, keep_default_na=False)
        .set_index("match_id")["sentence_with_marker"],
        "we": pd.read_csv(folder / "we-tokens.csv", dtype=str, keep_default_na=False)
        .set_index("token_id")["sentence_with_token"],
    }
    words = {layer: questions for layer in QUESTION_LAYERS} | {layer: answers for layer in ANSWER_LAYERS}
    return words | {layer: sentences.map(lambda s: _window(s, width)) for layer, sentences in marked.items()}


def disagreements(blind: dict[str, pd.Series], first: dict[str, pd.Series], second: dict[str, pd.Series],
                  examples: dict[str, list[str]], words: dict[str, pd.Series]) -> pd.DataFrame:
    """Every unit of every layer where the second reading differs from the first, as it stood
    before its revisions (`blind`) or as it stands now (`first`): layer, unit, whether a manual
    cites it as an example, the three labels and the unit's words."""
    rows = []
    for layer in first:
        differ = (blind[layer] != second[layer].reindex(blind[layer].index)) | (
            first[layer] != second[layer].reindex(first[layer].index))
        for unit in first[layer].index[differ]:
            rows.append({"layer": layer, "unit": unit, "example": unit in set(examples[layer]),
                         "first before": blind[layer][unit], "first now": first[layer][unit],
                         "second": second[layer][unit], "words": words[layer].get(unit, "")})
    return pd.DataFrame(rows, columns=["layer", "unit", "example", "first before", "first now", "second", "words"])
