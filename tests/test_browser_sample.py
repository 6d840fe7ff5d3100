"""The sample drop as a user builds it (`digest build`), opened in real headless Chromium.

Every URL of the build report opens; the twins link each other; the reader's searches find
the right articles; nothing is requested from another host.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.fixtures_site import PROJECT
from tests.project import Project, make_project
from tests.test_browser import (
    ARTIFACTS,
    LOCAL_SCHEMES,
    By,
    browser,  # noqa: F401  (fixture)
    drain_requests,
    requests_seen,  # noqa: F401  (fixture)
    screenshot,
    search,
    serve,
    wait,
)

pytestmark = pytest.mark.browser
STORY_000 = "000-f78cb8c1f635cf86"  # 南通新型工业化…推进大会 (seed 000)
STORY_004B = (
    "004-29ee23daad04a246-2"  # the same meeting in the evening paper (second article of 004)
)


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Project:
    project = make_project(tmp_path_factory.mktemp("browser-sample"))
    result = project.build(site=True, env={"ARGOS_PACKAGES_DIR": str(project.root / "none")})
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def site_url(sample: Project) -> Iterator[str]:
    yield from serve(sample.root / "site")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("南通", {f"/zh/articles/{STORY_000}/"}),
        ("工业化", {f"/zh/articles/{STORY_000}/", f"/zh/articles/{STORY_004B}/"}),
        ("吴新明", {f"/zh/articles/{STORY_000}/", f"/zh/articles/{STORY_004B}/"}),
        ("Nantong", {f"/en/articles/{STORY_000}/"}),
        ("Wu Xinming", {f"/en/articles/{STORY_000}/", f"/en/articles/{STORY_004B}/"}),
    ],
)
def test_reader_searches_find_the_story(browser, site_url, requests_seen, query, expected):  # noqa: F811
    results = search(browser, site_url, query)
    drain_requests(browser, requests_seen)
    assert expected & set(results), f"{query!r} gave {results}"


def test_every_report_url_opens_and_twins_link_each_other(browser, sample, site_url, requests_seen):  # noqa: F811
    for row in sample.report()["articles"]:
        urls = row["urls"]
        for lang, twin in (("zh", "en"), ("en", "zh")):
            browser.get(site_url.rstrip("/") + urls[lang])
            assert browser.find_element(By.CSS_SELECTOR, "h1").text.strip()
            link = browser.find_element(By.CSS_SELECTOR, "a.digest-twin")
            assert urlsplit(link.get_attribute("href")).path == urls[twin]
        browser.get(site_url.rstrip("/") + urls["bilingual"])
        pairs = browser.find_elements(By.CSS_SELECTOR, ".digest-pair")
        assert pairs, urls["bilingual"]
    drain_requests(browser, requests_seen)


def test_language_switch_lands_on_the_twin(browser, site_url, requests_seen):  # noqa: F811
    browser.get(f"{site_url}zh/articles/{STORY_000}/")
    screenshot(browser, "sample-article-zh")
    browser.find_element(By.CSS_SELECTOR, ".md-header .digest-lang-switch").click()
    browser.find_element(By.CSS_SELECTOR, ".md-select__link[hreflang=en]").click()
    wait(browser).until(lambda b: f"/en/articles/{STORY_000}/" in b.current_url)
    body = browser.find_element(By.CSS_SELECTOR, ".digest-body").text
    assert "Wu Xinming" in body and "Nantong" in body
    screenshot(browser, "sample-article-en")
    browser.get(f"{site_url}bilingual/{STORY_000}/")
    screenshot(browser, "sample-bilingual")
    drain_requests(browser, requests_seen)


def test_sample_home_and_no_request_leaves_localhost(browser, site_url, requests_seen):  # noqa: F811
    browser.get(f"{site_url}zh/")
    titles = browser.find_element(By.CSS_SELECTOR, ".md-content").text
    assert "南通新型工业化暨重大项目建设推进大会举行" in titles
    screenshot(browser, "sample-home")
    if os.environ.get("DIGEST_UPDATE_SCREENSHOT"):
        shutil.copy(ARTIFACTS / "sample-bilingual.png", PROJECT / "docs/assets/screenshot.png")
    drain_requests(browser, requests_seen)
    foreign = [
        url
        for url in requests_seen
        if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).hostname != "127.0.0.1"
    ]
    assert requests_seen and foreign == []


def test_screenshots_exist():
    for name in ("sample-home", "sample-article-zh", "sample-article-en", "sample-bilingual"):
        assert Path(ARTIFACTS / f"{name}.png").stat().st_size > 10_000
