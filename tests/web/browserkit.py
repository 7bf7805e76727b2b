"""Headless Chromium for the browser tests (Debian's chromium + chromedriver): the test world as
of the real date, a live server on it, the browser, full-page screenshots at phone (390 px) and
desktop width into test-artifacts/, and signing in. The fixtures are in conftest.py, one set per
test module (each module's journey gets a fresh world)."""

from __future__ import annotations

import base64
import os
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from navigator import PROJECT_ROOT
from navigator.web.app import create_app
from navigator.web.templating import JST
from webworld import PASSWORD, World, build_world

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
needs_chromium = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="Debian's chromium and chromium-driver are not installed (scripts/setup.sh installs them)",
)

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
PHONE, DESKTOP = 390, 1280


def world_as_of_today(tmp_path_factory) -> World:
    from datetime import datetime

    base = tmp_path_factory.mktemp("browser")
    return build_world(base / "browser.db", base / "var", today=datetime.now(JST).date())


def serve(world: World):
    """The app on the world, on a free port of 127.0.0.1: yields its base URL."""
    app = create_app(world.settings(), run_migrations=False)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the test server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def chromium():
    """Headless Chromium driven by selenium (the flags of the workplace's probe)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="navigator-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--lang=ja", f"--window-size={DESKTOP},900",
    ):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": "ja"})
    # The locale decides how <input type=date> shows dates (2026/04/01 rather than 04/01/2026).
    env = {**os.environ, "LANG": "ja_JP.UTF-8", "LANGUAGE": "ja"}
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER, env=env))
    driver.implicitly_wait(2)
    ARTIFACTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def shot(driver, name: str, width: int) -> Path:
    """A full-page screenshot at the given width (phone widths emulate a mobile device)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": max(height, 600), "deviceScaleFactor": 1, "mobile": width < 600},
    )
    data = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})["data"]
    path = ARTIFACTS / f"{name}-{'phone' if width < 600 else 'desktop'}.png"
    path.write_bytes(base64.b64decode(data))
    # no horizontal scrolling on a phone: the layout must fit the width
    overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} is wider than {width}px by {overflow}px"
    return path


def sign_in(driver, base: str, email: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.delete_all_cookies()
    driver.get(f"{base}/login")
    driver.find_element(By.ID, "f-email").send_keys(email)
    driver.find_element(By.ID, "f-password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/home"), f"sign-in of {email} did not reach /home")


def submit(driver, form: str) -> None:
    """Sends the form (a CSS selector) and waits until its page has been replaced by the answer."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    element = driver.find_element(By.CSS_SELECTOR, form)
    element.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    def replaced(_driver) -> bool:
        try:
            element.is_enabled()
        except WebDriverException:  # stale; chromedriver may also answer that the node "does not
            return True             # belong to the document" while the new page replaces it
        return False

    WebDriverWait(driver, 20).until(replaced, f"the page did not answer {form}")
