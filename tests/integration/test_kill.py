"""Kill test: SIGKILL a process in the middle of its work, many times; nothing it reported is lost.

The child prints an id only after the service call returned, i.e. after the commit, so every
printed id is a promise the file must keep.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from facilitator.domain.model import CollaborativeFields, MeetingFields
from facilitator.services import build_services
from facilitator.storage import files, migrate, schema

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 20
SEED = 20260314

WORKER = """
import sys
from pathlib import Path

from facilitator.domain.model import AgendaFields, AgendaKind, AttendanceStatus, PersonFields
from facilitator.services import build_services
from facilitator.storage import migrate

path, round_no = Path(sys.argv[1]), int(sys.argv[2])
collaborative_id, meeting_id = int(sys.argv[3]), int(sys.argv[4])
migrate.prepare(path)  # what the app does at every start
services = build_services(path)
print("ready", flush=True)
n = 0
while True:
    n += 1
    item = services.agenda.add(
        meeting_id, AgendaFields(AgendaKind.DISCUSSION, f"Round {round_no} item {n}", "x" * 300, 5)
    )
    print(f"agenda {item.id}", flush=True)
    # One action that rewrites every position of the agenda: torn, it would leave gaps or twins.
    services.agenda.move(item.id, n % 7)
    print(f"moved {item.id} {n % 7}", flush=True)
    person = services.people.add(collaborative_id, PersonFields(f"Round {round_no} person {n}", "", None, ""))
    print(f"person {person.id}", flush=True)
    walked_in = services.attendance.add_at_door(
        meeting_id, PersonFields(f"Round {round_no} guest {n}", "At the door", None, ""), AttendanceStatus.LATE
    )
    print(f"door {walked_in.person.id}", flush=True)
"""


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_committed_action(data_dir: Path, tmp_path: Path) -> None:
    path = data_dir / schema.DB_FILENAME
    migrate.prepare(path)
    services = build_services(path)
    try:
        collaborative = services.collaboratives.create(CollaborativeFields("Kill test", "", "", ""))
        meeting = services.meetings.create(
            collaborative.id, MeetingFields("Crash meeting", datetime(2026, 3, 16, 18, 0), "", "", "", "")
        )
    finally:
        services.close()
    script = tmp_path / "worker.py"
    script.write_text(WORKER, encoding="utf-8")

    rng = random.Random(SEED)
    promised: dict[str, set[int]] = {"agenda": set(), "person": set(), "door": set()}
    moves = 0
    for round_no in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-W", "error", str(script), str(path), str(round_no),
             str(collaborative.id), str(meeting.id)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            assert child.stdout is not None
            first = child.stdout.readline()
            if first != "ready\n":
                child.kill()
                pytest.fail(f"worker did not start: {first!r} {child.communicate()[1]}")
            time.sleep(rng.uniform(0.05, 0.5))
            child.send_signal(signal.SIGKILL)
            out, err = child.communicate(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
                child.communicate()
        assert child.returncode == -signal.SIGKILL, f"worker failed before the kill:\n{err}"
        complete = out.split("\n")[:-1]  # a line cut off by the kill promises nothing
        for line in complete:
            kind, number, *_ = line.split()
            if kind == "moved":
                moves += 1
            else:
                promised[kind].add(int(number))

    assert all(promised.values()), f"the workers got too little done to test anything: {promised}"
    assert moves > 0
    print(
        f"promised over {ROUNDS} kills: {moves} moves, "
        + ", ".join(f"{len(v)} {k}" for k, v in promised.items())
    )

    # Read-only first, exactly as the app's next start would see the file.
    assert files.inspect(path) == files.Inspection(files.FileState.CURRENT, schema.SCHEMA_HEAD)
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        items = {row[0] for row in db.execute("SELECT id FROM agenda_items WHERE deleted_at IS NULL")}
        people = {row[0] for row in db.execute("SELECT id FROM people WHERE deleted_at IS NULL")}
        late = {
            row[0]
            for row in db.execute(
                "SELECT person_id FROM attendance WHERE meeting_id = ? AND status = 'late'"
                " AND arrived_at IS NOT NULL",
                (meeting.id,),
            )
        }
        positions = [
            row[0]
            for row in db.execute(
                "SELECT position FROM agenda_items WHERE meeting_id = ? AND deleted_at IS NULL"
                " ORDER BY position",
                (meeting.id,),
            )
        ]
    finally:
        db.close()
    assert promised["agenda"] <= items
    assert promised["person"] <= people
    assert promised["door"] <= people
    assert promised["door"] <= late
    assert positions == list(range(len(positions)))
    assert files.check_health(path).ok


FIRST_START = """
import os, sys
from pathlib import Path

import sqlalchemy

from facilitator.storage import migrate

# Die like a SIGKILL at the worst moment of a first start: the migration has committed (into the
# -wal file) but the connection was never closed, so nothing was checkpointed into the main file.
sqlalchemy.engine.Engine.dispose = lambda self, *args, **kwargs: os._exit(9)
migrate.prepare(Path(sys.argv[1]))
"""


def test_a_first_start_killed_right_after_its_migration_committed(db_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", FIRST_START, str(db_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 9, done.stderr
    assert Path(f"{db_path}-wal").stat().st_size > 0, "the committed schema sits in the -wal file"
    # The main file's own header still says application_id 0: the store must not be taken for foreign.
    assert files.inspect(db_path) == files.Inspection(files.FileState.CURRENT, schema.SCHEMA_HEAD)
    assert migrate.prepare(db_path).state is files.FileState.CURRENT
    services = build_services(db_path)
    try:
        services.sample.create()
    finally:
        services.close()
    assert files.check_health(db_path).ok
