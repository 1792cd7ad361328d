"""No worker process outlives Winnow: killed outright (SIGKILL, a crash), the CLI's `--jobs N` pool and the
window's pool end on their own within seconds; a normal close of the window stops its pool with no warning;
the spills a killed run left beside its export go with the next run into that folder (Linux: /proc)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from scale_helpers import make_corpus, streaming_recipe
from winnow import snapshot
from winnow.app import workers
from winnow.core import scratch
from winnow.runners import parent_watch

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")

GONE_WITHIN = 60.0  # seconds a killed parent's workers may take to end (a saturated machine; ~0.1 s idle)
STARTED_WITHIN = 180.0  # seconds for a run or the window to start its workers on a saturated machine
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    """/proc/PID/stat from the state on (state, ppid, …), None when the process is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _running(pid: int) -> bool:
    """Exists and is not a zombie (an ended child its new parent has not reaped holds nothing)."""
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        fields = _stat(int(stat.parent.name))
        if fields is not None and int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _descendants(pid: int) -> set[int]:
    found = set(_children(pid))
    for child in list(found):
        found |= _descendants(child)
    return found


def _cpu_seconds(pid: int) -> float:
    fields = _stat(pid)
    return 0.0 if fields is None else (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _wait_until(condition: Callable[[], bool], seconds: float, what: str, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"the process ended (status {proc.returncode}) before {what}")
        assert time.monotonic() < deadline, f"not within {seconds:.0f} s: {what}"
        time.sleep(0.05)


@pytest.fixture
def spawned() -> Iterator[set[int]]:
    """Pids a test saw its subprocess start: whatever is still running at the end is killed (a failed test
    must not leave the very orphans it looks for)."""
    pids: set[int] = set()
    yield pids
    for pid in pids:
        if _running(pid):
            os.kill(pid, signal.SIGKILL)


def _environment(**extra: str) -> dict[str, str]:
    env = {**os.environ, **extra}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).parent), env.get("PYTHONPATH")]))
    return env


def _kill_and_expect_no_orphans(proc: subprocess.Popen, workers: set[int]) -> None:
    proc.kill()
    proc.wait(timeout=60)
    _wait_until(lambda: not [pid for pid in workers if _running(pid)], GONE_WITHIN, f"the workers {sorted(workers)} end with their parent")


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("big"), files=1500)


@pytest.mark.parametrize("corpus_stages", [False, True])
def test_the_clis_workers_end_when_the_run_is_killed(tmp_path, big, spawned, corpus_stages):
    out = tmp_path / "out.jsonl"
    recipe = [] if corpus_stages else ["--recipe", str(streaming_recipe(tmp_path / "streaming.toml"))]
    env = _environment()
    env.pop("QT_QPA_PLATFORM", None)
    with (tmp_path / "stderr.txt").open("w") as stderr:
        proc = subprocess.Popen([sys.executable, "-m", "winnow", "clean", str(big), "-o", str(out), "-q", "--jobs", "2", *recipe], stderr=stderr, env=env)
    # mid-run: the export streams while the workers clean; with the corpus stages, the passes are spilling
    begun = ".winnow-work-*/clean-*" if corpus_stages else ".out.jsonl.*.part"
    _wait_until(lambda: bool(list(tmp_path.glob(begun))) and len(_children(proc.pid)) >= 2, STARTED_WITHIN, "the workers are cleaning", proc)
    workers = _descendants(proc.pid)
    spawned.update(workers)
    _kill_and_expect_no_orphans(proc, workers)


def test_a_local_dask_clusters_workers_end_when_the_run_is_killed(tmp_path, big, spawned):
    """Dask's own worker processes watch their parent the same way (distributed's AsyncProcess): kept so."""
    pytest.importorskip("dask.distributed")
    env = _environment()
    env.pop("QT_QPA_PLATFORM", None)
    command = [sys.executable, "-m", "winnow", "clean", str(big), "-o", str(tmp_path / "out"), "-q", "--dask", "local", "--jobs", "2"]
    proc = subprocess.Popen(command, stderr=subprocess.DEVNULL, env=env)

    def working() -> bool:  # two workers that have started: importing, or cleaning
        return len([pid for pid in _children(proc.pid) if _cpu_seconds(pid) >= 2.0]) >= 2

    _wait_until(working, STARTED_WITHIN, "the cluster's workers are working", proc)
    workers = _descendants(proc.pid)
    spawned.update(workers)
    _kill_and_expect_no_orphans(proc, workers)


