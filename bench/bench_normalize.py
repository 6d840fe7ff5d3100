"""Normalization speed: chars/s on clean text (target >= 1M) and seconds per damaged
5,000-character article (target < 1 s); and how many clean Simplified news paragraphs (the
1,948 People's Daily paragraphs garble repair holds out) normalization changes, which should be
none. Run: python bench/bench_normalize.py"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.shared import GOLD
from generator.normalize import normalize_text
from generator.normalize.bigrams import corpus_lines, corpus_path

ROOT = Path(__file__).resolve().parent.parent
CLEAN_CHARS = 1_000_000
DAMAGED_CHARS = 5_000
REPEATS = 5


def clean_corpus() -> str:
    """About a million characters of clean gold text (or of the seeds' clean 004 if gold is absent)."""
    files = sorted(GOLD.glob("*.txt")) or [ROOT / "sources" / "004_29ee23daad04a246.txt"]
    text = "".join(p.read_text(encoding="utf-8") for p in files)
    return text * (CLEAN_CHARS // len(text) + 1)


def damaged_article() -> str:
    """The garbled, annotated, Traditional seeds cut at the first line end past DAMAGED_CHARS."""
    raw = "".join((ROOT / "sources" / f).read_text(encoding="utf-8") for f in _damaged_seeds())
    cut = raw.find("\n", DAMAGED_CHARS)
    return raw[: cut + 1]


def _damaged_seeds() -> list[str]:
    return ["000_f78cb8c1f635cf86.txt", "001_c44e8c8dadaea2c9.txt", "003_ebf0ab5f1cf8b009.txt"]


def changed_clean_paragraphs() -> tuple[int, int, list[str]]:
    """(changed, all, the changes of the first few) over held-out People's Daily paragraphs."""
    paragraphs = [p + "\n" for p in corpus_lines(corpus_path(), held_out=True) if p.strip()]
    results = [normalize_text(p) for p in paragraphs]
    changed = [ns for p, ns in zip(paragraphs, results, strict=True) if ns.text != p]
    shown = [f"{c.before} -> {c.after} ({c.fix})" for ns in changed[:5] for c in ns.changes]
    return len(changed), len(paragraphs), shown


def best_of(text: str) -> float:
    """Fastest of REPEATS runs: the machine's noise only ever adds time."""
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        normalize_text(text)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    normalize_text("预热。\n")
    clean = clean_corpus()
    seconds = best_of(clean)
    print(
        f"clean text: {len(clean):,} chars in {seconds:.3f} s = {len(clean) / seconds / 1e6:.2f} M chars/s (target >= 1)"
    )
    damaged = damaged_article()
    seconds = best_of(damaged)
    print(f"damaged article: {len(damaged):,} chars in {seconds:.3f} s (target < 1 s)")
    changed, total, shown = changed_clean_paragraphs()
    print(f"clean news paragraphs changed: {changed} of {total:,} (target 0) {'; '.join(shown)}")


if __name__ == "__main__":
    main()
