"""Check that every local link of the built site leads to a file.

MkDocs' strict mode validates markdown links only, and the generated pages link
in raw HTML, so a listing that names an article the docs dir lacks would
otherwise publish a dead link without a word.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LINK = re.compile(r'\s(?:href|src)="([^"]+)"')
HOST = "site.invalid"  # stands for the site itself while resolving relative links


def local_targets(page: Path, site_dir: Path) -> list[tuple[str, Path]]:
    """(link as written, file it must reach) for each link of `page` within the site."""
    base = f"http://{HOST}/{page.relative_to(site_dir).as_posix()}"
    targets = []
    for value in LINK.findall(page.read_text("utf-8")):
        url = urlsplit(urljoin(base, html.unescape(value)))
        if url.netloc == HOST:
            targets.append((value, site_dir / unquote(url.path).lstrip("/")))
    return targets


def broken_links(site_dir: Path) -> list[str]:
    """`page: link` for every local link whose target is missing."""
    return [
        f"{page.relative_to(site_dir).as_posix()}: {value}"
        for page in sorted(site_dir.rglob("*.html"))
        for value, target in local_targets(page, site_dir)
        if not (target.is_file() or (target / "index.html").is_file())
    ]
