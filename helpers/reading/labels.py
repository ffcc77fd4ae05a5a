"""Speaker labels, recognised however a text marks them.

A label opens a line: `Name:`, `**Name:**`, `**Name**:`, `*Name:*`, `_Name_:`, `Q.` (a label of
one or two characters), a label in capitals alone on its line, any of these in a heading
(`### Name:`), with a timestamp before or after it (`[00:01:02] Name:`, `**Name** (00:09):`,
`0:00:13.8 **Name** text`, `Name  0:03` alone on its line), a subtitle file's voice tag
(`<v Name>text`, WebVTT), `Q:text` with no space after the colon (a label of one or two capitals),
a catalog label before a dash (`NAME – text`, `Name - text`), and with the words on the same line,
on the next line or in the next paragraph.

Before matching, the line is *normalised*: invisible characters (zero-width spaces and joiners,
left-to-right and right-to-left marks, soft hyphens, byte-order marks) are dropped, every kind of
space (non-breaking, narrow, thin, ideographic, tabs) becomes a plain space, runs of spaces become
one, and full-width and small colons become `:`. Each character of the normalised line keeps the
offset it came from, so a match points back into the seed. The catalog's labels are normalised the
same way (`normal_label`), so two labels that differ only by such characters are one label.

Every expression here runs on one normalised line of at most `MAX_LINE` characters and has no
repeat inside a repeat, so no input makes it backtrack for long.

Why this module is long: every form a label may take is written here twice, once for labels not
yet known (the drafter's and the check's `parse_label`) and once for the catalog's (`match_label`),
and the two must be read side by side so that a form the one finds the other reads too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

INVISIBLE_CHARACTERS = ("\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u00ad\u061c\u180e"
                        "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Characters that show nothing but hide a label from a plain comparison: zero-width spaces and
joiners, the word joiner, byte-order mark, direction marks and embeddings, the soft hyphen."""
SPACE_CHARACTERS = " \t\u00a0\u202f\u2007\u2009\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u200a\u205f\u3000"
"""Every kind of space a label may carry: normalised to one plain space."""
COLON_CHARACTERS = ":\uff1a\ufe55\ufe13"
"""The colon and its full-width, small and vertical forms."""
MAX_LABEL_WORDS = 6
"""No label is longer than six words ("Stefan Hain and Sebastian Vogel" is five)."""
MAX_LINE = 400
"""Only the first characters of a line are read for a label: no label is longer."""

ROLE_WORDS = {"q": "interviewer", "question": "interviewer", "interviewer": "interviewer", "host": "interviewer",
              "moderator": "interviewer", "i": "interviewer", "a": "interviewee", "answer": "interviewee",
              "interviewee": "interviewee", "guest": "interviewee", "r": "interviewee", "presenter": "interviewer",
              "co-host": "interviewer", "cohost": "interviewer", "anchor": "interviewer"}
"""Labels that name a role rather than a person (also after a name: `TIM, HOST:`); the
drafter reads roles from them, and the check never proposes to change the role they give."""


def role_of_label(label: str) -> str | None:
    """The role a label names: `Q`, `Host`, or the role after a name (`TIM, HOST`)."""
    role = label.split(", ", 1)[1] if ", " in label else label
    return ROLE_WORDS.get(role.lower().rstrip(".:"))


_NORMAL = {**dict.fromkeys(map(ord, INVISIBLE_CHARACTERS), None), **dict.fromkeys(map(ord, SPACE_CHARACTERS), " "),
           **dict.fromkeys(map(ord, COLON_CHARACTERS), ":")}
