"""A REFI-QDA project (`.qdpx`, QDA-XML 1.0 of 18 March 2019), which QualCoder, ATLAS.ti, MAXQDA and
NVivo open, and its way back: a coder's coding of the themes read from such a project into the
study's stand-off format, for the second-coder machinery (`helpers.annotating.secondcoder`).

The archive holds `project.qde` (the project XML) and `sources/<guid>.txt`, each seed byte for byte,
markup and all, so that a selection's `startPosition` and `endPosition` are the study's own
offsets (Python string indices, Unicode code points; the end is exclusive). The project has:

- a user per coder and reader (`first coder`, `second coder`, `first reader`, ...), and one for the
  speaker turns (`the study's split`);
- the codebook: the themes (named by their code, described by label, definition, include, exclude
  and example), every reading of notebook 07 as a group of codes (`uptake: redirects`, ...), and a
  code per speaker; groups are not codable;
- every coded span of every coding, as a selection coded by its coder; every reading of a whole
  turn as a selection of the turn coded by its reader, and every read stance marker and "we" as a
  selection of its words, the reader's note as the selection's description;
- the speakers as cases, each with its role, affiliation and interview as variables and its
  turns as selections; each interview's outlet, date and title as variables of its source.

Every GUID is name-based (UUID 5), so the project is the same byte for byte when nothing changed.

Why this module is long: the project is one XML tree whose parts refer to each other by GUID
(users, codes, variables, cases, selections), and reading a coding back checks every place a
returned project may differ from the study's (its sources, its codes, its spans) so that each
error names the line of `project.qde`; split, the parts would pass the same GUID tables around.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from pathlib import Path

import pandas as pd
from lxml import etree

from ..annotating.coding import CODING_COLUMNS, coding_units, load_codebook
from ..annotating.viewer import code_colors
from ..plumbing.errors import SeedError
from ..plumbing.paths import shown
from ..reading.catalog import Interview
from ..reading.markup import reading_string
from ..reading.passages import load_passages
from ..reading.standoff import texts_of
from .archive import write_zip
from .layers import GROUPS, LABELS, MANUALS, Layers

NS = "urn:QDA-XML:project:1.0"
PROJECT_FILE = "project.qde"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:x-study:ukraine-left-interviews:refi-qda")
SPLIT_USER = "the study's split"
THEMES = "themes"
SPEAKERS = "speakers"
VARIABLES = {"role": "a speaker's role in the interview (interviewer, interviewee)",
             "affiliation": "the speaker's organisation, as the catalog gives it",
             "interview": "the interview's id in the catalog", "title": "the interview's title",
             "outlet": "where the interview was published",
             "date": "when (YYYY-MM-DD; the catalog says how it is known)"}


def guid(*key: object) -> str:
    """A GUID that names the same thing in every build: a UUID 5 of its kind and key."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(map(str, key))))


def _element(parent: etree._Element, tag: str, text: str | None = None, **attributes: object) -> etree._Element:
    """A child element in the QDA-XML namespace, with its attributes as strings (None left out)."""
    child = etree.SubElement(parent, f"{{{NS}}}{tag}",
                             {k: str(v).lower() if isinstance(v, bool) else str(v)
                              for k, v in attributes.items() if v is not None})
    if text is not None:
        child.text = text
    return child


def speaker_code(interview: str, speaker: str) -> str:
    """The name of a speaker's code and case: `Mia (004)`."""
    return f"{speaker} ({interview})"


def reading_code(reading: str, label: str) -> str:
    """The name of a reading's code: `uptake: redirects`."""
    return f"{reading}: {label}"


def _codebook(project: etree._Element, layers: Layers) -> None:
    """The themes, each reading with its labels, and the speakers, as a tree of codes."""
    codes = _element(_element(project, "CodeBook"), "Codes")
    if layers.codebook is not None:
        themes = _element(codes, "Code", guid=guid("group", THEMES), name=THEMES, isCodable=False)
        _element(themes, "Description", "the codebook's themes (annotations/codebook.toml); a code marks that a "
                                        "paragraph addresses a theme, whatever position it takes on it")
        colors = code_colors(list(layers.codebook["code"]))
        for c in layers.codebook.itertuples():
            code = _element(themes, "Code", guid=guid("code", THEMES, c.code), name=c.code, isCodable=True,
                            color=colors[c.code])
            _element(code, "Description", f"{c.label}: {c.definition}\nInclude: {c.include}\nExclude: {c.exclude}\n"
                                          f"Example: {c.example}")
    read = list(dict.fromkeys(layers.readings["reading"]))
    for group in dict.fromkeys(GROUPS[r] for r in read):
        parent = _element(codes, "Code", guid=guid("group", group), name=group, isCodable=False)
        _element(parent, "Description", f"read by the manual {MANUALS[group]}")
        for reading in (r for r in read if GROUPS[r] == group):
            dimension = _element(parent, "Code", guid=guid("group", group, reading), name=reading, isCodable=False)
            for label, definition in LABELS[reading].items():
                code = _element(dimension, "Code", guid=guid("code", reading, label), name=reading_code(reading, label),
                                isCodable=True)
                _element(code, "Description", definition)
    speakers = _element(codes, "Code", guid=guid("group", SPEAKERS), name=SPEAKERS, isCodable=False)
    _element(speakers, "Description", "who speaks each turn, as the study's split reads the text")
    for t in layers.turns.drop_duplicates(["interview", "speaker"]).itertuples():
        _element(speakers, "Code", guid=guid("speaker", t.interview, t.speaker),
                 name=speaker_code(t.interview, t.speaker), isCodable=True)


