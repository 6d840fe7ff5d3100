"""The build: run the stages over a drop, incrementally, and publish with MkDocs.

Reads like Pelican's readers -> generators -> writers: `plan` decides what to
redo from the manifest, the stages do the work, `_publish` writes pages
atomically and only when their bytes change, and the manifest is saved last.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generator import normalize, pages, site
from generator.ingest import (
    SourceFile,
    discover_sources,
    load_source,
    read_bytes,
    relative_to_root,
    sha256_of,
)
from generator.models import Article, ArticleEntry, SourceError, Translation
from generator.slugs import unique_slug
from generator.storage import ArticleRecord, Manifest, SourceRecord, atomic_write_text, build_lock
from generator.translate import open_translator

# Bump when decoding, the normalizer or the page layout changes: every article is re-rendered
# (translations still come from memory, so this costs seconds, not hours).
PIPELINE_VERSION = "100"
GENERATED_DIRS = ("zh", "en", "bilingual", "feeds")


@dataclass
class BuildOptions:
    root: Path
    sources: Path
    docs: Path
    site: Path | None  # None: --no-site
    report: Path
    state: Path
    config: Path
    lock_wait: float = 600.0
    progress: bool = False


@dataclass
class ArticleRow:
    """One line of the build report (a contract: other tools read these fields)."""

    source: str
    id: str | None
    slug: str | None
    status: str  # built | unchanged | failed | removed
    error: str | None = None
    pages: dict[str, str] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)
    translation: dict = field(default_factory=dict)


@dataclass
class BuildReport:
    articles: list[ArticleRow]
    sources: int
    seconds: float
    site_seconds: float | None = None
    doubtful: list[dict] = field(default_factory=list)  # repairs chosen by a small margin

    def totals(self) -> dict:
        counts = {s: 0 for s in ("built", "unchanged", "failed", "removed")}
        for row in self.articles:
            counts[row.status] += 1
        published = sum(1 for r in self.articles if r.status in ("built", "unchanged"))
        return {
            "sources": self.sources,
            "articles": published,
            **counts,
            "doubtful_repairs": len(self.doubtful),
            "seconds": self.seconds,
        }

    def to_dict(self) -> dict:
        data = {
            "articles": [asdict(r) for r in self.articles],
            "doubtful_repairs": self.doubtful,
            "totals": self.totals(),
        }
        if self.site_seconds is not None:
            data["site_seconds"] = self.site_seconds
        return data

    @property
    def failed(self) -> bool:
        return any(r.status == "failed" for r in self.articles)


class SiteBuildFailed(Exception):
    """MkDocs failed after the pages were written; carries the generator's report."""

    def __init__(self, message: str, report: BuildReport):
        super().__init__(message)
        self.report = report


@dataclass
class _Work:
    """A source the build must (re)process, and what came of it."""

    file: SourceFile
    sha256: str
    size: int
    articles: list[Article] = field(default_factory=list)
    renamed_from: str | None = None
    previous_slugs: dict = field(default_factory=dict)  # by article id and by index
    doubtful: list[dict] = field(default_factory=list)  # its repairs worth a look


@dataclass
class _Plan:
    work: list[_Work]
    unchanged: list[str]  # source paths whose records stand as they are
    removed: list[str]  # source paths gone from the drop
    failures: list[ArticleRow]


def run_build(opts: BuildOptions, log: Callable[[str], None]) -> BuildReport:
    """Build the drop under the project lock and return the report."""
    with build_lock(opts.state, opts.lock_wait, lambda: log("waiting for another digest build…")):
        started = time.perf_counter()
        manifest = Manifest.load(opts.state / "manifest.json")
        glossaries = [p for p in (opts.root / "glossary.yaml",) if p.is_file()]
        translator = open_translator(opts.state, glossary_files=glossaries)
        try:
            report = _build(opts, manifest, translator, started, _pipeline_identity(glossaries))
        finally:
            translator.close()
        if opts.site is not None:
            site_started = time.perf_counter()
            try:
                _build_site_atomically(opts)
            except site.SiteBuildError as exc:
                raise SiteBuildFailed(str(exc), report) from exc
            report.site_seconds = round(time.perf_counter() - site_started, 3)
    return report


