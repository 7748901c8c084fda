"""The right of access (GDPR art. 15): everything held about one participant, as JSON
or as a PDF for the person who asked."""

from datetime import date, datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from jamlik.activities.models import Participant
from jamlik.surveys.models import Response


def _iso(value: date | datetime | None) -> str | None:
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat() if value is not None else None


def subject_data(participant: Participant) -> dict[str, Any]:
    """Every record linked to the participant, with labels a reader understands."""
    attendance = participant.attendances.select_related("activity__workshop").order_by(
        "activity__date", "activity__pk"
    )
    support = participant.support_contacts.select_related("workshop").order_by("date", "pk")
    responses = (
        Response.objects.filter(participant=participant)
        .select_related("wave")
        .prefetch_related("scores")
        .order_by("started_at", "pk")
    )
    return {
        "program": {"slug": participant.program.slug, "name": participant.program.name},
        "extracted_at": _iso(timezone.now()),
        "participant": {
            "code": participant.code,
            "category": participant.get_category_display(),
            "gender": participant.get_gender_display(),
            "birth_year": participant.birth_year,
            "home_area": participant.home_area,
            "registered_in": participant.registered_in.name if participant.registered_in else None,
            "name": participant.name,
            "name_consent_at": _iso(participant.name_consent_at),
            "registered_at": _iso(participant.created_at),
        },
        "attendance": [
            {
                "date": _iso(a.activity.date),
                "activity": a.activity.title,
                "kind": a.activity.get_kind_display(),
                "status": a.activity.get_status_display(),
                "workshop": a.activity.workshop.name if a.activity.workshop else None,
            }
            for a in attendance
        ],
        "support_contacts": [
            {
                "date": _iso(s.date),
                "kind": s.get_kind_display(),
                "minutes": s.minutes,
                "workshop": s.workshop.name if s.workshop else None,
            }
            for s in support
        ],
        "survey_responses": [
            {
                "wave": r.wave.name,
                "language": r.language,
                "mode": r.get_mode_display(),
                "started_at": _iso(r.started_at),
                "completed_at": _iso(r.completed_at),
                "consent_research_at": _iso(r.consent_research_at),
                "consent_withdrawn_at": _iso(r.consent_withdrawn_at),
                "answers": r.answers,
                "scores": [
                    {
                        "instrument": f"{s.instrument}@{s.version}",
                        "scale": s.scale,
                        "value": s.value,
                        "band": s.band,
                    }
                    for s in sorted(r.scores.all(), key=lambda s: (s.instrument, s.scale))
                ],
            }
            for r in responses
        ],
    }


def extract_pdf(data: dict[str, Any], *, base_url: str) -> bytes:
    from weasyprint import HTML

    html = render_to_string("activities/extract_pdf.html", {"data": data})
    return HTML(string=html, base_url=base_url).write_pdf()
