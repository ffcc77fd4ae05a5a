"""A corpus in ConvoKit's format (Chang et al. 2020), written with the standard library: ConvoKit
itself is needed only to read it (`convokit.Corpus(filename=folder)`), and the tests do.

One utterance per speaker turn (a question or an answer, its paragraphs joined: the turn's reading
text), with its speaker; one conversation per interview, whose id is its first question's. An
answer replies to the question it answers (as in `helpers.load_turns()`); a question replies to
the turn before it, so each interview is one reply tree rooted at its first question and
ConvoKit's tree methods work. The timestamp is the turn's place in its interview (1, 2, ...), not
a time. A speaker's id is `<interview>:<name>` (`004:Mia`), so that two interviews' "Interviewer"
are never taken for one person.

Each utterance's metadata holds the study's annotations of the turn: its passage ids and seed
offsets, the codes each coder gave its paragraphs (`codes`, by coder), the readings of the whole
turn (`readings`: by reading, then by reader), and the stance markers and the "we" inside it
(`stance`, `we`: one entry per marker or pronoun, with each reader's label). The files are
`utterances.jsonl`, `speakers.json`, `conversations.json`, `corpus.json` and `index.json`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .archive import write_zip
from .layers import LABELS, Layers

FILES = ("utterances.jsonl", "speakers.json", "conversations.json", "corpus.json", "index.json")


def speaker_id(interview: str, name: str) -> str:
    """A speaker's ConvoKit id: the interview's id and the speaker's name (`004:Mia`)."""
    return f"{interview}:{name}"


def reply_links(turns: pd.DataFrame) -> dict[str, str | None]:
    """Each turn's `reply_to`: an answer's question, a question's previous turn in its interview
    (None for an interview's first turn)."""
    links: dict[str, str | None] = {}
    for _, turns_of in turns.groupby("interview", sort=False):
        previous = None
        for turn in turns_of.itertuples():
            links[turn.passage_id] = turn.reply_to if turn.kind == "answer" else previous
            previous = turn.passage_id
    return links


def _codes(layers: Layers) -> dict[str, dict[str, list[str]]]:
    """For each turn id: each coder's codes of its paragraphs, in codebook order, once each."""
    order = {code: k for k, code in enumerate(layers.codebook["code"])} if layers.codebook is not None else {}
    turn_of = layers.passages.set_index("passage_id")["turn_id"]
    found: dict[str, dict[str, set[str]]] = {}
    for coder, passage_id, code in zip(layers.codings["coder"], layers.codings["passage_id"],
                                       layers.codings["code"], strict=True):
        found.setdefault(turn_of[passage_id], {}).setdefault(coder, set()).add(code)
    return {turn: {coder: sorted(codes, key=lambda c: (order.get(c, len(order)), c)) for coder, codes in by.items()}
            for turn, by in found.items()}


def _readings(layers: Layers) -> tuple[dict, dict]:
    """For each turn id: its whole-turn readings ({reading: {reader: label}}), and the marked words
    inside it ({"stance" or "we": [{item, words, start, end, labels: {reader: label}}]})."""
    whole: dict[str, dict] = {}
    inside: dict[str, dict] = {}
    for r in layers.readings.itertuples():
        if r.item == r.turn_id:
            whole.setdefault(r.turn_id, {}).setdefault(r.reading, {})[r.reader] = r.label
            continue
        entries = inside.setdefault(r.turn_id, {}).setdefault(r.reading, {})
        entry = entries.setdefault(r.item, {"item": r.item, "words": r.words, "start": int(r.start),
                                            "end": int(r.end), "labels": {}})
        entry["labels"][r.reader] = r.label
    return whole, {turn: {k: list(v.values()) for k, v in by.items()} for turn, by in inside.items()}


