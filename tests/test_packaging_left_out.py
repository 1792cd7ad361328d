"""What the frozen app leaves out (Dask, pyarrow) is refused with a message that says so, never a traceback,
and nothing is written. Simulated here by hiding the modules from the source install."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from winnow.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_dask_without_dask_installed_is_refused_before_anything_is_written(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed: find_spec answers None
    out = tmp_path / "parts"
    assert main(["clean", str(SEEDS), "--dask", "local", "--output", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "--dask needs Dask, which this build of Winnow leaves out" in err and "winnow[cluster]" in err
    assert "Traceback" not in err and not out.exists()


@pytest.mark.parametrize("module", ["pyarrow", "pyarrow.parquet"])
def test_parquet_without_pyarrow_is_refused_and_leaves_no_file(tmp_path, monkeypatch, capsys, module):
    monkeypatch.setitem(sys.modules, module, None)
    out = tmp_path / "corpus.parquet"
    assert main(["clean", str(SEEDS), "--jobs", "1", "--output", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert f"Parquet export needs {module}, which this build of Winnow leaves out" in err
    assert list(tmp_path.iterdir()) == []
