"""Exporting every annotation as W3C Web Annotation JSON-LD, and the passage-by-code matrix as CSV.

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

from .coding import code_matrix, coding_units, load_codebook, load_hand_coding
from .entities import find_mentions
from .paths import EXPORT_DIR
from .standoff import seed_texts
from .tagcheck import load_pos_sample

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_WIDTH = 32
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:x-study:ukraine-left-interviews:annotations")
JSONLD_NAME = "web-annotations.jsonld"
MATRIX_NAME = "passage-codes.csv"


def target(interview: str, start: int, end: int) -> dict:
    """The target of an annotation on seed characters `start` to `end` of an interview."""
    info, text = seed_texts()[interview]
    return {
        "source": f"seeds/{info.file}",
        "selector": [
            {"type": "TextQuoteSelector", "exact": text[start:end],
             "prefix": text[max(0, start - CONTEXT_WIDTH):start], "suffix": text[end:end + CONTEXT_WIDTH]},
            {"type": "TextPositionSelector", "start": int(start), "end": int(end)},
        ],
    }


def annotation(layer: str, interview: str, start: int, end: int, motivation: str, bodies: list[dict]) -> dict:
    """One Web Annotation with a stable id derived from its layer, target and bodies."""
    key = json.dumps([layer, interview, int(start), int(end), bodies], sort_keys=True, ensure_ascii=False)
    return {
        "@context": CONTEXT, "id": f"urn:uuid:{uuid.uuid5(NAMESPACE, key)}", "type": "Annotation",
        "motivation": motivation, "body": bodies, "target": target(interview, start, end),
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
    """Build and write every annotation of the study (hand coding, gazetteer mentions, hand-tagged
    sample) and the passage-by-code matrix. Returns the number of annotations per layer."""
    codebook = load_codebook()
    coding = load_hand_coding(passages, codebook=codebook)
    mentions = find_mentions(passages)
    sample = load_pos_sample()
    interviews = sample["sentence_id"].str.split(":").str[0]
    layers = {
        "thematic codes": code_annotations(coding, codebook),
        "entity mentions": entity_annotations(mentions),
        "tagger sample": pos_annotations(sample, interviews),
    }
    everything = [a for layer in layers.values() for a in layer]
    write_exports(everything, passage_code_matrix(passages, coding, codebook), folder)
    counts = pd.DataFrame({"layer": list(layers), "annotations": [len(v) for v in layers.values()]})
    return pd.concat([counts, pd.DataFrame([{"layer": "total", "annotations": len(everything)}])], ignore_index=True)