def utterances(layers: Layers) -> list[dict]:
    """One ConvoKit utterance record per turn, in source order."""
    links, codes = reply_links(layers.turns), _codes(layers)
    whole, inside = _readings(layers)
    coders = layers.coders()
    roots = layers.turns.groupby("interview", sort=False)["passage_id"].first()
    records = []
    for t in layers.turns.itertuples():
        meta = {
            "interview": t.interview, "kind": t.kind, "role": t.role, "source": t.source,
            "passages": list(t.passages), "start": int(t.start), "end": int(t.end), "words": int(t.words),
            "codes": {coder: codes.get(t.passage_id, {}).get(coder, []) for coder in coders},
            "readings": whole.get(t.passage_id, {}),
            "stance": inside.get(t.passage_id, {}).get("stance", []),
            "we": inside.get(t.passage_id, {}).get("we", []),
        }
        records.append({"id": t.passage_id, "conversation_id": roots[t.interview], "text": t.clean,
                        "speaker": speaker_id(t.interview, t.speaker), "meta": meta,
                        "reply_to": links[t.passage_id], "timestamp": int(t.turn), "vectors": []})
    return records


def speakers(layers: Layers) -> dict[str, dict]:
    """Each speaker who has a turn, by id: name, role, affiliation and interview."""
    found = {}
    for t in layers.turns.drop_duplicates(["interview", "speaker"]).itertuples():
        interview = layers.texts[t.interview][0]
        person = next(p for p in interview.people if p.name == t.speaker)
        found[speaker_id(t.interview, t.speaker)] = {
            "meta": {"name": person.name, "role": person.role, "affiliation": person.affiliation,
                     "interview": t.interview}, "vectors": []}
    return found


def conversations(layers: Layers) -> dict[str, dict]:
    """Each interview with turns as a conversation, by its first question's id: what the catalog says of it."""
    roots = layers.turns.groupby("interview", sort=False)["passage_id"].first()
    return {root: {"meta": {"interview": i.id, "title": i.title, "outlet": i.outlet, "date": i.date,
                            "date_inferred": i.date_inferred, "source_url": i.source_url, "file": i.file,
                            "sha256": i.sha256, "language": i.language}, "vectors": []}
            for interview, root in roots.items() for i in [layers.texts[interview][0]]}


def corpus_meta(layers: Layers) -> dict:
    """The corpus's own metadata: its name, what an utterance is, the coders and readers, the
    codebook's labels and the readings' labels with their definitions."""
    codebook = {} if layers.codebook is None else dict(zip(layers.codebook["code"], layers.codebook["label"],
                                                           strict=True))
    read = set(layers.readings["reading"])
    return {"name": layers.name, "title": layers.title,
            "utterance": "one speaker turn (a question or an answer), its paragraphs joined as read",
            "coders": layers.coders(), "readers": layers.readers(), "codebook": codebook,
            "readings": {reading: labels for reading, labels in LABELS.items() if reading in read}}


def _index(records: list[dict], speakers_: dict, conversations_: dict, meta: dict) -> dict:
    """ConvoKit's `index.json`: the type of every metadata field of each kind of object."""
    def types(metas: list[dict]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for m in metas:
            for key, value in m.items():
                found.setdefault(key, [str(type(value))])
        return found
    return {"utterances-index": types([r["meta"] for r in records]),
            "speakers-index": types([s["meta"] for s in speakers_.values()]),
            "conversations-index": types([c["meta"] for c in conversations_.values()]),
            "overall-index": types([meta]), "version": 1, "vectors": []}


def corpus_files(layers: Layers) -> list[tuple[str, bytes]]:
    """The corpus's five files as (name, content), in `FILES` order."""
    records, speakers_, conversations_, meta = (utterances(layers), speakers(layers), conversations(layers),
                                                corpus_meta(layers))
    def dumped(value: object) -> bytes:
        return json.dumps(value, ensure_ascii=False).encode("utf-8")
    lines = b"".join(dumped(r) + b"\n" for r in records)
    index = _index(records, speakers_, conversations_, meta)
    return list(zip(FILES, [lines, dumped(speakers_), dumped(conversations_), dumped(meta), dumped(index)],
                    strict=True))


def write_corpus(layers: Layers, folder: Path) -> Path:
    """Write the corpus into `folder` (made if needed), to open with `convokit.Corpus(filename=folder)`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in corpus_files(layers):
        (folder / name).write_bytes(content)
    return folder


def write_corpus_zip(layers: Layers, path: Path) -> Path:
    """Write the corpus as a zip archive holding one folder named after the archive (`study-convokit/`):
    unzip it and open the folder with `convokit.Corpus(filename="study-convokit")`."""
    return write_zip(path, [(f"{path.stem}/{name}", content) for name, content in corpus_files(layers)])
