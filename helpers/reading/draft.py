"""Drafting catalog entries from raw texts: `make catalog SEEDS=DIR` (`python -m helpers catalog DIR`).

For every `.txt`, `.md` and `.markdown` text of a folder that has no catalog entry, the drafter writes one:
id, file, sha256, format, title, the people with every label form the text uses, their roles,
and the `questions` field. Each choice comes with its evidence (line numbers), as a comment beside
the field and in the printed report; what the text cannot tell (outlet, source, often the date
and the language) stays empty and is reported as unknown, never invented. How it reads a text:

- **labels** are the openings of lines shaped like speaker labels (`labels.parse_label`, `Q.`/`A.`,
  names in capitals alone on their line, a name before a timestamp or a dash), outside front matter, code,
  comments, footnotes and text boxes, and not the editor's (`UPDATE:`), quoted e-mail headers,
  metadata keys or `Key: value` lines before the first turn, nor a label before a pull quote;
- **people**: a label used twice or more is a speaker; a label used once is one when it carries
  the full name another label abbreviates ("Sascha Staničić" and "SS") or stands between two
  speakers' turns; labels are grouped by initials ("SH and SV" for "Stefan Hain and Sebastian
  Vogel", mojibake repaired first), and a short label takes the name the text gives it
  ("_Timothy Miller_ (TM)", "Interviewer: Peter Asaro");
- **roles**: a role word decides (`Q`, `Interviewer`, `A`, `TIM, HOST:`, a header line `Host: Nora
  Vale`); otherwise votes for asking, each shown with its lines: ending turns with a question mark
  more than the one who speaks most, speaking first, opening the exchanges (the other's longer turn
  follows), shorter turns, introducing the others in the first turn. Two votes make an interviewer;
  a role the votes do not settle is kept as `role_doubt`, which the check notes with the role line to
  paste. With no labelled interviewer, the questions are the headings ending in "?", or whole-bold
  (or italic) paragraphs (`questions = "bold"`);
- a draft is tried with the splitter before it is written: a label-like line used once outside the
  turns (a glossary entry) goes to `not_turns`, with its evidence.

A changed file's checksum is refreshed only with `--refresh` (`make catalog SEEDS=DIR REFRESH=1`),
after the file is named with its old and new sha256.

Why this module is long: every choice of a draft (labels, people, roles, the questions field, title,
date, authors) reads the same label-shaped lines and turns of one text, and each must come with its
evidence; cut into modules, the candidates and their evidence would be passed back and forth.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..plumbing.errors import SeedError
from ..plumbing.fixes import Fix, apply_fix
from ..plumbing.paths import CATALOG_NAME, shown
from ..plumbing.safefiles import outside_link, write_inside
from .blocks import single_item_body, split_blocks, split_lines
from .catalog import catalog_path, interview_from_toml, read_catalog
from .check import folder_texts
from .labels import TIMESTAMP, initials, normal_label, normal_view, parse_label, role_of_label
from .markup import FULL_DATE, METADATA_KEY, is_bold_paragraph
from .repeats import repeated_blocks
from .segment import EDITORIAL_LABELS, HEADER_BLOCK, QUOTED_HEADERS, asks, front_matter_lines, split_checked
from .structure import cut_styled_lines, emphasis_of, find_boxes, parse_markdown, without_break

_NAME_ROLE = re.compile(r" ?(?:\*\*)?(?P<name>[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,3}), "
                        r"(?P<role>[A-Za-z][\w'’.\-]*(?: [A-Za-z][\w'’.\-]*){0,3})(?:\*\*)? ?:(?:\*\*)?(?= |$)")
"""A name and a role before one colon (`TIM, HOST:`, `ANTHONY ALBANESE, PRIME MINISTER:`)."""
_PERIOD = re.compile(r" ?(?:#{1,6} )?([A-Z]{1,2})\. (?=\S)")
_CAPS_ALONE = re.compile(r" ?(?:\*\*)?([A-Z][A-Z'’.\-]*(?: [A-Z][A-Z'’.\-]*){0,3})(?:\*\*)?:? ?")
_BOLD_QUESTION = re.compile(r" ?\*\*([^\W\d_][\w'’.\-]*(?: [^\W\d_][\w'’.\-]*){0,3}) ?: .*\*\* ?")
"""A whole-bold paragraph that opens with a label: a question set apart, label and all."""
_NAME_TIME = re.compile(rf" ?(?:\*\*)?([^\W\d_][\w'’.\-]*(?: [^\W\d_][\w'’.\-]*){{0,3}})(?:\*\*)? {TIMESTAMP} ?")
_DASH = re.compile(r" ?(?:\*\*)?(?P<name>[A-Z][A-Z'’.\-]*(?: [A-Z][A-Z'’.\-]*){0,3}|"
                   r"[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){1,3})(?:\*\*)? [–—-] (?=\S)")
"""A label before a dash (`LENA FISK – How many`, `Lena Fisk - How many`): a name in capitals, or
two to four capitalised words, so that a sentence opening "Yes – ..." is not taken for one."""
_MARKDOWN_SIGNS = re.compile(r"^(?:#{1,6} \S|---[ \t]*$|[ \t]*> )|\*\*[^*\n]{1,200}\*\*|\]\([^)\s]{0,500}\)|<!--",
                             re.MULTILINE)
_FRONT_KEY = re.compile(r"^\s*(?P<key>[A-Za-z_]+)\s*[:=]\s*(?P<value>.*?)\s*$")
_BYLINE = re.compile(r"(?:[Pp]ublished by|[Ww]ritten by|[Bb]y)[ \t]*\n?[ \t]*"
                     r"(?P<name>[A-Z][\w'’.\-]+(?: [A-Z][\w'’.\-]+){1,3})[ \t]*")
_NAMED_INITIALS = r"(?P<name>[A-Z][\w'’.\-]{{1,40}}(?: [A-Z][\w'’.\-]{{1,40}}){{0,3}})[_*]* \({label}\)"
_TITLE_NAME = re.compile(r"(?:[Ii]nterview(?:ing)?:?|[Ii]nterview with|[Cc]onversation with|talks? (?:with|to)) +"
                         r"(?P<name>[A-Z][\w'’.\-]+(?: [A-Z][\w'’.\-]+){0,3})")
_MONTHS = {m: k for k, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                        "september", "october", "november", "december"), 1)}


@dataclass
class _Candidate:
    """A line that opens with something shaped like a speaker label."""

    label: str
    line: int
    block: int
    words: str = ""
    turn_words: int = 0
    asks: bool = False
    header: bool = False
    text: str = ""


@dataclass
class _Person:
    name: str
    role: str
    labels: list[str]
    names: list[str]
    evidence: list[str] = field(default_factory=list)
    doubt: str = ""


@dataclass
class Draft:
    """A drafted catalog entry: its TOML text, the evidence for each choice and the fields left unknown."""

    file: str
    id: str
    entry: str
    evidence: list[str]
    unknown: list[str]


def demojibake(text: str) -> str:
    """Text that was UTF-8 read as Windows-1252 and written again, repaired ("Ã‡akmak" gives
    "Çakmak"); any other text as it is."""
    if not re.search("[ÃÂÅÄ][\u0080-\u00ff\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]",
                     text):
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text


def _lines_of(text: str) -> list[str]:
    return text.split("\n")


def _excluded(text: str, markdown: bool) -> tuple[set[int], tuple[int, int] | None, dict]:
    """Lines where no label can stand (front matter, code, HTML, footnotes, text boxes), the front
    matter's lines and the parser's shapes."""
    lines = split_lines(text)
    _, blocks = split_blocks(text)
    front = front_matter_lines(text, lines, blocks[0] if blocks else None)
    shapes = parse_markdown(text, front) if markdown else {}
    boxes, _ = find_boxes(text, lines)
    excluded = {n for n, s in shapes.items() if s.kind in ("fence", "html", "footnote", "front_matter")}
    excluded |= {n for a, b in boxes for n in range(a, b + 1)}
    if front:
        excluded |= set(range(front[0], front[1] + 1))
    closing = None  # the line a comment opened on an earlier line closes on
    for line in lines:
        content = text[line.start:line.stop]
        if closing is not None:
            excluded.add(line.number)
            closing = None if line.number >= closing else closing
        elif content.lstrip().startswith("<!--"):
            excluded.add(line.number)
            end = text.find("-->", line.start)
            # a comment never closed hides nothing but its own line, as the splitter reads it
            closing = text.count("\n", 0, end) + 1 if end >= 0 and text.count("\n", 0, end) + 1 > line.number else None
    return excluded, front, shapes


def _candidate(content: str) -> tuple[str, int] | None:
    """(label, offset of its words) if a line opens with something shaped like a speaker label."""
    view, offsets = normal_view(content)
    both = _NAME_ROLE.match(view)
    if both and (_role_word(both["role"]) or (both["name"].isupper() and both["role"].isupper())):
        return normal_label(f"{both['name']}, {both['role']}"), offsets[both.end()]
    found = parse_label(content)
    if found is not None:
        return found
    bold = _BOLD_QUESTION.fullmatch(view)
    if bold and all(w[0].isupper() for w in bold.group(1).split()):
        return normal_label(bold.group(1)), offsets[bold.end(1)] + 1
    for pattern in (_PERIOD, _NAME_TIME, _DASH):
        match = pattern.fullmatch(view) if pattern is _NAME_TIME else pattern.match(view)
        if match:
            return normal_label(match.group(1)), offsets[match.end()]
    match = _CAPS_ALONE.fullmatch(view)
    if match and len(match.group(1)) > 1 and match.group(1).upper() == match.group(1):
        return normal_label(match.group(1)), len(content)
    return None


def _candidates(text: str, markdown: bool) -> tuple[list[_Candidate], set[int], tuple[int, int] | None, dict]:
    """Every line that opens with a label shape, where a label may stand, with its turn's words."""
    excluded, front, shapes = _excluded(text, markdown)
    _, blocks = split_blocks(text)
    found: list[_Candidate] = []
    for k, block in enumerate(blocks):
        for line in block.lines:
            if line.number in excluded:
                continue
            content = text[line.start:line.stop]
            inner = line is not block.lines[0]
            if not content.strip() or (inner and not (parse_label(content) or _NAME_TIME.fullmatch(
                    normal_view(content)[0]))):
                continue  # inside a paragraph, only a label with a colon or a timestamp starts a turn
            hit = _candidate(content)
            if hit is None:
                continue
            label, offset = hit
            key = label.lower().rstrip(".:")
            if key in QUOTED_HEADERS or METADATA_KEY.match(content.lstrip("*_ ")):
                continue
            if len(label.split()) > 6 or not any(ch.isalpha() for ch in label):
                continue
            found.append(_Candidate(label, line.number, k, content[offset:].strip()))
    # an editor's label ("PS:", a postscript) is a speaker's where it abbreviates another label ("Phillip Smith")
    names = {c.label for c in found if c.label.lower().rstrip(".:") not in EDITORIAL_LABELS}
    found = [c for c in found if c.label.lower().rstrip(".:") not in EDITORIAL_LABELS
             or any(_same_person(c.label, name) for name in names)]
    lines = _lines_of(text)
    headings = sorted(n for n, s in shapes.items() if s.kind == "heading" and s.first == n)
    for i, cand in enumerate(found):  # the words of each turn: up to the next candidate or heading
        stop = found[i + 1].line if i + 1 < len(found) else len(lines) + 1
        stop = min([stop, *(n for n in headings if n > cand.line)])
        body = [cand.words] + [lines[n - 1] for n in range(cand.line + 1, stop) if n not in excluded]
        words = " ".join(body)
        cand.turn_words = len(re.findall(r"\w+", words))
        cand.text = words
        cand.asks = words.rstrip(" *_\"”’'»)]").endswith("?")
    repeats = repeated_blocks(text, blocks, markdown, sorted({c.label for c in found}))
    quoted = {blocks[k].start for k in range(len(blocks))} & set(repeats)
    found = [c for c in found if blocks[c.block].start not in quoted]
    return found, excluded, front, shapes


