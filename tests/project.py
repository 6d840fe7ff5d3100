"""A throw-away copy of the project (sample drop, mkdocs.yml, hand-written docs) and a way to run `digest` in it.

Tests drive the real command in a subprocess, as a user would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
OFFLINE = Path(__file__).resolve().parent / "offline"
GENERATED = {"zh", "en", "bilingual", "feeds"}


@dataclass
class Project:
    root: Path

    @property
    def sources(self) -> Path:
        return self.root / "sources"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def network_log(self) -> Path:
        return self.root.parent / "network-attempts.log"

    def network_attempts(self) -> list[str]:
        """Connections any `digest` run in this project tried to open (all were refused)."""
        if not self.network_log.exists():
            return []
        return self.network_log.read_text("utf-8").splitlines()

    def digest(self, *args: str, env: dict[str, str] | None = None, timeout: float = 600):
        """Run the real `digest` command in this project, with the network refused and logged."""
        pythonpath = os.pathsep.join(filter(None, [str(OFFLINE), os.environ.get("PYTHONPATH")]))
        full_env = {
            **os.environ,
            "PYTHONPATH": pythonpath,
            "DIGEST_NET_LOG": str(self.network_log),
            **(env or {}),
        }
        return subprocess.run(
            [sys.executable, "-m", "generator.cli", *args],
            cwd=self.root,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def build(self, *args: str, env: dict[str, str] | None = None, site: bool = False):
        extra = () if site else ("--no-site",)
        return self.digest("build", *extra, *args, env=env)

    def report(self) -> dict:
        return json.loads((self.root / "build-report.json").read_text("utf-8"))

    def docs_snapshot(self) -> dict[str, tuple[bytes, int]]:
        """Every generated file under docs/: bytes and mtime (ns)."""
        snap = {}
        for top in GENERATED:
            for path in sorted((self.docs / top).rglob("*")):
                if path.is_file():
                    snap[path.relative_to(self.docs).as_posix()] = (
                        path.read_bytes(),
                        path.stat().st_mtime_ns,
                    )
        return snap


def make_project(where: Path, with_samples: bool = True) -> Project:
    """Copy what a fresh clone has (sources/, mkdocs.yml, docs/ hand-written parts) into `where`."""
    root = where / "project"
    root.mkdir(parents=True)
    if with_samples:
        shutil.copytree(REPO / "sources", root / "sources")
    else:
        (root / "sources").mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(
        REPO / "docs", root / "docs", ignore=lambda d, names: [n for n in names if n in GENERATED]
    )
    return Project(root)


def front_matter(page: Path) -> dict:
    text = page.read_text("utf-8")
    assert text.startswith("---\n"), f"{page} has no front matter"
    return yaml.safe_load(text.split("\n---\n", 1)[0][4:])
