"""A progress bar for long builds: counts, rate and time left, in a notebook or a terminal.

`ProgressBar(label)` is called as `bar(done, total, tokens)` after each interview built. In a
notebook kernel it keeps one output up to date; elsewhere it rewrites one line on stderr. It shows
itself only from `SHOW_FROM` items on, so that a build of a few interviews (the study's two seeds)
prints nothing, and a notebook's committed outputs do not depend on whether the store was warm.
"""

from __future__ import annotations

import sys
import time

SHOW_FROM = 4
WIDTH = 30


def duration(seconds: float) -> str:
    """Seconds as "2 h 05 min", "4 min 10 s" or "12 s"."""
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def line(label: str, done: int, total: int, tokens: int, seconds: float) -> str:
    """One progress line: a bar, the counts, the rate and the time left at that rate."""
    share = done / total if total else 1.0
    bar = "█" * round(WIDTH * share) + "░" * (WIDTH - round(WIDTH * share))
    rate = tokens / seconds if seconds > 0 else 0.0
    left = seconds * (total - done) / done if done else float("nan")
    tail = f"done in {duration(seconds)}" if done == total else (
        f"about {duration(left)} left" if done else "starting")
    return f"{label} {bar} {done:,} of {total:,} interviews, {tokens:,} tokens ({rate:,.0f} a second), {tail}"


def _in_notebook() -> bool:
    shell = sys.modules.get("IPython")
    ip = shell.get_ipython() if shell is not None and hasattr(shell, "get_ipython") else None
    return ip is not None and hasattr(ip, "kernel")


class ProgressBar:
    """A callable `(done, total, tokens)` that shows a build's progress, at most every `every` seconds."""

    def __init__(self, label: str = "building the token store:", every: float = 0.5) -> None:
        self.label, self.every = label, every
        self.began = time.perf_counter()
        self.shown = 0.0
        self.handle = None

    def __call__(self, done: int, total: int, tokens: int) -> None:
        now = time.perf_counter()
        if total < SHOW_FROM or (done < total and now - self.shown < self.every):
            return
        self.shown = now
        text = line(self.label, done, total, tokens, now - self.began)
        if _in_notebook():
            from IPython.display import display

            if self.handle is None:
                self.handle = display({"text/plain": text}, raw=True, display_id=True)
            else:
                self.handle.update({"text/plain": text}, raw=True)
        else:
            sys.stderr.write("\r" + text + ("\n" if done == total else ""))
            sys.stderr.flush()
