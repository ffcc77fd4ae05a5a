"""Reading a seed file: checked, decoded and compared with the catalog before anything splits it."""

from __future__ import annotations

import hashlib

from ..plumbing.errors import SeedError
from ..plumbing.fixes import Fix, set_line
from ..plumbing.paths import shown
from ..plumbing.safefiles import outside_link
from .catalog import Interview


def read_seed(interview: Interview) -> str:
    """Return the text of a catalogued seed, exactly as stored.

    Refuses, with a `SeedError` naming the file and line, a missing or empty file, a symbolic link
    to a file outside the catalog's folder, a binary file, a file that is not UTF-8, and a file whose
    sha256 differs from the catalog's (with the catalog line that records the new one, to paste only
    if the change is wanted).
    A byte-order mark and Windows line endings are kept: the splitter handles both losslessly.
    """
    path = interview.path
    name = shown(path)
    if not path.is_file():
        raise SeedError(name, None, "seed file not found")
    if outside_link(interview.catalog.parent, path):
        raise SeedError(name, None, "seed file is a symbolic link to a file outside its folder: refused (it would "
                                    "be read and published); copy the file into the folder instead")
    raw = path.read_bytes()
    if not raw:
        raise SeedError(name, None, "seed file is empty")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise SeedError(name, line, "seed file is binary (it holds a NUL byte), not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SeedError(name, line, f"seed file is not UTF-8: byte {raw[exc.start]:#04x} ({exc.reason})") from None
    digest = hashlib.sha256(raw).hexdigest()
    if digest != interview.sha256:
        raise SeedError(
            name, None,
            f"sha256 is {digest}, but {shown(interview.catalog)} line {interview.catalog_line} "
            f"says {interview.sha256}: the seed was changed (restore it) or the catalog is out of date",
            (Fix(shown(interview.catalog), interview.id, set_line("sha256", digest)),),
        )
    if not text.replace("\ufeff", "").strip():
        raise SeedError(name, None, "seed file holds only white space")
    return text