def _key_value(words: str) -> bool:
    """Whether the words after a label read as a header's value: short, capitalised, not a sentence."""
    parts = words.replace("*", "").split()
    joiners = {"of", "and", "the", "de", "du", "da", "von", "van", "der", "for", "in", "at", "&"}
    return (0 < len(parts) <= 8 and parts[-1][-1] not in ".?!:;…\"”"
            and all(w[0].isupper() or w[0].isdigit() or w in joiners for w in parts))


def _mark_headers(cands: list[_Candidate]) -> None:
    """Label lines before the first turn that are headers ("Interviewer: Peter Asaro", "Location:
    Leeds", "Lynne Parker: An interview conducted by ...")."""
    for cand in cands:
        words = cand.words
        if words and (_key_value(words) or HEADER_BLOCK.match(words)):
            cand.header = True
        else:
            break


def _speakers(cands: list[_Candidate]) -> tuple[list[str], list[_Candidate]]:
    """The labels that are speakers, in order of first use, and the once-used label lines that are
    not (glossary entries and the like)."""
    turns = [c for c in cands if not c.header]
    counts = Counter(c.label for c in turns)
    # a person's uses counted over the forms of their label ("TIM, HOST" once and "TIM" once is twice)
    grouped = {label: n + sum(counts[o] for o in counts if o != label and (_same_person(label, o)
                                                                           or _same_person(o, label)))
               for label, n in counts.items()}
    many = {label for label, n in grouped.items() if n >= 2}
    abbreviated = {label for label in counts
                   if any(_same_person(label, o) or _same_person(o, label) for o in many if o != label)}
    speakers = set(many) | abbreviated
    others = []
    for k, cand in enumerate(turns):
        if cand.label in speakers:
            continue
        before = next((c.label for c in reversed(turns[:k]) if c.label != cand.label), None)
        after = next((c.label for c in turns[k + 1:] if c.label != cand.label), None)
        if ((before in many and after in many) or _role_word(cand.label)) and cand.turn_words > 0:
            speakers.add(cand.label)  # a role word (`Q:`, `TIM, HOST:`) is a speaker's label even used once
        else:
            others.append(cand)
    order = list(dict.fromkeys(c.label for c in turns if c.label in speakers))
    return order, others


