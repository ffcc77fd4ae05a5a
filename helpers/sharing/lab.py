"""The study in JupyterLab, safe to explore: `make lab` (`python -m helpers.sharing.lab`) and
`make restore` (`python -m helpers.sharing.lab restore [NB]`).

The design (README, "Exploring safely"):

- JupyterLab serves the whole project, so every link of a notebook works where the reader is:
  `../METHODS.md#dunning1993`, `../seeds/`, `../annotations/`, the README.
- It opens at `explore/`, a working copy of `notebooks/` that git ignores. Readers open, edit, run
  and save there; JupyterLab's autosave writes there. A copy is made for each committed notebook
  that has none, and a copy the reader never changed follows the committed notebook when it
  changes. A copy the reader changed is kept as it is, and said so at start.
- The committed files are read-only to JupyterLab (`StudyContents`): it opens them with its lock
  icon and refuses to save, rename or delete them, with a message naming the working copy. Only
  `explore/` and `annotations/` (the hand-made layers some try-it suggestions invite a reader to
  edit; `git diff annotations` shows what changed) can be written.
- `make restore` brings the working copies back to the committed study (`make restore NB=04` one
  of them); a copy it replaces is kept in `explore/previous/`, so nothing typed is lost.
- JupyterLab fetches no news and checks for no update: the study is used offline, and a pop-up
  about news is not the study's.

A contributor may change which folders are writable (`WRITABLE`) and what a working copy holds
(`working_copy`), here and nowhere else.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from ..plumbing.paths import NOTEBOOKS_DIR, PROJECT_ROOT, shown

EXPLORE = os.environ.get("STUDY_EXPLORE", "explore")
"""The working copy's folder, at the project's top so that the notebooks' `../` links hold. The
tests set `STUDY_EXPLORE` to a folder of their own, so a reader's copies are never touched."""
EXPLORE_DIR = PROJECT_ROOT / EXPLORE
PREVIOUS_DIR = EXPLORE_DIR / "previous"
LEDGER = EXPLORE_DIR / ".copies.json"
"""For each working copy, the hash of what `make lab` wrote: a copy that still has it is untouched."""
WRITABLE = (EXPLORE, "annotations")
"""The project's folders JupyterLab may write in; everything else it serves is read-only."""
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"checkForUpdates": False, "fetchNews": "false"},
    "@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Markdown Preview"}},
}
"""JupyterLab's defaults for the study (the reader's own settings win): no news and no update
check, and Markdown files (METHODS.md, the manuals) opened rendered, so that a citation link lands
on its reference rather than in the source."""


