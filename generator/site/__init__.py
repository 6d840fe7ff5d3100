"""Site stage: listing pages and feeds from the build manifest, and the MkDocs build.

The MkDocs configuration is the top-level mkdocs.yml; the theme overrides (twin
language switch, escaped titles, bilingual view) live in generator/site/theme.
"""

from __future__ import annotations

import importlib.util
import logging
import shutil
import subprocess
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.models import ArticleEntry, Page
from generator.pages.urls import LANGS
from generator.site.feeds import atom_feed
from generator.site.links import broken_links
from generator.site.listings import listing_pages

__all__ = [
    "SiteBuildError",
    "build_site",
    "index_with_pagefind",
    "render_listing_pages",
    "site_url_from_config",
]

HAND_WRITTEN = ("index.md", "assets")  # docs/ parts kept in git, needed by every build


class SiteBuildError(Exception):
    """MkDocs refused the site (a strict-mode warning, a broken link, a bad config)."""


def render_listing_pages(entries: list[ArticleEntry], site_url: str) -> list[Page]:
    """Homes, archives, tag pages and Atom feeds for both languages."""
    feeds = [atom_feed(entries, lang, site_url) for lang in LANGS]
    return [*listing_pages(entries), *feeds]


def site_url_from_config(config_file: Path) -> str:
    """site_url as MkDocs resolves it (mkdocs.yml default, or $DIGEST_SITE_URL)."""
    return str(load_config(str(config_file)).site_url or "")


def build_site(config_file: Path, docs_dir: Path, site_dir: Path) -> None:
    """Run a strict, offline MkDocs build of `docs_dir` into `site_dir`.

    Also fails on a local link to a missing page (see generator/site/links.py).
    Search is Material's (jieba-segmented, one index) unless mkdocs.yml's
    extra.search_engine ($DIGEST_SEARCH) is `pagefind`.

    A docs dir other than the project's gets the hand-written pages copied in
    first (never overwriting), since MkDocs reads a single docs dir.
    """
    config = load_config(
        str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True
    )
    copy_hand_written(Path(config_file).parent / "docs", Path(docs_dir))
    pagefind = config.extra.get("search_engine") == "pagefind"
    if pagefind:
        config.plugins["material/search"].config.enabled = False
    warnings = WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    try:
        build(config)
    except Abort as error:
        raise SiteBuildError("; ".join([str(error), *warnings.messages])) from error
    finally:
        logger.removeHandler(warnings)
    if pagefind:
        index_with_pagefind(Path(site_dir))
    if broken := broken_links(Path(site_dir)):
        raise SiteBuildError(f"{len(broken)} broken links, e.g. " + "; ".join(broken[:10]))


def index_with_pagefind(site_dir: Path) -> None:
    """Chunked search index for large archives: readers fetch only the parts a query needs.

    Indexes the article pages only (listings would duplicate them), as one
    Chinese-segmented index: Pagefind otherwise makes one index per page language
    and searches only the one of the page the reader is on.
    """
    if importlib.util.find_spec("pagefind") is None:
        raise SiteBuildError("search_engine pagefind needs: pip install 'pagefind[extended]'")
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"]
    done = subprocess.run(
        [*command, "--glob", "{zh,en}/articles/**/*.html", "--force-language", "zh"],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SiteBuildError(f"pagefind failed: {done.stderr.strip() or done.stdout.strip()}")


class WarningCollector(logging.Handler):
    """Keeps MkDocs' warnings so a failed strict build says what went wrong."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def copy_hand_written(project_docs: Path, docs_dir: Path) -> None:
    """Copy index.md and assets/ from the project's docs into another docs dir, if missing."""
    if project_docs.resolve() == docs_dir.resolve():
        return
    for name in HAND_WRITTEN:
        source, target = project_docs / name, docs_dir / name
        if target.exists() or not source.exists():
            continue
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