def _pipeline_identity(user_files: list[Path]) -> str:
    """The code version plus every data file that shapes the pages (glossaries, junk, topics).

    When it changes every article is re-rendered; unchanged sentences still come from memory.
    """
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.yaml")) + user_files:
        digest.update(path.read_bytes())
    # garble repair reads with the word model, if installed
    digest.update(normalize.word_model_identity().encode())
    return f"{PIPELINE_VERSION}:{digest.hexdigest()[:16]}"


def _build(
    opts: BuildOptions, manifest: Manifest, translator, started: float, pipeline: str
) -> BuildReport:
    outputs = [opts.state, opts.docs, *([opts.site] if opts.site else [])]
    files = discover_sources(opts.sources, opts.root, outputs)
    current = _translator_identity(translator)
    full = manifest.pipeline != pipeline
    plan = _plan(files, manifest, current, full, opts.docs)
    _normalize_all(plan, opts.progress)
    editions = _plan_editions(plan, manifest, files)
    articles = [a for w in plan.work for a in w.articles]
    translations = translator.translate(articles) if articles else {}
    rows = _publish(opts, manifest, plan, translations, editions)
    manifest.pipeline = pipeline
    manifest.save(opts.state / "manifest.json")
    seconds = round(time.perf_counter() - started, 3)
    doubtful = _doubtful_repairs(manifest)
    return BuildReport(articles=rows, sources=len(files), seconds=seconds, doubtful=doubtful)


def _doubtful_repairs(manifest: Manifest) -> list[dict]:
    """Every published source's repairs that the language model chose by a small margin (kept
    in the manifest, so an incremental build lists those of unchanged sources too); start and
    end index the decoded source text."""
    return [
        {"source": path, **repair}
        for path in sorted(manifest.sources)
        for repair in manifest.sources[path].doubtful
    ]


def _translator_identity(translator) -> dict:
    return {
        "engine": translator.engine,
        "model": translator.model,
        "model_version": translator.model_version,
    }


def _needs_retranslation(stored: dict, current: dict) -> bool:
    """A better engine replaces what is published; a worse one never overwrites a real translation."""
    if current["engine"] == "argos":
        return any(stored.get(k) != current[k] for k in ("engine", "model", "model_version"))
    return stored.get("engine") == "pending" and current["engine"] != "pending"


def _plan(
    files: list[SourceFile], manifest: Manifest, current: dict, full: bool, docs: Path
) -> _Plan:
    """Decide, from sizes and hashes alone, which sources need work."""
    on_disk = {f.rel for f in files}
    missing_by_sha = {
        rec.sha256: path for path, rec in manifest.sources.items() if path not in on_disk
    }
    seen_sha: dict[str, str] = {}
    plan = _Plan(work=[], unchanged=[], removed=[], failures=[])
    for f in files:
        try:
            data = read_bytes(f)
        except SourceError as exc:
            plan.failures.append(_failed_row(f.rel, exc.problem))
            continue
        sha = sha256_of(data)
        if data and sha in seen_sha:  # two empty files are each empty, not a copy
            problem = f"identical to {seen_sha[sha]} (same bytes); published once"
            plan.failures.append(_failed_row(f.rel, problem))
            continue
        seen_sha[sha] = f.rel
        record = manifest.sources.get(f.rel)
        if (
            record
            and record.sha256 == sha
            and not full
            and not _stale(record, manifest, current)
            and _pages_present(record, manifest, docs)
        ):
            plan.unchanged.append(f.rel)
            continue
        work = _Work(file=f, sha256=sha, size=len(data), renamed_from=missing_by_sha.pop(sha, None))
        work.previous_slugs = _previous_slugs(manifest, work.renamed_from or f.rel)
        plan.work.append(work)
    renamed = {w.renamed_from for w in plan.work if w.renamed_from}
    failed = {r.source for r in plan.failures}
    plan.removed = [p for p in manifest.sources if p not in on_disk and p not in renamed]
    # A source that now fails keeps what it published before: nothing published is lost.
    plan.unchanged += [p for p in failed if p in manifest.sources]
    return plan


