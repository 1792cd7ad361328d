"""`winnow clean --jobs N`: the same bytes for any N, a bounded window of work in flight, Ctrl-C leaves nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scale_helpers import SITE_TEMPLATE, add_site, make_corpus, streaming_recipe
from winnow import cli
from winnow.core.model import Problem
from winnow.recipe import default_recipe
from winnow.runners import corpus_passes, local
from winnow.runners.shards import Shard, plan_shards

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus"), files=40)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "txt-single"])
def test_jobs_1_and_2_write_the_same_bytes(corpus, tmp_path, fmt):
    outputs = []
    for jobs in (1, 2):
        out, rejected = tmp_path / f"out-{jobs}.{fmt}", tmp_path / f"rejected-{jobs}.jsonl"
        assert cli.main(["clean", str(ROOT / "seeds"), str(corpus), "-o", str(out), "-f", fmt, "-q", "--jobs", str(jobs), "--rejected", str(rejected)]) == 0
        outputs.append((out.read_bytes(), rejected.read_bytes()))
    assert outputs[0] == outputs[1]
    kept, left_out = outputs[0]
    # every generated document is there (titles or text), kept or left out as a copy of another: the
    # generator repeats its few sentences, so the corpus stages find most pages to be near-duplicates
    assert kept.count(b"Headline number") >= 1
    assert kept.count(b"Headline number") + left_out.count(b"\n") >= 52


def test_the_plan_covers_every_file_once_in_discovery_order(corpus):
    from winnow.readers import discover

    shards = [s for s in plan_shards([corpus], files_per_shard=4) if isinstance(s, Shard)]
    planned = [source for shard in shards for _, source in shard.files]
    assert planned == [source for _, source in discover([corpus])]
    assert len(shards) > 4 and all(len(s.files) <= 4 for s in shards)


def test_only_a_bounded_window_of_shards_is_in_flight(corpus):
    """Reading runs ahead of writing by at most jobs * AHEAD shards, however slow the writer."""
    shards = [s for s in plan_shards([corpus], files_per_shard=1) if isinstance(s, Shard)]
    pulled = 0

    def feed():
        nonlocal pulled
        for shard in shards:
            pulled += 1
            yield shard

    jobs = 2
    results = local.clean_in_parallel(feed(), default_recipe(), jobs=jobs)
    most_ahead = 0
    for n, _ in enumerate(results, 1):
        time.sleep(0.01)  # a slow writer
        most_ahead = max(most_ahead, pulled - n)
    assert pulled == len(shards)
    assert most_ahead <= jobs * local.AHEAD + 2  # the pool's window plus the one being collected


def test_walking_problems_pass_through_in_order(tmp_path, corpus):
    missing = tmp_path / "nope"
    items = list(local.clean_in_parallel(plan_shards([missing, corpus]), default_recipe(), jobs=2))
    assert isinstance(items[0], Problem) and "no such file" in items[0].message
    assert sum(not isinstance(i, Problem) for i in items) == 40 + 12


@pytest.mark.parametrize("corpus_stages", [False, True])
def test_ctrl_c_stops_the_workers_and_leaves_no_output(tmp_path, corpus_stages):
    big = make_corpus(tmp_path / "big", files=1500)
    out = tmp_path / "out.jsonl"
    recipe = [] if corpus_stages else ["--recipe", str(streaming_recipe(tmp_path / "streaming.toml"))]
    env = {**os.environ}
    env.pop("QT_QPA_PLATFORM", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "winnow", "clean", str(big), "-o", str(out), "-q", "--jobs", "2", *recipe],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 120
    # the export streams while the workers clean; with the corpus stages, the passes are spilling
    begun = ".winnow-work-*/clean-*" if corpus_stages else ".out.jsonl.*.part"
    while not list(tmp_path.glob(begun)):
        assert proc.poll() is None and time.monotonic() < deadline, "the export never started"
        time.sleep(0.05)
    workers = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
    assert len(workers) >= 2
    os.kill(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == cli.EXIT_FAILED, err
    assert "interrupted" in err and "Traceback" not in err, err
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part") or p.name.startswith(".winnow-work")]
    assert not [pid for pid in workers if _running(int(pid))]


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_lost_worker_is_reported_and_nothing_is_written(corpus, tmp_path, monkeypatch):
    def die(shard, options):  # what an out-of-memory kill looks like to the pool
        os._exit(3)

    monkeypatch.setattr(local, "read_shard", die)  # the forked workers inherit it
    monkeypatch.setattr(corpus_passes, "read_shard", die)  # (the corpus stages' passes read through this one)
    for recipe in ([], ["--recipe", str(streaming_recipe(tmp_path / "streaming.toml"))]):
        out = tmp_path / "out.jsonl"
        code = cli.main(["clean", str(corpus), "-o", str(out), "-q", "--jobs", "2", *recipe])
        assert code == cli.EXIT_FAILED
        assert not out.exists()
        assert [p.name for p in tmp_path.iterdir()] == ["streaming.toml"]  # no spill folder left behind


def test_a_file_list_gets_every_corpus_stage_and_the_same_export_as_its_folder(tmp_path, capsys):
    """--files-from (and --shard) run the site templates too: the export equals that of the folder listed."""
    site = add_site(tmp_path / "in")
    listing = tmp_path / "list.txt"
    listing.write_text("".join(f"{p}\n" for p in sorted(site.iterdir(), reverse=True)), encoding="utf-8")
    exports = []
    for args in ([str(site)], ["--files-from", str(listing)], ["--files-from", str(listing), "--shard", "1/1"]):
        out = tmp_path / "out.jsonl"
        assert cli.main(["clean", *args, "-o", str(out), "--jobs", "2"]) == 0
        exports.append([{k: r[k] for k in ("text", "removed")} for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())])
        assert "template.site" in capsys.readouterr().err  # in the summary of lines removed per rule
    assert exports[0] == exports[1] == exports[2]
    assert all(r["removed"]["template.site"] == 1 and SITE_TEMPLATE[0] not in r["text"] for r in exports[0])
    assert len(exports[0]) == 12


def test_a_file_list_streams_through_the_worker_pool(tmp_path):
    corpus = make_corpus(tmp_path / "in", files=20)
    listing = tmp_path / "list.txt"
    listing.write_text("".join(f"{p}\n" for p in sorted(corpus.rglob("*.*"))), encoding="utf-8")
    recipe = streaming_recipe(tmp_path / "streaming.toml")
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}.jsonl"
        assert cli.main(["clean", "--files-from", str(listing), "-o", str(out), "-q", "--jobs", jobs, "--recipe", str(recipe)]) == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and outputs[0].count(b"\n") == 20 + 12


def test_the_language_model_preloaded_in_a_thread_is_loaded_once(monkeypatch):
    """`winnow clean` starts loading the language model in a thread while it imports the engine; whoever asks
    for it meanwhile waits for that one load instead of starting another."""
    import threading

    from winnow.text.language import LanguageIdentifier

    loads = []
    started = threading.Event()

    def slow_init(self):
        loads.append(threading.current_thread().name)
        started.set()
        time.sleep(0.2)
        self._model = None

    monkeypatch.setattr(LanguageIdentifier, "_shared", None)
    monkeypatch.setattr(LanguageIdentifier, "__init__", slow_init)
    LanguageIdentifier.preload()
    assert started.wait(5)
    got = []
    askers = [threading.Thread(target=lambda: got.append(LanguageIdentifier.shared())) for _ in range(3)]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join(5)
    assert loads == ["language-model"] and len(got) == 3 and len({id(g) for g in got}) == 1


@pytest.mark.parametrize("extra", [[], ["--fields", "url,title"]])
def test_workers_render_the_jsonl_export_with_the_same_bytes(corpus, tmp_path, monkeypatch, extra):
    """With several workers and corpus stages, the JSONL export and --rejected file are rendered shard by
    shard in the workers and appended in order: the same bytes as the single writer of --jobs 1."""
    rendered = []
    real = corpus_passes.CorpusRun.rendered

    def spy(self, *args):
        rendered.append(True)
        return real(self, *args)

    monkeypatch.setattr(corpus_passes.CorpusRun, "rendered", spy)
    outputs = []
    for jobs in (1, 2):
        out, rejected = tmp_path / f"out-{jobs}.jsonl", tmp_path / f"rejected-{jobs}.jsonl"
        args = ["clean", str(ROOT / "seeds"), str(corpus), "-o", str(out), "-q", "--jobs", str(jobs), "--rejected", str(rejected), *extra]
        assert cli.main(args) == 0
        outputs.append((out.read_bytes(), rejected.read_bytes()))
        assert len(rendered) == jobs - 1  # --jobs 1 writes itself
    assert outputs[0] == outputs[1]
    assert outputs[0][1].count(b"\n") >= 1  # copies were left out, with their reasons
    assert not list(tmp_path.glob(".winnow-work-*"))  # the part files went with the work folder


@pytest.mark.parametrize("pages, loaded", [(False, "False"), (True, "True")])
def test_the_parent_loads_the_html_extraction_for_its_workers_only_when_a_file_may_hold_a_page(tmp_path, pages, loaded):
    """Before forking its workers, `winnow clean --jobs 2` warms up what they will use; trafilatura and its stop
    lists (a third of a CPU-second of serial start) only when some input may be HTML."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(40):  # shards of 16 files: a pool of workers
        (folder / f"note{n:02d}.txt").write_text(f"Note {n}\n\nA plain line of text about the weather in town number {n}.\n", encoding="utf-8")
    if pages:
        (folder / "page.html").write_text("<html><body><article><p>A page about the harbour and its boats.</p></article></body></html>", encoding="utf-8")
    code = (
        "import sys\nfrom winnow.__main__ import main\n"
        f"code = main(['clean', {str(folder)!r}, '-o', {str(tmp_path / 'out.jsonl')!r}, '-q', '--jobs', '2'])\n"
        "print(code, 'trafilatura' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300)
    assert done.stdout.split() == ["0", loaded]
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8").count("\n") == 40 + pages


def test_planning_looks_for_an_export_marker_only_where_the_folder_lists_one(tmp_path, monkeypatch):
    """Walking a folder skips Winnow's own exports by their hidden marker; the folder's listing says which files
    have one, so planning 6,000 files no longer tries to open 6,000 markers that are not there."""
    from winnow.export.manifest import write_file_marker
    from winnow.readers import discovery

    for n in range(5):
        (tmp_path / f"note{n}.txt").write_text(f"Note {n}: the harbour reopened.\n", encoding="utf-8")
    exported = tmp_path / "corpus.jsonl"
    exported.write_text('{"text": "an earlier export"}\n', encoding="utf-8")
    write_file_marker(exported, "jsonl")
    asked = []
    real = discovery.is_marked_export
    monkeypatch.setattr(discovery, "is_marked_export", lambda path, size=None: asked.append(path.name) or real(path, size))
    found = [source for item in discovery.discover([tmp_path]) if not isinstance(item, Problem) for source in [item[1]]]
    assert sorted(found) == [f"{tmp_path.name}/note{n}.txt" for n in range(5)]
    assert asked == ["corpus.jsonl"]
