"""Fixtures for the translation stage: a tiny genuine Argos package, and a network guard.

The tiny model (tests/argos_package.py) copies what it does not know and
translates 南通 -> Nantong, 会议 -> meeting, 发展 -> development.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.argos_package import build_package


@pytest.fixture(scope="session")
def argos_package_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path to the tiny translate-zh_en .argosmodel, built once per session."""
    return build_package(tmp_path_factory.mktemp("argos-build"))


@pytest.fixture(scope="session")
def _installed_argos_dir(
    tmp_path_factory: pytest.TempPathFactory, argos_package_file: Path
) -> Path:
    """The package installed by argostranslate's own installer, into a session folder."""
    from argostranslate import package, settings

    directory = tmp_path_factory.mktemp("argos-packages")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "package_data_dir", directory)  # argos read the env at import
        package.install_from_path(argos_package_file)
    return directory


@pytest.fixture
def argos_packages_dir(_installed_argos_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A packages dir holding the tiny package, with ARGOS_PACKAGES_DIR pointing at it."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(_installed_argos_dir))
    return _installed_argos_dir


@pytest.fixture
def no_argos_packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty packages dir, so the build falls back to the gloss."""
    directory = tmp_path / "no-packages"
    directory.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(directory))
    return directory


@pytest.fixture
def network_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Make every socket connection fail; yields the addresses something tried to reach."""
    attempts: list[object] = []

    def refuse(_socket: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError(f"network disabled in tests (tried {address!r})")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: refuse(None, address))
    yield attempts