def _pages_present(record: SourceRecord, manifest: Manifest, docs: Path) -> bool:
    """Published pages still on disk (a fresh --docs folder, or pages deleted by hand, are rebuilt)."""
    return all(
        (docs / page).is_file()
        for a in record.articles
        for page in (manifest.articles[a].pages if a in manifest.articles else ["missing"])
    )


def _stale(record: SourceRecord, manifest: Manifest, current: dict) -> bool:
    return any(
        _needs_retranslation(manifest.articles[a].translation, current)
        for a in record.articles
        if a in manifest.articles
    )


def _failed_row(source: str, problem: str) -> ArticleRow:
    return ArticleRow(source=source, id=None, slug=None, status="failed", error=problem)


def _normalize_all(plan: _Plan, progress: bool) -> None:
    """Decode and normalize every source that needs work; a bad file fails alone."""
    kept: list[_Work] = []
    for work in _progress(plan.work, progress, "normalize"):
        try:
            work.articles = _articles_of(work)
        except SourceError as exc:
            plan.failures.append(_failed_row(exc.path, exc.problem))
            continue
        kept.append(work)
    plan.work = kept
    _keep_moved_failures(plan)


def _keep_moved_failures(plan: _Plan) -> None:
    """A published source gone from the drop, where a failing file has its name, is that source
    moved to another drop folder: it keeps what it published, as a failing source in place does."""
    names = {Path(r.source).name for r in plan.failures}
    moved = [p for p in plan.removed if Path(p).name in names]
    plan.removed = [p for p in plan.removed if p not in moved]
    plan.unchanged += moved


def _articles_of(work: _Work) -> list[Article]:
    data = read_bytes(work.file)
    source = load_source(work.file, data)
    result = normalize.normalize_source(source)
    if not result.articles:
        raise SourceError(work.file.rel, "no article text found after clean-up")
    work.doubtful = [
        {k: v for k, v in asdict(c).items() if k != "fix"} for c in normalize.doubtful(result)
    ]
    return result.articles


def _progress(items: list, enabled: bool, desc: str) -> Iterable:
    if not enabled or not items:
        return items
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: garble repair forks helpers (parallel.py)
    return tqdm(items, desc=desc, unit="file", file=sys.stderr, leave=False)


def _plan_editions(
    plan: _Plan, manifest: Manifest, files: list[SourceFile]
) -> dict[str, list[str]]:
    """Which articles tell the same story, after this build; only pairs with a new article are compared.

    Unchanged articles whose editions change are added to the work, so their pages link the new edition.
    """
    retired = set(_retired_ids(manifest, plan))
    survivors = {a: r.fingerprint for a, r in manifest.articles.items() if a not in retired}
    new = {a.id: normalize.fingerprint(a) for w in plan.work for a in w.articles}
    editions = {a: [e for e in manifest.articles[a].editions if e in survivors] for a in survivors}
    editions.update({a: [] for a in new})
    new_ids = list(new)
    for i, a in enumerate(new_ids):
        others = list(survivors.items()) + [(b, new[b]) for b in new_ids[i + 1 :]]
        for b, fp in others:
            if normalize.same_story(new[a], fp):
                editions[a].append(b)
                editions[b].append(a)
    _lend_dates(plan, manifest, editions)
    changed = {a for a in survivors if sorted(editions[a]) != sorted(manifest.articles[a].editions)}
    _rework_sources(plan, manifest, files, {manifest.articles[a].source for a in changed})
    return {a: sorted(e) for a, e in editions.items()}


