"""Headless Chromium for the browser tests (Debian's `chromium` and `chromium-driver`, driven by
selenium), started as a reader's browser is: without `--allow-file-access-from-files`, so a page
opened from `file://` may not fetch other files. Skipped where Chromium is missing, failed in CI."""

from __future__ import annotations

import json
import os
import shutil

import pytest


def chromium_paths() -> tuple[str, str]:
    """The browser and its driver, or a skip (a failure in CI) naming the packages to install."""
    browser, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (browser and driver):
        message = "headless Chromium is missing: apt-get install -y chromium chromium-driver (.ci/run does this)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return browser, driver


def chromium(offline: bool = False):
    """A headless Chromium with its console and network logged; `offline` cuts the network off
    (a page must then show everything from itself)."""
    from selenium import webdriver

    binary, driver_path = chromium_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in ("--headless", "--no-sandbox", "--disable-gpu"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=driver_path))
    if offline:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0})
    return driver


def network_problems(driver, local: tuple[str, ...] = ("file://", "data:", "about:", "blob:")) -> list[str]:
    """Requests that failed or went anywhere but `local`, from Chromium's performance log."""
    problems = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.loadingFailed" and not params.get("canceled"):
            problems.append(f"failed: {params.get('errorText')}")
        elif message["method"] == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if not url.startswith(local):
                problems.append(f"request to {url}")
    return problems


def console_errors(driver) -> list[str]:
    """The console's errors since the last call."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
