"""`digest models list | install [--from FILE] | remove NAME`.

Exit codes: 0 done, 2 usage or configuration error (bad file, unknown name,
no network for the index). Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import urllib.request
from pathlib import Path

from generator.translate.packages import (
    PackageError,
    find_zh_en,
    install_from_file,
    installed_packages,
    packages_dir,
    remove_package,
)

INDEX_TIMEOUT_SECONDS = 20


def add_models_command(subparsers: argparse._SubParsersAction) -> None:
    """Register `models` and its actions on the top-level parser's subparsers."""
    models = subparsers.add_parser("models", help="list, install or remove translation models")
    actions = models.add_subparsers(dest="models_action", required=True)
    actions.add_parser("list", help="show installed Argos packages").set_defaults(func=list_models)
    install = actions.add_parser("install", help="install zh->en (from the Argos index or a file)")
    install.add_argument("--from", dest="archive", type=Path, help="an .argosmodel file")
    install.set_defaults(func=install_model)
    remove = actions.add_parser("remove", help="remove an installed package")
    remove.add_argument("name", help="package name, e.g. translate-zh_en")
    remove.set_defaults(func=remove_model)


def list_models(_args: argparse.Namespace) -> int:
    directory = packages_dir()
    packages = installed_packages(directory)
    print(f"packages dir: {directory}")
    if not packages:
        print("no packages installed; English pages will be glosses")
    used = find_zh_en(directory)
    for package in packages:
        mark = "  (used for zh->en)" if used and package.path == used.path else ""
        print(f"{package.name} {package.version}  {package.from_code}->{package.to_code}{mark}")
    return 0


def install_model(args: argparse.Namespace) -> int:
    try:
        archive = args.archive or _download_zh_en()
        package = install_from_file(archive)
    except PackageError as error:
        return _fail(str(error))
    print(f"installed {package.name} {package.version} into {package.path.parent}")
    return 0


def remove_model(args: argparse.Namespace) -> int:
    try:
        package = remove_package(args.name)
    except PackageError as error:
        return _fail(str(error))
    print(f"removed {package.name} {package.version}")
    return 0


def _download_zh_en() -> Path:
    """Fetch the zh->en package named in the Argos index (needs a network)."""
    from argostranslate import settings

    index = json.loads(_fetch(settings.remote_package_index))
    entry = next(
        (item for item in index if (item.get("from_code"), item.get("to_code")) == ("zh", "en")),
        None,
    )
    if entry is None or not entry.get("links"):
        raise PackageError("the Argos index lists no zh->en package")
    archive = Path(tempfile.mkdtemp()) / "translate-zh_en.argosmodel"
    archive.write_bytes(_fetch(entry["links"][0]))
    return archive


def _fetch(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=INDEX_TIMEOUT_SECONDS) as response:
            return response.read()
    except (OSError, ValueError) as error:
        raise PackageError(
            f"cannot download {url} ({error}); install a file with `digest models install --from`"
        ) from error


def _fail(message: str) -> int:
    print(f"digest models: {message}", file=sys.stderr)
    return 2
