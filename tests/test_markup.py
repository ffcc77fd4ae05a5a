"""Markup reading: labels, and the offsets that tie each reading character back to the seed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from helpers.markup import parse_label, reading_text


def test_plain_label_needs_capitalised_words():
    assert parse_label("MC: There were two reasons: First") == ("MC", 4)
    assert parse_label("Maxim Chalenko: I was born") == ("Maxim Chalenko", 16)
    assert parse_label("There were two reasons: First") is None
    assert parse_label("Lugansk communist: ‘Donbass’") is None


def test_bold_labels_in_both_styles():
    assert parse_label("**Mia:** Hello") == ("Mia", 9)
    assert parse_label("**Mia**: Hello") == ("Mia", 9)
    assert parse_label("**Not a label** here") is None


def test_reading_text_of_a_markdown_link_keeps_the_label():
    text = r"by [MIA \(Russian Socialist Movement\)](#), now"
    clean, offsets = reading_text(text, 0, len(text), markdown=True)
    assert clean == "by MIA (Russian Socialist Movement), now"
    assert all(text[o] == c for o, c in zip(offsets, clean, strict=True))


def test_plain_text_keeps_stars_and_brackets():
    text = "a *b* [c]"
    assert reading_text(text, 0, len(text), markdown=False)[0] == "a *b* [c]"


@given(st.text(alphabet="ab *\\[]()#_\n\r\t\ufeffé“”", max_size=60), st.booleans())
def test_every_reading_character_comes_from_the_seed(text, markdown):
    clean, offsets = reading_text(text, 0, len(text), markdown)
    assert len(clean) == len(offsets)
    assert offsets == sorted(set(offsets))
    for char, offset in zip(clean, offsets, strict=True):
        assert char == text[offset] or (char == " " and text[offset].isspace())
    assert clean == clean.strip() and "  " not in clean
