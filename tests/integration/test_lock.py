"""One running Facilitator per data folder, and no stale lock after a crash."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.domain.errors import StoreLocked
from facilitator.storage.lock import InstanceLock
from facilitator.storage.schema import LOCK_FILENAME

ROOT = Path(__file__).resolve().parents[2]

HOLDER = """
import subprocess, sys, time
from pathlib import Path
from facilitator.storage.lock import InstanceLock

lock = InstanceLock(Path(sys.argv[1]))
lock.acquire()
if len(sys.argv) > 2:
    # Like the app starting a sound player: a child that outlives us must not keep the lock.
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], close_fds=False)
    print(child.pid, flush=True)
print("held", flush=True)
time.sleep(60)
"""


def _spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", HOLDER, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _line(process: subprocess.Popen[str]) -> str:
    """The holder's next line; fails with its error output if it died instead."""
    assert process.stdout is not None and process.stderr is not None
    line = process.stdout.readline()
    if not line:
        process.wait(timeout=10)
        pytest.fail(f"holder exited early: {process.stderr.read()}")
    return line.strip()


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)


def _kill_pid(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def test_a_second_instance_is_refused_until_the_holder_is_killed(
    data_dir: Path, processes: list[subprocess.Popen[str]]
) -> None:
    holder = _spawn(str(data_dir))
    processes.append(holder)
    assert _line(holder) == "held"
    with pytest.raises(StoreLocked) as caught:
        InstanceLock(data_dir).acquire()
    assert caught.value.path == str(data_dir)
    assert f"pid {holder.pid}" in caught.value.detail  # tells the user which process holds it
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    assert holder.returncode == -signal.SIGKILL
    # The lock file is still there, but the kernel dropped the lock with its holder.
    assert (data_dir / LOCK_FILENAME).exists()
    with InstanceLock(data_dir) as lock:
        assert (data_dir / LOCK_FILENAME).read_text() == str(os.getpid())
        assert stat.S_IMODE(lock.path.stat().st_mode) == 0o600


def test_a_child_process_of_the_holder_does_not_keep_the_lock(
    data_dir: Path, processes: list[subprocess.Popen[str]]
) -> None:
    holder = _spawn(str(data_dir), "with-child")
    processes.append(holder)
    grandchild = int(_line(holder))
    try:
        assert _line(holder) == "held"
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        os.kill(grandchild, 0)  # still running
        with InstanceLock(data_dir):
            pass
    finally:
        _kill_pid(grandchild)


def test_two_locks_in_one_process_conflict(data_dir: Path) -> None:
    """flock belongs to the open file description, so even one process cannot take it twice."""
    first = InstanceLock(data_dir)
    first.acquire()
    try:
        with pytest.raises(StoreLocked):
            InstanceLock(data_dir).acquire()
    finally:
        first.release()
    second = InstanceLock(data_dir)
    second.acquire()
    second.release()
    second.release()  # releasing twice is harmless


def test_locks_on_different_folders_are_independent(tmp_path: Path) -> None:
    with InstanceLock(tmp_path / "one"), InstanceLock(tmp_path / "two"):
        assert (tmp_path / "one" / LOCK_FILENAME).exists()
        assert (tmp_path / "two" / LOCK_FILENAME).exists()
