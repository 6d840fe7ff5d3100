"""The `digest` command: build, normalize, models.

Exit status (a contract): 0 success, 1 some sources failed (the rest built),
2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from generator.parallel import cores_allowed

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        cores_allowed()
    except ValueError as exc:
        print(f"digest: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("digest: interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    from generator.translate.cli import add_models_command

    parser = argparse.ArgumentParser(
        prog="digest", description="Bilingual (zh/en) digest site generator."
    )
    commands = parser.add_subparsers(metavar="COMMAND")
    _add_build_command(commands)
    _add_normalize_command(commands)
    add_models_command(commands)
    return parser


def _add_build_command(commands) -> None:
    build = commands.add_parser(
        "build", help="build pages from the drop and publish the site with MkDocs"
    )
    build.add_argument("--sources", type=Path, default=Path("sources"), help="drop folder")
    build.add_argument("--docs", type=Path, default=Path("docs"), help="MkDocs docs folder")
    build.add_argument("--site", type=Path, default=Path("site"), help="published site folder")
    build.add_argument("--no-site", action="store_true", help="write pages only, skip MkDocs")
    build.add_argument(
        "--report", type=Path, default=Path("build-report.json"), help="JSON build report"
    )
    build.add_argument(
        "--state", type=Path, default=Path(".digest"), help="translation memory, manifest, lock"
    )
    build.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs config")
    build.add_argument(
        "--wait", type=float, default=600.0, help="seconds to wait for another running build"
    )
    build.set_defaults(func=_run_build)


def _run_build(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import ConfigurationError

    from generator.build import BuildOptions, SiteBuildFailed, run_build
    from generator.storage import BuildLocked, atomic_write_text
    from generator.translate.glossary import GlossaryError

    root = Path.cwd()
    problem = _configuration_problem(args)
    if problem:
        print(f"digest build: {problem}", file=sys.stderr)
        return EXIT_USAGE
    opts = BuildOptions(
        root=root,
        sources=args.sources,
        docs=args.docs,
        site=None if args.no_site else args.site,
        report=args.report,
        state=args.state,
        config=args.config,
        lock_wait=args.wait,
        progress=sys.stderr.isatty(),
    )
    try:
        report = run_build(opts, lambda msg: print(msg, file=sys.stderr))
    except (BuildLocked, GlossaryError, ConfigurationError) as exc:
        print(f"digest build: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SiteBuildFailed as exc:
        # The pages are written and the published site is left as it was.
        atomic_write_text(args.report, _report_json(exc.report))
        _print_summary(exc.report, args)
        print(f"digest build: pages written, but the site build failed: {exc}", file=sys.stderr)
        return EXIT_FAILED
    atomic_write_text(args.report, _report_json(report))
    _print_summary(report, args)
    return EXIT_FAILED if report.failed else EXIT_OK


def _report_json(report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _configuration_problem(args: argparse.Namespace) -> str | None:
    if not args.sources.is_dir():
        return f"sources folder {args.sources} does not exist (use --sources DIR)"
    if not args.no_site and not args.config.is_file():
        return (
            f"MkDocs config {args.config} not found (run from the project folder or use --config)"
        )
    return None


def _print_summary(report, args: argparse.Namespace) -> None:
    for row in report.articles:
        if row.status == "failed":
            print(f"FAILED {row.source}: {row.error}", file=sys.stderr)
    t = report.totals()
    where = "" if args.no_site else f"; site in {args.site}/"
    print(
        f"digest: {t['articles']} articles from {t['sources']} sources — {t['built']} built, "
        f"{t['unchanged']} unchanged, {t['removed']} removed, {t['failed']} failed "
        f"in {t['seconds']:.1f}s{where}; report in {args.report}"
    )
    if t["doubtful_repairs"]:
        print(
            f"digest: {t['doubtful_repairs']} repair(s) chosen by a small margin are worth a look: "
            f"doubtful_repairs in {args.report}"
        )


def _add_normalize_command(commands) -> None:
    norm = commands.add_parser("normalize", help="print the clean text of one source file")
    norm.add_argument("file", type=Path)
    norm.add_argument(
        "--explain", action="store_true", help="print JSON with metadata and every change"
    )
    norm.set_defaults(func=_run_normalize)


def _run_normalize(args: argparse.Namespace) -> int:
    from generator.ingest import SourceFile, load_source, read_bytes
    from generator.models import SourceError
    from generator.normalize import doubtful, explain, normalize_source

    source_file = SourceFile(path=args.file, rel=str(args.file))
    try:
        source = load_source(source_file, read_bytes(source_file))
    except SourceError as exc:
        print(f"digest normalize: {exc}", file=sys.stderr)
        return EXIT_FAILED
    result = normalize_source(source)
    if args.explain:
        print(json.dumps(explain(result), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(result.text)
        if guesses := doubtful(result):
            print(
                f"digest normalize: {len(guesses)} repair(s) chosen by a small margin; "
                "--explain shows each with the reading it was chosen over",
                file=sys.stderr,
            )
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
