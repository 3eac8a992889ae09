"""newsstream as a user installs it (a wheel, not an editable checkout) finds its schemas and its broker's pom."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def test_the_wheel_carries_its_data_and_the_installed_package_finds_it(tmp_path):
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                            "--wheel-dir", str(tmp_path / "dist"), str(PROJECT)], capture_output=True, text=True,
                           timeout=300)
    assert build.returncode == 0, build.stderr
    [wheel] = (tmp_path / "dist").glob("newsstream-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    schemas = {Path(name).name for name in names if name.startswith("newsstream/schemas/")}
    assert {"raw-article.schema.json", "enriched-article.schema.json", "unique.schema.json", "trending.schema.json",
            "deadletter.schema.json"} <= schemas
    assert "newsstream/broker_pom.xml" in names
    check = ("import newsstream.contracts as c, newsstream.kafka.broker as b; "
             "assert all(c.load_schema(n)['$id'] for n in c.SCHEMAS); "
             "assert b.DEFAULT_POM.is_file() and 'kafka' in b.DEFAULT_POM.read_text(); "
             "print(b.DEFAULT_POM)")
    run = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
                         cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert str(tmp_path / "site") in run.stdout  # the installed copy, not the checkout
