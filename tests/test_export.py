"""The W3C Web Annotation export and the passage-by-code matrix, and the passage viewer."""

from __future__ import annotations

import json

import pytest

import helpers
from helpers.annotating.viewer import code_colors, highlight_html, passage_html
from helpers.annotating.webanno import CONTEXT, CONTEXT_WIDTH, JSONLD_NAME, MATRIX_NAME
from helpers.plumbing.paths import EXPORT_DIR


@pytest.fixture(scope="module")
def built(passages, tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    counts = helpers.export_study(passages, folder)
    return folder, counts, json.loads((folder / JSONLD_NAME).read_text(encoding="utf-8"))


def test_the_committed_export_is_what_the_annotations_build(built):
    folder, _, _ = built
    for name in (JSONLD_NAME, MATRIX_NAME):
        assert (folder / name).read_bytes() == (EXPORT_DIR / name).read_bytes(), f"rerun notebook 03 to refresh {name}"


def test_every_annotation_has_the_models_required_fields_and_a_unique_id(built):
    _, counts, collection = built
    items = collection["first"]["items"]
    assert collection["type"] == "AnnotationCollection" and collection["total"] == len(items)
    assert counts.set_index("layer").loc["total", "annotations"] == len(items)
    for item in items:
        assert item["@context"] == CONTEXT and item["type"] == "Annotation"
        assert item["id"].startswith("urn:uuid:") and item["motivation"]
        assert item["body"] and all(b["type"] == "TextualBody" and b["value"] for b in item["body"])
        assert item["target"]["source"].startswith("seeds/")
    assert len({item["id"] for item in items}) == len(items)


def test_every_selector_points_at_the_seed_text_it_quotes(built, seed_texts):
    _, _, collection = built
    by_file = {f"seeds/{i.file}": seed_texts[i.id] for i in helpers.load_catalog() if i.id in seed_texts}
    for item in collection["first"]["items"]:
        text = by_file[item["target"]["source"]]
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"]
        assert text[max(0, start - CONTEXT_WIDTH):start] == quote["prefix"]
        assert text[end:end + CONTEXT_WIDTH] == quote["suffix"]


def test_the_matrix_has_one_row_per_unit_and_one_column_per_code(built, passages):
    folder, _, _ = built
    lines = (folder / MATRIX_NAME).read_text(encoding="utf-8").splitlines()
    codes = helpers.load_codebook()["code"].tolist()
    assert lines[0].split(",") == ["passage_id", "interview", "speaker", *codes]
    assert len(lines) - 1 == len(helpers.coding_units(passages))


def test_seed_text_is_escaped_in_the_viewer():
    text = "<script>alert(1)</script> and <img src=x onerror=alert(2)>"
    spans = [(0, 8, "a<b>")]
    out = highlight_html(text, list(range(len(text))), spans, {"a<b>": "#E69F00"})
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and "&lt;img src=x onerror=alert(2)&gt;" in out
    assert "a&lt;b&gt;" in out


def test_the_viewer_marks_each_coded_span_of_a_real_passage(passages):
    coding = helpers.load_hand_coding(passages)
    row = passages[passages["passage_id"] == "004:q5.a1"].iloc[0]
    out = passage_html(row, coding, code_colors(helpers.load_codebook()["code"].tolist()))
    assert out.count("<mark") >= 4
    assert "people&#x27;s war for national liberation" in out
    assert "Vasylyna:" not in out