def test_the_next_run_removes_the_spills_a_killed_run_left_beside_its_export(tmp_path, big, spawned):
    out = tmp_path / "out.jsonl"
    env = _environment()
    env.pop("QT_QPA_PLATFORM", None)
    proc = subprocess.Popen([sys.executable, "-m", "winnow", "clean", str(big), "-o", str(out), "-q", "--jobs", "2"], stderr=subprocess.DEVNULL, env=env)
    _wait_until(lambda: bool(list(tmp_path.glob(".winnow-work-*/clean-*"))), STARTED_WITHIN, "the clean pass spills", proc)
    spawned.update(_descendants(proc.pid))
    proc.kill()
    proc.wait(timeout=60)
    left = list(tmp_path.glob(".winnow-work-*"))
    assert left  # what SIGKILL leaves: no code of the run's own runs after it
    small = make_corpus(tmp_path / "small", files=4)
    subprocess.run([sys.executable, "-m", "winnow", "clean", str(small), "-o", str(tmp_path / "again.jsonl"), "-q"], check=True, env=env, timeout=300)
    assert not [path for path in left if path.exists()]
    assert not list(tmp_path.glob(".winnow-work-*"))  # and the new run removed its own


def test_the_windows_workers_end_when_the_window_is_killed(tmp_path, big, spawned):
    env = _environment(QT_QPA_PLATFORM="offscreen")
    with (tmp_path / "stderr.txt").open("w") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "winnow", str(big), "--no-session", "--settings", str(tmp_path / "settings.ini")], stderr=stderr, env=env
        )
    _wait_until(lambda: _busy_worker(proc.pid) is not None, STARTED_WITHIN, "a worker is importing", proc)
    workers = _descendants(proc.pid)  # the workers, and the resource tracker of the "spawn" start method
    spawned.update(workers)
    _kill_and_expect_no_orphans(proc, workers)


def _busy_worker(parent: int, cpu_seconds: float = 3.0) -> int | None:
    """A worker of the window's pool that has started (it imports the engine in about a second of CPU) and
    is reading: the import of the test corpus takes a worker about ten seconds of CPU."""
    workers = [pid for pid in _children(parent) if "spawn_main" in _cmdline(pid)]
    return next((pid for pid in workers if _cpu_seconds(pid) >= cpu_seconds), None)


