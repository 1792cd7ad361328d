"""`winnow clean --dask`: a real LocalCluster with worker processes; parts concatenated equal the
single-file export, re-running gives identical parts, and a worker killed mid-run loses and duplicates
nothing."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

from scale_helpers import make_corpus, streaming_recipe
from winnow import cli
from winnow.export import ExportOptions
from winnow.readers import ReadOptions
from winnow.recipe import default_recipe
from winnow.runners.distributed import MANIFEST, run_parts
from winnow.runners.shards import Shard, plan_shards

distributed = pytest.importorskip("dask.distributed")
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def client(cluster):
    with distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("dask") / "corpus", files=36)


@pytest.fixture(scope="module")
def single_file(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("single") / "all.jsonl"
    recipe = streaming_recipe(out.parent / "streaming.toml")  # --dask leaves the corpus stages out
    assert cli.main(["clean", str(ROOT / "seeds"), str(corpus), "-o", str(out), "-q", "--jobs", "1", "--recipe", str(recipe)]) == 0
    return out.read_bytes()


def parts_of(folder: Path) -> list[Path]:
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    return [folder / p["file"] for p in manifest["parts"]]


def test_parts_concatenated_equal_the_single_file_export_and_rerun_identically(cluster, corpus, single_file, tmp_path):
    out = tmp_path / "parts"
    args = ["clean", str(ROOT / "seeds"), str(corpus), "-o", str(out), "-q", "--dask", cluster.scheduler_address]
    assert cli.main(args) == cli.EXIT_OK
    first = {p.name: p.read_bytes() for p in parts_of(out)}
    assert b"".join(first.values()) == single_file
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["documents"] == single_file.count(b"\n") == sum(p["documents"] for p in manifest["parts"])
    assert cli.main(args) == cli.EXIT_OK  # again, into the same folder
    assert {p.name: p.read_bytes() for p in parts_of(out)} == first
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted([*first, MANIFEST])


def test_parquet_parts_load_as_one_dataset(cluster, corpus, single_file, tmp_path):
    import pandas as pd

    out = tmp_path / "parts"
    assert cli.main(["clean", str(corpus), "-o", str(out), "-f", "parquet", "-q", "--dask", cluster.scheduler_address]) == 0
    frame = pd.read_parquet(out)  # the folder as one dataset
    expected = [json.loads(line) for line in single_file.decode().splitlines() if '"source": "corpus/' in line]
    assert sorted(frame["id"]) == sorted(r["id"] for r in expected)


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(client, corpus, single_file, tmp_path):
    shards = [s for s in plan_shards([ROOT / "seeds", corpus], files_per_shard=1) if isinstance(s, Shard)]
    assert len(shards) > 20
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    killed = []

    def kill_once(part):
        if not killed:
            os.kill(victim, signal.SIGKILL)
            killed.append(part.index)

    out = tmp_path / "parts"
    out.mkdir()
    parts = run_parts(client, shards, default_recipe(), ReadOptions(), ExportOptions(), out, on_done=kill_once)
    assert killed and [p.index for p in parts] == list(range(len(shards)))
    merged = b"".join((out / p.file).read_bytes() for p in parts)
    assert merged == single_file
    ids = [json.loads(line)["id"] for line in merged.decode().splitlines()]
    assert len(ids) == len(set(ids))
    assert victim not in client.run(os.getpid).values()  # the worker really died and was replaced


def test_a_folder_of_the_users_is_never_replaced(cluster, corpus, tmp_path, capsys):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    code = cli.main(["clean", str(corpus), "-o", str(mine), "-q", "--dask", cluster.scheduler_address])
    assert code == cli.EXIT_FAILED and "did not write" in capsys.readouterr().err
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]


def test_an_unreachable_scheduler_is_a_clear_message(corpus, tmp_path, capsys):
    code = cli.main(["clean", str(corpus), "-o", str(tmp_path / "x"), "-q", "--dask", "tcp://127.0.0.1:9"])
    assert code == cli.EXIT_FAILED and "cannot reach the Dask scheduler" in capsys.readouterr().err
