"""How often does `digest` read legacy-encoded text in the right codec?

    python bench/bench_decode.py [--texts DIR --encoding big5]

Cuts clean text into fragments of 2, 3, 4 and 6 Han characters (one at random from each run of
Han characters long enough) and into whole lines, encodes each in `--encoding`, decodes it as
`digest` does (generator/ingest/decode.py) and counts the readings that differ from the text
or are refused.  Short fragments are where charset-normalizer's guess is weakest (it reads most
two- and three-character GBK as Big5) and where the fluency check has fewest pairs to go on.

Without `--texts`, the gold articles in GB18030.  chardet's test pages make a harder test: its
GB2312 folder with `--encoding gb18030`, its Big5 folder with `--encoding big5` (markup is
stripped; files are read in the given encoding).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_repair import MARKUP
from bench.shared import gold_folder
from generator.ingest.decode import decode_bytes
from generator.models import SourceError

SIZES = (2, 3, 4, 6)
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def lines_of(folder: Path, encoding: str) -> list[str]:
    """Non-empty, markup-free lines of every file, read in `encoding` (bad bytes dropped)."""
    texts = (p.read_bytes().decode(encoding, "ignore") for p in sorted(folder.iterdir()))
    return [line.strip() for text in texts for line in MARKUP.sub("", text).splitlines()]


def fragments(lines: list[str], rng: random.Random) -> list[tuple[str, str]]:
    """(kind, text): a random stretch of each size from every long enough Han run, and each
    line holding Chinese."""
    found = []
    for line in lines:
        for run in _HAN_RUN.findall(line):
            for size in SIZES:
                if len(run) >= size:
                    start = rng.randrange(len(run) - size + 1)
                    found.append((f"{size} chars", run[start : start + size]))
        if _HAN_RUN.search(line):
            found.append(("line", line))
    return found


def read_wrongly(text: str, encoding: str) -> bool | None:
    """True if `digest` reads the encoded text as anything else; None if it cannot be encoded."""
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return None
    try:
        return decode_bytes(data, "x.txt")[0] != text
    except SourceError:
        return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, help="folder of clean text (default: the gold)")
    parser.add_argument("--encoding", default="gb18030", help="codec to encode fragments in")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    folder = args.texts or gold_folder()
    lines = lines_of(folder, args.encoding if args.texts else "utf-8")
    total: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for kind, text in fragments(lines, random.Random(args.seed)):
        verdict = read_wrongly(text, args.encoding)
        if verdict is not None:
            total[kind] += 1
            wrong[kind] += verdict
    print(f"{folder} in {args.encoding}: read wrongly or refused")
    for kind in (*(f"{n} chars" for n in SIZES), "line"):
        print(f"  {kind:>8}: {wrong[kind]:>6,} of {total[kind]:>6,}")


if __name__ == "__main__":
    main()