CLOSE_WHEN_BUSY = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from winnow.app.main import application, main
    from winnow.app.window import MainWindow
    from test_orphan_workers import _busy_worker, _descendants
    import os

    if __name__ == "__main__":
        app = application()

        def close_when_busy():
            if _busy_worker(os.getpid()) is None:
                QTimer.singleShot(50, close_when_busy)
                return
            print(*sorted(_descendants(os.getpid())), flush=True)
            for window in app.topLevelWidgets():
                if isinstance(window, MainWindow):
                    window.close()

        QTimer.singleShot(50, close_when_busy)
        sys.exit(main(sys.argv[1:]))
    """
)


def test_closing_the_window_mid_import_stops_its_workers_without_a_warning(tmp_path, big, spawned):
    script = tmp_path / "close_when_busy.py"
    script.write_text(CLOSE_WHEN_BUSY, encoding="utf-8")
    env = _environment(QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-W", "default", str(script), str(big), "--no-session", "--settings", str(tmp_path / "settings.ini")],
        capture_output=True,
        text=True,
        env=env,
        timeout=STARTED_WITHIN + 120,
    )
    workers = {int(pid) for pid in done.stdout.split()}
    spawned.update(workers)
    assert done.returncode == 0, done.stderr
    assert workers  # it closed while they worked
    problems = [line for line in done.stderr.splitlines() if "propagateSizeHints" not in line]  # (the offscreen platform's)
    assert not problems, done.stderr
    _wait_until(lambda: not [pid for pid in workers if _running(pid)], GONE_WITHIN, "the workers end with the window")


def test_a_window_asked_to_end_by_a_signal_stops_its_workers_and_keeps_its_session(tmp_path, big, spawned):
    """SIGTERM (a logout, `kill`) mid-import: the window ends as a close would, without a question and
    without multiprocessing's warnings about leaked semaphores, and the session it keeps names the import."""
    env = _environment(QT_QPA_PLATFORM="offscreen")
    settings = tmp_path / "settings.ini"
    proc = subprocess.Popen(
        [sys.executable, "-W", "default", "-m", "winnow", str(big), "--settings", str(settings)],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    _wait_until(lambda: _busy_worker(proc.pid) is not None, STARTED_WITHIN, "a worker is importing", proc)
    workers = _descendants(proc.pid)
    spawned.update(workers)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    problems = [line for line in stderr.splitlines() if "propagateSizeHints" not in line]
    assert not problems, stderr
    assert big.name in settings.read_text(encoding="utf-8")
    _wait_until(lambda: not [pid for pid in workers if _running(pid)], GONE_WITHIN, "the workers end with the window")


# ---------------------------------------------------------------- the watch itself, in a pool of this process


def _pool_worker_pid() -> int:
    return os.getpid()


def test_the_windows_workers_outlive_the_thread_that_started_them():
    """The window starts its workers from task threads, which end while the window lives on: the workers must
    not die with them (Linux sends PR_SET_PDEATHSIG when the thread that started a child ends)."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=workers._start_worker) as pool:
        first: list[int] = []
        starter = threading.Thread(target=lambda: first.append(pool.submit(_pool_worker_pid).result(timeout=STARTED_WITHIN)))
        starter.start()
        starter.join()
        assert first
        assert pool.submit(_pool_worker_pid).result(timeout=60) == first[0]  # the same worker, still alive
        assert _running(first[0])


def test_watching_does_nothing_outside_a_pool():
    parent_watch.watch_parent(started_by_main_thread=True)  # the process itself has no parent to die with
    assert not [t for t in threading.enumerate() if t.name == "winnow-parent-watch"]


# ---------------------------------------------------------------- scratch folders


def test_a_scratch_folder_removes_the_leftovers_of_ended_processes_only(tmp_path):
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    host = scratch._host()
    dead = tmp_path / f".winnow-work-{ended.pid}@{host}-abcd1234"
    live = tmp_path / f".winnow-work-{os.getppid()}@{host}-efgh5678"
    elsewhere = tmp_path / f".winnow-work-{ended.pid}@another-machine.example-ijkl9012"
    unrelated = tmp_path / ".winnow-work-notes"
    for folder in (dead, live, elsewhere, unrelated):
        folder.mkdir()
        (folder / "clean-000000.pickle").write_bytes(b"x")
    made = scratch.scratch_folder(".winnow-work-", tmp_path)
    assert made.is_dir() and made.name.startswith(f".winnow-work-{os.getpid()}@{host}-")
    assert not dead.exists()
    assert live.exists() and elsewhere.exists() and unrelated.exists()


def test_a_scratch_block_removes_its_folder_even_when_it_fails(tmp_path):
    with pytest.raises(RuntimeError), scratch.scratch("winnow-duplicates-", tmp_path) as folder:
        (folder / "signatures.pickle").write_bytes(b"x")
        raise RuntimeError("cancelled")
    assert not folder.exists()


def test_a_snapshot_write_removes_the_half_written_snapshot_of_a_killed_window(tmp_path):
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    path = tmp_path / "snapshot.pickle"
    killed = tmp_path / f"snapshot.pickle.{ended.pid}@{scratch._host()}-k1ll3d.part"
    writing = tmp_path / f"snapshot.pickle.{os.getppid()}@{scratch._host()}-w0rk1n.part"  # another live window's
    killed.write_bytes(b"half")
    writing.write_bytes(b"half")
    assert snapshot.write(path, snapshot.Header([], "", {}, 0), [])
    assert snapshot.read_header(path) is not None
    assert not killed.exists() and writing.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, writing.name])  # its own went into place


def test_a_process_counts_as_alive_until_it_has_ended():
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    assert scratch.process_alive(child.pid) and scratch.process_alive(os.getpid())
    child.stdin.close()  # it ends; not reaped yet, it is a zombie: it runs nothing and holds no file
    _wait_until(lambda: not _running(child.pid), GONE_WITHIN, "the child ends")
    assert not scratch.process_alive(child.pid)
    child.wait()
    assert not scratch.process_alive(child.pid)