def _same_person(short: str, full: str) -> bool:
    """Whether `short` abbreviates `full`: its initials, the initials it gives in brackets
    ("Frederico (FSM)"), or its last name alone."""
    given = re.search(r"\((\w+)\)$", full)
    if given and short == given.group(1):
        return True
    if ", " in full and short != full and short in full.split(", ", 1):
        return True  # "TIM" and "PRIME MINISTER" for "TIM, HOST" and "ANTHONY ALBANESE, PRIME MINISTER"
    plain = _plain_name(demojibake(full))
    if short.replace(" ", "") == initials(plain).replace(" ", "") and len(short) < len(full):
        return True
    return " " in plain and short == plain.split()[-1]


def _plain_name(label: str) -> str:
    """A label as a name: mojibake repaired elsewhere, initials in brackets after it dropped."""
    label = label.split(", ", 1)[0] if _NAME_ROLE.fullmatch(label + ":") else label
    return re.sub(r"\s*\(\w+\)$", "", label).strip() or label


def _role_word(label: str) -> str | None:
    return role_of_label(label)


def _is_short(label: str) -> bool:
    """Whether a label is initials ("SS", "SH and SV") rather than a name."""
    words = [w for w in label.split() if w not in ("and", "&")]
    limit = 4 if len(words) == 1 else 3  # "EEC", "SH and SV"; but "ANNA LOWE" is a name in capitals
    return ", " not in label and bool(words) and all(w.isupper() and len(w.rstrip(".")) <= limit for w in words)


