"""Finding, installing and removing Argos packages without the network.

argostranslate reads ARGOS_PACKAGES_DIR once, at import time; the build and the
`models` command read it at call time instead, so tests and users can point a
single run at another directory.
"""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

REQUIRED_FILES = ("metadata.json", "model/model.bin", "sentencepiece.model")


class PackageError(Exception):
    """A package file or name that cannot be used; the message says why."""


@dataclass(frozen=True)
class InstalledPackage:
    """What the translate stage needs to know of one installed package."""

    path: Path
    name: str  # argospm name, e.g. "translate-zh_en"
    version: str
    from_code: str
    to_code: str
    target_prefix: str = ""

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def sentencepiece_model(self) -> Path:
        return self.path / "sentencepiece.model"


def packages_dir() -> Path:
    """ARGOS_PACKAGES_DIR as set now, else argostranslate's own default."""
    configured = os.environ.get("ARGOS_PACKAGES_DIR")
    if configured:
        return Path(configured)
    from argostranslate import settings

    return Path(settings.package_data_dir)


def installed_packages(directory: Path | None = None) -> list[InstalledPackage]:
    """Every package directory with a readable metadata.json, sorted by name."""
    root = packages_dir() if directory is None else directory
    if not root.is_dir():
        return []
    found = (_read_package(child) for child in sorted(root.iterdir()) if child.is_dir())
    return [package for package in found if package is not None]


def find_zh_en(directory: Path | None = None) -> InstalledPackage | None:
    """The newest installed zh->en translate package, if any."""
    candidates = [
        package
        for package in installed_packages(directory)
        if (package.from_code, package.to_code) == ("zh", "en")
        and (package.model_dir / "model.bin").is_file()
        and package.sentencepiece_model.is_file()
    ]
    return max(candidates, key=lambda package: _version_key(package.version), default=None)


def install_from_file(archive: Path, directory: Path | None = None) -> InstalledPackage:
    """Check an .argosmodel archive, then unpack it into the packages dir."""
    target = packages_dir() if directory is None else directory
    top = _checked_top_folder(archive)
    target.mkdir(parents=True, exist_ok=True)
    if (target / top).exists():
        shutil.rmtree(target / top)
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(target)
    package = _read_package(target / top)
    if package is None:
        raise PackageError(f"{archive}: metadata.json is not valid JSON")
    return package


def remove_package(name: str, directory: Path | None = None) -> InstalledPackage:
    """Delete the package whose argospm name or folder name is `name`."""
    for package in installed_packages(directory):
        if name in (package.name, package.path.name):
            shutil.rmtree(package.path)
            return package
    raise PackageError(f"no installed package named {name!r}")


def _checked_top_folder(archive: Path) -> str:
    """Name of the archive's single top folder, refusing anything that is not a package."""
    if not zipfile.is_zipfile(archive):
        raise PackageError(f"{archive}: not an .argosmodel file (not a zip archive)")
    with zipfile.ZipFile(archive) as zipped:
        names = [PurePosixPath(name) for name in zipped.namelist()]
    if any(name.is_absolute() or ".." in name.parts for name in names):
        raise PackageError(f"{archive}: refuses paths outside the package folder")
    tops = {name.parts[0] for name in names if name.parts}
    if len(tops) != 1:
        raise PackageError(f"{archive}: expected one top folder, found {len(tops)}")
    top = tops.pop()
    present = {str(name) for name in names}
    missing = [file for file in REQUIRED_FILES if f"{top}/{file}" not in present]
    if missing:
        raise PackageError(f"{archive}: missing {', '.join(missing)}")
    return top


def _read_package(path: Path) -> InstalledPackage | None:
    try:
        metadata = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(metadata, dict):
        return None
    from_code, to_code = metadata.get("from_code"), metadata.get("to_code")
    kind = metadata.get("type", "translate")
    return InstalledPackage(
        path=path,
        name=metadata.get("package_name") or f"{kind}-{from_code}_{to_code}",
        version=str(metadata.get("package_version", "")),
        from_code=str(from_code),
        to_code=str(to_code),
        target_prefix=metadata.get("target_prefix", ""),
    )


def _version_key(version: str) -> tuple[int, ...]:
    """Numeric parts of a dotted version, so 1.10 sorts after 1.9."""
    return tuple(int(part) for part in version.split(".") if part.isdigit())
