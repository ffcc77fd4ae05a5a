"""Markup reading: labels, and the offsets that tie each reading character back to the seed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from helpers.reading.labels import parse_label
from helpers.reading.markup import _ASCII_PUNCT, MD_LINK, reading_string, reading_text


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


def reading_text_by_character(text: str, start: int, end: int, markdown: bool) -> tuple[str, list[int]]:
    """The first `reading_text`, one character at a time: slow, but plainly the documented rules.
    The bulk-copying one must give exactly what it gives."""
    chars: list[str] = []
    offsets: list[int] = []
    i = start
    while i < end:
        ch = text[i]
        if markdown and ch == "\\" and i + 1 < end and text[i + 1] in _ASCII_PUNCT:
            chars.append(text[i + 1])
            offsets.append(i + 1)
            i += 2
            continue
        if markdown and ch in "[!":
            link = MD_LINK.match(text, i, end)
            if link:
                label, label_offsets = reading_text_by_character(text, link.start("label"), link.end("label"), True)
                chars.extend(label)
                offsets.extend(label_offsets)
                i = link.end()
                continue
        if (markdown and ch == "*") or ch == "\ufeff":
            i += 1
            continue
        if ch.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                offsets.append(i)
            i += 1
            continue
        chars.append(ch)
        offsets.append(i)
        i += 1
    while chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    return "".join(chars), offsets


# White space of every kind str.isspace() knows, and look-alikes that are not white space.
MARKUP_ALPHABET = "ab *\\[]()#_!.\n\r\t\x0b\x0c\x1c\x1f\x85\xa0\u2003\u2028\u200b\u180e\ufeffé“”"


@given(st.text(alphabet=MARKUP_ALPHABET, max_size=80), st.booleans(), st.data())
def test_reading_text_matches_the_character_by_character_rules(text, markdown, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert reading_text(text, start, end, markdown) == reading_text_by_character(text, start, end, markdown)


def test_reading_text_matches_the_rules_on_both_seeds(seed_texts):
    for name, text in seed_texts.items():
        for markdown in (False, True):
            expected = reading_text_by_character(text, 0, len(text), markdown)
            assert reading_text(text, 0, len(text), markdown) == expected, name
            assert reading_string(text, 0, len(text), markdown) == expected[0], name


@given(st.text(alphabet=MARKUP_ALPHABET, max_size=80), st.booleans(), st.data())
def test_reading_string_is_the_reading_text_without_offsets(text, markdown, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert reading_string(text, start, end, markdown) == reading_text_by_character(text, start, end, markdown)[0]