def _people(labels: list[str], cands: list[_Candidate], text: str, title: str,
            asked: list[int]) -> list[_Person]:
    """Group the speakers' labels into people, name them and give each a role, with evidence."""
    full = [x for x in labels if not _is_short(x) and (", " in x or not _role_word(x))]
    # a label that another, longer one spells out ("DARIN" for "MARK DARIN") is that person's
    full = [x for x in full if not any(o != x and len(o) > len(x) and _same_person(x, o) for o in full)]
    people: list[_Person] = []
    owner: dict[str, _Person] = {}
    for label in full:
        name = _plain_name(demojibake(label))
        person = _Person(name, _role_word(label) or "", [label], [name])
        if name != label and ", " not in label:
            person.evidence.append(f"name repaired from the mojibake {label!r}")
        people.append(person)
        owner[label] = person
    for label in labels:
        if label in owner:
            continue
        match = [p for p in people if _same_person(label, p.labels[0])]
        if len(match) == 1:
            match[0].labels.append(label)
            owner[label] = match[0]
            plain = _plain_name(match[0].labels[0])
            surname = " " in plain and label == plain.split()[-1]
            match[0].evidence.append(f"{label!r} is the last name of {match[0].labels[0]!r}" if surname else
                                     f"{label!r} {'is part of' if ', ' in match[0].labels[0] else 'abbreviates'} "
                                     f"{match[0].labels[0]!r}")
            continue
        person = _Person(label, _role_word(label) or "", [label], [])
        named = _named_in_text(label, text, cands)
        if named:
            person.name, person.names = named[0], [named[0]]
            person.evidence.append(named[1])
        people.append(person)
        owner[label] = person
    stats = {id(p): [c for c in cands if not c.header and c.label in p.labels] for p in people}
    for p in people:
        turns = stats[id(p)]
        asks = sum(c.asks for c in turns)
        lines = ", ".join(str(c.line) for c in turns[:6]) + (", ..." if len(turns) > 6 else "")
        p.evidence.append(f"{len(turns)} turns (lines {lines}), {asks} ending with a question mark, "
                          f"{sum(c.turn_words for c in turns) // max(len(turns), 1)} words a turn on average")
    _roles(people, stats, cands, asked)
    interviewees = [p for p in people if p.role == "interviewee"]
    sole = interviewees[0] if len(interviewees) == 1 else None
    if sole is not None and sole.name == sole.labels[0] and _role_word(sole.name):
        found = _TITLE_NAME.search(title)
        if found:
            sole.name, sole.names = found["name"], [found["name"]]
            sole.evidence.append(f"named in the title: {title!r}")
    for p in people:
        if _role_word(p.name) and p.name == p.labels[0]:
            p.name, p.names = p.role.capitalize(), []
            p.evidence.append("the text gives no name: the role stands for it")
    return people


def _named_in_text(label: str, text: str, cands: list[_Candidate]) -> tuple[str, str] | None:
    """The name the text gives a short label: "_Timothy Miller_ (TM)", or a header line
    "Interviewer: Peter Asaro"."""
    for cand in cands:
        if cand.header and cand.label == label and _key_value(cand.words) and len(cand.words.split()) <= 4 \
                and not any(ch.isdigit() for ch in cand.words):
            return cand.words.replace("*", "").strip(), f"named on line {cand.line}: {label}: {cand.words}"
    pattern = re.compile(_NAMED_INITIALS.format(label=re.escape(label)))
    for number, line in enumerate(_lines_of(text), 1):
        found = pattern.search(line.replace("_", "").replace("*", ""))
        if found:
            return found["name"], f"named on line {number}: {found.group()!r}"
    return None