def _lend_dates(plan: _Plan, manifest: Manifest, editions: dict[str, list[str]]) -> None:
    """An undated new article takes the date of another edition of its story."""
    dates = {a: r.entry["date"] for a, r in manifest.articles.items()}
    dates.update({a.id: a.date for w in plan.work for a in w.articles})
    for article in (a for w in plan.work for a in w.articles):
        normalize.lend_edition_date(article, [dates.get(e) for e in editions[article.id]])


def _rework_sources(
    plan: _Plan, manifest: Manifest, files: list[SourceFile], paths: set[str]
) -> None:
    """Re-render unchanged sources (their text is re-read; their translation comes from memory)."""
    by_path = {f.rel: f for f in files}
    for path in sorted(paths & set(plan.unchanged) & by_path.keys()):  # a moved one is not here
        record = manifest.sources[path]
        work = _Work(file=by_path[path], sha256=record.sha256, size=record.size)
        work.previous_slugs = _previous_slugs(manifest, path)
        try:
            work.articles = _articles_of(work)
        except SourceError:
            continue  # it built before; keep what is published rather than lose it
        plan.unchanged.remove(path)
        plan.work.append(work)


def _publish(
    opts: BuildOptions,
    manifest: Manifest,
    plan: _Plan,
    translations: dict[str, Translation],
    editions: dict[str, list[str]],
) -> list[ArticleRow]:
    """Update the manifest, write changed pages, remove what is gone, rewrite the listings."""
    rows: list[ArticleRow] = list(plan.failures)
    retired = _retired_ids(manifest, plan)
    rows += [_removed_row(manifest, a) for a in retired if a not in translations]
    for a in retired:
        del manifest.articles[a]
    for path in plan.removed:
        del manifest.sources[path]
    built = _record_work(manifest, plan, translations, editions)
    for work in plan.work:
        for article in work.articles:
            _write_article_pages(opts, manifest, article, translations[article.id])
    listing_paths = _write_listings(opts, manifest)
    _sweep_generated(opts.docs, manifest, listing_paths)
    rows += [_article_row(opts, manifest, a, "built", translations.get(a)) for a in built]
    kept = [a for p in plan.unchanged for a in manifest.articles_of(p) if a in manifest.articles]
    rows += [_article_row(opts, manifest, a, "unchanged", None) for a in kept]
    return sorted(rows, key=lambda r: (r.source, r.id or "", r.status))


def _retired_ids(manifest: Manifest, plan: _Plan) -> list[str]:
    """Articles of removed sources and the previous articles of every source being reprocessed."""
    paths = list(plan.removed) + [w.renamed_from or w.file.rel for w in plan.work]
    ids = [a for p in paths for a in manifest.articles_of(p)]
    return [a for a in dict.fromkeys(ids) if a in manifest.articles]


def _removed_row(manifest: Manifest, article_id: str) -> ArticleRow:
    record = manifest.articles[article_id]
    return ArticleRow(source=record.source, id=article_id, slug=record.slug, status="removed")


def _record_work(
    manifest: Manifest,
    plan: _Plan,
    translations: dict[str, Translation],
    editions: dict[str, list[str]],
) -> list[str]:
    """Give each new article a stable slug and a manifest record; return the built ids."""
    built: list[str] = []
    taken = {r.slug for r in manifest.articles.values()}
    for work in plan.work:
        previous = work.previous_slugs
        for article in work.articles:
            slug = previous.get(article.id) or previous.get(article.index)
            if slug is None or slug in taken:
                slug = unique_slug(work.file.rel, article.index, len(work.articles), taken)
            taken.add(slug)
            translation = translations[article.id]
            manifest.articles[article.id] = ArticleRecord(
                source=work.file.rel,
                slug=slug,
                entry=asdict(pages.make_entry(article, translation, slug)),
                fingerprint=normalize.fingerprint(article),
                editions=editions[article.id],
                pages=[],
                translation={
                    "engine": translation.engine,
                    "model": translation.model,
                    "model_version": translation.model_version,
                    "sentences": translation.sentences,
                },
            )
            built.append(article.id)
        if work.renamed_from:
            manifest.sources.pop(work.renamed_from, None)
        manifest.sources[work.file.rel] = SourceRecord(
            sha256=work.sha256,
            size=work.size,
            articles=[a.id for a in work.articles],
            doubtful=work.doubtful,
        )
    for record in manifest.articles.values():
        record.entry["editions"] = [manifest.articles[e].slug for e in record.editions]
    return built


