"""Bad annotation files give a clear error naming the file, the line and the problem."""

from __future__ import annotations

import re

import pytest

import helpers
from helpers.annotating.coding import CODING_COLUMNS


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def hand_coding_with(tmp_path, row: str):
    header = ",".join(CODING_COLUMNS)
    return write(tmp_path / "coding.csv", f"{header}\n{row}\n")


def test_a_missing_annotation_file_is_named(tmp_path, passages):
    with pytest.raises(helpers.SeedError, match=r"coding\.csv: annotation file not found"):
        helpers.load_hand_coding(passages, tmp_path / "coding.csv")


def test_a_wrong_header_is_reported_on_line_1(tmp_path, passages):
    path = write(tmp_path / "coding.csv", "passage,code\n")
    with pytest.raises(helpers.SeedError, match=r"coding\.csv:1: header is"):
        helpers.load_hand_coding(passages, path)


@pytest.mark.parametrize(("row", "message"), [
    ("000:q1.a1,weather,623,668,x,x", r"coding\.csv:2: code 'weather' is not in the codebook"),
    ("000:q1.a1,biography,623,668,I was born,I was born on June 30",
     r"coding\.csv:2: exact 'I was born on June 30' differs"),
    ("000:q1.a1,biography,10,20,x,x", r"coding\.csv:2: offsets 10-20 lie outside 000:q1\.a1"),
    ("000:q1,biography,10,20,x,x", r"'000:q1' is not an answer paragraph or list item"),
    ("000:q1.a1,biography,six,668,x,x", r"coding\.csv:2: start is 'six', not a whole number"),
    ("000:q1.a1,,623,668,x,x", r"coding\.csv:2: empty field 'code'"),
], ids=["unknown code", "quote differs from seed", "offsets outside passage", "question coded",
        "offset not a number", "empty field"])
def test_a_bad_hand_coding_row_is_reported_with_its_line(tmp_path, passages, row, message):
    path = hand_coding_with(tmp_path, row)
    with pytest.raises(helpers.SeedError, match=message):
        helpers.load_hand_coding(passages, path)


def test_a_bad_regular_expression_names_its_line(tmp_path):
    path = write(tmp_path / "rules.toml", "[rules]\nwar = ['\\\\bwar\\\\b']\nlabour = ['(workers']\n")
    with pytest.raises(helpers.SeedError, match=r"rules\.toml:3: pattern '\(workers' of 'labour'"):
        helpers.load_rules(path)


def test_invalid_toml_is_reported(tmp_path):
    path = write(tmp_path / "codebook.toml", "[[code]\ncode = 1\n")
    with pytest.raises(helpers.SeedError, match=r"codebook\.toml: invalid TOML: .*line 1"):
        helpers.load_codebook(path)


def test_a_code_without_an_exclude_rule_is_reported(tmp_path):
    text = '[[code]]\ncode = "war"\nlabel = "War"\ndefinition = "d"\ninclude = "i"\nexample = "000:q1.a1"\n'
    path = write(tmp_path / "codebook.toml", text)
    with pytest.raises(helpers.SeedError, match=r"codebook\.toml:2: code 'war' lacks exclude"):
        helpers.load_codebook(path)


def test_a_gazetteer_type_outside_the_five_is_reported(tmp_path):
    path = write(tmp_path / "entities.csv", "surface,canonical,type,note\nKiev,Kiev,city,\n")
    with pytest.raises(helpers.SeedError, match=r"entities\.csv:2: type 'city' is not one of person"):
        helpers.load_gazetteer(path)


def test_a_surface_form_listed_twice_is_reported(tmp_path):
    path = write(tmp_path / "entities.csv", "surface,canonical,type,note\nKiev,Kiev,place,\nKiev,Kyiv,place,\n")
    with pytest.raises(helpers.SeedError, match=re.escape("entities.csv:3: surface form 'Kiev' is listed twice")):
        helpers.load_gazetteer(path)


def test_a_gold_tag_that_is_not_penn_is_reported(tmp_path):
    header = "sentence_id,position,passage_id,start,end,token,gold,note"
    path = write(tmp_path / "pos_sample.csv", f"{header}\n000:q1.a1.s1,1,000:q1.a1,623,624,I,PRON,\n")
    with pytest.raises(helpers.SeedError, match=r"pos_sample\.csv:2: gold tag 'PRON' is not a Penn Treebank tag"):
        helpers.load_pos_sample(path)

