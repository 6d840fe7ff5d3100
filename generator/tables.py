"""Tables parsed from big data files (jieba's dictionary, CC-CEDICT), cached between runs.

Parsing each takes about a second, which would dominate a small incremental build. The parsed
table is kept as a pickle in the temp folder (where jieba keeps its own cache), keyed by the
source file's size and mtime (and the parsing module's, so a code change is never served a
stale table) and rebuilt whenever it is missing or unreadable; a new one replaces the table's
others. A pickle, not marshal: jieba's 500k-entry marshal cache takes 1.4 s to load here, the
same table pickled 0.3 s.
"""

from __future__ import annotations

import contextlib
import inspect
import pickle
import re
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import util
from pathlib import Path
from types import ModuleType
from typing import TypeVar

from generator.storage import atomic_write_bytes

T = TypeVar("T")
_KEY = re.compile(r"\d+-\d+-\d+-\d+")  # sizes and mtimes: no other table's name ends so


def cached_table(name: str, source: Path, parse: Callable[[Path], T]) -> T:
    """`parse(source)`, or its cached result when `source` has not changed since."""
    key = "-".join(
        f"{stat.st_size}-{stat.st_mtime_ns}"
        for stat in (source.stat(), Path(inspect.getfile(parse)).stat())
    )
    cache_file = Path(tempfile.gettempdir()) / f"digest-{name}-{key}.pickle"
    with contextlib.suppress(OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
        return pickle.loads(cache_file.read_bytes())
    table = parse(source)
    with contextlib.suppress(OSError):
        atomic_write_bytes(cache_file, pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL))
        _remove_stale(name, keep=cache_file)
    return table


def _remove_stale(name: str, keep: Path) -> None:
    """One cache file per table: those of an older install or an earlier code go (the char
    model's is 27 MB, and every upgrade or fresh clone would add one to the temp folder)."""
    for stale in keep.parent.glob(f"digest-{name}-*.pickle"):
        key = stale.name.removeprefix(f"digest-{name}-").removesuffix(".pickle")
        if stale != keep and _KEY.fullmatch(key):
            with contextlib.suppress(OSError):
                stale.unlink()


@cache
def jieba_ready() -> ModuleType:
    """jieba with its default dictionary loaded, from our faster cache (quiet, loaded once)."""
    import jieba

    jieba.setLogLevel(60)
    tokenizer = jieba.dt
    if not tokenizer.initialized:
        tokenizer.FREQ, tokenizer.total = cached_table(
            "jieba-dict", jieba_dictionary(), _parse_jieba_dictionary
        )
        tokenizer.initialized = True
    return jieba


def jieba_dictionary() -> Path:
    return package_file("jieba", "dict.txt")


def package_file(package: str, relative: str) -> Path:
    """A data file shipped inside an installed package, found without importing the package."""
    spec = util.find_spec(package)
    assert spec is not None and spec.submodule_search_locations, f"{package} is a dependency"
    return Path(next(iter(spec.submodule_search_locations))) / relative


def _parse_jieba_dictionary(source: Path) -> tuple[dict[str, int], int]:
    import jieba

    with source.open("rb") as handle:
        return jieba.dt.gen_pfdict(handle)