def working_copy(committed: Path) -> bytes:
    """The working copy of a committed notebook: the same notebook, with the model ids of its
    widget outputs blanked. A committed widget output points to a kernel that is gone, so
    JupyterLab would show "Error displaying widget: model not found"; with a blank id it shows
    nothing until the cell runs and draws live controls. The plain result below it stays."""
    notebook = json.loads(committed.read_text(encoding="utf-8"))
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if isinstance(view, dict) and "model_id" in view:
                view["model_id"] = ""
    return (json.dumps(notebook, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _ledger(explore: Path) -> dict[str, str]:
    try:
        return json.loads((explore / LEDGER.name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _save_ledger(explore: Path, ledger: dict[str, str]) -> None:
    (explore / LEDGER.name).write_text(json.dumps(ledger, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _write_copy(committed: Path, explore: Path, ledger: dict[str, str]) -> None:
    data = working_copy(committed)
    (explore / committed.name).write_bytes(data)
    ledger[committed.name] = _digest(data)


def prepare(notebooks: Path = NOTEBOOKS_DIR, explore: Path = EXPLORE_DIR) -> list[str]:
    """Make or refresh the working copies in `explore`; return one line per copy that was made,
    refreshed because the committed notebook changed and the copy had not, or kept because the
    reader changed it."""
    explore.mkdir(exist_ok=True)
    ledger, said = _ledger(explore), []
    for committed in sorted(notebooks.glob("*.ipynb")):
        copy = explore / committed.name
        if not copy.exists():
            _write_copy(committed, explore, ledger)
            said.append(f"made {shown(copy)}")
        elif copy.read_bytes() == working_copy(committed):
            ledger[committed.name] = _digest(copy.read_bytes())
        elif _digest(copy.read_bytes()) == ledger.get(committed.name):
            _write_copy(committed, explore, ledger)
            said.append(f"refreshed {shown(copy)}: the committed notebook changed, the copy had not")
        else:
            said.append(f"kept {shown(copy)}: it has your changes (make restore NB={committed.stem[:2]} "
                        "brings back the committed one)")
    _save_ledger(explore, ledger)
    return said


def restore(which: str = "", notebooks: Path = NOTEBOOKS_DIR, explore: Path = EXPLORE_DIR) -> list[str]:
    """Bring the working copies back to the committed notebooks: every one, or those whose name
    starts with `which` ("04", "04-words", "workbench"). A copy with changes is moved to
    `previous/` in `explore` first. Returns one line per copy restored; raises SystemExit when
    `which` names no notebook."""
    chosen = [p for p in sorted(notebooks.glob("*.ipynb")) if p.name.startswith(which)]
    if not chosen:
        names = ", ".join(p.stem for p in sorted(notebooks.glob("*.ipynb")))
        raise SystemExit(f"make restore: no notebook named {which!r}; choose one of {names}")
    explore.mkdir(exist_ok=True)
    ledger, said = _ledger(explore), []
    for committed in chosen:
        copy, previous = explore / committed.name, explore / PREVIOUS_DIR.name / committed.name
        if copy.exists() and copy.read_bytes() != working_copy(committed):
            previous.parent.mkdir(exist_ok=True)
            shutil.move(str(copy), previous)
            said.append(f"restored {shown(copy)}; your version is in {shown(previous)}")
        else:
            said.append(f"restored {shown(copy)}")
        _write_copy(committed, explore, ledger)
    _save_ledger(explore, ledger)
    return said


def writable(path: str) -> bool:
    """Whether JupyterLab may write `path` (relative to the project, with forward slashes)."""
    parts = [p for p in path.strip("/").split("/") if p]
    return bool(parts) and parts[0] in WRITABLE


def refusal(path: str) -> str:
    """Why JupyterLab may not write `path`, and where to work instead."""
    name = path.strip("/").split("/")[-1]
    where = f"{EXPLORE}/{name}" if path.strip("/").startswith("notebooks/") else f"{EXPLORE}/"
    path = path.strip("/")
    return (f"{path} is part of the committed study and read-only here: explore in {where} "
            "(make restore brings a working copy back to the committed one)")


def write_settings(prefix: Path = Path(sys.prefix)) -> Path:
    """Write `SETTINGS` where JupyterLab reads the defaults an installation carries
    (`share/jupyter/lab/settings/overrides.d/` of the venv); return the file."""
    path = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / "study.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(SETTINGS, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def _contents_manager_class() -> type:
    """The Jupyter server's file manager with the committed files read-only (built on first use,
    so that importing this module does not import the Jupyter server)."""
    from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
    from tornado.web import HTTPError

    class StudyContents(AsyncLargeFileManager):
        """Files as the Jupyter server serves them, but only `WRITABLE` folders can be written."""

        def _mark(self, model: dict[str, Any]) -> dict[str, Any]:
            if not writable(model.get("path", "")):
                model["writable"] = False
            for child in model.get("content") or [] if model.get("type") == "directory" else []:
                self._mark(child)
            return model

        def _guard(self, path: str) -> None:
            if not writable(path):
                raise HTTPError(403, refusal(path))

        async def get(self, path: str, content: bool = True, type: str | None = None, format: str | None = None,
                      **kwargs: Any) -> dict[str, Any]:
            """The model of `path`, marked read-only outside the writable folders."""
            return self._mark(await super().get(path, content=content, type=type, format=format, **kwargs))

        async def save(self, model: dict[str, Any], path: str = "") -> dict[str, Any]:
            """Save, inside the writable folders only."""
            self._guard(path)
            return await super().save(model, path)

        async def delete_file(self, path: str) -> None:
            """Delete, inside the writable folders only."""
            self._guard(path)
            return await super().delete_file(path)

        async def rename_file(self, old_path: str, new_path: str) -> None:
            """Rename, inside the writable folders only."""
            self._guard(old_path)
            self._guard(new_path)
            return await super().rename_file(old_path, new_path)

    return StudyContents


def __getattr__(name: str) -> Any:
    """`StudyContents`, the class the Jupyter server is told to use by its dotted name, built on
    first use."""
    if name == "StudyContents":
        globals()[name] = _contents_manager_class()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def lab_options() -> list[str]:
    """The Jupyter server and JupyterLab settings the project carries, as command-line options
    (options given after them, such as `make lab LAB_ARGS=...`, win):

    - the project as the server's root, JupyterLab opening at `explore/`;
    - the committed files read-only (`StudyContents`);
    - no news feed and no update check, both of which would go to the network;
    - kernels over IPC (Unix sockets in the runtime folder, readable by the user only) instead of
      TCP on localhost: nothing to encrypt, and no warning in the reader's terminal that messages
      travel unencrypted over TCP."""
    return [f"--ServerApp.root_dir={PROJECT_ROOT}",
            f"--ServerApp.contents_manager_class={__name__}.StudyContents",
            f"--LabApp.default_url=/lab/tree/{EXPLORE}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--KernelManager.transport=ipc"]


def main(argv: list[str]) -> int:
    """`restore [NB]`, or start JupyterLab on the working copies with the arguments given."""
    if argv[1:2] == ["restore"]:
        for line in restore(argv[2] if len(argv) > 2 else ""):
            print(line)
        return 0
    for line in prepare():
        print(line)
    write_settings()
    print(f"JupyterLab serves the project and opens at {shown(EXPLORE_DIR)}/, your working copy of notebooks/ "
          "(git ignores it; notebooks/ itself is read-only here). Stop it with Ctrl+C.", flush=True)
    from jupyterlab.labapp import LabApp

    LabApp.launch_instance(argv=[*lab_options(), *argv[1:]])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