def _roles(people: list[_Person], stats: dict[int, list[_Candidate]], cands: list[_Candidate],
           asked: list[int]) -> None:
    """Roles, each with its evidence. A role word decides (`Q`, `TIM, HOST`, a header line `Host:
    Nora Vale`); otherwise each piece of evidence is a vote for asking: ending turns with a question
    mark more than the one who speaks most (two votes when most turns do), speaking first, opening the
    exchanges (turns followed by another's longer one), speaking shortly, introducing the others in the
    first turn (a vote against each one named). Two votes make an interviewer; with no interviewer
    and no question marked otherwise (`asked`: headings, bold paragraphs), whoever has the most. A role
    the votes do not settle (an interviewer on fewer than two, an interviewee with one) is doubtful:
    kept in `doubt`, written to the catalog and said by the check."""
    for p in people:
        if p.role:
            p.evidence.append(f"role from the label {p.labels[0]!r}")
    _header_roles(people, cands)
    free = [p for p in people if not p.role]
    if not free:
        return
    votes = _votes(people, stats, cands, asked)
    score = {id(p): sum(v for v, _ in votes[id(p)]) for p in people}
    chosen = [p for p in free if score[id(p)] >= 2]
    if not chosen and not asked and not any(p.role == "interviewer" for p in people):
        best = max(free, key=lambda p: score[id(p)])
        if score[id(best)] > 0 and [score[id(p)] for p in free].count(score[id(best)]) == 1:
            chosen = [best]
    for p in free:
        p.role = "interviewer" if p in chosen else "interviewee"
    if not any(p.role == "interviewee" for p in people):
        words = {id(p): sum(c.turn_words for c in stats[id(p)]) for p in people}
        min(free, key=lambda p: (score[id(p)], -words[id(p)])).role = "interviewee"
    for p in free:
        whys = [why for _, why in votes[id(p)]] or ["no evidence either way"]
        weak = score[id(p)] < 2 if p.role == "interviewer" else score[id(p)] >= 1
        p.doubt = "; ".join(whys) if weak else ""
        p.evidence.append(f"role {p.role}: " + "; ".join(whys) + (" (weak evidence: the check asks you to "
                                                                  "confirm it)" if weak else ""))


def _header_roles(people: list[_Person], cands: list[_Candidate]) -> None:
    """Roles from header lines before the turns that name a person after a role word ("Host: Nora Vale")."""
    for cand in cands:
        role = _role_word(cand.label)
        if not (cand.header and role):
            continue
        said = cand.words.replace("*", "").strip().casefold()
        for p in people:
            if not p.role and said in {n.casefold() for n in (p.name, *p.names, *p.labels)}:
                p.role = role
                p.evidence.append(f"role: named the {cand.label.lower()} on line {cand.line}")


def _votes(people: list[_Person], stats: dict[int, list[_Candidate]], cands: list[_Candidate],
           asked: list[int]) -> dict[int, list[tuple[int, str]]]:
    """Each person's votes for asking, with what each rests on (see `_roles`)."""
    votes: dict[int, list[tuple[int, str]]] = {id(p): [] for p in people}
    owner = {label: p for p in people for label in p.labels}
    seq = [c for c in cands if not c.header and c.label in owner]
    def ratio(p: _Person) -> float:
        return sum(c.asks for c in stats[id(p)]) / len(stats[id(p)])
    def mean(p: _Person) -> int:
        return sum(c.turn_words for c in stats[id(p)]) // len(stats[id(p)])
    speaking = [p for p in people if stats[id(p)]]
    for p in speaking:
        others = [o for o in speaking if o is not p]
        if not others:
            continue
        ref = max(others, key=lambda o: sum(c.turn_words for c in stats[id(o)]))  # who speaks most
        turns, asks = len(stats[id(p)]), sum(c.asks for c in stats[id(p)])
        if ratio(p) >= 0.5 and ratio(p) >= ratio(ref) + 0.3:
            votes[id(p)].append((2, f"ends {asks} of {turns} turns with a question mark, against {ratio(ref):.0%} "
                                    f"for {ref.name}"))
        elif asks and ratio(p) > ratio(ref) + 0.2:
            votes[id(p)].append((1, f"ends {asks} of {turns} turns with a question mark, more than {ref.name} "
                                    f"({ratio(ref):.0%})"))
        if mean(p) * 2 <= mean(ref):
            votes[id(p)].append((1, f"turns of {mean(p)} words on average, against {mean(ref)} for {ref.name}"))
    if seq and not any(n < seq[0].line for n in asked):
        votes[id(owner[seq[0].label])].append((1, f"speaks first (line {seq[0].line})"))
    opened: dict[int, list[int]] = {id(p): [] for p in people}
    pairs: dict[int, int] = dict.fromkeys(opened, 0)
    for a, b in itertools.pairwise(seq):
        if owner[a.label] is owner[b.label] or any(a.line < n < b.line for n in asked):
            continue
        pairs[id(owner[a.label])] += 1
        if b.turn_words > a.turn_words:
            opened[id(owner[a.label])].append(a.line)
    for p in people:
        if pairs[id(p)] >= 2 and len(opened[id(p)]) * 3 >= pairs[id(p)] * 2:
            votes[id(p)].append((1, f"opens {len(opened[id(p)])} of {pairs[id(p)]} exchanges (lines "
                                    f"{', '.join(map(str, opened[id(p)][:6]))}): the other's longer turn follows"))
    if seq:
        first = owner[seq[0].label]
        named = [p for p in people if p is not first and _names_in(p, seq[0].text)]
        if named:
            votes[id(first)].append((1, f"introduces {', '.join(p.name for p in named)} (line {seq[0].line})"))
            for p in named:
                votes[id(p)].append((-1, f"introduced by {first.name} (line {seq[0].line})"))
    return votes


