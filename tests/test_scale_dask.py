"""`winnow clean --dask` on a real LocalCluster with worker processes, and `--jobs`, with the corpus stages
(site templates, document rules, near-duplicates) on and off: parts concatenated equal the single-file
export of `--jobs 1` and `--jobs 2`, for any input order; re-running gives identical parts; a worker
killed mid-run loses and duplicates nothing."""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path

import pytest

from scale_helpers import add_site, make_corpus, streaming_recipe
from winnow import cli
from winnow.export import ExportOptions
from winnow.readers import ReadOptions
from winnow.recipe import default_recipe
from winnow.runners.distributed import MANIFEST, REJECTED, WORK, run_parts
from winnow.runners.shards import Shard, plan_shards

distributed = pytest.importorskip("dask.distributed")
ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset"


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
    root = make_corpus(tmp_path_factory.mktemp("dask") / "corpus", files=36)
    add_site(root)
    return root


def clean(*args: str | Path) -> None:
    assert cli.main(["clean", *map(str, args), "-q"]) == cli.EXIT_OK


@pytest.fixture(scope="module")
def single_file(corpus, tmp_path_factory):
    """The streaming export (no corpus stages) of --jobs 1."""
    out = tmp_path_factory.mktemp("single") / "all.jsonl"
    clean(ROOT / "seeds", corpus, "-o", out, "--jobs", "1", "--recipe", streaming_recipe(out.parent / "streaming.toml"))
    return out.read_bytes()


@pytest.fixture(scope="module")
def corpus_export(corpus, tmp_path_factory):
    """The export and the documents left out with the default recipe's corpus stages, --jobs 1."""
    folder = tmp_path_factory.mktemp("corpus-export")
    clean(ROOT / "seeds", corpus, "-o", folder / "all.jsonl", "--rejected", folder / "left-out.jsonl", "--jobs", "1")
    return (folder / "all.jsonl").read_bytes(), (folder / "left-out.jsonl").read_bytes()


def parts_of(folder: Path, sub: str = "") -> list[Path]:
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    return [folder / sub / p["file"] for p in manifest["parts"] if not sub or p["left_out"]]


def merged(folder: Path, sub: str = "") -> bytes:
    return b"".join(p.read_bytes() for p in parts_of(folder, sub))


def test_the_corpus_stages_really_run_on_the_test_corpus(corpus_export):
    kept, left_out = corpus_export
    records = [json.loads(line) for line in kept.decode().splitlines()]
    assert sum(r["removed"]["template.site"] for r in records) >= 12  # the site's menu (its footer goes by an earlier rule)
    reasons = [json.loads(line)["excluded_by"] for line in left_out.decode().splitlines()]
    assert reasons.count("duplicates.near") >= 5 and "seeds/000_41db1fca1b3edd12.txt" in left_out.decode()


def test_corpus_stages_give_the_same_bytes_on_jobs_1_jobs_2_and_dask(cluster, corpus, corpus_export, tmp_path):
    clean(ROOT / "seeds", corpus, "-o", tmp_path / "two.jsonl", "--rejected", tmp_path / "two-left-out.jsonl", "--jobs", "2")
    assert ((tmp_path / "two.jsonl").read_bytes(), (tmp_path / "two-left-out.jsonl").read_bytes()) == corpus_export
    out = tmp_path / "parts"
    args = [ROOT / "seeds", corpus, "-o", out, "--dask", cluster.scheduler_address]
    clean(*args)
    first = {p.name: p.read_bytes() for p in out.rglob("part-*")}
    assert len(parts_of(out)) > 2
    assert (merged(out), merged(out, REJECTED)) == corpus_export
    clean(*args)  # again, into the same folder: the same parts
    assert {p.name: p.read_bytes() for p in out.rglob("part-*")} == first
    assert not (out / WORK).exists()


