"""Ingest stage: find the files of a drop and turn their bytes into `Source` objects.

Discovery is careful about what a drop may contain: hidden files are skipped,
symlinks that lead outside the sources folder are refused (never followed),
and a size limit keeps one runaway file from exhausting memory.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.ingest.decode import decode_bytes
from generator.models import Source, SourceError

MAX_SOURCE_BYTES = 5 * 1024 * 1024  # a news article is a few KB; 5 MB is far beyond any real one
_MARKUP_START = re.compile(
    r"\A\s*(<\?xml|<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<rss[\s>])", re.IGNORECASE
)


@dataclass(frozen=True)
class SourceFile:
    """A file found in the drop, before it is read."""

    path: Path  # absolute path on disk
    rel: str  # posix path relative to the project root, used everywhere else
    problem: str | None = None  # set when the file must not be read (e.g. symlink outside the drop)


def discover_sources(
    sources_dir: Path, root: Path, outputs: Iterable[Path] = ()
) -> list[SourceFile]:
    """Every non-hidden file under `sources_dir`, in a stable order; not the build's own
    `outputs` (its state, pages, site) where they were put inside the drop."""
    base = sources_dir.resolve()
    skipped = {path.resolve() for path in outputs}
    found: list[SourceFile] = []
    for dirpath, dirnames, filenames in os.walk(sources_dir, followlinks=False):
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".") and (Path(dirpath) / d).resolve() not in skipped
        )
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            found.append(SourceFile(path, relative_to_root(path, root), _link_problem(path, base)))
    return sorted(found, key=lambda f: f.rel)


def relative_to_root(path: Path, root: Path) -> str:
    """Posix path relative to the project root (absolute when outside it), as reports show paths."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.absolute().as_posix()


def _link_problem(path: Path, base: Path) -> str | None:
    """Refuse symlinks that resolve outside the drop: a drop must not publish arbitrary files."""
    if not path.is_symlink():
        return None
    target = path.resolve()
    if not target.is_relative_to(base):
        return f"symlink to {target} points outside the sources folder; not followed"
    if not target.is_file():
        return "symlink does not point to a regular file"
    return None


def read_bytes(source_file: SourceFile, max_bytes: int = MAX_SOURCE_BYTES) -> bytes:
    """The raw bytes of a source, refusing what must not or cannot be read."""
    if source_file.problem:
        raise SourceError(source_file.rel, source_file.problem)
    try:
        size = source_file.path.stat().st_size
        if size > max_bytes:
            raise SourceError(
                source_file.rel,
                f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for one source",
            )
        return source_file.path.read_bytes()
    except OSError as exc:
        raise SourceError(source_file.rel, f"cannot read file: {exc.strerror or exc}") from exc


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_source(source_file: SourceFile, data: bytes) -> Source:
    """Decode the bytes of one file; raises SourceError naming the problem."""
    text, encoding = decode_bytes(data, source_file.rel)
    if _MARKUP_START.match(text):
        raise SourceError(
            source_file.rel,
            "looks like an HTML page or XML feed, not article text; save the article text",
        )
    return Source(
        path=source_file.rel, sha256=sha256_of(data), size=len(data), text=text, encoding=encoding
    )