_SAME_LENGTH = {**dict.fromkeys(map(ord, SPACE_CHARACTERS), " "), **dict.fromkeys(map(ord, COLON_CHARACTERS), ":")}
_RUNS = re.compile("[" + re.escape(INVISIBLE_CHARACTERS) + "]+| +|[^ " + re.escape(INVISIBLE_CHARACTERS) + "]+")
_SPECIAL = re.compile("[" + re.escape(INVISIBLE_CHARACTERS + SPACE_CHARACTERS[1:] + COLON_CHARACTERS[1:] + "\r") + "]")
"""A character that normalising changes (besides a run of plain spaces)."""
TIMESTAMP = r"[\[(]?\d{1,2}(?::\d\d){1,2}(?:[.,]\d{1,3})?[\])]?"
"""A timestamp as transcripts print them: 0:03, 00:01:02, 0:00:13.8, [00:09], (1:02:03)."""
CUE_TIMING = re.compile(r" ?(?:\d+:)?\d\d:\d\d[.,]\d{3} --> (?:\d+:)?\d\d:\d\d[.,]\d{3}(?: [^\n]{0,200})? ?")
"""A subtitle cue's timing line (WebVTT `00:00:01.000 --> 00:00:04.000 align:start`, SRT with commas)."""
VOICE = r"<v(?:\.[\w.\-]{1,40})? "
"""The opening of a WebVTT voice tag, `<v Name>` or `<v.class Name>`, before the label."""
DASHES = "–—-"
"""A dash after a label (`NAME – text`): en dash, em dash, hyphen, with a space either side."""
_LEAD = rf"(?:#{{1,6}} )?(?:{TIMESTAMP} )?"
_WORD = r"[^\W\d_][\w'’.\-]*"
_UNKNOWN = [
    rf"\*\* ?(?P<b1>[^*:]{{1,60}}?)(?: {TIMESTAMP})? ?(?:: ?\*\*|\*\*(?: {TIMESTAMP})? ?:)",
    r"(?P<m>\*|_{1,2})(?![*_]) ?(?P<i1>[^*_:]{1,60}?) ?(?:: ?(?P=m)(?![*_])|(?P=m)(?![*_]) ?:)",
    rf"{TIMESTAMP} \*\*(?P<b2>[^*:]{{1,60}}?)\*\*(?= )",
    rf"(?P<p1>{_WORD}(?: (?:{_WORD}|and|&)){{0,4}})(?: {TIMESTAMP})? ?:(?= |$)",
    rf"{VOICE}(?P<v1>[^<>\n]{{1,60}}?) ?>",
    r"(?P<p2>[A-Z]{1,2}):(?=[^\s\d/])",
]
_UNKNOWN_LABEL = re.compile(r" ?" + _LEAD + "(?:" + "|".join(_UNKNOWN) + ")")
_TIMESTAMP_LINE = re.compile(rf" ?{TIMESTAMP} ?")


@dataclass(frozen=True)
class LabelMatch:
    """A label found at the start of a block: the label (normalised), the offset in the block's
    text where its words start (the block's length when they are in the next block), and whether
    it took a form that is safe to look for at the start of any line (`strong`: with a colon, a
    timestamp or bold), rather than `Q.` or a name in capitals alone."""

    label: str
    offset: int
    strong: bool


def normal_view(text: str, start: int = 0, stop: int | None = None) -> tuple[str, list[int]]:
    """The normalised first line of `text[start:stop]` (at most `MAX_LINE` characters) and, for
    each of its characters and one past the end, the offset in `text` it came from."""
    stop = len(text) if stop is None else stop
    end = text.find("\n", start, stop)
    end = min(stop if end < 0 else end, start + MAX_LINE)
    line = text[start:end]
    if "  " not in line and _SPECIAL.search(line) is None:  # nothing to normalise: the common case
        return line, list(range(start, end + 1))
    if line.endswith("\r"):
        line = line[:-1]
    same = line.translate(_SAME_LENGTH)  # every space one space, every colon a colon: offsets unchanged
    chars: list[str] = []
    offsets: list[int] = []
    for run in _RUNS.finditer(same):  # runs of invisible characters go, runs of spaces become one
        piece = run.group()
        if piece[0] in INVISIBLE_CHARACTERS:
            continue
        if piece[0] == " ":
            if chars and chars[-1] == " ":
                continue
            piece = " "
        chars.append(piece)
        offsets.extend(range(start + run.start(), start + run.start() + len(piece)))
    offsets.append(end)
    return "".join(chars), offsets