def _person(layers: Layers, interview: str, name: str):
    return next(p for p in layers.texts[interview][0].people if p.name == name)


def _cases(project: etree._Element, layers: Layers) -> None:
    """The variables, and each speaker as a case with its turns."""
    variables = _element(project, "Variables")
    for name, description in VARIABLES.items():
        variable = _element(variables, "Variable", guid=guid("variable", name), name=name, typeOfVariable="Text")
        _element(variable, "Description", description)
    cases = _element(project, "Cases")
    for (interview, speaker), turns in layers.turns.groupby(["interview", "speaker"], sort=False):
        person = _person(layers, interview, speaker)
        case = _element(cases, "Case", guid=guid("case", interview, speaker), name=speaker_code(interview, speaker))
        _element(case, "Description", f"{person.role} in interview {interview}; {person.affiliation}")
        for variable, value in (("role", person.role), ("affiliation", person.affiliation), ("interview", interview)):
            _value(case, variable, value)
        _element(case, "SourceRef", targetGUID=guid("source", interview))
        for turn_id in turns["passage_id"]:
            _element(case, "SelectionRef", targetGUID=guid("turn", turn_id))


def _value(parent: etree._Element, variable: str, value: str) -> None:
    holder = _element(parent, "VariableValue")
    _element(holder, "VariableRef", targetGUID=guid("variable", variable))
    _element(holder, "TextValue", value)


def _selection(source: etree._Element, key: tuple, name: str, start: int, end: int, user: str, code: str,
               description: str = "") -> None:
    """A selection of seed characters `start` to `end`, coded with one code by one user."""
    selection = _element(source, "PlainTextSelection", guid=guid("selection", *key), name=name, startPosition=start,
                         endPosition=end, creatingUser=guid("user", user))
    if description:
        _element(selection, "Description", description)
    coding = _element(selection, "Coding", guid=guid("coding", *key), creatingUser=guid("user", user))
    _element(coding, "CodeRef", targetGUID=code)


def _sources(project: etree._Element, layers: Layers) -> None:
    """Each interview as a text source with every selection in it."""
    sources = _element(project, "Sources")
    for interview, (info, text) in layers.texts.items():
        source = _element(sources, "TextSource", guid=guid("source", interview), name=f"{interview}: {info.title}",
                          plainTextPath=f"internal://{guid('source', interview)}.txt",
                          creatingUser=guid("user", SPLIT_USER))
        _element(source, "Description", f"{info.outlet}, {info.date}; {info.file} (sha256 {info.sha256}), byte for "
                                         "byte as received: positions count its characters from 0")
        codings = layers.codings[layers.codings["interview"] == interview]
        for k, c in zip(codings.index, codings.itertuples(), strict=True):
            _selection(source, ("code", c.coder, k, c.passage_id, c.code, c.start, c.end), c.passage_id,
                       c.start, c.end, c.coder, guid("code", THEMES, c.code))
        readings = layers.readings[layers.readings["interview"] == interview]
        for r in readings.itertuples():
            _selection(source, ("reading", r.reader, r.reading, r.item), r.item, r.start, r.end, r.reader,
                       guid("code", r.reading, r.label), r.note)
        for t in layers.turns[layers.turns["interview"] == interview].itertuples():
            end = t.start + len(text[t.start:t.end].rstrip())
            selection = _element(source, "PlainTextSelection", guid=guid("turn", t.passage_id), name=t.passage_id,
                                 startPosition=t.start, endPosition=end, creatingUser=guid("user", SPLIT_USER))
            _element(selection, "Description", f"{t.kind} by {t.speaker}")
            coding = _element(selection, "Coding", guid=guid("turn coding", t.passage_id),
                              creatingUser=guid("user", SPLIT_USER))
            _element(coding, "CodeRef", targetGUID=guid("speaker", t.interview, t.speaker))
        for variable, value in (("interview", interview), ("title", info.title), ("outlet", info.outlet),
                                ("date", info.date)):
            _value(source, variable, value)


