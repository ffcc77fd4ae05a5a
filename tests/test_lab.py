"""`make lab` as a reader uses it: it starts as root without a display on a chosen port, opens the
project at a git-ignored working copy of the notebooks, keeps the committed study read-only
while JupyterLab saves as its autosave does, follows a citation link to its reference, runs a
try-it control live, and prints no warning about the kernels' transport. `make restore` brings a
working copy back. The server runs on a working-copy folder of the test's own
(`STUDY_EXPLORE`), never the reader's `explore/`, and is stopped by its PID."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request

import pytest

from helpers.plumbing.paths import NOTEBOOKS_DIR, PROJECT_ROOT
from helpers.sharing import lab

EXPLORE = "explore-test"
COMMITTED = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain"], cwd=PROJECT_ROOT, capture_output=True, text=True).stdout


# --- the working copies, without a server -----------------------------------------------------------

def test_working_copies_are_made_kept_refreshed_and_restored(tmp_path):
    notebooks, explore = tmp_path / "notebooks", tmp_path / "explore"
    notebooks.mkdir()
    shutil.copy(COMMITTED[0], notebooks / COMMITTED[0].name)
    copy = explore / COMMITTED[0].name
    assert lab.prepare(notebooks, explore) == [f"made {copy}"]
    assert copy.read_bytes() == lab.working_copy(notebooks / copy.name) and lab.prepare(notebooks, explore) == []
    committed = json.loads((notebooks / copy.name).read_text(encoding="utf-8"))
    committed["cells"][0]["source"] = "# changed upstream"
    (notebooks / copy.name).write_text(json.dumps(committed), encoding="utf-8")
    assert lab.prepare(notebooks, explore)[0].startswith("refreshed")  # untouched copies follow the study
    assert "changed upstream" in copy.read_text(encoding="utf-8")
    copy.write_text(copy.read_text(encoding="utf-8").replace("changed upstream", "my note"), encoding="utf-8")
    assert lab.prepare(notebooks, explore)[0].startswith("kept")  # the reader's changes are never lost
    assert "my note" in copy.read_text(encoding="utf-8")
    assert lab.restore("01", notebooks, explore) == [f"restored {copy}; your version is in "
                                                     f"{explore / 'previous' / copy.name}"]
    assert copy.read_bytes() == lab.working_copy(notebooks / copy.name)
    assert "my note" in (explore / "previous" / copy.name).read_text(encoding="utf-8")
    with pytest.raises(SystemExit, match="no notebook named '09'"):
        lab.restore("09", notebooks, explore)


def test_a_working_copy_hides_widget_outputs_until_they_run(tmp_path):
    view = "application/vnd.jupyter.widget-view+json"
    notebook = {"cells": [{"cell_type": "code", "source": "", "metadata": {}, "execution_count": 1, "outputs": [
        {"output_type": "display_data", "metadata": {},
         "data": {"text/plain": "Controls", view: {"model_id": "abc", "version_major": 2, "version_minor": 0}}}]}],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "n.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    copied = json.loads(lab.working_copy(tmp_path / "n.ipynb"))
    assert copied["cells"][0]["outputs"][0]["data"][view]["model_id"] == ""  # JupyterLab hides a blank id
    assert copied["cells"][0]["outputs"][0]["data"]["text/plain"] == "Controls"


@pytest.mark.parametrize(("path", "allowed"), [
    ("explore/04-words.ipynb", True), ("annotations/uptake-second.csv", True), ("notebooks/04-words.ipynb", False),
    ("seeds/catalog.toml", False), ("METHODS.md", False), ("", False), ("explore", True), ("helpers/x.py", False)])
def test_only_the_working_copy_and_the_annotations_are_writable(path, allowed, monkeypatch):
    monkeypatch.setattr(lab, "WRITABLE", ("explore", "annotations"))
    assert lab.writable(path) is allowed


# --- the server ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server():
    """`make lab` as root without a display, on a free port, working copies in `explore-test/`."""
    if os.geteuid() != 0:
        pytest.skip("the root case: run as root, as CI and containers do")
    folder = PROJECT_ROOT / EXPLORE
    shutil.rmtree(folder, ignore_errors=True)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env |= {"JUPYTER_RUNTIME_DIR": str(PROJECT_ROOT / "build" / "lab-runtime"), "STUDY_EXPLORE": EXPLORE}
    status = git_status()
    process = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"PORT={port}", "LAB_ARGS=--ServerApp.ip=127.0.0.1"],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")), daemon=True).start()
    try:
        url, deadline = None, time.monotonic() + 90
        while url is None and time.monotonic() < deadline and process.poll() is None:
            found = re.search(rf"(http://127\.0\.0\.1:{port}/lab/tree/{EXPLORE}\?token=\w+)", "".join(lines))
            url = found.group(1) if found else time.sleep(0.2)
        assert url, "no URL printed:\n" + "".join(lines[-30:])
        yield {"url": url, "base": f"http://127.0.0.1:{port}", "token": url.rsplit("=", 1)[1], "lines": lines,
               "status": status}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        shutil.rmtree(folder, ignore_errors=True)


def api(server: dict, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
    """Call the Jupyter server's REST API; returns the status and the decoded reply."""
    request = urllib.request.Request(f"{server['base']}/api/{path}", method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"token {server['token']}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, json.loads(reply.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


@pytest.mark.e2e
def test_make_lab_serves_the_project_at_the_working_copy_and_says_so(server):
    printed = "".join(server["lines"])
    assert "Running as root is not recommended" not in printed
    assert f"opens at {EXPLORE}/, your working copy of notebooks/" in printed
    status, listing = api(server, "GET", f"contents/{EXPLORE}")
    assert status == 200 and sorted(c["name"] for c in listing["content"] if c["type"] == "notebook") == [
        p.name for p in COMMITTED]
    status, readme = api(server, "GET", "contents/README.md?content=0")  # the whole project is served
    assert status == 200 and readme["writable"] is False


@pytest.mark.e2e
def test_saving_as_autosave_does_changes_the_working_copy_and_never_the_committed_study(server):
    committed = {p.name: p.read_bytes() for p in COMMITTED}
    status, model = api(server, "GET", f"contents/{EXPLORE}/04-words.ipynb")
    assert status == 200 and model["writable"] is True
    notebook = model["content"]
    notebook["cells"][-1]["source"] = "A reader's note, saved the way JupyterLab's autosave saves."
    notebook["metadata"]["kernelspec"]["display_name"] = "Python 3 (ipykernel), as JupyterLab rewrites it"
    status, _ = api(server, "PUT", f"contents/{EXPLORE}/04-words.ipynb",
                    {"type": "notebook", "format": "json", "content": notebook})
    assert status == 200 and "A reader's note" in (PROJECT_ROOT / EXPLORE / "04-words.ipynb").read_text("utf-8")
    status, reply = api(server, "PUT", "contents/notebooks/05-keyness.ipynb",
                        {"type": "notebook", "format": "json", "content": notebook})
    assert status == 403 and reply["message"].startswith("notebooks/05-keyness.ipynb is part of the committed study")
    assert f"explore in {EXPLORE}/05-keyness.ipynb" in reply["message"]
    assert api(server, "GET", "contents/notebooks/05-keyness.ipynb?content=0")[1]["writable"] is False
    for path, method, body in [("notebooks/04-words.ipynb", "DELETE", None),
                               ("notebooks/04-words.ipynb", "PATCH", {"path": f"{EXPLORE}/stolen.ipynb"}),
                               ("seeds/new.txt", "PUT", {"type": "file", "format": "text", "content": "x"})]:
        assert api(server, method, f"contents/{path}", body)[0] == 403, (method, path)
    assert {p.name: p.read_bytes() for p in COMMITTED} == committed
    assert git_status() == server["status"]  # nothing git sees has changed
    done = subprocess.run(["make", "--no-print-directory", "restore", "NB=04"], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, env={**os.environ, "STUDY_EXPLORE": EXPLORE})
    assert done.returncode == 0, done.stderr
    restored = (PROJECT_ROOT / EXPLORE / "04-words.ipynb").read_bytes()
    assert restored == lab.working_copy(NOTEBOOKS_DIR / "04-words.ipynb")
    assert "A reader's note" in (PROJECT_ROOT / EXPLORE / "previous" / "04-words.ipynb").read_text("utf-8")


@pytest.mark.e2e
def test_a_kernel_starts_without_a_transport_warning(server):
    from jupyter_client import BlockingKernelClient

    status, kernel = api(server, "POST", "kernels", {"name": "python3"})
    assert status == 201
    client = BlockingKernelClient(connection_file=str(PROJECT_ROOT / "build" / "lab-runtime" /
                                                      f"kernel-{kernel['id']}.json"))
    client.load_connection_file()
    assert client.transport == "ipc"  # Unix sockets: nothing travels over TCP
    client.start_channels(hb=False)
    try:
        asked = client.kernel_info()
        deadline = time.monotonic() + 60
        while client.get_shell_msg(timeout=60)["parent_header"].get("msg_id") != asked:  # started, and printed
            assert time.monotonic() < deadline, "the kernel did not answer"
    finally:
        client.stop_channels()
        api(server, "DELETE", f"kernels/{kernel['id']}")
    printed = "".join(server["lines"])
    assert "Kernel started" in printed and "without encryption" not in printed


# --- in the browser ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser(server):
    from browsers import chromium

    driver = chromium()
    driver.set_window_size(1300, 1000)
    yield driver
    driver.quit()


@pytest.mark.e2e
def test_a_citation_link_opens_the_methods_at_its_reference(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{server['base']}/lab/workspaces/cite/tree/{EXPLORE}/05-keyness.ipynb?reset&token={server['token']}")
    cited = '.jp-RenderedMarkdown a[href*="METHODS.md"][href$="#dunning1993"]'
    link = WebDriverWait(browser, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, cited))[0]
    link.click()

    def reference_top(d) -> float | None:  # where "Dunning 1993." is, once METHODS.md is shown
        return d.execute_script("""
            const strong = [...document.querySelectorAll('.jp-RenderedMarkdown strong')]
                .find(s => s.textContent.trim() === 'Dunning 1993.');
            return strong ? strong.getBoundingClientRect().top : null;""")

    try:
        WebDriverWait(browser, 30).until(lambda d: reference_top(d) is not None)
    finally:
        browser.save_screenshot(str(PROJECT_ROOT / "build" / "lab-citation.png"))
    tab = [t.text for t in browser.find_elements(By.CSS_SELECTOR, ".lm-TabBar-tab.lm-mod-current")]
    assert "METHODS.md" in tab
    height = browser.execute_script("return window.innerHeight")
    WebDriverWait(browser, 10).until(lambda d: 0 <= reference_top(d) < height / 2)  # scrolled to the reference


@pytest.mark.e2e
def test_a_try_it_control_runs_live_and_replaces_its_result(server, browser):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    source = ("import helpers\nfrom helpers.sharing import tryit\n\n"
              "tryit.words_in_context(helpers.load_tokens(), \"people\", interview=\"000\")")
    notebook = {"cells": [{"cell_type": "code", "source": source, "metadata": {}, "execution_count": None,
                           "outputs": []}], "nbformat": 4, "nbformat_minor": 5,
                "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}}
    assert api(server, "PUT", f"contents/{EXPLORE}/try.ipynb",
               {"type": "notebook", "format": "json", "content": notebook})[0] in (200, 201)
    session = {"path": f"{EXPLORE}/try.ipynb", "type": "notebook", "name": "try.ipynb", "kernel": {"name": "python3"}}
    assert api(server, "POST", "sessions", session)[0] == 201  # a kernel JupyterLab attaches to, without asking
    browser.get(f"{server['base']}/lab/workspaces/try/tree/{EXPLORE}/try.ipynb?reset&token={server['token']}")
    # JupyterLab re-renders the cells while the notebook opens: an element read then is retried, not an error
    WebDriverWait(browser, 60, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: [e for e in d.find_elements(By.CSS_SELECTOR, ".jp-Cell .cm-content") if "tryit" in e.text])[0].click()
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()

    def output(d) -> str:  # read in one script: outputs re-render while they are read
        return d.execute_script("""
            document.querySelectorAll('.jp-Dialog .jp-mod-accept').forEach(b => b.click());  // a kernel chooser
            return [...document.querySelectorAll('.jp-OutputArea-output')].map(o => o.innerText).join(' ');""")

    try:
        WebDriverWait(browser, 90).until(lambda d: "5 lines of “people”" in output(d))
    finally:
        browser.save_screenshot(str(PROJECT_ROOT / "build" / "lab-try-it.png"))
    box = WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".widget-text input"))[0]
    box.clear()
    box.send_keys("Ukraine's", Keys.ENTER)
    WebDriverWait(browser, 30).until(lambda d: "0 lines: “Ukraine's” (searched as: ukraine 's)" in output(d))
    assert "5 lines of" not in output(browser) and "tryit.Explorer" not in output(browser)  # replaced, not appended
    assert len(browser.find_elements(By.CSS_SELECTOR, ".widget-text input")) == 1
