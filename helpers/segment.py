"""Splitting one seed into segments: who speaks, in which turn, and what kind of text each is.

The seed is cut into blocks (see `blocks`), and each block is read by its markup (see
`markup`) and by where it stands: before the first question (the head), among the turns
(the body) or after the article's end (the footer). The rules for both formats are the
same but for the markup they read; they are listed in the README.
"""

from __future__ import annotations

from dataclasses import dataclass

from .blocks import LIST_MARKER, Block, split_blocks, split_list
from .catalog import Interview, Person
from .errors import SeedError
from .markup import (
    FULL_DATE,
    HEADING,
    METADATA_KEY,
    THEMATIC_BREAK,
    is_bold_paragraph,
    is_bracketed,
    is_quotation,
    parse_label,
    reading_string,
    unbold,
)
from .paths import shown

FOOTER_OPENERS = ("Published by", "Recent Posts", "Related Posts", "Share this:")
EDITOR = "Editor"
SHORT_KIND = {
    "blank": "blank", "title": "title", "metadata": "metadata", "intro": "intro",
    "caption": "caption", "editor_note": "note", "pull_quote": "pullquote",
    "signature": "signature", "boilerplate": "boilerplate",
}


@dataclass
class Segment:
    """One segment of a seed: `text[start:end]`, with reading text from `body_start` to `body_stop`."""

    start: int
    end: int
    line: int
    kind: str
    body_start: int
    body_stop: int
    passage_id: str = ""
    speaker: str = ""
    role: str = ""
    turn: int | None = None
    turn_id: str = ""
    reply_to: str = ""


@dataclass
class _Turn:
    number: int
    kind: str
    person: Person
    id: str
    reply_to: str
    from_heading: bool
    paragraphs: int = 0
    items: int = 0