def _previous_slugs(manifest: Manifest, old_path: str) -> dict:
    """Slugs this source's articles had before: by id first, else by position in an edited file."""
    old_ids = [a for a in manifest.articles_of(old_path) if a in manifest.articles]
    by_index: dict = {i: manifest.articles[a].slug for i, a in enumerate(old_ids, 1)}
    return {**by_index, **{a: manifest.articles[a].slug for a in old_ids}}


def _write_article_pages(
    opts: BuildOptions, manifest: Manifest, article: Article, translation: Translation
) -> None:
    record = manifest.articles[article.id]
    entry = ArticleEntry(**record.entry)
    others = [ArticleEntry(**manifest.articles[e].entry) for e in record.editions]
    written = pages.render_article_pages(article, translation, entry, others)
    record.pages = sorted(p.path for p in written)
    for page in written:
        atomic_write_text(opts.docs / page.path, page.content)


def _write_listings(opts: BuildOptions, manifest: Manifest) -> set[str]:
    entries = [ArticleEntry(**r.entry) for _, r in sorted(manifest.articles.items())]
    written = site.render_listing_pages(entries, site.site_url_from_config(opts.config))
    for page in written:
        atomic_write_text(opts.docs / page.path, page.content)
    return {p.path for p in written}


def _sweep_generated(docs: Path, manifest: Manifest, listing_paths: set[str]) -> None:
    """Remove generated files no article or listing accounts for (left by removals or a killed build)."""
    expected = {p for r in manifest.articles.values() for p in r.pages} | listing_paths
    for top in GENERATED_DIRS:
        base = docs / top
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*"), reverse=True):
            rel = path.relative_to(docs).as_posix()
            if path.is_file() and rel not in expected:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def _article_row(
    opts: BuildOptions,
    manifest: Manifest,
    article_id: str,
    status: str,
    translation: Translation | None,
) -> ArticleRow:
    record = manifest.articles[article_id]
    docs_rel = relative_to_root(opts.docs, opts.root)
    by_lang = {_page_language(p): f"{docs_rel}/{p}" for p in record.pages}
    stats = {
        "engine": record.translation["engine"],
        "model": record.translation["model"],
        "sentences": record.translation["sentences"],
        "translated": translation.translated if translation else 0,
        "from_memory": translation.from_memory if translation else 0,
    }
    return ArticleRow(
        source=record.source,
        id=article_id,
        slug=record.slug,
        status=status,
        pages={k: v for k, v in by_lang.items() if k in ("zh", "en")},
        urls=pages.article_urls(record.slug),
        translation=stats,
    )


def _page_language(path: str) -> str:
    return path.split("/", 1)[0]


def _build_site_atomically(opts: BuildOptions) -> None:
    """Build into a sibling folder and swap it in, so the published site is never half-built."""
    assert opts.site is not None
    target = opts.site
    partial = target.with_name(f".{target.name}.partial")
    old = target.with_name(f".{target.name}.old")
    for leftover in (partial, old):
        shutil.rmtree(leftover, ignore_errors=True)
    site.build_site(opts.config, opts.docs, partial)
    if target.exists():
        target.rename(old)
    partial.rename(target)
    shutil.rmtree(old, ignore_errors=True)
