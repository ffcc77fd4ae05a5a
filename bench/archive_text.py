"""A synthetic archive of varied interviews, for the scale benchmark: seeded, any number of words.

Copies of a few texts would make keyness degenerate (every copy is like every other), so each
interview here is written anew, from three ingredients:

- **Sentence shapes**: every sentence of the study's seeds and the test fixtures, with its tokens and
  their Penn Treebank tags (about 400 shapes of 1 to 80 tokens, from four interviews in two styles).
- **A lexicon**: the words NLTK's tagger was trained on (its "i word" features, about 30,000 words
  of letters only), each filed under the tag its weights favour, and ranked in a Zipf distribution
  in a seeded random order.
- **A topic per interview**: 40 words of the lexicon drawn for it, which fill a fifth of its
  open-class slots; the rest come from the Zipf ranking.

A sentence is a shape whose nouns, verbs, adjectives and adverbs are replaced by words of the same
tag, capitals kept where the shape had them; function words and punctuation stay. So the texts
have real sentence lengths and syntax (the tagger's cost per token is realistic), a vocabulary that
grows with the archive, and interviews that differ by topic (key words mean something). Each
interview has one interviewer (label Q) and one or two interviewees (their initials), 3 to 30
exchanges, about 5,000 words on average (log-normal), in the plain format of the fixtures. Interview
k is made from `random.Random(seed * 1_000_003 + k)`, so any one can be made again alone.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import re
from functools import cache
from pathlib import Path

OPEN = ("NN", "NNS", "JJ", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "RB")
NAMES = ["Ada", "Bela", "Chidi", "Dana", "Emil", "Farah", "Goran", "Hana", "Ivo", "Jun", "Kira", "Lev", "Mara",
         "Nils", "Olga", "Pavel", "Rosa", "Sami", "Tara", "Uma", "Vera", "Wim", "Yuki", "Zofia"]
SURNAMES = ["Abara", "Brandt", "Costa", "Dimitrov", "Eriksen", "Fonseca", "Gruber", "Haddad", "Ivanova", "Jensen",
            "Kowalski", "Larsen", "Moreau", "Novak", "Okoro", "Petrov", "Quinn", "Rossi", "Silva", "Tanaka"]
GLUE = re.compile(r" (?=[,.;:!?%)\]]|'s\b|'re\b|'ve\b|'ll\b|'d\b|'m\b|n't\b)|(?<=[(\[$]) ")


@cache
def ingredients() -> tuple[list[list[tuple[str, str]]], dict[str, list[str]]]:
    """The sentence shapes (token, tag) of the seeds and fixtures, and the lexicon by tag."""
    import helpers
    from helpers.annotating import tokens
    from helpers.plumbing.paths import PROJECT_ROOT

    shapes = []
    for folder in (None, PROJECT_ROOT / "tests" / "fixtures" / "corpus"):
        table = helpers.load_tokens(folder, speech="speech")
        for _, sentence in table.groupby("sentence_id", sort=False):
            shapes.append(list(zip(sentence["token"], sentence["pos"], strict=True)))
    tagger = tokens._tools()[3]
    lexicon: dict[str, list[str]] = {tag: [] for tag in OPEN}
    for feature, weights in tagger.model.weights.items():
        if feature.startswith("i word ") and weights:
            word = feature[7:]
            best = max(weights, key=lambda t: (weights[t], t))
            if best in lexicon and word.isalpha() and word.islower() and len(word) > 2:
                lexicon[best].append(word)
    for words in lexicon.values():
        words.sort()
        random.Random(2026).shuffle(words)
    return shapes, lexicon


def _zipf(rng: random.Random, n: int) -> int:
    """A rank from 0 to n - 1, Zipf-like (probability about 1 / (rank + 1))."""
    return min(n - 1, int(math.exp(rng.random() * math.log(n + 1))) - 1)


def sentence(rng: random.Random, topic: dict[str, list[str]]) -> str:
    """One sentence: a shape with its open-class words replaced."""
    shapes, lexicon = ingredients()
    out = []
    for token, tag in rng.choice(shapes):
        if tag in lexicon and token.isalpha():
            words = topic[tag] if rng.random() < 0.2 else lexicon[tag]
            word = words[_zipf(rng, len(words))]
            token = word.capitalize() if token[0].isupper() else word
        out.append(token)
    text = GLUE.sub("", " ".join(out))
    return text[0].upper() + text[1:] if text else text


def interview(k: int, seed: int = 1) -> tuple[str, list[tuple[str, str, str]]]:
    """The text of interview k and its people (name, role, label)."""
    rng = random.Random(seed * 1_000_003 + k)
    _, lexicon = ingredients()
    topic = {tag: rng.sample(words, min(len(words), 40)) for tag, words in lexicon.items()}
    people = []
    for _ in range(rng.choice((1, 1, 2))):
        name = f"{rng.choice(NAMES)} {rng.choice(SURNAMES)}"
        label = "".join(part[0] for part in name.split())
        if all(label != p[2] for p in people):
            people.append((name, "interviewee", label))
    words_wanted = max(1500, min(15000, rng.lognormvariate(math.log(4700), 0.45)))
    lines = [f"An interview about {' and '.join(topic['NNS'][:2])}", "", "Q: " + sentence(rng, topic), ""]
    words = 0
    while words < words_wanted:
        for _ in range(rng.randint(1, 2)):
            name, _, label = rng.choice(people)
            for _ in range(rng.randint(1, 3)):
                paragraph = " ".join(sentence(rng, topic) for _ in range(rng.randint(2, 5)))
                words += paragraph.count(" ") + 1
                lines += [f"{label}: {paragraph}", ""]
        lines += ["Q: " + " ".join(sentence(rng, topic) for _ in range(rng.randint(1, 2))), ""]
    lines[-2] = f"{people[0][2]}: " + sentence(rng, topic)  # the last turn answers
    interviewer = ("The Synthetic Review", "interviewer", "Q")
    return "\n".join(lines) + "\n", [interviewer, *people]


def entry(k: int, file: str, digest: str, people: list[tuple[str, str, str]]) -> str:
    """The catalog entry of interview k."""
    fields = {"id": f"s{k:05d}", "file": file, "sha256": digest, "format": "plain",
              "title": f"Synthetic interview {k}", "outlet": "The Synthetic Review (made up for the benchmark)",
              "source_url": "", "date": "2026-01-01", "date_inferred": False, "date_evidence": "synthetic",
              "language": "en", "context_not_in_text": "A synthetic text for bench/scale.py."}
    lines = ["[[interview]]"] + [f"{key} = {json.dumps(value)}" for key, value in fields.items()]
    for name, role, label in people:
        affiliation = "The Synthetic Review" if role == "interviewer" else ""
        lines += ["", "[[interview.people]]", f"name = {json.dumps(name)}", f"role = {json.dumps(role)}",
                  f"affiliation = {json.dumps(affiliation)}", f"labels = {json.dumps([label])}",
                  f"names = {json.dumps([name])}", "affiliation_names = []"]
    return "\n".join(lines) + "\n"


def _written(folder: Path, k: int, seed: int) -> tuple[str, int]:
    """Write interview k into `folder`; its catalog entry and its number of words."""
    text, people = interview(k, seed)
    data = text.encode("utf-8")
    file = f"s{k:05d}.txt"
    (folder / file).write_bytes(data)
    return entry(k, file, hashlib.sha256(data).hexdigest(), people), len(re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", text))


def write_archive(folder: Path, words: int, seed: int = 1, workers: int | None = None) -> int:
    """Write interviews 0, 1, ... into `folder`, with their catalog, until they hold about `words`
    words, on `workers` processes (default: every core); the same files whatever their number.
    Returns the number of interviews. A folder already holding this archive is left as it is."""
    import os
    from concurrent.futures import ProcessPoolExecutor

    marker = folder / "made-by.json"
    made = {"words": words, "seed": seed, "code": hashlib.sha256(Path(__file__).read_bytes()).hexdigest()}
    if marker.is_file() and json.loads(marker.read_text(encoding="utf-8")).get("made") == made:
        return json.loads(marker.read_text(encoding="utf-8"))["interviews"]
    folder.mkdir(parents=True, exist_ok=True)
    ingredients()  # made once, before the workers fork
    entries, total, k, step = [], 0, 0, 64
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        while total < words:
            for line, count in pool.map(_written, [folder] * step, range(k, k + step), [seed] * step):
                entries.append(line)
                total += count
                k += 1
                if total >= words:
                    break
    for extra in folder.glob("s*.txt"):
        if int(extra.stem[1:]) >= k:
            extra.unlink()
    (folder / "catalog.toml").write_text("\n".join(entries), encoding="utf-8")
    marker.write_text(json.dumps({"made": made, "interviews": k}), encoding="utf-8")
    return k
