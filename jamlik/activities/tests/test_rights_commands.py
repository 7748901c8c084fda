"""`jamlik erase-participant` and `jamlik retention`."""

from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from jamlik.activities.models import Attendance, IndividualSupport, Participant
from jamlik.people.models import AuditEvent


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


class TestEraseParticipant:
    def test_it_lists_and_erases_with_yes(self, world):
        out = run("erase-participant", "--program", "test", "--code", "t-aaaa", "--yes")
        assert "T-AAAA: the participant row, 1 attendance, 0 support contacts" in out
        assert out.strip().endswith(
            "Erased 1 participant (1 attendance, 0 support contacts, 0 survey responses, 0 scores)."
        )
        assert not Participant.objects.filter(code="T-AAAA").exists()
        assert Participant.objects.filter(code="T-BBBB").exists()
        event = AuditEvent.objects.get(object_type="participant", action="delete")
        assert event.detail["reason"] == "command" and "T-AAAA" not in str(event.detail)

    def test_it_asks_before_erasing(self, world):
        with pytest.raises(CommandError, match="--yes"):
            run("erase-participant", "--program", "test", "--code", "T-AAAA")
        assert Participant.objects.filter(code="T-AAAA").exists()

    def test_it_erases_when_the_operator_types_yes(self, world, monkeypatch):
        answers = iter(["no", "yes"])
        monkeypatch.setattr("sys.stdin.isatty", lambda: True)
        monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
        with pytest.raises(CommandError, match="Nothing erased"):
            run("erase-participant", "--program", "test", "--code", "T-AAAA")
        assert Participant.objects.filter(code="T-AAAA").exists()
        run("erase-participant", "--program", "test", "--code", "T-AAAA")
        assert not Participant.objects.filter(code="T-AAAA").exists()

    def test_an_unknown_code_is_an_error(self, world):
        with pytest.raises(CommandError, match="No participant"):
            run("erase-participant", "--program", "test", "--code", "T-ZZZZ", "--yes")


@pytest.fixture
def old_and_new(world, settings):
    """Participant A last seen 2024-03-05; B attended 2024-03-06 and had support 2026-01-10."""
    settings.RETENTION_MONTHS = 36
    IndividualSupport.objects.create(
        program=world.program, participant=world.participant_b, date=date(2026, 1, 10)
    )
    return world


class TestRetention:
    @time_machine.travel(date(2027, 6, 1))
    def test_a_dry_run_lists_and_changes_nothing(self, old_and_new):
        out = run("retention", "--dry-run")
        assert "test\tT-AAAA\tlast seen 2024-03-05\tanonymise" in out
        assert "T-BBBB" not in out
        assert "Would handle 1 participants" in out
        assert Participant.objects.get(code="T-AAAA").anonymised_at is None
        assert not AuditEvent.objects.exists()

    @time_machine.travel(date(2027, 6, 1))
    def test_it_anonymises_by_default_and_once(self, old_and_new):
        assert "anonymised 1 participants" in run("retention")
        assert not Participant.objects.filter(code="T-AAAA").exists()
        anonymised = Participant.objects.get(anonymised_at__isnull=False)
        assert anonymised.attendances.count() == 1
        assert "anonymised 0 participants" in run("retention")

    @time_machine.travel(date(2027, 6, 1))
    def test_a_program_may_choose_erasure(self, old_and_new):
        old_and_new.program.retention = "erase"
        old_and_new.program.save()
        assert "Erased 1 and anonymised 0" in run("retention", "--program", "test")
        assert list(Participant.objects.values_list("code", flat=True)) == ["T-BBBB"]
        assert Attendance.objects.count() == 1

    @time_machine.travel(date(2027, 3, 5))
    def test_nobody_is_due_inside_the_period(self, old_and_new):
        assert "Would handle 0 participants" in run("retention", "--dry-run")

    @time_machine.travel(date(2029, 4, 1))
    def test_the_latest_record_of_any_kind_counts(self, old_and_new, settings):
        settings.RETENTION_MONTHS = 40
        out = run("retention", "--dry-run")
        assert "T-AAAA" in out and "T-BBBB" not in out
