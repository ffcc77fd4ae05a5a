"""Splitting one seed into segments: who speaks, in which turn, and what kind of text each is.

The seed is cut into blocks (see `blocks`), refined by its structure (see `structure`: the
Markdown parser's blocks, text boxes, labels on consecutive lines), and each block is read by its
markup and by where it stands: before the first question (the head), among the turns (the body)
or after the last turn (the footer). The principles, listed in the README:

- a label is recognised however it is marked (see `labels`), after invisible and typographic
  characters are normalised;
- a paragraph is given to a speaker only by a label (the paragraphs after a labelled one
  continue its turn), by the alternation of an interview with one interviewee (an unlabelled
  paragraph after a question heading or a bold question is the sole interviewee's answer), or by
  the catalog (`questions`, `not_turns`); any other attribution is an error or a report row;
- the footer is only what follows the last turn: the splitter walks a seed twice, first to find
  the last block that opens a turn, then to split it; a thematic break, a "Read more" line or an
  end mark before that block is recorded and the interview goes on after it;
- nothing is set aside silently: every decision a reader may want to check is a row of the split
  report (`split_report`), and every problem a `SeedError` naming the file, the line and, where
  the catalog can settle it, the catalog line to paste (`SeedError.fixes`).

`split_checked` returns every problem of a seed at once (each with a recovery, so the walk goes
on); `split_seed` and `split_with_report` raise the first.

Why this module is long: the splitter is one walk through a seed, and every rule reads the same
state (the phase, the open turn, the question it answers, the report). Cut into modules, the rules
would pass that state back and forth and be harder to read in the order they apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..plumbing.errors import SeedError
from ..plumbing.fixes import Fix, set_line
from ..plumbing.paths import shown
from .blocks import LIST_MARKER, Block, Line, cut_at, single_item_body, split_blocks, split_lines, split_list
from .catalog import Interview, Person
from .labels import (
    LabelMatch,
    initials,
    is_cue_lines,
    is_timestamp_line,
    match_label,
    normal_label,
    opening,
    parse_label,
    role_of_label,
)
from .markup import (
    FULL_DATE,
    HEADING,
    METADATA_KEY,
    THEMATIC_BREAK,
    is_bold_paragraph,
    is_bracketed,
    is_quotation,
    reading_string,
    unbold,
)
from .repeats import repeated_blocks
from .structure import (
    DIRECTIVE,
    Shape,
    cut_styled_lines,
    emphasis_of,
    find_boxes,
    parse_markdown,
    refine_blocks,
    without_break,
)

FOOTER_OPENERS = ("Published by", "Recent Posts", "Related Posts", "Share this:", "Retrieved from", "Read more",
                  "Related articles", "More from", "Further reading")
EDITOR = "Editor"
SHORT_KIND = {
    "blank": "blank", "title": "title", "metadata": "metadata", "intro": "intro",
    "caption": "caption", "editor_note": "note", "pull_quote": "pullquote",
    "signature": "signature", "boilerplate": "boilerplate", "markup": "markup",
}
EDITORIAL_LABELS = {"update", "note", "editor's note", "editor’s note", "editors' note", "correction",
                    "clarification", "disclaimer", "p.s", "ps", "postscript", "editor", "ed. note"}
"""Label-like openings that mark the editor's words, never a speaker's turn."""
QUOTED_HEADERS = {"from", "to", "subject", "sent", "cc", "bcc", "re", "date"}
"""E-mail header names: a speaker who quotes a message is still speaking."""
NOT_QUESTIONS = re.compile(r"(?i)^(?:table of )?contents$|^to be continued|^(?:foot)?notes$|^references$|"
                           r"^related|^further reading|^about the (?:author|authors|interviewee)s?$|^credits$")
FOOTER_HEADINGS = re.compile(r"(?i)^to be continued|^(?:foot)?notes$|^references$|^related|^further reading|"
                             r"^about the (?:author|authors)s?$|^credits$")
"""Headings that, after the last turn, open the footer."""
MARKUP_LINE = re.compile(r"\s*(?:\{\{[<%].*?[%>]\}\}|<!--.*?-->|</?[A-Za-z][^>]*>|!\[[^\]]*\]\([^)]*\))\s*")
FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]:")
END_MARK = re.compile(r"(?<![ \t])[ \t]*(?:\|[ \t]*\*\*[A-Za-z]{1,3}\*\*|\*\*\|[ \t]*[A-Za-z]{1,3}\*\*|■|∎|□|—30—|"
                      r"-30-|###)[ \t]*$")
"""An end-of-article mark ending a paragraph (searched from the start of its run of spaces only)."""
LINK_LINE = re.compile(r"[ \t]*(?:[-*+][ \t]+)?(?:\[[^\]]+\]\([^)]+\)|<?https?://\S+>?)[ \t]*")
HEADER_BLOCK = re.compile(r"(?i)^(?:an? )?interview(?:ed)?(?: conducted)? by\b|^conducted by\b|^an interview\b")
LICENCE = re.compile(r"(?i)^\W{0,3}(?:this (?:work|article|interview|text|transcript) (?:is|may be) "
                     r"(?:licensed|distributed|published|reproduced)|licensed under|creative commons|copyright\b|©|"
                     r"all rights reserved)")
"""A licence or copyright line: after the last turn, it opens the footer."""
KEY_VALUE_WORDS = 8
"""A `Key: value` line in the head holds at most this many words after its key."""
NAME_JOINERS = {"of", "and", "the", "de", "du", "da", "von", "van", "der", "for", "in", "at", "&"}
"""Small words a name or a place may hold among its capitalised words."""


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
    repeats_at: int | None = None


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
    line: int = 0
    answers: int = 0


@dataclass
class _Report:
    """What the splitter decided that a reader may want to check, one row per decision."""

    rows: list[dict] = field(default_factory=list)

    def add(self, interview: str, line: int, passage_id: str, decision: str, text: str) -> None:
        """Record one decision of the splitter about one block, for the split report."""
        self.rows.append({"interview": interview, "line": line, "passage_id": passage_id,
                          "decision": decision, "text": " ".join(text.split())[:80]})


@dataclass
class _Structure:
    """What both walks read: the blocks (refined), pull quotes, the parser's shapes, boxes,
    comments and front matter, computed once per seed."""

    lead: int
    blocks: list[Block]
    repeats: dict[int, int]
    shapes: dict[int, Shape]
    boxes: list[tuple[int, int]]
    unclosed_boxes: list[int]
    front: tuple[int, int] | None
    comments: dict[int, int]
    unclosed_comments: set[int]
    label_cuts: list[int]
    labels: tuple[str, ...] = ()
    matches: dict[tuple[int, int, bool | None], object] = field(default_factory=dict)

    def unknown_of(self, text: str, start: int, stop: int) -> tuple[str, int] | None:
        """Whether `text[start:stop]` opens with something shaped like a label (`labels.parse_label`),
        computed once for both walks."""
        key = (start, stop, None)
        if key not in self.matches:
            self.matches[key] = parse_label(text[start:stop])
        return self.matches[key]

    def label_of(self, text: str, start: int, stop: int, loose: bool = False) -> LabelMatch | None:
        """The catalog label `text[start:stop]` opens with (`labels.match_label`), computed once for
        both walks."""
        key = (start, stop, loose)
        if key not in self.matches:
            self.matches[key] = match_label(text[start:stop], self.labels, loose) if self.labels else None
        return self.matches[key]


def front_matter_lines(text: str, lines: list[Line], first: Block | None) -> tuple[int, int] | None:
    """The lines (first, last) of YAML (`---`) or TOML (`+++`) front matter opening the file, if it
    is closed by the same delimiter; an unclosed one is not front matter."""
    if first is None:
        return None
    mark = text[first.lines[0].start:first.lines[0].stop].strip()
    if mark not in ("---", "+++"):
        return None
    for line in lines:
        if line.number > first.line and text[line.start:line.stop].strip() == mark:
            return first.line, line.number
    return None


def _comments(text: str, blocks: list[Block]) -> tuple[dict[int, int], set[int]]:
    """HTML comments spanning blocks: the index of each block inside one mapped to the index of
    the block that opened it, and the indexes of blocks that open a comment never closed."""
    inside: dict[int, int] = {}
    unclosed: set[int] = set()
    k = 0
    while k < len(blocks):
        content = text[blocks[k].start:blocks[k].stop]
        if content.lstrip().startswith("<!--") and "-->" not in content:
            close = next((j for j in range(k + 1, len(blocks)) if "-->" in text[blocks[j].start:blocks[j].stop]), None)
            if close is None:
                unclosed.add(k)
            else:
                inside.update(dict.fromkeys(range(k, close + 1), k))
                k = close
        k += 1
    return inside, unclosed


def _other_label(line: str) -> bool:
    """Whether a line opens with a label the catalog may not list: not the editor's, not a quoted
    e-mail header, not a metadata key."""
    found = parse_label(line)
    if found is None or METADATA_KEY.match(line):
        return False
    label = found[0].lower()
    return label not in EDITORIAL_LABELS and label.rstrip(".") not in EDITORIAL_LABELS and label not in QUOTED_HEADERS


def _structure(interview: Interview, text: str, labels: tuple[str, ...]) -> _Structure:
    """Cut a seed into blocks and read its structure."""
    lead, blocks = split_blocks(text)
    lines = split_lines(text)
    shapes = parse_markdown(text) if interview.format == "markdown" else {}
    matter = [n for n, sh in shapes.items() if sh.kind == "front_matter"]
    parsed = (min(matter), max(matter)) if matter else None
    # front matter as the parser's plugin reads it (YAML opening the file); else as written by hand
    # (after blank lines, or TOML's +++), and then the parser reads the rest without it
    front = parsed or front_matter_lines(text, lines, blocks[0] if blocks else None)
    if front is not None and parsed is None and shapes:
        shapes = parse_markdown(text, front)
    boxes, unclosed_boxes = find_boxes(text, lines)
    protected = {n for n, s in shapes.items() if s.kind in ("fence", "html", "front_matter")}
    protected |= {n for first, last in boxes for n in range(first, last + 1)}
    if front is not None:
        protected |= set(range(front[0], front[1] + 1))
    blocks, cuts = refine_blocks(text, blocks, shapes, boxes, labels, protected, _other_label)
    if interview.questions in ("bold", "italic"):
        blocks = cut_styled_lines(text, blocks, interview.questions, protected)
    comments, unclosed = _comments(text, blocks)
    repeats = repeated_blocks(text, blocks, interview.format == "markdown", list(labels))
    return _Structure(lead, blocks, repeats, shapes, boxes, unclosed_boxes, front, comments, unclosed, cuts, labels)


class _Splitter:
    """Walks the blocks of one seed in order, keeping the state the rules need. `last_opener` is
    the index of the last block that opens a turn (found by a first walk, which has none): only
    what follows it may be footer."""

    def __init__(self, interview: Interview, text: str, structure: _Structure, last_opener: int | None) -> None:
        self.iv = interview
        self.text = text
        self.st = structure
        self.last_opener = last_opener
        self.markdown = interview.format == "markdown"
        self.labels = {normal_label(k): p for k, p in interview.speaker_for_label().items()}
        self.label_list = tuple(self.labels)
        self.not_turns = [opening(n) for n in interview.not_turns]
        self.phase = "head"
        self.title_seen = False
        self.turns = 0
        self.questions = 0
        self.answers = 0
        self.turn: _Turn | None = None
        self.question: _Turn | None = None
        self.last_answerer: Person | None = None
        self.pending: _Turn | None = None
        self.pending_segment: Segment | None = None
        self.after_section = False
        self.counters: dict[str, int] = {}
        self.segments: list[Segment] = []
        self.footer_line = 0
        self.after_image = False
        self.index = 0
        self.openers: list[int] = []
        self.problems: list[SeedError] = []
        self.report = _Report()
        self.top = True  # False for the trial walks that look for the fixes of "no question found"
        self.first_answerer: Person | None = None  # who answers first when no one labelled asks
        self.cue_noted = False
        self.bold_questions = 0  # labelled questions that are whole-bold paragraphs

    # -- helpers ---------------------------------------------------------------------------

    def problem(self, line: int | None, problem: str, fixes: tuple[Fix, ...] = ()) -> None:
        """Record a problem of this seed, naming the line; the walk goes on with a recovery."""
        self.problems.append(SeedError(shown(self.iv.path), line, problem, fixes))

    def fix(self, line: str, person: str | None = None) -> Fix:
        """A catalog line for this interview's entry (or one of its people)."""
        return Fix(shown(self.iv.catalog), self.iv.id, line, person)

    def no_asker(self) -> bool:
        """Whether no one the catalog labels is an interviewer (so no label can open a question)."""
        return not any(p.role == "interviewer" and p.labels for p in self.iv.people)

    def role_fix(self, person: Person) -> Fix | None:
        """The catalog line that makes a person the interviewer, unless a role word in a label of
        theirs (`A:`, `Guest:`) already says who they are."""
        if any(role_of_label(normal_label(x)) for x in person.labels) or person.role == "interviewer":
            return None
        return self.fix(set_line("role", "interviewer"), person.name)

    def not_turns_fix(self, words: str) -> Fix:
        """The catalog line that declares a line opening with `words` not a turn."""
        return self.fix(set_line("not_turns", [*self.iv.not_turns, words]))

    def content(self, block: Block) -> str:
        """The block's text as it stands in the seed."""
        return self.text[block.start : block.stop]

    def label(self, block: Block, loose: bool = False) -> LabelMatch | None:
        """The catalog label the block opens with, if any (see `labels.match_label`)."""
        return self.st.label_of(self.text, block.start, block.stop, loose)

    def shape(self, block: Block) -> Shape | None:
        """What the Markdown parser made of the block's first line (None in plain seeds)."""
        return self.st.shapes.get(block.line)

    def note(self, block: Block, decision: str, seg: Segment | None = None) -> None:
        """Add the decision taken on a block (and the passage it made) to the split report."""
        self.report.add(self.iv.id, block.line, seg.passage_id if seg else "", decision, self.content(block))

    def add(self, block: Block, kind: str, body_start: int | None = None, body_stop: int | None = None,
            **fields) -> Segment:
        """Make a segment of a block, its body starting after any label, and number it."""
        start = block.start if body_start is None else body_start
        stop = block.stop if body_stop is None else body_stop
        body_start = start + len(self.text[start:stop]) - len(self.text[start:stop].lstrip())
        seg = Segment(block.start, block.end, block.line, kind, body_start, stop, **fields)
        if not seg.passage_id:
            short = SHORT_KIND[kind]
            self.counters[short] = self.counters.get(short, 0) + 1
            seg.passage_id = f"{self.iv.id}:{short}{self.counters[short]}"
        if kind in ("editor_note", "pull_quote"):
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

    def declared_not_turn(self, block: Block) -> bool:
        """Whether the block opens with a phrase the catalog says is never a turn (compared without
        emphasis, heading marks or timestamps, so `OGA:` and `**OGA:**` are the same)."""
        if not self.not_turns:
            return False
        first = opening(self.content(block))
        return any(first.startswith(n) for n in self.not_turns if n)

    def emphasis(self, block: Block, content: str | None = None) -> str | None:
        """"bold" or "italic" when the whole paragraph is one emphasis span: as the Markdown parser
        reads it, or written `**...**` (with a space inside the stars, which CommonMark does not
        read as bold)."""
        content = self.content(block) if content is None else content
        if is_bold_paragraph(content):
            return "bold"
        return emphasis_of(content) if self.markdown else None

    def after_last_turn(self) -> bool:
        """Whether the block being read follows the last block that opens a turn."""
        return self.last_opener is not None and self.index > self.last_opener

    # -- turns -----------------------------------------------------------------------------

    def open_turn(self, person: Person, block: Block, from_heading: bool = False) -> _Turn | None:
        """Start a new turn by a person; an interviewer's turn closes the open question. An answer
        before any question is a problem (the block is then read as part of the head)."""
        if self.pending is not None:
            self.problem(self.pending.line, f"speaker label for {self.pending.person.name} with no text after it")
            self.pending = None
        if person.role != "interviewer" and self.question is None:
            words = self.unique_opening(block)
            fixes = [self.not_turns_fix(words)] if words else []
            role = self.role_fix(person)
            doubted = person.role_doubt.split(":", 1)[0] == person.role
            if role is not None and (self.no_asker() or doubted):
                self.first_answerer = self.first_answerer or person
                why = "no one labelled asks in the catalog" if self.no_asker() else "the draft's role is a guess"
                self.problem(block.line, f"answer by {person.name} before any question: {why}; if {person.name} "
                                         "asks the questions, set the role (the first fix); if this line is not a "
                                         "turn (a pull quote, a header), add its opening to the interview's "
                                         "not_turns", (role, *fixes))
            else:
                self.problem(block.line, f"answer by {person.name} before any question: if this line is not a turn "
                                         "(a pull quote, a header), add its opening to the interview's not_turns",
                             fixes)
            return None
        self.turns += 1
        self.openers.append(self.index)
        self.after_section = False
        if person.role == "interviewer":
            self.close_question()
            self.questions += 1
            self.answers = 0
            turn = _Turn(self.turns, "question", person, f"{self.iv.id}:q{self.questions}", "", from_heading,
                         line=block.line)
            self.question = turn
            self.last_answerer = None
        else:
            assert self.question is not None
            self.answers += 1
            self.question.answers += 1
            turn = _Turn(self.turns, "answer", person, f"{self.question.id}.a{self.answers}", self.question.id, False,
                         line=block.line)
            if self.last_answerer is person:
                self.report.add(self.iv.id, block.line, turn.id, f"{person.name} answers again after their own "
                                "answer, with no question between: check for a missed interviewer label", "")
            self.last_answerer = person
        self.turn = turn
        self.phase = "body"
        return turn

    def unique_opening(self, block: Block) -> str:
        """The shortest opening of the block's first line, from its sixth word on, that no other
        block opens with: what `not_turns` may hold to set this line aside and no other ("" if
        even the whole line opens another block)."""
        line = self.text[block.lines[0].start:block.lines[0].stop].strip()
        words = line.split()
        others = [opening(self.content(b)) for b in self.st.blocks if b.start != block.start]
        for n in range(min(6, len(words)), len(words) + 1):
            candidate = " ".join(words[:n])
            if not any(o.startswith(opening(candidate)) for o in others):
                return candidate
        return ""

    def close_question(self) -> None:
        """Report the last question if nothing answered it before the next question or the end."""
        if self.question is not None and self.question.answers == 0:
            self.report.add(self.iv.id, self.question.line, self.question.id,
                            "question with no answer before the next question or the end", "")

    def add_to_turn(self, block: Block, body_start: int, item: bool = False, body_stop: int | None = None) -> None:
        """Add a paragraph or list item to the open turn, numbering it within the turn."""
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
            block, kind, body_start, body_stop, passage_id=pid, speaker=turn.person.name,
            role=turn.person.role, turn=turn.number, turn_id=turn.id, reply_to=turn.reply_to,
        )

    # -- labels ----------------------------------------------------------------------------

    def start_labelled_turn(self, person: Person, block: Block, offset: int, from_heading: bool = False) -> None:
        """Open a turn at a block that carries a label: its words follow the label, or, when the
        label stands alone, fill the next block."""
        if self.open_turn(person, block, from_heading) is None:
            return self.keep_in_place(block)
        if block.start + offset >= block.stop:  # the label alone: its segment is the turn's first
            self.add_to_turn(block, block.stop)
            self.pending, self.pending_segment = self.turn, self.segments[-1]
        else:
            self.body_block(block, block.start + offset)
        return None

    def labelled(self, block: Block) -> bool:
        """Read a block that opens with something shaped like a speaker label; False if it does not.

        A label the catalog lists opens a turn (its words may stand in the next block). Label-like
        openings that are not turns are read here too: the editor's ("UPDATE:"), quoted e-mail
        headers, and header lines in the head ("Interviewer: Jane Doe", "Location: Leeds"); any
        other is a problem, with the catalog lines that settle it."""
        content = self.content(block)
        known = self.label(block, loose=self.phase == "body")
        if known is not None:
            if self.phase == "head" and self.is_header_block(content[known.offset:]):
                self.note(block, "a header line, read as metadata", self.add(block, "metadata"))
                return True
            person = self.labels[known.label]
            if self.continues_cue(person):
                if not self.cue_noted:
                    self.cue_noted = True
                    self.note(block, f"a subtitle cue by {person.name} right after their own: read as the same "
                              "turn (so every later such cue)", None)
                self.body_block(block, block.start + known.offset)
                return True
            # a question set apart in bold or italic, label and all, is answered like a heading question
            emphasis = self.emphasis(block) if person.role == "interviewer" else None
            apart = emphasis is not None
            self.bold_questions += emphasis == "bold"
            self.start_labelled_turn(person, block, known.offset, from_heading=apart)
            return True
        found = self.st.unknown_of(self.text, block.start, block.stop)
        if found is None:
            return False
        label = found[0]
        if label.lower().rstrip(".") in EDITORIAL_LABELS or label.lower() in EDITORIAL_LABELS:
            self.note(block, "an editorial label, read as the editor's note", self.add(block, "editor_note"))
            return True
        if label.lower() in QUOTED_HEADERS:
            self.keep_in_place(block)
            self.note(block, "an e-mail header, read as part of the text around it", self.segments[-1])
            return True
        may_be_title = self.phase == "head" and not self.title_seen and not self.markdown
        if may_be_title or METADATA_KEY.match(content):
            return False
        if self.phase == "head" and self.is_key_value(content[found[1]:]):
            self.note(block, "a 'Key: value' line before the first question, read as metadata",
                      self.add(block, "metadata"))
            return True
        known_labels = ", ".join(repr(k) for k in self.labels) or "none"
        fixes = [self.not_turns_fix(content[:found[1]].strip())]
        person = self.person_for(label)
        if person is not None:
            fixes.insert(0, self.fix(set_line("labels", [*person.labels, label]), person.name))
        self.problem(
            block.line,
            f"unknown speaker label {label!r}: {shown(self.iv.catalog)} (interview {self.iv.id!r}, line "
            f"{self.iv.catalog_line}) knows {known_labels}; add it to the labels of the person it names, or, if "
            "this line is not a turn, add its opening to the interview's not_turns", tuple(fixes))
        self.keep_in_place(block)
        return True

    def open_styled_question(self) -> bool:
        """Whether the open turn is a question set apart in style that nothing has answered yet."""
        turn = self.turn
        return (turn is not None and turn.kind == "question" and turn.from_heading and turn.answers == 0
                and self.phase == "body")

    def introduces_list(self) -> bool:
        """Whether the open question's last passage announces a list (ends with a colon) or is an
        item of one: only then is a styled list after it the question's own."""
        last = self.segments[-1]
        words = self.text[last.body_start:last.body_stop].strip().rstrip("*_ ")
        item = last.passage_id != self.turn.id and LIST_MARKER.match(self.text, last.start, last.body_stop)
        return words.endswith(":") or bool(item)

    def styled_list(self, block: Block) -> bool:
        """Whether the block is a list of two or more items, each all in the questions' style,
        inside an open styled question that has no answer yet and announces it (`introduces_list`)."""
        if not self.open_styled_question() or len(block.lines) < 2 or not self.introduces_list():
            return False
        style = self.iv.questions
        for ln in block.lines:
            marker = LIST_MARKER.match(self.text, ln.start, ln.stop)
            if marker is None or self.emphasis(block, self.text[marker.end():ln.stop]) != style:
                return False
        return True

    def styled_as_questions(self, block: Block) -> bool:
        """Whether a block after an answer is whole-bold, as every labelled question so far was
        (two at least): `**Q: ...**` questions make a bold paragraph without a label the
        interviewer's, where it would otherwise go on with the answer."""
        return (self.turn is not None and self.turn.kind == "answer" and self.question is not None
                and self.questions >= 2 and self.bold_questions == self.questions
                and self.emphasis(block) == "bold")

    def continues_cue(self, person: Person) -> bool:
        """Whether a labelled block is a subtitle cue that goes on with the open turn: the same
        person's label, just after a cue's timing (a subtitle file cuts a turn into cues by time)."""
        if self.turn is None or self.turn.person is not person or self.pending is not None or self.index == 0:
            return False
        before = self.st.blocks[self.index - 1]
        return is_cue_lines([self.text[ln.start:ln.stop] for ln in before.lines])

    def person_for(self, label: str) -> Person | None:
        """The one person an unknown label may name: by initials, or a word of their name."""
        found = [p for p in self.iv.people if p.role != "author" and (
            initials(p.name).replace(" ", "") == label.replace(" ", "") or label in p.name.split()
            or p.name in label.split(" "))]
        return found[0] if len(found) == 1 else None

    def keep_in_place(self, block: Block) -> None:
        """A label-like block that is not a turn: read where it stands, as plain text."""
        if self.phase == "head":
            self.head_block(block)
        else:
            self.body_block(block, block.start)

    def is_header_block(self, words: str) -> bool:
        """Whether the words are a header line (a title, byline or a person's name alone)."""
        words = reading_string(words, 0, len(words), self.markdown)
        return bool(HEADER_BLOCK.match(words)) or self.person_named(words.rstrip(".")) is not None

    def is_key_value(self, words: str) -> bool:
        """Whether the words after a label read as a header's value ("Peter Asaro", "15 December
        2017", "Indiana University, Indiana"): short, on one line, and not a sentence."""
        words = reading_string(words, 0, len(words), self.markdown)
        parts = words.split()
        return (0 < len(parts) <= KEY_VALUE_WORDS and words[-1] not in ".?!:;…\"”"
                and all(w[0].isupper() or w[0].isdigit() or w in NAME_JOINERS for w in parts))

    # -- kinds of block --------------------------------------------------------------------

    def is_markup(self, block: Block) -> bool:
        """Page markup: shortcodes, HTML comments and tags, images, link reference definitions, site
        directives and timestamps alone on their lines; a comment may span blocks (one never closed
        is markup only where it opens, and reported)."""
        if self.index in self.st.comments:
            if self.index == self.st.comments[self.index]:
                span = [k for k, v in self.st.comments.items() if v == self.index]
                if any(self.label(self.st.blocks[k]) for k in span[1:]):
                    self.note(block, f"an HTML comment up to line {self.st.blocks[span[-1]].line} holds speaker "
                              "labels: read as markup, as a browser hides it", None)
            return True
        if self.index in self.st.unclosed_comments:
            self.note(block, "an HTML comment opened here is never closed: only this block is read as markup", None)
            return True
        if all(getattr(self.st.shapes.get(ln.number), "kind", "") == "reference" for ln in block.lines):
            return True  # link reference definitions
        lines = [self.text[ln.start:ln.stop] for ln in block.lines]
        return is_cue_lines(lines) or all(MARKUP_LINE.fullmatch(line) or DIRECTIVE.fullmatch(line)
                                          or is_timestamp_line(line) for line in lines)

    def front_matter_block(self, block: Block) -> bool:
        """YAML (`---`) or TOML (`+++`) front matter at the very start of the file."""
        front = self.st.front
        if front is None or block.line > front[1]:
            return False
        seg = self.add(block, "metadata")
        delimiters = [ln for ln in block.lines if ln.number in (front[0], front[1])]
        inner = [ln for ln in block.lines if ln not in delimiters]
        if inner:  # the reading text is the fields, without the delimiter lines
            seg.body_start, seg.body_stop = inner[0].start, inner[-1].stop
        return True

    def box_block(self, block: Block) -> bool:
        """A block inside a text box (a sidebar, a glossary, a notice): the editor's, never a turn."""
        box = next(((a, b) for a, b in self.st.boxes if a <= block.line <= b), None)
        if box is None:
            return False
        seg = self.add(block, "boilerplate" if self.phase == "footer" else "editor_note")
        if block.line == box[0]:
            self.note(block, f"a text box (lines {box[0]}-{box[1]}), read as the editor's", seg)
        return True

    def is_link_list(self, block: Block) -> bool:
        """Whether every line of the block is a link, as in a list of related articles."""
        return all(LINK_LINE.fullmatch(self.text[ln.start:ln.stop]) for ln in block.lines)

    def footer_block(self, block: Block) -> None:
        """Take a block after the end of the interview as footer: signatures, notes, boilerplate."""
        content = self.content(block)
        words = unbold(content)
        if is_bold_paragraph(content) and self.person_opening(words):
            self.add(block, "signature")
        elif FOOTNOTE.match(content):
            self.add(block, "editor_note")
        else:
            self.add(block, "boilerplate")

    def start_footer(self, block: Block, why: str) -> None:
        """Close the interview: every block from here on is footer."""
        self.close_question()
        self.phase, self.footer_line = "footer", block.line
        if self.heading(block) is not None:
            self.add(block, "title", *self.heading_span(block))
        elif not self.box_block(block):
            self.footer_block(block)
        if why:
            self.note(block, why, self.segments[-1])

    def is_break(self, block: Block) -> bool:
        """A thematic break: by the parser in Markdown, by its shape in plain text."""
        shape = self.shape(block)
        if shape is not None:
            return shape.kind == "hr"
        content = self.content(block)  # a break is one short line: nothing longer is matched
        return len(content) <= 80 and "\n" not in content and THEMATIC_BREAK.fullmatch(content) is not None

    def footer_signal(self, block: Block) -> str | None:
        """Why a block after the last turn opens the footer, or None if it continues the last turn."""
        content = self.content(block)
        if content.startswith(FOOTER_OPENERS) or self.is_break(block):
            return ""
        if END_MARK.fullmatch(content):
            return "an end-of-article mark, separated from the last answer"
        if self.is_link_list(block):
            return "a list of links after the answers, read as the footer"
        if LICENCE.match(reading_string(content, 0, len(content), self.markdown)):
            return "a licence or copyright line after the last answer, read as the footer"
        level = self.heading(block)
        if level is not None and FOOTER_HEADINGS.search(self.heading_words(block)):
            return "a heading that is not a question, read as a section title: the footer begins here"
        return None

    def among_turns(self, block: Block) -> bool:
        """A break, a closing phrase or an end mark before the last turn: boilerplate, reported, and
        the interview goes on after it."""
        content = self.content(block)
        if content.startswith(FOOTER_OPENERS):
            what = f"{content.split(maxsplit=2)[0]!r}... line"
        elif self.is_break(block) and self.phase == "body":
            what = "thematic break"
        elif END_MARK.fullmatch(content) and self.phase == "body":
            what = "end mark"
        else:
            return False
        self.note(block, f"a {what} before the last turn, read as boilerplate: the interview goes on after it",
                  self.add(block, "boilerplate"))
        return True

    def heading(self, block: Block) -> int | None:
        """Level of a Markdown heading block (ATX or Setext, as the parser reads it), or None."""
        shape = self.shape(block)
        if shape is None or shape.kind != "heading" or shape.first != block.line:
            return None
        return shape.level

    def heading_span(self, block: Block) -> tuple[int, int]:
        """Seed offsets of a heading's words: after the hashes, or, for a Setext heading, without
        its underline."""
        shape = self.shape(block)
        if shape is not None and shape.setext and len(block.lines) > 1:
            return block.start, block.lines[-2].stop
        found = HEADING.match(self.content(block))
        return block.start + (found.end() if found else 0), block.stop

    def heading_words(self, block: Block) -> str:
        """A heading's reading text."""
        start, stop = self.heading_span(block)
        return reading_string(self.text, start, stop, self.markdown)

    def block(self, block: Block) -> None:
        """Decide what one block of the seed is and add it, by the phase the split is in."""
        content = self.content(block)
        if self.phase == "footer":
            return None if self.box_block(block) else self.footer_block(block)
        if self.front_matter_block(block) or self.box_block(block):
            return None
        if self.declared_not_turn(block):
            return self.note(block, "declared not a turn in the catalog", self.add(block, "editor_note"))
        if self.repeats_another(block):
            return self.pull_quote(block)
        if self.is_markup(block):
            self.after_image = "![" in content or "<img" in content or "{{<" in content
            return self.add(block, "markup")
        if self.after_image and self.caption_like(content):
            self.after_image = False
            return self.add(block, "caption")
        self.after_image = False
        shape = self.shape(block)
        if FOOTNOTE.match(content) or (shape is not None and shape.kind == "footnote"):
            return self.note(block, "a footnote, read as a note", self.add(block, "editor_note"))
        if shape is not None and shape.kind == "fence":
            return self.keep_in_place(block) if self.pending is None else self.pending_words(block)
        if self.after_last_turn():
            why = self.footer_signal(block)
            if why is not None:
                return self.start_footer(block, why)
        elif self.among_turns(block):
            return None
        level = self.heading(block)
        if level == 1 and self.phase == "head" and self.label(block) is None:
            self.title_seen = True
            return self.add(block, "title", *self.heading_span(block))
        if level is not None:
            return self.heading_block(block)
        if self.pending is not None:
            return self.pending_words(block)
        if self.labelled(block) or self.styled_question(block):
            return None
        if self.phase == "head":
            return self.head_block(block)
        return self.body_block(block, block.start)

    def repeats_another(self, block: Block) -> bool:
        """A block that repeats part of a longer passage is a pull quote, unless it opens with a
        speaker's label among the turns without quotation markup: that is the speaker repeating
        themselves."""
        if block.start not in self.st.repeats:
            return False
        content = self.content(block)
        labelled = self.label(block) is not None
        return not labelled or self.phase == "head" or is_bold_paragraph(content)

    def caption_like(self, content: str) -> bool:
        """Whether the block reads as an image caption (italic alone, or 'Photo:' and the like)."""
        inner = content.strip()
        return (inner.startswith("*") and inner.endswith("*") and not inner.startswith("**")) or \
            inner.lower().startswith(("photo:", "image:", "caption:"))

    def pull_quote(self, block: Block) -> None:
        """Add a pull quote: a block whose words repeat words of the speech."""
        seg = self.add(block, "pull_quote")
        seg.repeats_at = self.st.repeats[block.start]
        if not (is_bold_paragraph(self.content(block)) and is_quotation(self.content(block))):
            self.note(block, "repeats another passage word for word: read as a pull quote", seg)

    def pending_words(self, block: Block) -> None:
        """The block after a label that stood alone on its line: the labelled speaker's words."""
        turn, self.pending = self.pending, None
        content = self.content(block)
        if self.label(block) is not None:
            self.problem(turn.line, f"speaker label for {turn.person.name} with no text after it")
            return self.block(block)
        plain = not (is_bracketed(content) or (is_bold_paragraph(content) and is_quotation(content))
                     or self.person_named(unbold(content)) or self.list_parts(block) or END_MARK.search(content))
        if plain and self.segments[-1] is self.pending_segment:
            # nothing stands between the label and its words: one passage, from the label's line
            seg = self.pending_segment
            seg.end, seg.body_stop = block.end, block.stop
            seg.body_start = block.start + len(content) - len(content.lstrip())
            return None
        return self.body_block(block, block.start)

    def heading_block(self, block: Block) -> None:
        """A heading after the title: a labelled turn, a question, or a section title."""
        start, stop = self.heading_span(block)
        words = reading_string(self.text, start, stop, self.markdown)
        labelled = self.label(block)
        if labelled is not None:
            person = self.labels[labelled.label]
            # with its words in the heading, an interviewer's heading is a question whose answer may
            # follow unlabelled; a label alone gives the next paragraphs to that speaker
            alone = block.start + labelled.offset >= stop
            return self.start_labelled_turn(person, block, labelled.offset,
                                            from_heading=person.role == "interviewer" and not alone)
        if not words:
            self.problem(block.line, "question heading with no text")
            return self.keep_in_place(block)
        question = asks(words) or self.iv.questions == "headings"
        if NOT_QUESTIONS.search(words) or not question:
            self.note(block, "a heading that is not a question, read as a section title",
                      self.add(block, "title", start, stop))
            self.after_section = self.phase == "body"
            return None
        self.open_turn(self.iv.by_role("interviewer")[0], block, from_heading=True)
        return self.add_to_turn(block, start, body_stop=stop)

    def styled_question(self, block: Block) -> bool:
        """With `questions = "bold"` or `"italic"`: a paragraph all in that style is a question, and
        so is a list item alone in its paragraph, all in that style after its marker (`1. **...**`)."""
        start = single_item_body(block, self.text)
        inner = without_break(self.text[start:block.stop]).strip()
        if self.iv.questions == "bold":
            styled = self.emphasis(block, inner) == "bold"
        elif self.iv.questions == "italic":
            styled = (self.emphasis(block, inner) == "italic" or (inner.startswith("*") and inner.endswith("*")
                      and not inner.startswith("**") and len(inner) > 2))
        else:
            return False
        if not styled and self.styled_list(block):
            self.add_to_turn(block, block.start)  # a list of styled items inside the question
            return True
        words = reading_string(self.text, start, block.stop, self.markdown)
        # in the head a styled paragraph may be a standfirst: only a question (`asks`, or a question
        # mark with words after it), or a list item's marker (a numbered list of questions), says it
        # opens the interview
        if not styled or (self.phase == "head" and start == block.start and not asks(words) and "?" not in words):
            return False
        if self.person_opening(unbold(inner).strip("*")) is not None:
            return False
        if self.open_styled_question():
            if start != block.start and not self.introduces_list():
                return False  # a styled list item after a whole question: the answer's
            self.add_to_turn(block, start)  # styled paragraphs in a row, no answer between: one question
            return True
        self.open_turn(self.iv.by_role("interviewer")[0], block, from_heading=True)
        self.add_to_turn(block, start)
        return True

    def head_block(self, block: Block) -> None:
        """Decide a block before the first turn: title, byline, header, introduction."""
        content = self.content(block)
        if self.is_break(block):
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
                return self.add(block, "pull_quote")
            named = self.person_named(unbold(content))
            if named is not None:
                return self.add(block, "signature" if named.role == "author" else "caption")
            if self.after_section:  # no label after a section title: the writer's words, not a speaker's
                seg = self.add(block, "editor_note")
                if self.segments[-2].kind != "editor_note":
                    self.note(block, "a paragraph without a label after a section title, read as the editor's", seg)
                return None
            if self.styled_as_questions(block):
                self.note(block, "a whole-bold paragraph with no label after an answer, styled as every question "
                          "before it: read as the interviewer's", None)
                self.open_turn(self.question.person, block, from_heading=True)
                return self.add_to_turn(block, body_start)
            question = self.turn is not None and self.turn.kind == "question" and self.turn.from_heading
            if question and not self.answer_without_label(block):
                return self.add_to_turn(block, body_start)
        last = self.last_opener is not None and self.index >= self.last_opener
        end = END_MARK.search(self.text, body_start, block.stop)
        if end is not None and end.start() > body_start and last:
            return self.end_mark(block, body_start, end.start())
        glued = next((k for k, ln in enumerate(block.lines[1:], 1) if ln.start > body_start and last
                      and self.closing_line(ln)), None)
        if glued is not None:
            return self.glued_footer(block, body_start, glued)
        parts = self.list_parts(block) if body_start == block.start else None
        if parts is None:
            return self.add_to_turn(block, body_start)
        for part in parts:
            marker = LIST_MARKER.match(self.text, part.start)
            self.add_to_turn(part, marker.end() if marker else part.start, item=marker is not None)
        return None

    def list_parts(self, block: Block) -> list[Block] | None:
        """A block holding a list, cut into its items (and a lead paragraph): where the Markdown
        parser starts each item, or, in plain text, at each line with a list marker."""
        if not self.markdown:
            return split_list(block, self.text)
        shape = self.shape(block)
        if shape is None or shape.kind != "list":
            return None
        return cut_at(block, [k for k, ln in enumerate(block.lines) if ln.number in shape.items])

    def end_mark(self, block: Block, body_start: int, cut: int) -> None:
        """The end-of-article mark glued to the last paragraph: the words stay in the turn, the
        mark becomes boilerplate and the footer begins."""
        lines = tuple(ln for ln in block.lines if ln.start < cut)
        words = Block(block.start, cut, (*lines[:-1], type(lines[-1])(lines[-1].start, cut, cut, lines[-1].number)))
        mark_line = lines[-1]
        mark = Block(cut, block.end, (type(mark_line)(cut, block.end, block.stop, mark_line.number),))
        self.add_to_turn(words, body_start)
        self.start_footer(mark, "an end-of-article mark, separated from the last answer")

    def closing_line(self, line: Line) -> bool:
        """Whether a line opens the footer: a closing phrase ("Retrieved from") or a licence."""
        content = self.text[line.start:line.stop]
        return content.startswith(FOOTER_OPENERS) or LICENCE.match(
            reading_string(content, 0, len(content), self.markdown)) is not None

    def glued_footer(self, block: Block, body_start: int, k: int) -> None:
        """A closing line glued to the last paragraph, with no blank line before it: the words stay in
        the turn, the footer begins at that line."""
        words = Block(block.start, block.lines[k].start, block.lines[:k])
        rest = Block(block.lines[k].start, block.end, block.lines[k:])
        self.add_to_turn(words, body_start)
        self.start_footer(rest, "a licence or closing line glued to the last answer, read as the footer")

    def answer_without_label(self, block: Block) -> bool:
        """An unlabelled paragraph after a question heading: the sole interviewee answers. With
        several interviewees that is a problem, and the paragraph stays in the question."""
        interviewees = self.iv.by_role("interviewee")
        if len(interviewees) != 1:
            names = ", ".join(p.name for p in interviewees)
            self.problem(block.line, f"unlabelled paragraph after the question at line {self.turn.line}: cannot tell "
                                     f"which of {names} answers (no catalog line settles it: label the answer in "
                                     "a copy of the text, or check that the question really is one)")
            return False
        self.open_turn(interviewees[0], block)
        return True

    def walk(self) -> list[Segment]:
        """Split the whole seed into segments, in order, tiling the text; problems are recorded."""
        st = self.st
        if st.lead:
            self.segments.append(Segment(0, st.lead, 1, "blank", st.lead, st.lead, f"{self.iv.id}:blank1"))
        for first in st.unclosed_boxes:
            self.report.add(self.iv.id, first, "", "a text box opened here is never closed: only its opening line "
                            "is read as markup", "")
        for self.index, block in enumerate(st.blocks):
            self.block(block)
        if self.pending is not None:
            self.problem(self.pending.line, f"speaker label for {self.pending.person.name} with no text after it")
        if self.phase != "footer":
            self.close_question()
        if st.label_cuts:
            at = next((k for k, row in enumerate(self.report.rows) if row["line"] >= st.label_cuts[0]),
                      len(self.report.rows))
            self.report.rows.insert(at, {
                "interview": self.iv.id, "line": st.label_cuts[0], "passage_id": "",
                "decision": f"turns on consecutive lines, with no blank line between them ({len(st.label_cuts)} "
                            "lines): each label starts a new turn", "text": ""})
        if self.questions == 0:
            first = self.role_fix(self.first_answerer) if self.first_answerer else None
            self.problem(None, "no question found: check the format, the interviewer's labels and the "
                               "`questions` field in the catalog" + (f"; if {self.first_answerer.name}, who speaks "
                               "first, asks the questions, set the role (the first fix)" if first else ""),
                         ((first,) if first else ()) + (self.question_fixes() if self.top else ()))
        return self.segments

    def question_fixes(self) -> tuple[Fix, ...]:
        """The `questions` values under which this seed has questions (each a fix to paste)."""
        fixes = []
        for value in ("bold", "italic", "headings"):
            if value == self.iv.questions:
                continue
            trial = _with_questions(self.iv, value)
            walker = _Splitter(trial, self.text, self.st, None)
            walker.top = False
            walker.walk()
            if walker.questions:
                fixes.append(self.fix(set_line("questions", value)))
        return tuple(fixes)