def project_xml(layers: Layers) -> bytes:
    """The project XML (`project.qde`) of a corpus and its annotations."""
    project = etree.Element(f"{{{NS}}}Project", nsmap={None: NS}, name=layers.title,
                            origin="helpers.sharing.qdpx (ukraine-interviews-study)",
                            creatingUserGUID=guid("user", SPLIT_USER))
    users = _element(project, "Users")
    for user in [SPLIT_USER, *layers.coders(), *layers.readers()]:
        _element(users, "User", guid=guid("user", user), name=user)
    _codebook(project, layers)
    _cases(project, layers)
    _sources(project, layers)
    _element(project, "Description", f"{layers.title}: every interview as received, the speakers as cases, "
                                     "every coding of the themes and every reading, each by its coder or reader.")
    return etree.tostring(project, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_qdpx(layers: Layers, path: Path) -> Path:
    """Write the `.qdpx` archive: `project.qde` and each seed as `sources/<guid>.txt`."""
    members = [(PROJECT_FILE, project_xml(layers))]
    members += [(f"sources/{guid('source', i)}.txt", text.encode("utf-8")) for i, (_, text) in layers.texts.items()]
    return write_zip(path, members)


# Reading a coding back ------------------------------------------------------------------------------


def _project(path: Path) -> tuple[etree._Element, zipfile.ZipFile]:
    """The parsed project XML of a `.qdpx` and the open archive; a file that is not one is an error."""
    name = shown(path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(Path(path).read_bytes()))
    except (OSError, zipfile.BadZipFile) as exc:
        raise SeedError(name, None, f"not a REFI-QDA project (.qdpx, a zip archive): {exc}") from None
    qde = [n for n in archive.namelist() if n.endswith(".qde") and "/" not in n]
    if len(qde) != 1:
        raise SeedError(name, None, f"a .qdpx holds one project file (.qde) at its top; this one has {len(qde)}")
    try:
        root = etree.fromstring(archive.read(qde[0]), etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise SeedError(f"{name}/{qde[0]}", exc.lineno, f"invalid XML: {exc.msg}") from None
    if root.tag != f"{{{NS}}}Project":
        raise SeedError(f"{name}/{qde[0]}", root.sourceline, f"the root element is {root.tag}, not a QDA-XML Project")
    return root, archive


def _codes_by_guid(root: etree._Element) -> dict[str, tuple[str, str]]:
    """Every code of the project by GUID: its name and the name of its top-level group."""
    found = {}

    def walk(code: etree._Element, top: str) -> None:
        found[code.get("guid").strip("{}").lower()] = (code.get("name"), top)
        for child in code.findall(f"{{{NS}}}Code"):
            walk(child, top)
    for code in root.iterfind(f"{{{NS}}}CodeBook/{{{NS}}}Codes/{{{NS}}}Code"):
        walk(code, code.get("name"))
    return found


def project_users(path: Path) -> list[str]:
    """The names of the users of a `.qdpx` project, in its order."""
    root, _ = _project(path)
    return [u.get("name") or u.get("guid") for u in root.iterfind(f"{{{NS}}}Users/{{{NS}}}User")]


def _source_text(source: etree._Element, archive: zipfile.ZipFile, where: str) -> str:
    """A text source's plain text: inside the archive (`internal://`) or in the project XML."""
    content = source.find(f"{{{NS}}}PlainTextContent")
    if content is not None:
        return content.text or ""
    target = source.get("plainTextPath") or ""
    member = f"sources/{target.removeprefix('internal://')}"
    if not target.startswith("internal://") or member not in archive.namelist():
        raise SeedError(where, source.sourceline, f"the text of source {source.get('name')!r} is not inside the "
                                                  f"project ({target or 'no plainTextPath'})")
    return archive.read(member).decode("utf-8")


def _coder_guid(root: etree._Element, coder: str | None, themed: set[str], where: str) -> str:
    """The GUID of the user whose coding is read: the one named `coder`, or else the only user
    who coded any theme."""
    users = {u.get("guid").strip("{}").lower(): u.get("name") or ""
             for u in root.iterfind(f"{{{NS}}}Users/{{{NS}}}User")}
    if coder is not None:
        chosen = [g for g, name in users.items() if name == coder]
        if len(chosen) != 1:
            raise SeedError(where, None, f"{len(chosen)} users are named {coder!r}; the users are "
                                         f"{', '.join(map(repr, users.values()))}")
        return chosen[0]
    if len(themed) != 1:
        names = ", ".join(repr(users.get(g, g)) for g in sorted(themed)) or "none"
        raise SeedError(where, None, f"name the coder to read: the users who coded themes are {names}")
    return next(iter(themed))


def read_coding(path: Path, coder: str | None = None, seeds: Path | None = None,
                codebook: pd.DataFrame | None = None, passages: pd.DataFrame | None = None) -> pd.DataFrame:
    """A coder's coding of the themes in a `.qdpx` project, in the study's stand-off format
    (`CODING_COLUMNS`): one row per coding of a theme by `coder` (a user's name; by default the
    only user who coded themes), sorted by interview (catalog order), then start and end, ties
    in the project's order. Each source must be one of the seeds as received (matched by its
    text), each coded span must lie inside one answer paragraph or list item, and each code must
    be in the codebook (`codebook`, default the study's): anything else is a `SeedError` naming
    the project file and line. Codings of the other groups (readings, speakers) are left aside;
    `attrs["left_aside"]` counts the coder's. `passages` saves splitting the seeds again."""
    seeds_texts = texts_of(seeds)
    codebook = load_codebook() if codebook is None else codebook
    themes = set(codebook["code"])
    root, archive = _project(path)
    where = f"{shown(path)}/{PROJECT_FILE}"
    codes = _codes_by_guid(root)
    by_text = {text: (interview, info) for interview, (info, text) in seeds_texts.items()}
    found: list[tuple[etree._Element, etree._Element, tuple[str, Interview], str, str]] = []
    for source in root.iterfind(f"{{{NS}}}Sources/{{{NS}}}TextSource"):
        text = _source_text(source, archive, where)
        if text not in by_text:
            raise SeedError(where, source.sourceline, f"source {source.get('name')!r} is not one of the seeds as "
                                                      "received: its text differs from every seed in the catalog")
        pairs = [(None, c) for c in source.findall(f"{{{NS}}}Coding")]  # codings of the whole source
        pairs += [(s, c) for s in source.findall(f"{{{NS}}}PlainTextSelection") for c in s.findall(f"{{{NS}}}Coding")]
        for selection, coding in pairs:
            owner = source if selection is None else selection
            user = (coding.get("creatingUser") or owner.get("creatingUser") or "").strip("{}").lower()
            ref = coding.find(f"{{{NS}}}CodeRef")
            target = "" if ref is None else ref.get("targetGUID", "").strip("{}").lower()
            if target not in codes:
                raise SeedError(where, coding.sourceline, f"the coding refers to no code of the codebook ({target})")
            found.append((selection, coding, by_text[text], user, target))
    themed = {user for _, _, _, user, target in found if codes[target][0] in themes}
    chosen = _coder_guid(root, coder, themed, where)
    units = coding_units(load_passages(seeds) if passages is None else passages)
    order = {interview: k for k, interview in enumerate(seeds_texts)}
    rows, left_aside = [], 0
    for position, (selection, coding, (interview, info), user, target) in enumerate(found):
        if user != chosen:
            continue
        name, top = codes[target]
        if name not in themes:
            if top in (THEMES, name):  # a new code among the themes, or a new code of its own
                raise SeedError(where, coding.sourceline, f"code {name!r} is not in the codebook")
            left_aside += 1
            continue
        if selection is None:
            raise SeedError(where, coding.sourceline, f"{name!r} codes a whole source: a theme codes a span inside "
                                                      "one answer paragraph or list item")
        start, end = _span(selection, where)
        inside = units[(units["interview"] == interview) & (units["start"] <= start) & (units["end"] >= end)]
        if inside.empty:
            raise SeedError(where, selection.sourceline, f"the span {start}-{end} coded {name!r} does not lie inside "
                                                         "one answer paragraph or list item")
        text = seeds_texts[interview][1]
        rows.append((order[interview], start, end, position, {
            "passage_id": inside.iloc[0]["passage_id"], "code": name, "start": start, "end": end,
            "quote": reading_string(text, start, end, info.format == "markdown"), "exact": text[start:end]}))
    table = pd.DataFrame([row for *_, row in sorted(rows, key=lambda r: r[:4])], columns=CODING_COLUMNS)
    table.attrs["left_aside"] = left_aside
    return table


def _span(selection: etree._Element, where: str) -> tuple[int, int]:
    """A selection's start and end positions, checked to be whole numbers with start before end."""
    try:
        start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
    except (TypeError, ValueError):
        raise SeedError(where, selection.sourceline, "a selection's positions must be whole numbers") from None
    if not 0 <= start < end:
        raise SeedError(where, selection.sourceline, f"the selection {start}-{end} is empty or reversed")
    return start, end