def _names_in(person: _Person, words: str) -> bool:
    """Whether words name a person: by name or label (not a role word), whole words, any case."""
    for name in {person.name, *person.names, *person.labels}:
        if len(name) >= 3 and not _role_word(name) and re.search(
                rf"(?<!\w){re.escape(name)}(?!\w)", words, re.IGNORECASE):
            return True
    return False


def _front_matter(text: str, front: tuple[int, int] | None) -> dict[str, tuple[str, int]]:
    """Keys of the front matter: value (quotes removed) and line."""
    found: dict[str, tuple[str, int]] = {}
    if front is None:
        return found
    lines = _lines_of(text)
    for number in range(front[0] + 1, front[1]):
        match = _FRONT_KEY.match(lines[number - 1])
        if match and match["key"].lower() not in found:
            found[match["key"].lower()] = (match["value"].strip().strip("'\""), number)
    return found


def _title(text: str, front: dict, shapes: dict, excluded: set[int], markdown: bool) -> tuple[str, str]:
    """The title and its evidence: the front matter's, the first level-1 heading, or the first line."""
    if "title" in front:
        return front["title"][0], f"line {front['title'][1]}: the front matter's title"
    lines = _lines_of(text)
    if markdown:
        for number, shape in sorted(shapes.items()):
            if shape.kind == "heading" and shape.first == number:
                words = re.sub(r"^#+\s*|\s*#*$", "", lines[number - 1]).replace("*", "").strip()
                if words:
                    return words, f"line {number}: the first heading"
    for number, line in enumerate(lines, 1):
        words = line.replace("\ufeff", "").strip()
        if words and number not in excluded and not METADATA_KEY.match(words) and len(words) < 200:
            return words.replace("**", ""), f"line {number}: the first line"
    return "", "none found"


def _date(text: str, front: dict, head_end: int) -> tuple[str, str]:
    """The date and its evidence: the front matter's, or a full date in the lines before the first turn."""
    for key in ("date", "published", "publishdate"):
        if key in front:
            found = re.search(r"\d{4}-\d\d-\d\d", front[key][0])
            if found:
                return found.group(), f"line {front[key][1]}: front matter '{key}: {front[key][0]}'"
    for number, line in enumerate(_lines_of(text)[:head_end], 1):
        found = FULL_DATE.search(line)
        if found:
            parts = found.group().replace(",", "").split()
            day, month, year = (parts[0], parts[1], parts[2]) if parts[0].isdigit() else (parts[1], parts[0], parts[2])
            return f"{int(year):04d}-{_MONTHS[month.lower()]:02d}-{int(day):02d}", f"line {number}: {found.group()!r}"
    return "", ""


def _styled_questions(text: str, markdown: bool, start: int) -> tuple[str, list[int]]:
    """Whether whole-bold (or whole-italic) paragraphs, or list items alone in their paragraphs
    (`1. __...__`), from line `start` on, are the questions."""
    _, plain_blocks = split_blocks(text)
    for style in ("bold", "italic"):
        lines = []
        for block in cut_styled_lines(text, plain_blocks, style, set()):
            content = without_break(text[single_item_body(block, text):block.stop])
            kind = "bold" if is_bold_paragraph(content) else (emphasis_of(content) if markdown else None)
            if kind == style and block.line >= start:
                lines.append(block.line)
        if len(lines) >= 3:
            return style, lines
    return "", []


def _question_headings(text: str, shapes: dict, start: int) -> list[int]:
    """Lines of headings ending with a question mark, after the title."""
    lines = _lines_of(text)
    return [n for n, s in sorted(shapes.items()) if s.kind == "heading" and s.first == n and s.level > 1
            and n >= start and asks(lines[n - 1].rstrip().rstrip("#"))]


