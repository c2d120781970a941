"""Headless Chromium for the report tests (Debian's ``chromium`` and ``chromium-driver``).

Selenium is pointed at ``/usr/bin/chromedriver`` and ``/usr/bin/chromium`` so it never
tries to download a driver or a browser; every run gets a fresh profile directory.
:func:`missing` says why the browser cannot run here (tests skip with that reason).
"""

from __future__ import annotations

import base64
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("AUDIT_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("AUDIT_CHROMEDRIVER", "/usr/bin/chromedriver")
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-dev-shm-usage", "--window-size=1280,900")  # fmt: skip


def missing() -> str | None:
    """Why headless Chromium cannot run here, or None when it can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not Path(path).exists():
            return f"{path} is absent: install Debian's {package} (apt-get install chromium chromium-driver)"
    return None


class Browser:
    """A headless Chromium session: open a file, read its console, take screenshots."""

    def __init__(self) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        os.environ.setdefault("SE_OFFLINE", "true")  # selenium-manager must never fetch anything
        self.profile = tempfile.mkdtemp(prefix="audit-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={self.profile}")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        options.set_capability("unhandledPromptBehavior", "ignore")
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)

    def open(self, path: Path) -> list[dict[str, Any]]:
        """Load a local file; return the console entries it produced."""
        self.driver.get(path.resolve().as_uri())
        return self.driver.get_log("browser")

    def dialog_open(self) -> str | None:
        """The text of an open alert/confirm/prompt, or None."""
        from selenium.common.exceptions import NoAlertPresentException

        try:
            return self.driver.switch_to.alert.text
        except NoAlertPresentException:
            return None

    def run(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def screenshot(self, name: str, *, full_page: bool = True) -> Path:
        """Save a PNG of the page (the whole length when ``full_page``) under tests/screenshots/."""
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        if full_page:
            size = self.run("return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": size[0], "height": min(size[1], 12000), "scale": 1}})  # fmt: skip
            path.write_bytes(base64.b64decode(shot["data"]))
        else:
            self.driver.save_screenshot(str(path))
        return path

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)


def severe(entries: list[dict[str, Any]]) -> list[str]:
    """Console entries at SEVERE level: JavaScript errors, CSP violations, failed loads."""
    return [e["message"] for e in entries if e.get("level") == "SEVERE"]
