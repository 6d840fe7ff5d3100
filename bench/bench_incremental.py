"""Incremental rebuild benchmark (issue: rebuild on every new drop).

Generates an archive of N distinct articles from the sample drop's text (every other one in
Traditional script) and builds it fully, after a small build elsewhere has filled the parsed-table
caches. Then adds one article (Simplified) and rebuilds, three times over: the median ratio is the
figure, as the machine's speed swings. Then changes one article (Traditional) and rebuilds. Prints
the generator's own seconds for each (from the build report), the ratios against the full build
(target: one new article <= 5 % of the full build), the MkDocs time separately, and the peak
memory of each build.

    .venv/bin/python bench/bench_incremental.py [--articles 500] [--repeats 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import opencc

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.shared import GOLD

REPO = Path(__file__).resolve().parent.parent
WARM_UP_ARTICLES = 10  # enough to meet a 著, which loads the garble repair's tables too


def sentence_pool() -> list[str]:
    """Sentences of the sample drop (the hand-checked clean text when present, else the raw drop)."""
    files = sorted(GOLD.glob("*.txt")) or sorted((REPO / "sources").glob("*.txt"))
    text = "".join(f.read_text("utf-8", errors="replace") for f in files)
    return [s + "。" for s in text.replace("\n", "").split("。") if len(s) > 8]


def make_article(rng: random.Random, pool: list[str], n: int, to_traditional) -> str:
    """A distinct article the size of the sample drop's (about 2,000 characters): a dated first
    line, then paragraphs of randomly drawn sentences."""
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    paragraphs = [f"今天（{month}月{day}日），第{n}号专题会议召开。"]
    for _ in range(rng.randint(6, 9)):
        paragraphs.append("".join(rng.sample(pool, rng.randint(3, 4))))
    text = "\n".join(paragraphs) + "\n"
    return to_traditional(text) if n % 2 else text


def timed_build(project: Path, *extra: str) -> dict:
    """Run the real `digest build` in a child; return the report plus wall time and peak memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", *extra],
        cwd=project,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build failed ({result.returncode}):\n{result.stderr[-3000:]}")
    report = json.loads((project / "build-report.json").read_text("utf-8"))
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"report": report, "wall": wall, "peak_mb": peak / 1024}


def set_up(where: Path, count: int) -> Path:
    project = where / "project"
    (project / "sources").mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(
        REPO / "docs",
        project / "docs",
        ignore=shutil.ignore_patterns("zh", "en", "bilingual", "feeds"),
    )
    rng = random.Random(2025)
    pool = sentence_pool()
    to_traditional = opencc.OpenCC("s2tw").convert
    for n in range(count):
        drop = project / "sources" / f"drop-{n // 100:02d}"
        drop.mkdir(exist_ok=True)
        (drop / f"article-{n:04d}.txt").write_text(
            make_article(rng, pool, n, to_traditional), "utf-8"
        )
    return project


def line(label: str, run: dict, full: float | None = None) -> str:
    t = run["report"]["totals"]
    ratio = f"  ({t['seconds'] / full:6.1%} of full)" if full else ""
    site = run["report"].get("site_seconds")
    site_text = f"  mkdocs {site:6.2f}s" if site is not None else ""
    return (
        f"{label:<22} generator {t['seconds']:7.2f}s{ratio}{site_text}  built {t['built']:4d}  "
        f"unchanged {t['unchanged']:4d}  peak {run['peak_mb']:6.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--site", action="store_true", help="also run MkDocs on every build")
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="new articles added one by one (the machine's speed swings)",
    )
    args = parser.parse_args()
    where = args.keep or Path(tempfile.mkdtemp(prefix="digest-bench-"))
    extra = () if args.site else ("--no-site",)
    # a first build anywhere fills the parsed-table caches (generator/tables.py): timed cold,
    # the full build would count seconds no later build pays
    timed_build(set_up(where / "warm-up", WARM_UP_ARTICLES), *extra)
    project = set_up(where, args.articles)
    full = timed_build(project, *extra)
    full_s = full["report"]["totals"]["seconds"]
    (project / "sources" / "drop-new").mkdir()
    rng = random.Random(7)
    new_runs = []
    for n in range(args.repeats):
        new_text = make_article(rng, sentence_pool(), args.articles + 1 + n, lambda t: t)
        (project / "sources" / "drop-new" / f"new-{n}.txt").write_text(new_text, "utf-8")
        new_runs.append(timed_build(project, *extra))
    victim = project / "sources" / "drop-00" / "article-0003.txt"
    victim.write_text(victim.read_text("utf-8") + "会议还强调，要持续优化营商环境。\n", "utf-8")
    one_changed = timed_build(project, *extra)
    if not args.site:
        site_run = timed_build(project)
    print(f"archive: {args.articles} generated articles in {project}")
    print(line("full build", full))
    for run in new_runs:
        print(line("+1 new article", run, full_s))
    print(line("1 changed article", one_changed, full_s) + "  (Traditional script)")
    if not args.site:
        print(line("unchanged + MkDocs", site_run, full_s))
    ratios = sorted(run["report"]["totals"]["seconds"] / full_s for run in new_runs)
    print(
        f"one new article / full build = {statistics.median(ratios):.1%}, the median of "
        f"{len(ratios)} ({ratios[0]:.1%}-{ratios[-1]:.1%}; target <= 5%)"
    )
    if not args.keep:
        shutil.rmtree(where)


if __name__ == "__main__":
    main()
