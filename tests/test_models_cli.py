"""`digest models`, driven through an argparse parser as generator/cli.py builds it."""

from __future__ import annotations

import argparse
import zipfile
from pathlib import Path

import pytest

from generator.translate.cli import add_models_command
from generator.translate.packages import find_zh_en


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="digest")
    add_models_command(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["models", *argv])
    return args.func(args)


@pytest.fixture
def empty_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(directory))
    return directory


def test_install_from_file_then_list_then_remove(
    empty_dir: Path, argos_package_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("install", "--from", str(argos_package_file)) == 0
    assert find_zh_en(empty_dir).version == "1.0"
    assert run("list") == 0
    assert "translate-zh_en 1.0  zh->en  (used for zh->en)" in capsys.readouterr().out
    assert run("remove", "translate-zh_en") == 0
    assert find_zh_en(empty_dir) is None


def test_installed_package_loads_in_argostranslate(
    empty_dir: Path, argos_package_file: Path
) -> None:
    from argostranslate import package

    run("install", "--from", str(argos_package_file))
    (installed,) = package.get_installed_packages([empty_dir])
    assert (installed.from_code, installed.to_code, installed.package_version) == (
        "zh",
        "en",
        "1.0",
    )


def test_install_from_index_without_network_fails_in_one_line(
    empty_dir: Path, network_guard: list, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("install") == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "Traceback" not in error and "--from" in error


@pytest.mark.parametrize(
    ("members", "problem"),
    [
        ({"pkg/metadata.json": "{}"}, "missing model/model.bin"),
        ({"a/metadata.json": "{}", "b/x": ""}, "one top folder"),
        ({"../evil/metadata.json": "{}"}, "outside"),
    ],
)
def test_bad_package_files_are_refused(
    empty_dir: Path,
    tmp_path: Path,
    members: dict[str, str],
    problem: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    archive = tmp_path / "bad.argosmodel"
    with zipfile.ZipFile(archive, "w") as zipped:
        for name, content in members.items():
            zipped.writestr(name, content)
    assert run("install", "--from", str(archive)) == 2
    assert problem in capsys.readouterr().err
    assert not empty_dir.exists() or not any(empty_dir.iterdir())


def test_not_a_zip_and_unknown_name_are_usage_errors(empty_dir: Path, tmp_path: Path) -> None:
    text = tmp_path / "model.argosmodel"
    text.write_text("not a zip")
    assert run("install", "--from", str(text)) == 2
    assert run("remove", "translate-xx_yy") == 2
