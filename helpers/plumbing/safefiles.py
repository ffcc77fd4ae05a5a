"""Reading and writing files inside one folder, never through a symbolic link.

A folder of interviews comes from a user, and so may hold a symbolic link planted to make the
project read or overwrite a file elsewhere. `outside_link` tells such a link from a file of the
folder; `write_inside` writes a file by name into a folder through a new temporary file renamed
over the old name, so a link planted under that name is replaced, never followed;
`remove_inside` removes a file or a link by name, never what a link points to.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import SeedError
from .paths import shown


def is_inside(folder: Path, path: Path) -> bool:
    """Whether `path`, with every link resolved, lies inside `folder` (resolved too)."""
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
        return True
    except ValueError:
        return False


def outside_link(folder: Path, path: Path) -> bool:
    """Whether `path` is a symbolic link (or lies under one) whose target is outside `folder`."""
    return not is_inside(folder, path)


def check_folder(folder: Path, what: str) -> Path:
    """The folder, created if missing; a `SeedError` if it is a symbolic link (writing through it
    would write elsewhere) or not a folder."""
    folder = Path(folder)
    if folder.is_symlink():
        raise SeedError(shown(folder), None, f"{what} is a symbolic link: give a real folder")
    folder.mkdir(parents=True, exist_ok=True)
    if not folder.is_dir():
        raise SeedError(shown(folder), None, f"{what} is not a folder")
    return folder


def _plain_name(name: str) -> str:
    if not name or name in (".", "..") or Path(name).name != name:
        raise ValueError(f"{name!r} is not a file name inside the folder")
    return name


def write_inside(folder: Path, name: str, data: bytes | str) -> Path:
    """Write `data` to `folder/name`: a temporary file in the folder, renamed over the name (a link
    there is replaced, not followed). Returns the path."""
    folder = check_folder(folder, "the output folder")
    target = folder / _plain_name(name)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".writing-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(raw)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def remove_inside(folder: Path, name: str) -> bool:
    """Remove the file or link `folder/name` (never a link's target, never a folder). Returns
    whether something was removed."""
    target = Path(folder) / _plain_name(name)
    if target.is_symlink() or target.is_file():
        target.unlink()
        return True
    return False


def move_inside(source: Path, folder: Path, name: str) -> Path:
    """Move the file `source` to `folder/name`, replacing whatever file or link has that name."""
    target = Path(folder) / _plain_name(name)
    os.replace(source, target)
    return target
