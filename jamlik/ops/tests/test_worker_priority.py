"""The task worker lowers its own CPU priority so that web requests go first."""

import os

import pytest
from django.core.management import call_command, get_commands

from jamlik.ops.management.commands import db_worker

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_jamlik_db_worker_is_the_one_that_lowers_the_priority():
    assert get_commands()["db_worker"] == "jamlik.ops"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("nice", "expected"), [(10, [10]), (0, [])])
def test_the_worker_sets_its_niceness_before_taking_tasks(settings, monkeypatch, nice, expected):
    settings.TASKS = DATABASE_TASKS
    settings.TASK_WORKER_NICE = nice
    calls = []
    monkeypatch.setattr(db_worker.os, "getpriority", lambda which, who: 0)
    monkeypatch.setattr(db_worker.os, "setpriority", lambda which, who, n: calls.append(n))

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert calls == expected


def test_lower_priority_never_raises_it():
    # In a child process, so that the test run keeps its own priority.
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read)
        first = db_worker.lower_priority(os.getpriority(os.PRIO_PROCESS, 0) + 3)
        second = db_worker.lower_priority(0)
        os.write(write, f"{first} {second}".encode())
        os._exit(0)
    os.close(write)
    before = os.getpriority(os.PRIO_PROCESS, 0)
    first, second = map(int, os.read(read, 100).split())
    os.waitpid(pid, 0)
    assert first == before + 3
    assert second == first