def normal_label(text: str) -> str:
    """A label as compared: invisible characters dropped, any run of spaces (of any kind) one
    space, full-width colons plain, no space at either end."""
    return " ".join(text.translate(_NORMAL).split())


def words_start(content: str, offset: int) -> int:
    """Where the words after a label start: past spaces and invisible characters, and past one
    line break if the label ends its line."""
    skip = SPACE_CHARACTERS + INVISIBLE_CHARACTERS
    i = offset
    while i < len(content) and content[i] in skip:
        i += 1
    if content.startswith("\r\n", i) or content.startswith("\n", i):
        i += 2 if content[i] == "\r" else 1
        while i < len(content) and content[i] in skip:
            i += 1
    return i


def parse_label(content: str) -> tuple[str, int] | None:
    """Return (label, offset where the spoken text starts) if `content` opens with something
    shaped like a speaker label (`**Name:**`, `**Name**:`, `*Name:*`, `Name:`, with a heading mark
    or a timestamp before it), else None.

    A plain label must be one to five capitalised words (a joint label may join them with "and"
    or "&"), so a sentence such as "There were two reasons: ..." is not taken for a label. The
    label comes back normalised (`normal_label`).
    """
    view, offsets = normal_view(content)
    found = _UNKNOWN_LABEL.match(view)
    if found is None:
        return None
    label = next(found[g] for g in ("b1", "i1", "b2", "p1", "v1", "p2") if found[g] is not None)
    if not any(ch.isalpha() for ch in label) or label.count(" ") >= MAX_LABEL_WORDS:
        return None  # "**What will be the effect of two changes:**" introduces, it does not name
    if found["p1"] is not None:
        words = label.split(" ")
        if not all(w[0].isupper() or w in ("and", "&") for w in words) or words[-1] in ("and", "&"):
            return None
    return normal_label(label), words_start(content, offsets[found.end()])


def known_label(content: str, labels: list[str] | tuple[str, ...]) -> tuple[str, int] | None:
    """Return (label, offset where the words start) if `content` opens with one of `labels` (the
    catalog's, normalised) in any of the forms this module lists, else None. The words may start
    on the next line, or in the next block (the offset is then the block's end)."""
    found = match_label(content, tuple(labels))
    return None if found is None else (found.label, found.offset)


def match_label(content: str, labels: tuple[str, ...], loose: bool = False) -> LabelMatch | None:
    """The catalog label `content` opens with, with where its words start and its form. With
    `loose` (among the turns), a bold label without its colon counts too (`**MJ** During ...`)."""
    if not labels:
        return None
    view, offsets = normal_view(content)
    strong, weak, bare = _label_patterns(labels)
    found = strong.match(view)
    is_strong = found is not None
    if found is None:
        found = weak.match(view) if weak is not None else None
        if found is None and loose:
            found = bare.match(view)
        if found is None:
            return None
    label = next(g for g in found.groups() if g is not None)
    return LabelMatch(normal_label(label), words_start(content, offsets[found.end()]), is_strong)


def is_timestamp_line(line: str) -> bool:
    """Whether a line holds nothing but a timestamp (a transcript's time mark between turns)."""
    if len(line) > 260 or not any(ch.isdigit() for ch in line[:6]):
        return False
    view, _ = normal_view(line)
    return _TIMESTAMP_LINE.fullmatch(view) is not None or CUE_TIMING.fullmatch(view) is not None