def _toml(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _authors(text: str, speakers: set[str]) -> list[tuple[str, int]]:
    """Bylines ("Published by\\nGreg Butterfield"): authors who sign the piece and do not speak."""
    found = []
    _, blocks = split_blocks(text)
    for block in blocks:
        match = _BYLINE.fullmatch(text[block.start:block.stop].replace("*", "").strip())
        if match and match["name"] not in speakers and match["name"] not in [a for a, _ in found]:
            found.append((match["name"], block.line))
    return found


def draft_entry(path: Path, taken: set[str], catalog: Path) -> Draft:
    """Draft the catalog entry of one text (its id not among `taken`)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SeedError(shown(path), line, f"not UTF-8 ({exc.reason}): save the text as UTF-8 to catalogue "
                                           "it") from None
    evidence: list[str] = []
    signs = list(_MARKDOWN_SIGNS.finditer(text))
    markdown = path.suffix.lower() in (".md", ".markdown") or bool(signs)
    fmt_why = (f"the file is {path.suffix.lower()}" if path.suffix.lower() in (".md", ".markdown") else
               f"Markdown on line {text.count(chr(10), 0, signs[0].start()) + 1}" if signs else "no Markdown found")
    cands, excluded, front, shapes = _candidates(text, markdown)
    _mark_headers(cands)
    labels, others = _speakers(cands)
    matter = _front_matter(text, front)
    title, title_why = _title(text, matter, shapes, excluded, markdown)
    asked = _question_headings(text, shapes, 1) + _styled_questions(text, markdown, 1)[1]
    people = _people(labels, cands, text, title, asked)
    turns = [c for c in cands if not c.header]
    first_turn = min((c.line for c in turns if c.label in labels), default=len(_lines_of(text)))
    questions, q_why = "auto", "speaker labels"
    if not any(p.role == "interviewer" for p in people):
        headings = _question_headings(text, shapes, 1)
        style, styled = _styled_questions(text, markdown, 1)
        if headings:
            q_why = f"headings ending with '?', lines {', '.join(map(str, headings[:8]))}"
        elif style:
            questions, q_why = style, f"whole-{style} paragraphs, lines {', '.join(map(str, styled[:8]))}"
        else:
            q_why = "no interviewer found: check the labels"
        first_turn = min([first_turn, *headings[:1], *styled[:1]])
        people.insert(0, _Person("Interviewer", "interviewer", [], [], [f"asks the questions ({q_why}); the text "
                                                                        "gives no name"]))
    if not any(p.role == "interviewee" for p in people):
        found = _TITLE_NAME.search(title)
        name, why = ((found["name"], f"named in the title: {title!r}") if found
                     else ("Interviewee", "the text gives no name"))
        people.append(_Person(name, "interviewee", [], [name] if found else [], [f"answers the questions; {why}"]))
    for name, line in _authors(text, {n for p in people for n in (p.name, *p.labels)}):
        people.append(_Person(name, "author", [], [name], [f"signs the piece: byline on line {line}"]))
    date, date_why = _date(text, matter, first_turn)
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", path.stem).strip("-") or "interview"
    ident, n = stem, 2
    while ident in taken:
        ident, n = f"{stem}-{n}", n + 1
    language = matter.get("lang", matter.get("language", ("", 0)))[0]
    not_turns = [c for c in others if c.line > first_turn]
    entry = _entry_text(ident, path.name, hashlib.sha256(raw).hexdigest(), "markdown" if markdown else "plain",
                        title, date, date_why, language, questions, [], people)
    entry, declared = _try(entry, text, catalog, not_turns)
    evidence += [f"format: {'markdown' if markdown else 'plain'} ({fmt_why})", f"title: {title_why}",
                 f"questions: {questions} ({q_why})"]
    evidence += [f"date: {date_why}"] if date else []
    for p in people:
        evidence.append(f"{p.name} ({p.role}), labels {p.labels}: " + "; ".join(p.evidence))
    evidence += [f"not a turn: {why}" for why in declared]
    unknown = ["outlet", "source_url", "context_not_in_text"] + ([] if date else ["date"]) + \
        ([] if language else ["language"]) + ["affiliation of " + p.name for p in people]
    return Draft(path.name, ident, entry, evidence, unknown)


def _entry_text(ident: str, file: str, sha: str, fmt: str, title: str, date: str, date_why: str, language: str,
                questions: str, not_turns: list[str], people: list[_Person]) -> str:
    """The TOML text of a drafted entry."""
    lines = ["[[interview]]", f"# drafted by `make catalog` from {file}: check every field (the evidence is in "
             "the comments and the report)", f"id = {_toml(ident)}", f"file = {_toml(file)}",
             f"sha256 = {_toml(sha)}", f"format = {_toml(fmt)}", f"title = {_toml(title)}",
             'outlet = ""  # unknown: the text does not say', 'source_url = ""  # unknown',
             f"date = {_toml(date)}" + ("" if date else "  # unknown"), "date_inferred = false",
             f"date_evidence = {_toml(date_why)}",
             f"language = {_toml(language)}" + ("" if language else "  # unknown"),
             'context_not_in_text = ""', f"questions = {_toml(questions)}", f"not_turns = {_toml(not_turns)}"]
    for p in people:
        lines += ["", "[[interview.people]]", f"# {'; '.join(p.evidence)}", f"name = {_toml(p.name)}",
                  f"role = {_toml(p.role)}", *([f"role_doubt = {_toml(p.role + ': ' + p.doubt)}"] if p.doubt else []),
                  'affiliation = ""', f"labels = {_toml(p.labels)}",
                  f"names = {_toml(p.names)}", "affiliation_names = []"]
    return "\n".join(lines) + "\n"


def _try(entry: str, text: str, catalog: Path, others: list[_Candidate]) -> tuple[str, list[str]]:
    """Split the text with the draft; a label-like line used once that the splitter cannot place
    goes to `not_turns` (its evidence returned). Stops after a few rounds."""
    declared: list[str] = []
    once = {c.line: c for c in others}
    for _ in range(8):
        try:
            interview = interview_from_toml(entry, catalog)
        except SeedError as problem:
            declared.append(f"(the draft does not load yet: {problem.problem})")
            break
        _, _, problems = split_checked(interview, text)
        settle = [p for p in problems if p.line in once and p.fixes and p.problem.startswith("unknown speaker label")]
        if not settle:
            break
        problem = settle[0]
        fix = next(f for f in problem.fixes if f.key == "not_turns")
        entry = apply_fix(entry, Fix(fix.catalog, fix.interview, fix.line))
        declared.append(f"line {problem.line}: {once[problem.line].label!r} is used once, outside the turns "
                        "(a glossary entry or a header): declared not a turn")
    return entry, declared


def draft_catalog(folder: str | Path, refresh: bool = False) -> tuple[list[Draft], list[str]]:
    """Draft an entry for every text of a folder without one and append them to its catalog (created
    if missing); with `refresh`, record the new sha256 of every catalogued text that changed. Returns
    the drafts and what was said about the other texts (changed, refused)."""
    folder = Path(folder)
    catalog = catalog_path(folder)
    if catalog.is_symlink():
        raise SeedError(shown(catalog), None, "the catalog is a symbolic link: refused, so that nothing is written "
                                              "through it; replace it with the file itself")
    text = catalog.read_text(encoding="utf-8") if catalog.is_file() else (
        "# Catalog of the interviews in this folder: one [[interview]] table per text (README, 'Adding an "
        "interview').\n")
    interviews, _ = read_catalog(folder) if catalog.is_file() else ([], [])
    catalogued = {i.file: i for i in interviews}
    try:
        listed = {t.get("file") for t in tomllib.loads(text).get("interview", []) if isinstance(t, dict)}
    except tomllib.TOMLDecodeError:  # a broken catalog is reported by the check
        listed = set(catalogued)
    taken = {i.id for i in interviews}
    drafts, notes = [], []
    for path in folder_texts(folder):
        if outside_link(folder, path):
            notes.append(f"{path.name}: a symbolic link to a file outside the folder: refused, not drafted")
            continue
        if path.name in catalogued:
            interview = catalogued[path.name]
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest != interview.sha256:
                notes.append(f"{path.name} changed since it was catalogued: sha256 {interview.sha256} in "
                             f"{shown(catalog)} line {interview.catalog_line}, {digest} now"
                             + ("; recorded" if refresh else "; run with REFRESH=1 to record it"))
                if refresh:
                    text = apply_fix(text, Fix(shown(catalog), interview.id, f'sha256 = "{digest}"'))
            continue
        if path.name in listed:
            continue  # an entry with a problem: the check says which
        try:
            draft = draft_entry(path, taken, catalog)
        except SeedError as problem:
            notes.append(str(problem))
            continue
        taken.add(draft.id)
        drafts.append(draft)
        text = text.rstrip("\n") + "\n\n" + draft.entry
    if drafts or refresh:
        write_inside(folder, CATALOG_NAME, text)
    return drafts, notes


def format_drafts(drafts: list[Draft], notes: list[str], folder: Path) -> str:
    """The report of a drafting run: each entry's evidence and unknown fields, then the notes."""
    out = []
    for d in drafts:
        out.append(f"{d.file}: drafted as interview {d.id!r}")
        out += [f"  {line}" for line in d.evidence]
        out.append(f"  unknown (left empty, fill in if you know): {', '.join(d.unknown)}")
    out += notes
    out.append(f"{len(drafts)} entries drafted in {shown(catalog_path(folder))}; check the folder with "
               f"`python -m helpers check {shown(folder)}`")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    """`python -m helpers catalog DIR [--refresh]`: draft entries; 2 on a usage error, 1 if a text
    could not be drafted, else 0."""
    refresh = "--refresh" in argv
    rest = [a for a in argv if a != "--refresh"]
    if len(rest) != 1 or not Path(rest[0]).is_dir():
        print("usage: python -m helpers catalog DIR [--refresh]  (DIR: a folder of .txt, .md and .markdown texts)",
              file=sys.stderr)
        return 2
    try:
        drafts, notes = draft_catalog(rest[0], refresh)
    except SeedError as problem:
        print(problem, file=sys.stderr)
        return 1
    print(format_drafts(drafts, notes, Path(rest[0])))
    return 1 if any("refused" in n or "not UTF-8" in n for n in notes) else 0
