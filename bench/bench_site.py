"""Search index size, first-query download and article page weight of the built site.

    python bench/bench_site.py                 # sample articles + a generated 2,000-article site
    python bench/bench_site.py --site site/    # also measure an already built site
    python bench/bench_site.py --articles 500  # a smaller generated site

"First query" is what a reader downloads when they first search: the search
worker script and the whole index (Material's index is one JSON file). "Page
weight" is an article page's HTML plus the CSS, JS and icon it loads, gzipped,
without search. With pagefind installed (PyPI `pagefind[extended]`) the same
site is also indexed by Pagefind, whose index is split into fragments.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.models import Article, Term, Translation  # noqa: E402
from generator.site import build_site, index_with_pagefind  # noqa: E402
from tests.fixtures_site import (  # noqa: E402
    PROJECT,
    SampleArticle,
    all_pages,
    sample_articles,
    write_pages,
)

PAGE_WEIGHT_TARGET = 150 * 1024
ENGLISH = [
    "the",
    "city",
    "county",
    "province",
    "meeting",
    "project",
    "industry",
    "innovation",
    "development",
    "zone",
    "port",
    "marine",
    "economy",
    "green",
    "energy",
    "investment",
    "enterprise",
    "manufacturing",
    "talent",
    "transport",
    "Nantong",
    "Yancheng",
    "Jiangsu",
    "Wu",
    "Xinming",
    "Zhang",
    "Tong",
    "growth",
    "billion",
    "yuan",
    "year",
    "plan",
    "build",
    "promote",
    "strengthen",
    "cluster",
    "technology",
    "science",
    "new",
    "quality",
    "productive",
    "forces",
]


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


def chinese_paragraphs() -> list[str]:
    """Real Chinese prose: the lines of the bundled sample drop, decoded."""
    from charset_normalizer import from_bytes

    lines = []
    for path in sorted((ROOT / "sources").glob("**/*.txt")):
        text = str(from_bytes(path.read_bytes()).best() or "")
        lines += [line.strip() for line in text.splitlines() if len(line.strip()) > 30]
    return lines


def generated_articles(count: int) -> list[SampleArticle]:
    """`count` articles of 6-12 real paragraphs each, with English of similar length."""
    rng = random.Random(2025)
    pool = chinese_paragraphs()
    terms = [Term("南通", "Nantong", "place"), Term("吴新明", "Wu Xinming", "person")]
    samples = []
    for i in range(count):
        paragraphs = rng.sample(pool, rng.randint(6, 12))
        english = [" ".join(rng.choices(ENGLISH, k=len(p) // 2)) + "." for p in paragraphs]
        date = f"{2023 + i % 3}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        article = Article(
            f"{i:012x}-1", f"sources/gen/{i:05d}.txt", f"{i:064x}", 1,
            f"第{i}篇 {paragraphs[0][:20]}", paragraphs, date=date, date_basis="explicit",
        )  # fmt: skip
        translation = Translation(
            article.id, "argos", "translate-zh_en", "1.9", english, f"Article {i}", terms=terms
        )
        samples.append(SampleArticle(f"article-{i:05d}", article, translation))
    return samples


def build(samples: list[SampleArticle], work: Path) -> tuple[Path, float, float]:
    """Render and build; returns the site dir and the seconds of each step."""
    started = time.perf_counter()
    write_pages(all_pages(samples), work / "docs")
    rendered = time.perf_counter()
    build_site(PROJECT / "mkdocs.yml", work / "docs", work / "site")
    return work / "site", rendered - started, time.perf_counter() - rendered


def page_weight(site: Path, page: Path) -> tuple[int, int]:
    """Raw and gzipped bytes of a page plus the stylesheets, scripts and icon it loads."""
    html = page.read_text("utf-8")
    refs = re.findall(r'<link rel="(?:stylesheet|icon)" href="([^"]+)"', html)
    refs += re.findall(r'<script src="([^"]+)"', html)
    files = [page] + [(page.parent / ref).resolve() for ref in refs if "://" not in ref]
    blobs = [f.read_bytes() for f in files]
    return sum(map(len, blobs)), sum(map(gz, blobs))


def pagefind_figures(site: Path) -> str:
    """Pagefind's index size and what a first query fetches, if pagefind is installed."""
    if importlib.util.find_spec("pagefind") is None:
        return "pagefind: not installed (pip install 'pagefind[extended]')"
    index_with_pagefind(site)
    files = [f for f in (site / "pagefind").rglob("*") if f.is_file()]
    total = sum(f.stat().st_size for f in files)
    loader = sum(
        f.stat().st_size
        for f in files
        if f.name in ("pagefind.js", "pagefind-entry.json") or f.suffix == ".pf_meta"
    )
    wasm = max((f.stat().st_size for f in files if f.suffix == ".pagefind"), default=0)
    chunk = max((f.stat().st_size for f in files if f.suffix == ".pf_index"), default=0)
    return (
        f"pagefind: index {kb(total)} in {len(files)} files; first query about "
        f"{kb(loader + wasm + chunk)} (loader, wasm, metadata, largest index chunk; "
        "already compressed) plus one small fragment per result shown"
    )


def report(name: str, site: Path, timings: tuple[float, float] | None) -> None:
    index = (site / "search" / "search_index.json").read_bytes()
    worker = next((site / "assets/javascripts/workers").glob("search.*.min.js")).read_bytes()
    article = next(site.glob("zh/articles/*/index.html"))
    raw, packed = page_weight(site, article)
    print(f"\n== {name}: {len(list(site.glob('zh/articles/*')))} articles")
    if timings:
        print(f"render pages {timings[0]:.1f} s, mkdocs build {timings[1]:.1f} s")
    print(f"search index: {kb(len(index))} raw, {kb(gz(index))} gzipped")
    print(f"first query download: {kb(gz(index) + gz(worker))} gzipped (index + search worker)")
    verdict = "OK" if packed < PAGE_WEIGHT_TARGET else "OVER"
    print(
        f"article page weight: {kb(raw)} raw, {kb(packed)} gzipped "
        f"(HTML+CSS+JS, no search; target < {kb(PAGE_WEIGHT_TARGET)}: {verdict})"
    )
    print(pagefind_figures(site))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site to measure as well")
    parser.add_argument("--articles", type=int, default=2000, help="size of the generated site")
    args = parser.parse_args()
    if args.site:
        report(f"built site {args.site}", args.site, None)
    with tempfile.TemporaryDirectory() as tmp:
        site, *timings = build(sample_articles(), Path(tmp) / "sample")
        report("sample articles (tests/fixtures_site.py)", site, tuple(timings))
        site, *timings = build(generated_articles(args.articles), Path(tmp) / "generated")
        report(f"generated site ({args.articles} articles)", site, tuple(timings))


if __name__ == "__main__":
    main()