def test_any_input_order_gives_the_same_corpus(cluster, corpus, corpus_export, tmp_path):
    clean(corpus, ROOT / "seeds", "-o", tmp_path / "reversed.jsonl", "--rejected", tmp_path / "left-out.jsonl", "--jobs", "2")
    assert ((tmp_path / "reversed.jsonl").read_bytes(), (tmp_path / "left-out.jsonl").read_bytes()) == corpus_export
    clean(corpus, ROOT / "seeds", "-o", tmp_path / "parts", "--dask", cluster.scheduler_address)
    assert (merged(tmp_path / "parts"), merged(tmp_path / "parts", REJECTED)) == corpus_export


def test_streaming_parts_concatenated_equal_the_single_file_export_and_rerun_identically(cluster, corpus, single_file, tmp_path):
    out = tmp_path / "parts"
    recipe = streaming_recipe(tmp_path / "streaming.toml")
    args = [ROOT / "seeds", corpus, "-o", out, "--recipe", recipe, "--dask", cluster.scheduler_address]
    clean(*args)
    first = {p.name: p.read_bytes() for p in parts_of(out)}
    assert b"".join(first.values()) == single_file
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["documents"] == single_file.count(b"\n") == sum(p["documents"] for p in manifest["parts"])
    clean(*args)
    assert {p.name: p.read_bytes() for p in parts_of(out)} == first
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted([*first, MANIFEST])


def test_parquet_parts_load_as_one_dataset(cluster, corpus, corpus_export, tmp_path):
    import pandas as pd

    out = tmp_path / "parts"
    clean(ROOT / "seeds", corpus, "-o", out, "-f", "parquet", "--dask", cluster.scheduler_address)
    frame = pd.read_parquet(out)  # the folder as one dataset (the documents left out are in _rejected/, not in it)
    assert list(frame["id"]) == [json.loads(line)["id"] for line in corpus_export[0].decode().splitlines()]


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(client, corpus, corpus_export, tmp_path):
    shards = [s for s in plan_shards([ROOT / "seeds", corpus], files_per_shard=1, by_source=True) if isinstance(s, Shard)]
    assert len(shards) > 20
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    killed = []

    def kill_once(step, documents):
        if step == "clean" and not killed:  # the map step is under way: spills and MinHashes half written
            os.kill(victim, signal.SIGKILL)
            killed.append(step)

    out = tmp_path / "parts"
    out.mkdir()
    parts, _ = run_parts(client, shards, default_recipe(), ReadOptions(), ExportOptions(), out, on_task=kill_once)
    assert killed and [p.index for p in parts] == list(range(len(shards)))
    kept = b"".join((out / p.file).read_bytes() for p in parts)
    left_out = b"".join((out / REJECTED / p.file).read_bytes() for p in parts)
    assert (kept, left_out) == corpus_export
    ids = [json.loads(line)["id"] for line in (kept + left_out).decode().splitlines()]
    assert len(ids) == len(set(ids))
    assert victim not in client.run(os.getpid).values()  # the worker really died and was replaced


@pytest.mark.skipif(not DEVSET.is_dir(), reason="devset (../shared/devset) not present")
@pytest.mark.parametrize("mode", ["html", "text"])
def test_a_devset_sample_is_the_same_on_every_runner(cluster, tmp_path, mode):
    sample = tmp_path / mode
    sample.mkdir()
    for page in sorted((DEVSET / mode).iterdir())[:40]:
        shutil.copyfile(page, sample / page.name)
    clean(sample, "-o", tmp_path / "one.jsonl", "--jobs", "1")
    clean(sample, "-o", tmp_path / "two.jsonl", "--jobs", "2")
    clean(sample, "-o", tmp_path / "parts", "--dask", cluster.scheduler_address)
    one = (tmp_path / "one.jsonl").read_bytes()
    assert one.count(b"\n") >= 35
    assert (tmp_path / "two.jsonl").read_bytes() == one == merged(tmp_path / "parts")


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
