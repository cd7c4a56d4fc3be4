"""The distribution: its name on the package index is not `translate`, and its wheel gives the `translate` command."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest
from conftest import ROOT

from translate import DISTRIBUTION, install_hint


def test_a_wheel_is_named_for_the_distribution_and_gives_the_translate_command(tmp_path):
    """Builds the wheel from a copy of the sources (the build leaves files behind), without the network."""
    pytest.importorskip("setuptools", reason="building the wheel without the network needs setuptools installed")
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "translate", source / "translate", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
                    "-w", str(tmp_path / "dist"), str(source)], check=True, capture_output=True, timeout=300)
    wheel = next((tmp_path / "dist").glob("*.whl"))
    assert wheel.name.startswith("dutch_news_translate-")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = next(name.split("/")[0] for name in names if name.endswith(".dist-info/METADATA"))
        metadata = archive.read(f"{info}/METADATA").decode()
        entry_points = archive.read(f"{info}/entry_points.txt").decode()
    assert f"\nName: {DISTRIBUTION}\n" in metadata and "Provides-Extra: parquet" in metadata
    assert "[console_scripts]\ntranslate = translate.cli:main" in entry_points
    # pip install . alone gives the default backend for both models, and the pins travel with the package.
    assert "\nRequires-Dist: ctranslate2" in metadata
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("translate/models.lock") == (ROOT / "models.lock").read_bytes()
    # Every module and the review page's files: the package folder is `translate`, whatever the distribution.
    shipped = {path.relative_to(ROOT).as_posix() for path in (ROOT / "translate").rglob("*")
               if path.suffix in (".py", ".css", ".js")}
    assert shipped <= names


def test_install_hints_name_the_distribution():
    assert install_hint("parquet") == "pip install 'dutch-news-translate[parquet]'"
    stale = [path for path in (ROOT / "translate").rglob("*.py") if "'translate[" in path.read_text(encoding="utf-8")]
    assert stale == []
