"""The data subject's rights over the participant records: erasure, anonymisation and
the retention job that applies one of them to participants not seen for a long time.

Erasure deletes the participant and everything linked to it (attendance, support
contacts, questionnaire responses and their scores). Approved report versions are not
touched: they hold aggregates only, frozen at approval. The audit event names the
participant by its row id and the counts erased, never by its code or other data.
"""

import secrets
from dataclasses import asdict, dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from jamlik.activities.models import Attendance, IndividualSupport, Participant
from jamlik.people import audit
from jamlik.programs.models import Program
from jamlik.reports.aggregates import lock as figures_lock
from jamlik.reports.figures import figures_changed
from jamlik.surveys.models import Response, Score

# No 0/O, 1/I, as in the codes handed out (services.CODE_ALPHABET).
_ANONYMOUS_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass(frozen=True)
class Holdings:
    """How many records of each kind are linked to one participant."""

    attendance: int
    support_contacts: int
    survey_responses: int
    scores: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def holdings(participant: Participant) -> Holdings:
    return Holdings(
        attendance=Attendance.objects.filter(participant=participant).count(),
        support_contacts=IndividualSupport.objects.filter(participant=participant).count(),
        survey_responses=Response.objects.filter(participant=participant).count(),
        scores=Score.objects.filter(response__participant=participant).count(),
    )


def audit_ref(participant: Participant) -> str:
    """How the audit log names a participant whose data is erased or extracted."""
    return f"id:{participant.pk}"


def erase_participant(*, user, participant: Participant, reason: str = "request") -> Holdings:
    """Delete the participant and every record linked to it; return what was deleted."""
    with transaction.atomic():
        found = holdings(participant)
        program, ref = participant.program, audit_ref(participant)
        # Writers of the program's figures take turns; first, as the deletes below lock
        # rows that rebuilding the figures would wait for.
        figures_lock(program)
        days = set(
            Attendance.objects.filter(participant=participant).values_list(
                "activity__date", flat=True
            )
        ) | set(
            IndividualSupport.objects.filter(participant=participant).values_list("date", flat=True)
        )
        Score.objects.filter(response__participant=participant).delete()
        Response.objects.filter(participant=participant).delete()
        IndividualSupport.objects.filter(participant=participant).delete()
        Attendance.objects.filter(participant=participant).delete()
        participant.delete()
        # Its attendances and support contacts counted in the figures of these days.
        figures_changed(program=program, days=days)
        audit.record(
            user=user,
            program=program,
            action="delete",
            object_type="participant",
            object_ref=ref,
            detail={"erased": True, "reason": reason, **found.as_dict()},
        )
    return found


def _anonymous_code() -> str:
    return "X-" + "".join(secrets.choice(_ANONYMOUS_ALPHABET) for _ in range(12))


def anonymise_participant(*, user, participant: Participant, reason: str = "retention") -> None:
    """Remove what identifies the participant and keep its records for the figures.

    The code becomes a random one (so a card with the old code leads nowhere); name,
    birth year, home area and the workshop of registration go; category and gender,
    which the figures count, stay, as do attendance, support contacts and responses.
    """
    with transaction.atomic():
        participant.code = _anonymous_code()
        participant.name = ""
        participant.name_consent_at = None
        participant.birth_year = None
        participant.home_area = ""
        participant.registered_in = None
        participant.anonymised_at = timezone.now()
        participant.save()
        Response.objects.filter(participant=participant).update(submission_id="")
        audit.record(
            user=user,
            program=participant.program,
            action="update",
            object_type="participant",
            object_ref=audit_ref(participant),
            detail={"anonymised": True, "reason": reason},
        )


# Retention


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (the month's last day if shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _as_date(value: date | datetime) -> date:
    return timezone.localdate(value) if isinstance(value, datetime) else value


def last_seen(participants: QuerySet[Participant]) -> dict[int, date]:
    """Each participant's last attendance, support contact or questionnaire response;
    its registration if it has none of them."""
    latest: dict[int, date] = {}
    sources = (
        (Attendance.objects, "activity__date"),
        (IndividualSupport.objects, "date"),
        (Response.objects, "started_at"),
    )
    for manager, field in sources:
        rows = (
            manager.filter(participant__in=participants.values("pk"))
            .values("participant_id")
            .annotate(last=Max(field))
            .values_list("participant_id", "last")
        )
        for pk, last in rows:
            day = _as_date(last)
            latest[pk] = max(latest.get(pk, day), day)
    for p in participants.select_related(None).only("pk", "created_at"):
        latest.setdefault(p.pk, _as_date(p.created_at))
    return latest


@dataclass(frozen=True)
class Due:
    participant: Participant
    last_seen: date
    action: str  # Program.Retention


def due_for_retention(*, program: Program | None = None, today: date | None = None) -> list[Due]:
    """Participants not seen since the retention period began, oldest first."""
    today = today or timezone.localdate()
    cutoff = months_before(today, settings.RETENTION_MONTHS)
    participants = Participant.objects.filter(anonymised_at__isnull=True).select_related("program")
    if program is not None:
        participants = participants.filter(program=program)
    seen = last_seen(participants)
    old = [pk for pk, day in seen.items() if day < cutoff]
    due = [
        Due(participant=p, last_seen=seen[p.pk], action=p.program.retention)
        for p in participants.filter(pk__in=old)
    ]
    return sorted(due, key=lambda d: (d.last_seen, d.participant.pk))


def apply_retention(due: list[Due]) -> dict[str, int]:
    """Erase or anonymise each participant as its program says; the counts per action."""
    done = {Program.Retention.ERASE: 0, Program.Retention.ANONYMISE: 0}
    for item in due:
        if item.action == Program.Retention.ERASE:
            erase_participant(user=None, participant=item.participant, reason="retention")
        else:
            anonymise_participant(user=None, participant=item.participant, reason="retention")
        done[item.action] += 1
    return {str(k): v for k, v in done.items()}
