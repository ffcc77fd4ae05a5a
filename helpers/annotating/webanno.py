"""Exporting five of the study's annotation layers as W3C Web Annotation JSON-LD, and the passage-by-code
matrix as CSV.

Web Annotation Data Model (W3C Recommendation, 23 February 2017): each annotation has
`@context`, `id`, `type` "Annotation", a `motivation`, a `body` and a `target` whose `source`
is the seed file and whose two selectors point into it: a `TextQuoteSelector` (`exact`,
`prefix`, `suffix`) and a `TextPositionSelector` (`start`, `end`, in characters, that is
Unicode code points, from the start of the file). Ids are name-based UUIDs, so the export is
the same byte for byte every time it is built from the same annotations.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pandas as pd

from ..plumbing.paths import EXPORT_DIR
from ..reading.standoff import seed_texts
from .coding import code_matrix, coding_units, load_codebook, load_hand_coding
from .entities import find_mentions
from .pronouns import load_we_referents
from .stance import load_stance_check, load_stance_lexicon, stance_matches
from .tagcheck import load_pos_sample
from .tokens import load_tokens

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_WIDTH = 32
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:x-study:ukraine-left-interviews:annotations")
JSONLD_NAME = "web-annotations.jsonld"
MATRIX_NAME = "passage-codes.csv"


Sources = dict[str, tuple[str, str]]
"""For each interview id: the source name an annotation's target gives, and the seed's text."""


def sources_of(texts: dict, folder: str = "seeds") -> Sources:
    """Sources for the seeds of `standoff.texts_of`, each named `<folder>/<file>`."""
    return {i: (f"{folder}/{info.file}", text) for i, (info, text) in texts.items()}


def study_sources() -> Sources:
    """The project's seeds, named as `seeds/<file>`."""
    return sources_of(seed_texts())


def target(interview: str, start: int, end: int, sources: Sources | None = None) -> dict:
    """The target of an annotation on seed characters `start` to `end` of an interview."""
    source, text = (sources or study_sources())[interview]
    return {
        "source": source,
        "selector": [
            {"type": "TextQuoteSelector", "exact": text[start:end],
             "prefix": text[max(0, start - CONTEXT_WIDTH):start], "suffix": text[end:end + CONTEXT_WIDTH]},
            {"type": "TextPositionSelector", "start": int(start), "end": int(end)},
        ],
    }


def annotation(layer: str, interview: str, start: int, end: int, motivation: str, bodies: list[dict],
               sources: Sources | None = None) -> dict:
    """One Web Annotation with a stable id derived from its layer, target and bodies."""
    key = json.dumps([layer, interview, int(start), int(end), bodies], sort_keys=True, ensure_ascii=False)
    return {
        "@context": CONTEXT, "id": f"urn:uuid:{uuid.uuid5(NAMESPACE, key)}", "type": "Annotation",
        "motivation": motivation, "body": bodies, "target": target(interview, start, end, sources),
    }


def _body(value: str, purpose: str) -> dict:
    return {"type": "TextualBody", "value": value, "purpose": purpose, "format": "text/plain"}


def code_annotations(coding: pd.DataFrame, codebook: pd.DataFrame) -> list[dict]:
    """The hand coding: one annotation per coded span, its code and the code's label as bodies."""
    labels = dict(zip(codebook["code"], codebook["label"], strict=True))
    return [annotation("code", r.interview, r.start, r.end, "classifying",
                       [_body(r.code, "tagging"), _body(labels[r.code], "describing")])
            for r in coding.itertuples()]


def entity_annotations(mentions: pd.DataFrame) -> list[dict]:
    """Gazetteer mentions: one annotation per mention, its canonical name and its type as bodies."""
    return [annotation("entity", r.interview, r.start, r.end, "identifying",
                       [_body(r.canonical, "identifying"), _body(r.type, "classifying")])
            for r in mentions.itertuples()]


def pos_annotations(sample: pd.DataFrame, interviews: pd.Series) -> list[dict]:
    """The hand-tagged sample: one annotation per token, its gold Penn Treebank tag as body."""
    return [annotation("pos", interview, r.start, r.end, "tagging", [_body(r.gold, "tagging")])
            for r, interview in zip(sample.itertuples(), interviews, strict=True)]


def stance_annotations(checked: pd.DataFrame, sources: Sources | None = None) -> list[dict]:
    """The stance check: one annotation per match of the stance lexicon, with the reader's reading
    (hedge, booster or neither), the lexicon's kind and the reader's note as bodies."""
    return [annotation("stance", r.interview, r.start, r.end, "assessing",
                       [_body(r.reading, "tagging"), _body(f"lexicon: {r.kind} ({r.marker})", "classifying"),
                        _body(r.note, "commenting")], sources)
            for r in checked.itertuples()]