class _Splitter:
    """Walks the blocks of one seed in order, keeping the state the rules need."""

    def __init__(self, interview: Interview, text: str) -> None:
        self.iv = interview
        self.text = text
        self.markdown = interview.format == "markdown"
        self.labels = interview.speaker_for_label()
        self.phase = "head"
        self.title_seen = False
        self.turns = 0
        self.questions = 0
        self.answers = 0
        self.turn: _Turn | None = None
        self.question: _Turn | None = None
        self.counters: dict[str, int] = {}
        self.segments: list[Segment] = []
        self.footer_line = 0

    # -- helpers ---------------------------------------------------------------------------

    def fail(self, line: int, problem: str) -> SeedError:
        return SeedError(shown(self.iv.path), line, problem)

    def content(self, block: Block) -> str:
        return self.text[block.start : block.stop]

    def add(self, block: Block, kind: str, body_start: int | None = None, **fields) -> Segment:
        start = block.start if body_start is None else body_start
        body_start = start + len(self.text[start : block.stop]) - len(self.text[start : block.stop].lstrip())
        seg = Segment(block.start, block.end, block.line, kind, body_start, block.stop, **fields)
        if not seg.passage_id:
            short = SHORT_KIND[kind]
            self.counters[short] = self.counters.get(short, 0) + 1
            seg.passage_id = f"{self.iv.id}:{short}{self.counters[short]}"
        if kind == "editor_note":
            seg.speaker, seg.role = EDITOR, "editor"
        self.segments.append(seg)
        return seg

    def person_named(self, words: str) -> Person | None:
        """The person whose name (or label) is exactly `words`, if any."""
        for person in self.iv.people:
            if words in (person.name, *person.names, *person.labels):
                return person
        return None

    def person_opening(self, words: str) -> Person | None:
        """The person whose name opens `words` ("Mia, Russian Socialist Movement")."""
        for person in self.iv.people:
            for name in (person.name, *person.names):
                if words == name or words.startswith(name + ","):
                    return person
        return None

    # -- turns -----------------------------------------------------------------------------

    def open_turn(self, person: Person, block: Block, from_heading: bool = False) -> _Turn:
        self.turns += 1
        if person.role == "interviewer":
            self.questions += 1
            self.answers = 0
            turn = _Turn(self.turns, "question", person, f"{self.iv.id}:q{self.questions}", "", from_heading)
            self.question = turn
        else:
            if self.question is None:
                raise self.fail(block.line, f"answer by {person.name} before any question")
            self.answers += 1
            turn = _Turn(self.turns, "answer", person, f"{self.question.id}.a{self.answers}", self.question.id, False)
        self.turn = turn
        self.phase = "body"
        return turn

    def add_to_turn(self, block: Block, body_start: int, item: bool = False) -> None:
        turn = self.turn
        assert turn is not None
        first = turn.paragraphs == 0 and turn.items == 0
        if item:
            turn.items += 1
            pid = turn.id if first else f"{turn.id}.li{turn.items}"
            kind = "list_item"
        else:
            turn.paragraphs += 1
            pid = turn.id if first else f"{turn.id}.p{turn.paragraphs}"
            kind = turn.kind
        self.add(
            block, kind, body_start, passage_id=pid, speaker=turn.person.name,
            role=turn.person.role, turn=turn.number, turn_id=turn.id, reply_to=turn.reply_to,
        )

    # -- the rules -------------------------------------------------------------------------

    def label_of(self, block: Block) -> tuple[Person, int] | None:
        """The person a block's speaker label names and where their words start, or None."""
        found = parse_label(self.content(block))
        if found is None:
            return None
        label, offset = found
        if label not in self.labels:
            may_be_title = self.phase == "head" and not self.title_seen and not self.markdown
            if may_be_title or METADATA_KEY.match(self.content(block)):
                return None
            known = ", ".join(repr(k) for k in self.labels) or "none"
            raise self.fail(
                block.line,
                f"unknown speaker label {label!r}: {shown(self.iv.catalog)} (interview {self.iv.id!r}, "
                f"line {self.iv.catalog_line}) knows {known}",
            )
        if not self.content(block)[offset:].strip():
            raise self.fail(block.line, f"speaker label {label!r} with no text after it")
        return self.labels[label], block.start + offset

    def footer_block(self, block: Block) -> None:
        found = parse_label(self.content(block))
        if found and found[0] in self.labels:
            raise self.fail(
                block.line,
                f"speaker label {found[0]!r} after the footer began at line {self.footer_line}: "
                "the text goes on after what looked like its end",
            )
        words = unbold(self.content(block))
        if is_bold_paragraph(self.content(block)) and self.person_opening(words):
            self.add(block, "signature")
        else:
            self.add(block, "boilerplate")

    def opens_footer(self, block: Block) -> bool:
        content = self.content(block)
        return content.startswith(FOOTER_OPENERS) or THEMATIC_BREAK.fullmatch(content) is not None

    def heading(self, block: Block) -> int | None:
        """Level of a Markdown heading block, or None."""
        match = HEADING.match(self.content(block)) if self.markdown else None
        return len(match.group("hashes")) if match else None

    def block(self, block: Block) -> None:
        content = self.content(block)
        if self.phase == "footer":
            return self.footer_block(block)
        if self.opens_footer(block) and (self.phase == "body" or content.startswith(FOOTER_OPENERS)):
            self.phase, self.footer_line = "footer", block.line
            return self.footer_block(block)
        level = self.heading(block)
        if level == 1 and self.phase == "head":
            self.title_seen = True
            return self.add(block, "title", block.start + HEADING.match(content).end())
        if level is not None:
            return self.heading_question(block, HEADING.match(content).end())
        labelled = self.label_of(block)
        if labelled is not None:
            person, body_start = labelled
            self.open_turn(person, block)
            return self.body_block(block, body_start)
        if self.phase == "head":
            return self.head_block(block)
        return self.body_block(block, block.start)

    def heading_question(self, block: Block, offset: int) -> None:
        interviewers = self.iv.by_role("interviewer")
        if not reading_string(self.text, block.start + offset, block.stop, self.markdown):
            raise self.fail(block.line, "question heading with no text")
        self.open_turn(interviewers[0], block, from_heading=True)
        self.add_to_turn(block, block.start + offset)

    def head_block(self, block: Block) -> None:
        content = self.content(block)
        if THEMATIC_BREAK.fullmatch(content):
            self.add(block, "boilerplate")
        elif METADATA_KEY.match(content) or (FULL_DATE.search(content) and len(content) < 400):
            self.add(block, "metadata")
        elif not self.title_seen and not self.markdown:
            self.title_seen = True
            self.add(block, "title")
        else:
            self.add(block, "intro")

    def body_block(self, block: Block, body_start: int) -> None:
        """A block among the turns: a new turn's first words, or what stands inside a turn."""
        content = self.text[body_start : block.stop]
        if body_start == block.start:
            if is_bracketed(content):
                return self.add(block, "editor_note")
            if is_bold_paragraph(content) and is_quotation(content):
                return self.add(block, "pull_quote", speaker=EDITOR, role="editor")
            named = self.person_named(unbold(content))
            if named is not None:
                return self.add(block, "signature" if named.role == "author" else "caption")
            if self.turn is not None and self.turn.kind == "question" and self.turn.from_heading:
                self.answer_without_label(block)
        parts = split_list(block, self.text) if body_start == block.start else None
        if parts is None:
            return self.add_to_turn(block, body_start)
        for part in parts:
            marker = LIST_MARKER.match(self.text, part.start)
            self.add_to_turn(part, marker.end() if marker else part.start, item=marker is not None)

    def answer_without_label(self, block: Block) -> None:
        """An unlabelled paragraph after a question heading: the sole interviewee answers."""
        interviewees = self.iv.by_role("interviewee")
        if len(interviewees) != 1:
            names = ", ".join(p.name for p in interviewees)
            raise self.fail(
                block.line,
                f"unlabelled paragraph after the question heading: cannot tell which of {names} answers",
            )
        self.open_turn(interviewees[0], block)

    def run(self) -> list[Segment]:
        lead, blocks = split_blocks(self.text)
        if lead:
            self.segments.append(Segment(0, lead, 1, "blank", lead, lead, f"{self.iv.id}:blank1"))
        for block in blocks:
            self.block(block)
        if self.questions == 0:
            raise self.fail(None, "no question found: check the format and the interviewer's labels in the catalog")
        return self.segments


def split_seed(interview: Interview, text: str) -> list[Segment]:
    """Cut the text of one seed into segments, in order, tiling the text."""
    return _Splitter(interview, text).run()
