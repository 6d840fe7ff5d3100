"""The built site in real headless Chromium: search, language switch, bilingual view,
and no request to any host but the local server.

Needs Debian `chromium` + `chromium-driver` and PyPI `selenium`; skipped when the
browser is missing (CI installs it, see the report of the site work).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.fixtures_site import PROJECT

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
ARTIFACTS = PROJECT / "test-artifacts"
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "devtools"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
        reason="needs Debian chromium and chromium-driver",
    ),
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        """Keep the test output clean."""


def serve(directory: Path) -> Iterator[str]:
    """Serve a directory on 127.0.0.1 (a free port) while the generator is suspended."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    yield from serve(built_site)


@pytest.fixture(scope="module")
def pagefind_server(pagefind_site: Path) -> Iterator[str]:
    yield from serve(pagefind_site)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    """Headless Chromium with a fresh profile and network events recorded."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=1280,900",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    service = webdriver.ChromeService(executable_path=CHROMEDRIVER)
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def requests_seen(browser: webdriver.Chrome) -> list[str]:
    """Every URL the browser asked for during this module (filled by `drain_requests`)."""
    return []


def drain_requests(browser: webdriver.Chrome, seen: list[str]) -> None:
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            seen.append(message["params"]["request"]["url"])


def wait(browser: webdriver.Chrome, seconds: float = 15) -> WebDriverWait:
    return WebDriverWait(browser, seconds)


def screenshot(browser: webdriver.Chrome, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    browser.save_screenshot(str(path))
    return path


def search(browser: webdriver.Chrome, home: str, query: str) -> list[str]:
    """Type a query into Material's search box; the result links, as site paths."""
    browser.get(home)
    box = wait(browser).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, "input.md-search__input"))
    )
    box.click()
    box.send_keys(query)
    wait(browser).until(
        lambda b: (
            b.find_elements(By.CSS_SELECTOR, ".md-search-result__item")
            or "No matching" in b.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text
        )
    )
    links = browser.find_elements(
        By.CSS_SELECTOR, ".md-search-result__item a.md-search-result__link"
    )
    return [urlsplit(link.get_attribute("href")).path for link in links]


QUERIES = [
    ("南通", "/zh/articles/nantong-industrialization-meeting/"),
    ("工业化", "/zh/articles/nantong-industrialization-meeting/"),
    ("吴新明", "/zh/articles/citywide-industrialization-meeting/"),
    ("Nantong", "/en/articles/nantong-industrialization-meeting/"),
    ("Wu Xinming", "/en/articles/citywide-industrialization-meeting/"),
]


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_search_finds_the_article(browser, server, requests_seen, query, expected):
    results = search(browser, server, query)
    drain_requests(browser, requests_seen)
    assert expected in results, f"{query!r} gave {results}"


def pagefind_search(browser: webdriver.Chrome, home: str, query: str) -> list[str]:
    """Search with the Pagefind option's page; the result links, as site paths."""
    browser.get(home + "search.html")
    box = wait(browser).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, ".pagefind-ui__search-input"))
    )
    box.send_keys(query)
    wait(browser).until(
        lambda b: (
            b.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-link")
            or "No results" in b.find_element(By.CSS_SELECTOR, ".pagefind-ui__drawer").text
        )
    )
    links = browser.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-link")
    return [urlsplit(link.get_attribute("href")).path for link in links]


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_pagefind_option_finds_the_article(
    browser, pagefind_server, requests_seen, query, expected
):
    results = pagefind_search(browser, pagefind_server, query)
    drain_requests(browser, requests_seen)
    assert expected in results, f"{query!r} gave {results}"


def test_search_does_not_find_what_is_not_there(browser, server, requests_seen):
    results = search(browser, server, "Shenzhen")
    drain_requests(browser, requests_seen)
    assert results == []


def test_language_switch_opens_the_twin(browser, server, requests_seen):
    browser.get(server + "zh/articles/nantong-industrialization-meeting/")
    screenshot(browser, "article-zh")
    browser.find_element(By.CSS_SELECTOR, ".md-header .digest-lang-switch").click()
    english = wait(browser).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, ".md-select__link[hreflang=en]"))
    )
    english.click()
    wait(browser).until(ec.url_contains("/en/articles/nantong-industrialization-meeting/"))
    assert "Wu Xinming" in browser.find_element(By.CSS_SELECTOR, ".digest-body").text
    assert "Argos" in browser.find_element(By.CSS_SELECTOR, ".digest-notice").text
    screenshot(browser, "article-en")
    browser.find_element(By.CSS_SELECTOR, "a.digest-twin").click()
    wait(browser).until(ec.url_contains("/zh/articles/nantong-industrialization-meeting/"))
    drain_requests(browser, requests_seen)


def visible(browser: webdriver.Chrome, selector: str) -> bool:
    return browser.find_elements(By.CSS_SELECTOR, selector)[0].is_displayed()


def test_bilingual_view_toggles_and_remembers(browser, server, requests_seen):
    page = server + "bilingual/nantong-industrialization-meeting/"
    browser.get(page)
    zh, en = ".digest-pair p[lang=zh-Hans]", ".digest-pair p[lang=en]"
    first_zh, first_en = (browser.find_elements(By.CSS_SELECTOR, s)[0] for s in (zh, en))
    assert first_zh.location["y"] == first_en.location["y"]  # side by side on a wide screen
    assert first_zh.location["x"] < first_en.location["x"]
    screenshot(browser, "bilingual")
    browser.find_element(By.CSS_SELECTOR, ".digest-view button[data-view=en]").click()
    assert visible(browser, en) and not visible(browser, zh)
    browser.get(page)  # the choice survives a reload
    assert visible(browser, en) and not visible(browser, zh)
    browser.find_element(By.CSS_SELECTOR, ".digest-view button[data-view=zh]").click()
    assert visible(browser, zh) and not visible(browser, en)
    browser.find_element(By.CSS_SELECTOR, ".digest-view button[data-view=both]").click()
    browser.set_window_size(480, 900)
    try:
        first_zh, first_en = (browser.find_elements(By.CSS_SELECTOR, s)[0] for s in (zh, en))
        assert first_zh.location["y"] < first_en.location["y"]  # stacked on a narrow one
    finally:
        browser.set_window_size(1280, 900)
    drain_requests(browser, requests_seen)


def test_hostile_article_text_stays_text(browser, server, requests_seen):
    for lang in ("zh", "en"):
        browser.get(server + f"{lang}/articles/hostile-markup/")
        assert browser.execute_script("return window.__pwned") is None
        assert "<script>" in browser.find_element(By.CSS_SELECTOR, "h1").text
        assert "**bold**" in browser.find_element(By.CSS_SELECTOR, ".digest-body").text
    search(browser, server, "pwned")
    assert browser.execute_script("return window.__pwned") is None
    drain_requests(browser, requests_seen)


def test_home_screenshot_and_no_request_leaves_localhost(browser, server, requests_seen):
    """Runs last in this module: checks every request recorded by the tests above."""
    browser.get(server)
    browser.get(server + "zh/")
    path = screenshot(browser, "home")
    if os.environ.get("DIGEST_UPDATE_SCREENSHOT"):
        shutil.copy(ARTIFACTS / "bilingual.png", PROJECT / "docs" / "assets" / "screenshot.png")
    drain_requests(browser, requests_seen)
    assert path.stat().st_size > 10_000
    assert any(url.endswith("search/search_index.json") for url in requests_seen)
    foreign = [
        url
        for url in requests_seen
        if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).hostname != "127.0.0.1"
    ]
    assert foreign == []
