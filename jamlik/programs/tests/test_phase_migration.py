"""The migration turns each program's old phase label into the first step of its history."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("programs", "0002_program_retention")]
AFTER = [("programs", "0006_remove_program_phase")]


@pytest.mark.django_db(transaction=True)
def test_the_old_phase_becomes_the_first_step():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("programs", "Program")
    old.objects.create(slug="gammal", name="Gammalt program", phase="formation")
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    program = new.get_model("programs", "Program").objects.get(slug="gammal")
    steps = list(new.get_model("programs", "PhaseStep").objects.filter(program=program))
    assert [(s.phase, s.round, s.ended_on, s.decision_id) for s in steps] == [
        ("formation", 1, None, None)
    ]
    assert steps[0].started_on == program.created_at.date()
    assert not hasattr(program, "phase")
    # Back to the latest state for the tests that follow.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
