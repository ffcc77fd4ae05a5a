"""Splitting one seed into segments: who speaks, in which turn, and what kind of text each is.

The seed is cut into blocks (see `blocks`), and each block is read by its markup (see
`markup`) and by where it stands: before the first question (the head), among the turns
(the body) or after the article's end (the footer). The rules for both formats are the
same but for the markup they read; they are listed in the README.

Nothing is attributed silently. A block that looks like a speaker label but is not one the
catalog lists stops the split with a `SeedError` naming the file, the line and what to do; every
decision that a reader may want to check (a label-like line read as a note, a heading read as a
section title, an answer that follows the same speaker's answer, a question with no answer) is
recorded in the split report (`split_report`), which `helpers.load_turns(report=True)` returns.

Why this module is long: the splitter is one walk through a seed, and every rule reads the same
state (the phase, the open turn, the question it answers, the report). Cut into modules, the rules
would pass that state back and forth and be harder to read in the order they apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..plumbing.errors import SeedError
from ..plumbing.paths import shown
from .blocks import LIST_MARKER, Block, split_blocks, split_list
from .catalog import Interview, Person
from .markup import (
    FULL_DATE,
    HEADING,
    METADATA_KEY,
    THEMATIC_BREAK,
    is_bold_paragraph,
    is_bracketed,
    is_quotation,
    known_label,
    normal_label,
    parse_label,
    reading_string,
    unbold,
)
from .repeats import repeated_blocks

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
MARKUP_LINE = re.compile(r"\s*(?:\{\{[<%].*?[%>]\}\}|<!--.*?-->|</?[A-Za-z][^>]*>|!\[[^\]]*\]\([^)]*\))\s*")
FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]:")
END_MARK = re.compile(r"[ \t]*(?:\|[ \t]*\*\*[A-Za-z]{1,3}\*\*|■|∎|□|—30—|-30-|###)[ \t]*$")
LINK_LINE = re.compile(r"[ \t]*(?:[-*+][ \t]+)?(?:\[[^\]]+\]\([^)]+\)|<?https?://\S+>?)[ \t]*")
HEADER_BLOCK = re.compile(r"(?i)^(?:an? )?interview(?:ed)?(?: conducted)? by\b|^conducted by\b|^an interview\b")


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


class _Splitter:
    """Walks the blocks of one seed in order, keeping the state the rules need."""

    def __init__(self, interview: Interview, text: str) -> None:
        self.iv = interview
        self.text = text
        self.markdown = interview.format == "markdown"
        self.labels = {normal_label(k): p for k, p in interview.speaker_for_label().items()}
        self.label_list = list(self.labels)
        self.not_turns = [normal_label(n) for n in interview.not_turns]
        self.phase = "head"
        self.title_seen = False
        self.turns = 0
        self.questions = 0
        self.answers = 0
        self.turn: _Turn | None = None
        self.question: _Turn | None = None
        self.last_answerer: Person | None = None
        self.pending: _Turn | None = None
        self.counters: dict[str, int] = {}
        self.segments: list[Segment] = []
        self.footer_line = 0
        self.front_matter: str | None = None
        self.after_image = False
        self.in_comment = False
        self.repeats: dict[int, int] = {}
        self.report = _Report()

    # -- helpers ---------------------------------------------------------------------------

    def fail(self, line: int | None, problem: str) -> SeedError:
        """An error naming this seed, the line and the problem."""
        return SeedError(shown(self.iv.path), line, problem)

    def content(self, block: Block) -> str:
        """The block's text as it stands in the seed."""
        return self.text[block.start : block.stop]

    def note(self, block: Block, decision: str, seg: Segment | None = None) -> None:
        """Add the decision taken on a block (and the passage it made) to the split report."""
        self.report.add(self.iv.id, block.line, seg.passage_id if seg else "", decision, self.content(block))

    def add(self, block: Block, kind: str, body_start: int | None = None, **fields) -> Segment:
        """Make a segment of a block, its body starting after any label, and number it."""
        start = block.start if body_start is None else body_start
        body_start = start + len(self.text[start : block.stop]) - len(self.text[start : block.stop].lstrip())
        seg = Segment(block.start, block.end, block.line, kind, body_start, block.stop, **fields)
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
        """Whether the block opens with a phrase the catalog says is never a turn."""
        opening = normal_label(self.content(block))
        return any(opening.startswith(n) for n in self.not_turns)

    # -- turns -----------------------------------------------------------------------------

    def open_turn(self, person: Person, block: Block, from_heading: bool = False) -> _Turn:
        """Start a new turn by a person; an interviewer's turn closes the open question."""
        self.turns += 1
        if person.role == "interviewer":
            self.close_question()
            self.questions += 1
            self.answers = 0
            turn = _Turn(self.turns, "question", person, f"{self.iv.id}:q{self.questions}", "", from_heading,
                         line=block.line)
            self.question = turn
            self.last_answerer = None
        else:
            if self.question is None:
                raise self.fail(block.line, f"answer by {person.name} before any question: if this line is not "
                                            "a turn (a pull quote, a header), add its opening to the interview's "
                                            f"not_turns in {shown(self.iv.catalog)}")
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

    def close_question(self) -> None:
        """Report the last question if nothing answered it before the next question or the end."""
        if self.question is not None and self.question.answers == 0:
            self.report.add(self.iv.id, self.question.line, self.question.id,
                            "question with no answer before the next question or the end", "")

    def add_to_turn(self, block: Block, body_start: int, item: bool = False) -> None:
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
            block, kind, body_start, passage_id=pid, speaker=turn.person.name,
            role=turn.person.role, turn=turn.number, turn_id=turn.id, reply_to=turn.reply_to,
        )

    # -- labels ----------------------------------------------------------------------------

    def labelled(self, block: Block) -> bool:
        """Read a block that opens with something shaped like a speaker label; False if it does not.

        A label the catalog lists opens a turn (its words may stand in the next block). Label-like
        openings that are not turns are read here too: the editor's ("UPDATE:"), quoted e-mail
        headers, and a header line in the head ("Interviewer: Jane Doe"); any other is an error."""
        content = self.content(block)
        known = known_label(content, self.label_list)
        if known is not None:
            label, offset = known
            if self.phase == "head" and self.is_header_block(content[offset:]):
                self.note(block, "a header line, read as metadata", self.add(block, "metadata"))
                return True
            self.open_turn(self.labels[label], block)
            if block.start + offset >= block.stop:
                self.pending = self.turn
            else:
                self.body_block(block, block.start + offset)
            return True
        found = parse_label(content)
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
        known_labels = ", ".join(repr(k) for k in self.labels) or "none"
        raise self.fail(
            block.line,
            f"unknown speaker label {label!r}: {shown(self.iv.catalog)} (interview {self.iv.id!r}, "
            f"line {self.iv.catalog_line}) knows {known_labels}; add it to the labels of the person it names, "
            f"or, if this line is not a turn, add {label + ':'!r} to the interview's not_turns",
        )

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

    # -- kinds of block --------------------------------------------------------------------

    def is_markup(self, block: Block) -> bool:
        """Page markup: shortcodes, HTML comments and tags, images; a comment may span blocks."""
        content = self.content(block)
        if self.in_comment:
            self.in_comment = "-->" not in content
            return True
        if content.lstrip().startswith("<!--") and "-->" not in content:
            self.in_comment = True
            return True
        return all(MARKUP_LINE.fullmatch(self.text[ln.start:ln.stop]) for ln in block.lines)

    def front_matter_block(self, block: Block) -> bool:
        """YAML (`---`) or TOML (`+++`) front matter at the very start of the file."""
        first = self.text[block.lines[0].start:block.lines[0].stop].strip()
        if self.front_matter is None:
            if (self.segments and self.segments[-1].kind != "blank") or first not in ("---", "+++"):
                self.front_matter = ""
                return False
            self.front_matter = first
            closed = any(self.text[ln.start:ln.stop].strip() == first for ln in block.lines[1:])
        elif self.front_matter:
            closed = any(self.text[ln.start:ln.stop].strip() == self.front_matter for ln in block.lines)
        else:
            return False
        if closed:
            self.front_matter = ""
        seg = self.add(block, "metadata")
        delimiters = [ln for ln in block.lines if self.text[ln.start:ln.stop].strip() in ("---", "+++")]
        inner = [ln for ln in block.lines if ln not in delimiters]
        if inner:  # the reading text is the fields, without the delimiter lines
            seg.body_start, seg.body_stop = inner[0].start, inner[-1].stop
        return True

    def is_link_list(self, block: Block) -> bool:
        """Whether every line of the block is a link, as in a list of related articles."""
        return all(LINK_LINE.fullmatch(self.text[ln.start:ln.stop]) for ln in block.lines)

    def footer_block(self, block: Block) -> None:
        """Take a block after the end of the interview as footer; a speaker label there is an error."""
        found = known_label(self.content(block), self.label_list)
        if found:
            raise self.fail(
                block.line,
                f"speaker label {found[0]!r} after the footer began at line {self.footer_line}: "
                "the text goes on after what looked like its end",
            )
        words = unbold(self.content(block))
        if is_bold_paragraph(self.content(block)) and self.person_opening(words):
            self.add(block, "signature")
        elif FOOTNOTE.match(self.content(block)):
            self.add(block, "editor_note")
        else:
            self.add(block, "boilerplate")

    def start_footer(self, block: Block, why: str) -> None:
        """Close the interview: every block from here on is footer."""
        self.close_question()
        self.phase, self.footer_line = "footer", block.line
        self.footer_block(block)
        if why:
            self.note(block, why, self.segments[-1])

    def opens_footer(self, block: Block) -> bool:
        """Whether the block opens a footer (a known closing phrase or a thematic break)."""
        content = self.content(block)
        return content.startswith(FOOTER_OPENERS) or THEMATIC_BREAK.fullmatch(content) is not None

    def heading(self, block: Block) -> int | None:
        """Level of a Markdown heading block, or None."""
        match = HEADING.match(self.content(block)) if self.markdown else None
        return len(match.group("hashes")) if match else None

    def block(self, block: Block) -> None:
        """Decide what one block of the seed is and add it, by the phase the split is in."""
        content = self.content(block)
        if self.phase == "footer":
            return self.footer_block(block)
        if self.front_matter_block(block):
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
        if FOOTNOTE.match(content):
            return self.note(block, "a footnote, read as a note", self.add(block, "editor_note"))
        if self.opens_footer(block) and (self.phase == "body" or content.startswith(FOOTER_OPENERS)):
            return self.start_footer(block, "")
        if self.phase == "body" and END_MARK.fullmatch(content):
            return self.start_footer(block, "an end-of-article mark, separated from the last answer")
        if self.phase == "body" and self.is_link_list(block):
            return self.start_footer(block, "a list of links after the answers, read as the footer")
        level = self.heading(block)
        if level == 1 and self.phase == "head":
            self.title_seen = True
            return self.add(block, "title", block.start + HEADING.match(content).end())
        if level is not None:
            return self.heading_block(block, HEADING.match(content).end())
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
        if block.start not in self.repeats:
            return False
        content = self.content(block)
        labelled = known_label(content, self.label_list) is not None
        return not labelled or self.phase == "head" or is_bold_paragraph(content)

    def caption_like(self, content: str) -> bool:
        """Whether the block reads as an image caption (italic alone, or 'Photo:' and the like)."""
        inner = content.strip()
        return (inner.startswith("*") and inner.endswith("*") and not inner.startswith("**")) or \
            inner.lower().startswith(("photo:", "image:", "caption:"))

    def pull_quote(self, block: Block) -> None:
        """Add a pull quote: a block whose words repeat words of the speech."""
        seg = self.add(block, "pull_quote")
        seg.repeats_at = self.repeats[block.start]
        if not (is_bold_paragraph(self.content(block)) and is_quotation(self.content(block))):
            self.note(block, "repeats another passage word for word: read as a pull quote", seg)

    def pending_words(self, block: Block) -> None:
        """The block after a label that stood alone on its line: the labelled speaker's words."""
        turn, self.pending = self.pending, None
        if known_label(self.content(block), self.label_list) is not None:
            raise self.fail(turn.line, f"speaker label for {turn.person.name} with no text after it")
        self.body_block(block, block.start)

    def heading_block(self, block: Block, offset: int) -> None:
        """A heading after the title: a question, or a section title that is not one."""
        words = reading_string(self.text, block.start + offset, block.stop, self.markdown)
        if not words:
            raise self.fail(block.line, "question heading with no text")
        inner = self.text[block.start + offset:block.stop]
        labelled = known_label(inner, self.label_list)
        if labelled is not None and self.labels[labelled[0]].role == "interviewer":
            self.open_turn(self.labels[labelled[0]], block, from_heading=True)
            return self.add_to_turn(block, block.start + offset + labelled[1])
        question = words.rstrip("*_ ").endswith("?") or self.iv.questions == "headings"
        if NOT_QUESTIONS.search(words) or not question:
            self.note(block, "a heading that is not a question, read as a section title", self.add(
                block, "title", block.start + offset))
            return None
        self.open_turn(self.iv.by_role("interviewer")[0], block, from_heading=True)
        self.add_to_turn(block, block.start + offset)

    def styled_question(self, block: Block) -> bool:
        """With `questions = "bold"` or `"italic"`: a paragraph all in that style is a question."""
        inner = self.content(block).strip()
        if self.iv.questions == "bold":
            styled = is_bold_paragraph(inner)
        elif self.iv.questions == "italic":
            styled = inner.startswith("*") and inner.endswith("*") and not inner.startswith("**") and len(inner) > 2
        else:
            return False
        words = reading_string(self.text, block.start, block.stop, self.markdown)
        if not styled or (self.phase == "head" and not words.endswith("?")):
            return False
        if self.person_opening(unbold(inner).strip("*")) is not None:
            return False
        self.open_turn(self.iv.by_role("interviewer")[0], block, from_heading=True)
        self.add_to_turn(block, block.start)
        return True

    def head_block(self, block: Block) -> None:
        """Decide a block before the first turn: title, byline, header, introduction."""
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
                return self.add(block, "pull_quote")
            named = self.person_named(unbold(content))
            if named is not None:
                return self.add(block, "signature" if named.role == "author" else "caption")
            if self.turn is not None and self.turn.kind == "question" and self.turn.from_heading:
                self.answer_without_label(block)
        end = END_MARK.search(self.text, body_start, block.stop)
        if end is not None and end.start() > body_start:
            return self.end_mark(block, body_start, end.start())
        parts = split_list(block, self.text) if body_start == block.start else None
        if parts is None:
            return self.add_to_turn(block, body_start)
        for part in parts:
            marker = LIST_MARKER.match(self.text, part.start)
            self.add_to_turn(part, marker.end() if marker else part.start, item=marker is not None)

    def end_mark(self, block: Block, body_start: int, cut: int) -> None:
        """The end-of-article mark glued to the last paragraph: the words stay in the turn, the
        mark becomes boilerplate and the footer begins."""
        lines = tuple(ln for ln in block.lines if ln.start < cut)
        words = Block(block.start, cut, (*lines[:-1], type(lines[-1])(lines[-1].start, cut, cut, lines[-1].number)))
        mark_line = lines[-1]
        mark = Block(cut, block.end, (type(mark_line)(cut, block.end, block.stop, mark_line.number),))
        self.add_to_turn(words, body_start)
        self.start_footer(mark, "an end-of-article mark, separated from the last answer")

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
        """Split the whole seed and return its segments in order, tiling the text."""
        lead, blocks = split_blocks(self.text)
        if lead:
            self.segments.append(Segment(0, lead, 1, "blank", lead, lead, f"{self.iv.id}:blank1"))
        self.repeats = repeated_blocks(self.text, blocks, self.markdown, self.label_list)
        for block in blocks:
            self.block(block)
        if self.pending is not None:
            raise self.fail(self.pending.line, f"speaker label for {self.pending.person.name} with no text after it")
        if self.phase != "footer":
            self.close_question()
        if self.questions == 0:
            raise self.fail(None, "no question found: check the format, the interviewer's labels and the "
                                  "`questions` field in the catalog")
        return self.segments


def split_seed(interview: Interview, text: str) -> list[Segment]:
    """Cut the text of one seed into segments, in order, tiling the text."""
    return _Splitter(interview, text).run()


def split_with_report(interview: Interview, text: str) -> tuple[list[Segment], list[dict]]:
    """`split_seed`, and the split report: one row per decision a reader may want to check
    (interview, line, passage_id, decision, text)."""
    splitter = _Splitter(interview, text)
    return splitter.run(), splitter.report.rows