def we_annotations(referents: pd.DataFrame, sources: Sources | None = None) -> list[dict]:
    """The "we" layer: one annotation per first-person plural of the answers, with the reader's
    referent, its clusivity and the reader's note as bodies."""
    return [annotation("we", r.interview, r.start, r.end, "classifying",
                       [_body(r.referent, "tagging"), _body(r.clusivity, "classifying"), _body(r.note, "commenting")],
                       sources)
            for r in referents.itertuples()]


def collection(annotations: list[dict], label: str) -> dict:
    """An AnnotationCollection holding every annotation on one page."""
    key = "\n".join(a["id"] for a in annotations)
    return {
        "@context": CONTEXT, "id": f"urn:uuid:{uuid.uuid5(NAMESPACE, key)}", "type": "AnnotationCollection",
        "label": label, "total": len(annotations),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": annotations},
    }


def write_exports(annotations: list[dict], matrix: pd.DataFrame, folder: Path = EXPORT_DIR,
                  label: str = "Stand-off annotations of the two interviews") -> list[Path]:
    """Write the JSON-LD collection and the passage-by-code CSV; return the two paths."""
    folder.mkdir(parents=True, exist_ok=True)
    jsonld = folder / JSONLD_NAME
    jsonld.write_text(json.dumps(collection(annotations, label), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    csv = folder / MATRIX_NAME
    matrix.to_csv(csv, lineterminator="\n")
    return [jsonld, csv]


def passage_code_matrix(passages: pd.DataFrame, coding: pd.DataFrame, codebook: pd.DataFrame) -> pd.DataFrame:
    """Every coding unit with its interview and speaker, and 0/1 for each code of the hand coding."""
    units = coding_units(passages)
    matrix = code_matrix(coding, units, list(codebook["code"]))
    matrix.insert(0, "speaker", units["speaker"].to_numpy())
    matrix.insert(0, "interview", units["interview"].to_numpy())
    return matrix


def export_study(passages: pd.DataFrame, folder: Path = EXPORT_DIR) -> pd.DataFrame:
    """Build and write five annotation layers of the study (hand coding, gazetteer mentions, hand-tagged
    sample, read stance markers, "we" referents) and the passage-by-code matrix. Returns the number of annotations
    per layer. The conversation readings of notebook 07 and the second readers' files are not exported."""
    codebook = load_codebook()
    coding = load_hand_coding(passages, codebook=codebook)
    mentions = find_mentions(passages)
    sample = load_pos_sample()
    interviews = sample["sentence_id"].str.split(":").str[0]
    answers = load_tokens(speech="answers")
    layers = {
        "thematic codes": code_annotations(coding, codebook),
        "entity mentions": entity_annotations(mentions),
        "tagger sample": pos_annotations(sample, interviews),
        "stance markers": stance_annotations(load_stance_check(stance_matches(answers, load_stance_lexicon()))),
        "we referents": we_annotations(load_we_referents(answers)),
    }
    everything = [a for layer in layers.values() for a in layer]
    write_exports(everything, passage_code_matrix(passages, coding, codebook), folder)
    counts = pd.DataFrame({"layer": list(layers), "annotations": [len(v) for v in layers.values()]})
    return pd.concat([counts, pd.DataFrame([{"layer": "total", "annotations": len(everything)}])], ignore_index=True)


def turn_annotations(passages: pd.DataFrame, sources: Sources) -> list[dict]:
    """Who speaks where: one annotation per question, answer and list item, its speaker and kind
    as bodies. The layer any catalog has, annotated or not."""
    speech = passages[passages["kind"].isin(["question", "answer", "list_item"])]
    return [annotation("speech", r.interview, r.start, r.end, "identifying",
                       [_body(r.speaker, "identifying"), _body(r.kind, "classifying")], sources)
            for r in speech.itertuples()]


def rule_code_annotations(matches: pd.DataFrame, codebook: pd.DataFrame, sources: Sources) -> list[dict]:
    """Codes given by keyword rules (`coding.rule_spans`): one annotation per match, with the
    code, its label and the pattern that matched as bodies."""
    labels = dict(zip(codebook["code"], codebook["label"], strict=True))
    return [annotation("rule", r.interview, r.start, r.end, "classifying",
                       [_body(r.code, "tagging"), _body(labels.get(r.code, r.code), "describing"),
                        _body(r.pattern, "commenting")], sources)
            for r in matches.itertuples()]


def export_corpus(passages: pd.DataFrame, sources: Sources, folder: Path, matches: pd.DataFrame | None = None,
                  codebook: pd.DataFrame | None = None, label: str = "Stand-off annotations of a corpus") -> Path:
    """Write the speech turns (and, given rule matches and their codebook, the codes they give) of
    any corpus as one W3C Web Annotation collection in `folder`; return the file's path."""
    annotations = turn_annotations(passages, sources)
    if matches is not None and codebook is not None:
        annotations += rule_code_annotations(matches, codebook, sources)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / JSONLD_NAME
    path.write_text(json.dumps(collection(annotations, label), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