def is_cue_lines(lines: list[str]) -> bool:
    """Whether lines are a subtitle cue's marks and nothing else: timing lines (`00:00:01,000 -->
    00:00:04,000`) and timestamps, each perhaps after its cue number (a line of digits alone,
    counted as a mark only just before a timing line, so a number alone elsewhere stays text)."""
    if not lines:
        return False
    for k, line in enumerate(lines):
        if is_timestamp_line(line):
            continue
        following = lines[k + 1] if k + 1 < len(lines) else ""
        if not (line.strip().isdigit() and len(line.strip()) <= 6 and CUE_TIMING.fullmatch(normal_view(following)[0])):
            return False
    return True


@lru_cache(maxsize=256)
def _label_patterns(labels: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern | None, re.Pattern]:
    """Three expressions for every form of every label, longest labels first, compiled once per
    catalog entry: the strong forms (a colon, bold with a timestamp, a timestamp alone after the
    label, a label opening a whole-bold question), the weak ones (`Q.` for labels of one or two
    characters, capitals alone) and the bare bold label (`**MJ** words`, read only among the turns).
    The last few hundred catalog entries' are kept: an archive's thousands, each with its own
    labels, would otherwise hold every compiled expression in every build worker."""
    def alternatives(names: list[str]) -> str:
        names = sorted({normal_label(n) for n in names}, key=len, reverse=True)
        return "|".join(" ".join(re.escape(word) for word in name.split(" ")) for name in names)
    every = alternatives(list(labels))
    short = alternatives([x for x in labels if len(normal_label(x)) <= 2])
    caps = alternatives([x for x in labels if x.isupper() and len(normal_label(x)) > 1])
    ts = TIMESTAMP
    strong = [rf"\*\* ?({every})(?: {ts})? ?: ?\*\*", rf"\*\* ?({every}) ?\*\*(?: {ts})? ?:",
              rf"\*(?!\*) ?({every}) ?: ?\*(?!\*)", rf"\*(?!\*) ?({every}) ?\*(?!\*) ?:",
              rf"__ ?({every}) ?: ?__", rf"__ ?({every}) ?__ ?:", rf"_(?!_) ?({every}) ?: ?_(?!_)",
              rf"_(?!_) ?({every}) ?_(?!_) ?:", rf"({every})(?: {ts})? ?:", rf"{ts} \*\*({every})\*\*(?= )",
              rf"(?:\*\*)?({every})(?:\*\*)? {ts} ?$", rf"\*\* ?({every}) ?:(?= )", rf"{VOICE}({every}) ?>",
              rf"(?:\*\*)?({every})(?:\*\*)? [{DASHES}](?= \S)"]
    weak = []
    if short:
        weak.append(rf"({short})\.(?= )")
    if caps:
        weak.append(rf"(?:\*\*)?({caps})(?:\*\*)? ?$")
    lead = " ?" + _LEAD
    return (re.compile(lead + "(?:" + "|".join(strong) + ")"),
            re.compile(lead + "(?:" + "|".join(weak) + ")") if weak else None,
            re.compile(rf" ?\*\*({every})\*\*(?= \S)"))


def opening(text: str) -> str:
    """The opening of a line as `not_turns` compares it: normalised, without emphasis marks, heading
    marks or a leading timestamp, so `OGA:` and `**OGA:**` are the same opening."""
    view, _ = normal_view(text)
    view = re.sub(rf"^ ?(?:#{{1,6}} )?(?:{TIMESTAMP} )?", "", view)
    return " ".join(view.replace("*", "").replace("_", " ").split())


def initials(name: str) -> str:
    """A name's initials as interviews abbreviate it: "Sascha Staničić" gives "SS", "E. Efe
    Çakmak" "EEC", "Stefan Hain and Sebastian Vogel" "SH and SV" (accents dropped)."""
    parts = [p.strip() for p in re.split(r" (?:and|&) ", name)]
    def one(part: str) -> str:
        letters = [w[0] for w in re.split(r"[\s.\-]+", part) if w and w[0].isalpha()]
        plain = unicodedata.normalize("NFKD", "".join(letters))
        return "".join(ch for ch in plain if not unicodedata.combining(ch)).upper()
    return " and ".join(one(p) for p in parts)
