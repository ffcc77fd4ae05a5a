"""Zip archives that come out the same byte for byte from the same files: every member with one
fixed date, in the order given, compressed the same way. A `.qdpx`, an `.xlsx` and the zipped
ConvoKit corpus are all zip archives, and the study's exports must not change when nothing did."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

FIXED_DATE = (2019, 3, 18, 0, 0, 0)
"""The date every member carries (that of the REFI-QDA standard; any fixed date would do)."""


def zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    """A zip archive of (name, content) members, in that order, deflated, all dated `FIXED_DATE`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members:
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def write_zip(path: Path, members: list[tuple[str, bytes]]) -> Path:
    """Write `zip_bytes(members)` to `path` (its folder made if needed); return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(zip_bytes(members))
    return path


def repacked(archive: bytes) -> bytes:
    """Another library's zip archive (openpyxl's workbook) with its members' dates fixed, so it
    is the same byte for byte whenever its contents are."""
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        return zip_bytes([(info.filename, source.read(info)) for info in source.infolist()])