REQUEST = re.compile(r"(?:please,? )?(?:(?:tell|talk|walk) (?:us|me|about|a bit|a little)|describe|explain|introduce)"
                     r"\b[^?]{0,300}[.!]?$", re.IGNORECASE)
"""A request to speak, as interviewers put a question without a question mark ("Tell us about
yourself.", "Describe your first job.", "Talk us through it.")."""


def asks(words: str) -> bool:
    """Whether a heading's words are a question: they end with a question mark, or with one and a
    parenthetical after it ("How do you spend your time? (i.e. developing, ...)"), or they are a
    request to speak (`REQUEST`)."""
    words = words.strip("*_ ")
    return (words.endswith("?") or re.search(r"\?[\s*_]*\([^()]{0,200}\)[.]?$", words) is not None
            or REQUEST.match(words) is not None)


def _with_questions(interview: Interview, value: str) -> Interview:
    """The same catalog entry with another `questions` field."""
    from dataclasses import replace

    return replace(interview, questions=value)


def split_checked(interview: Interview, text: str) -> tuple[list[Segment], list[dict], list[SeedError]]:
    """Split a seed and return its segments, its split report and every problem found (each
    `SeedError` with its line and the catalog lines that settle it), without stopping at the first."""
    labels = tuple(normal_label(k) for k in interview.speaker_for_label())
    structure = _structure(interview, text, labels)
    first = _Splitter(interview, text, structure, None)
    first.walk()
    last = first.openers[-1] if first.openers else len(structure.blocks)
    splitter = _Splitter(interview, text, structure, last)
    segments = splitter.walk()
    return segments, splitter.report.rows, splitter.problems


def split_seed(interview: Interview, text: str) -> list[Segment]:
    """Cut the text of one seed into segments, in order, tiling the text; the first problem is raised."""
    return split_with_report(interview, text)[0]


def split_with_report(interview: Interview, text: str) -> tuple[list[Segment], list[dict]]:
    """`split_seed`, and the split report: one row per decision a reader may want to check
    (interview, line, passage_id, decision, text). Raises the first problem as a `SeedError`."""
    segments, report, problems = split_checked(interview, text)
    if problems:
        raise problems[0]
    return segments, report
