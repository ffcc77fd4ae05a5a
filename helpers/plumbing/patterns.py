"""Regular expressions from a user's files (a folder's `rules.toml`), compiled only when they cannot
backtrack without bound.

Python's `re` has no time limit, and a pattern such as `(a+)+$` takes years on a paragraph of
"a"s. A pattern is accepted when its shape bounds the work: at most `MAX_LENGTH` characters, no
back-references, every repeat of more than one character repeating a single character (a letter,
a class, `\\w`), at most one repeat without a small upper bound, and optional parts (`?`) of
anything that passes itself. Keyword rules need no more (`\\bworkers?\\b`, `\\bnation\\w*`,
`collapse of the (?:ussr|soviet union)`); anything else is refused with the file, the line and
what to write instead.
"""

from __future__ import annotations

import re
import re._constants as sre_constants
import re._parser as sre_parse

from .errors import SeedError

MAX_LENGTH = 200
"""The longest pattern accepted, in characters."""
SMALL_REPEAT = 50
"""A repeat with an upper bound up to this (`\\w{0,20}`) costs little; `+`, `*` and larger bounds
are "unbounded", and a pattern may hold one."""
_SINGLE = {sre_constants.LITERAL, sre_constants.NOT_LITERAL, sre_constants.IN, sre_constants.ANY,
           sre_constants.CATEGORY}
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)}
_REFERENCES = {sre_constants.GROUPREF, sre_constants.GROUPREF_EXISTS, getattr(sre_constants, "GROUPREF_IGNORE", None),
               getattr(sre_constants, "GROUPREF_LOC_IGNORE", None), getattr(sre_constants, "GROUPREF_UNI_IGNORE", None)}


def _walk(items: object, found: dict[str, int]) -> str | None:
    """Check a parsed pattern; count its unbounded repeats in `found`; return what is wrong."""
    for op, arg in items:
        if op in _REFERENCES:
            return "it refers back to a group (\\1), which may backtrack without bound"
        if op in _REPEATS:
            _low, high, body = arg
            if high > 1 and not (len(body) == 1 and body[0][0] in _SINGLE):
                return "it repeats a group or a sequence (a repeat inside a repeat, such as (a+)+ or (?:ab)*)"
            if high > SMALL_REPEAT:
                found["unbounded"] += 1
            problem = _walk(body, found)
        elif op == sre_constants.BRANCH:
            problem = next((p for p in (_walk(b, found) for b in arg[1]) if p), None)
        elif op == sre_constants.SUBPATTERN:
            problem = _walk(arg[-1], found)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            problem = _walk(arg[1], found)
        elif op == getattr(sre_constants, "ATOMIC_GROUP", None):
            problem = _walk(arg, found)
        else:
            problem = None
        if problem:
            return problem
    if found["unbounded"] > 1:
        return "it holds more than one unbounded repeat (+, * or {n,}), whose work multiplies"
    return None


def pattern_problem(pattern: str, flags: int = 0) -> str | None:
    """What makes a user's pattern unsafe to run (or invalid), or None when it may be compiled."""
    if len(pattern) > MAX_LENGTH:
        return f"it is {len(pattern)} characters long, over the {MAX_LENGTH} a rule may have"
    try:
        parsed = sre_parse.parse(pattern, flags)
    except re.error as exc:
        return f"it is not a valid regular expression ({exc})"
    return _walk(list(parsed), {"unbounded": 0})


def bounded_pattern(pattern: str, flags: int, file: str, line: int | None, what: str) -> re.Pattern:
    """Compile a pattern from a user's file, or raise a `SeedError` naming the file, the line and
    why the pattern is refused (`what` says whose pattern it is, for the message: "of 'labour'")."""
    problem = pattern_problem(pattern, flags)
    if problem is not None:
        raise SeedError(file, line, refusal(pattern, what, problem))
    return re.compile(pattern, flags)


def refusal(pattern: str, what: str, problem: str) -> str:
    """The message that refuses a pattern, with what to write instead."""
    return (f"pattern {pattern!r} {what} is refused: {problem}; write it with single characters repeated (\\w+, "
            "[a-z]*) or as alternatives (?:a|b), at most one + or *")
