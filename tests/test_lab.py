"""`make lab` starts for every user: as root with no display, on a chosen port, with extra options,
and the server answers over HTTP on localhost. The test stops the server it started, by its PID."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from helpers.plumbing.paths import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answered(url: str, seconds: float = 20) -> bool:
    """Whether the server answers the URL with JupyterLab's page (it prints the URL a moment
    before it listens)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status == 200 and b"JupyterLab" in response.read()
        except OSError:
            time.sleep(0.2)
    return False


@pytest.mark.skipif(os.geteuid() != 0, reason="the root case: run as root, as CI and containers do")
def test_make_lab_starts_as_root_without_a_display_on_a_chosen_port():
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["JUPYTER_RUNTIME_DIR"] = str(PROJECT_ROOT / "build" / "lab-runtime")  # git-ignored, not the user's
    server = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"PORT={port}", "LAB_ARGS=--ServerApp.ip=127.0.0.1"],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True)
    try:
        url, lines, deadline = None, [], time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line and server.poll() is not None:
                break
            lines.append(line)
            found = re.search(rf"(http://127\.0\.0\.1:{port}/lab\?token=\w+)", line)
            url = found.group(1) if found else None
        assert url, "no URL printed:\n" + "".join(lines[-30:])
        assert not any("Running as root is not recommended" in line for line in lines)
        assert answered(url)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
