"""The "we" layer: which tokens are read, the reader's file and its errors, clusivity from the
referent, agreement between two readers, the export; and the seeds' first-person plurals, counted
by hand."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers.annotating import pronouns
from helpers.annotating.webanno import we_annotations
from helpers.plumbing.errors import SeedError


def token(sentence_id: str, position: int, word: str, start: int) -> dict:
    return {"interview": "900", "speaker": "A", "passage_id": sentence_id.rsplit(".", 1)[0],
            "sentence_id": sentence_id, "position": position, "start": start, "end": start + len(word),
            "token": word, "norm": word.lower(), "is_word": True}


# "We organised it. Our town burned. What should we do?"
TOKENS = pd.DataFrame([
    token("900:q1.a1.s1", 1, "We", 0), token("900:q1.a1.s1", 2, "organised", 3), token("900:q1.a1.s1", 3, "it", 13),
    token("900:q1.a1.s2", 1, "Our", 17), token("900:q1.a1.s2", 2, "town", 21), token("900:q1.a1.s2", 3, "burned", 26),
    token("900:q1.a1.s3", 1, "What", 34), token("900:q1.a1.s3", 2, "should", 39), token("900:q1.a1.s3", 3, "we", 46),
    token("900:q1.a1.s3", 4, "do", 49),
])
TEXT = "We organised it. Our town burned. What should we do?"
GOOD = "900:q1.a1.s1@1,organisation,\n900:q1.a1.s2@1,people,\n900:q1.a1.s3@3,left,\n"


def readings(tmp_path, rows: str, name: str = "we.csv"):
    path = tmp_path / name
    path.write_text("token_id,referent,note\n" + rows, encoding="utf-8")
    return path


def test_every_first_person_plural_is_an_item_with_its_sentence_and_position():
    assert pronouns.we_tokens(TOKENS)["token_id"].tolist() == ["900:q1.a1.s1@1", "900:q1.a1.s2@1", "900:q1.a1.s3@3"]


def test_the_referent_decides_the_clusivity(tmp_path):
    table = pronouns.load_we_referents(TOKENS, readings(tmp_path, GOOD))
    assert table[["token", "referent", "clusivity"]].values.tolist() == [
        ["We", "organisation", "exclusive"], ["Our", "people", "exclusive"], ["we", "left", "inclusive"]]
    assert set(pronouns.CLUSIVITY) == set(pronouns.REFERENTS)


@pytest.mark.parametrize(("rows", "where", "problem"), [
    (GOOD + "900:q1.a1.s2@2,people,\n", "we.csv:5:", "'900:q1.a1.s2@2' is not one of the first-person plurals"),
    (GOOD.replace("people", "nation"), "we.csv:3:", "referent 'nation' is not one of organisation, people"),
    (GOOD + "900:q1.a1.s1@1,left,\n", "we.csv:5:", "already read on line 2"),
    (GOOD.replace("900:q1.a1.s3@3,left,\n", ""), "we.csv", "1 first-person plurals (we/us/our/ours/ourselves)"),
])
def test_a_bad_row_or_an_unread_we_is_named(tmp_path, rows, where, problem):
    with pytest.raises(SeedError) as error:
        pronouns.load_we_referents(TOKENS, readings(tmp_path, rows))
    assert where in str(error.value) and problem in str(error.value)


def test_two_readers_are_compared_token_by_token(tmp_path):
    first = pronouns.load_we_referents(TOKENS, readings(tmp_path, GOOD))
    second = pronouns.load_we_referents(TOKENS, readings(tmp_path, GOOD.replace("left", "unclear"), "we-second.csv"))
    # 2 of 3 alike; kappa: po = 2/3, pe = (1·1 + 1·1 + 1·0 + 0·1)/9 = 2/9, (2/3 − 2/9)/(7/9) = 0.57
    assert pronouns.we_agreement(first, second)["items"] == 3
    assert pronouns.we_agreement(first, second)["agreement"] == 0.67
    assert pronouns.we_agreement(first, second)["kappa"] == 0.57


def test_each_we_is_exported_with_its_referent_and_clusivity(tmp_path):
    referents = pronouns.load_we_referents(TOKENS, readings(tmp_path, GOOD))
    items = we_annotations(referents, {"900": ("seeds/900.txt", TEXT)})
    assert [[b["value"] for b in item["body"]][:2] for item in items] == [
        ["organisation", "exclusive"], ["people", "exclusive"], ["left", "inclusive"]]
    exact = [next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")["exact"] for item in items]
    assert exact == ["We", "Our", "we"]


def test_the_seeds_answers_hold_the_first_person_plurals_counted_by_hand():
    table = pronouns.load_we_referents(helpers.load_tokens(speech="answers"))
    # Counted in the answers: Chalenko 48, Mia 23, Vasylyna 18.
    assert table.groupby("speaker").size().to_dict() == {"Maxim Chalenko": 48, "Mia": 23, "Vasylyna": 18}
    assert table["clusivity"].notna().all()
