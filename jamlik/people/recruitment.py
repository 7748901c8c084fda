"""Recruiting health promoters (seed 000: "Hälsofrämjare utses, anställs, utbildas").

A candidate moves one step at a time: identified → talked with → agreed in the hub (a hub
decision) → employer found (a partner's commitment to employ a health promoter) → employed
(a HealthPromoter is created). Declining erases the candidate's personal data at once and
keeps only the step reached and the source, so that the recruitment's history can be
counted without keeping anyone who was not employed.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jamlik.governance.models import Body, Decision
from jamlik.partners.models import Commitment
from jamlik.people import audit
from jamlik.people.models import AgeBand, Candidate, HealthPromoter
from jamlik.people.promoters import create_promoter

Step = Candidate.Step
ORDER = [Step.IDENTIFIED, Step.TALKED, Step.AGREED, Step.EMPLOYER, Step.EMPLOYED]


def next_step(candidate: Candidate) -> str | None:
    if candidate.step not in ORDER or candidate.step == Step.EMPLOYED:
        return None
    return ORDER[ORDER.index(candidate.step) + 1]


@transaction.atomic
def add_candidate(
    *,
    access,
    name: str,
    source: str,
    today: date,
    source_workshop=None,
    languages: str = "",
    would_lead: str = "",
) -> Candidate:
    if source_workshop is not None and source_workshop.program_id != access.program.pk:
        raise ValidationError(_("The workshop belongs to another program."))
    candidate = Candidate.objects.create(
        program=access.program,
        name=name.strip(),
        source=source,
        source_workshop=source_workshop,
        languages=languages.strip(),
        would_lead=would_lead.strip(),
        step_on=today,
    )
    audit.record_by(access, "create", "candidate", candidate.pk, source=source)
    return candidate


@transaction.atomic
def advance(
    *,
    access,
    candidate: Candidate,
    today: date,
    decision: Decision | None = None,
    commitment: Commitment | None = None,
    fte_percent: Decimal | None = None,
) -> Candidate:
    """Moves the candidate to the next step, with what that step needs."""
    step = next_step(candidate)
    if step is None:
        raise ValidationError(_("This candidate has no further step."), code="last_step")
    if step == Step.AGREED:
        if decision is None:
            raise ValidationError(
                _("Agreeing in the hub needs the hub's decision."), code="decision"
            )
        if (
            decision.meeting.body.program_id != access.program.pk
            or decision.meeting.body.kind != Body.Kind.HUB
        ):
            raise ValidationError(_("The decision must be one of this program's hub."))
        candidate.decision = decision
    if step == Step.EMPLOYER:
        if commitment is None:
            raise ValidationError(
                _("An employer is found when a partner commits to employ a health promoter."),
                code="commitment",
            )
        if (
            commitment.partnership.program_id != access.program.pk
            or commitment.kind != Commitment.Kind.EMPLOYS_PROMOTER
        ):
            raise ValidationError(
                _("Choose a commitment of this program's partner to employ a health promoter.")
            )
        candidate.commitment = commitment
    if step == Step.EMPLOYED:
        if not access.is_leader:
            raise ValidationError(
                _("The program leader records the employment."), code="leader_employs"
            )
        fte = fte_percent if fte_percent is not None else candidate.commitment.fte_percent
        candidate.promoter = create_promoter(
            access=access,
            name=candidate.name,
            employer=candidate.commitment.partnership.partner,
            fte_percent=min(fte or Decimal(100), Decimal(100)),
            started_on=today,
            languages=candidate.languages,
        )
    candidate.step, candidate.step_on = step, today
    candidate.save()
    audit.record_by(access, "update", "candidate", candidate.pk, step=step)
    return candidate


@transaction.atomic
def decline(*, access, candidate: Candidate, today: date) -> Candidate:
    """Ends a candidacy and erases the candidate's personal data (the rule in README)."""
    if candidate.step == Step.EMPLOYED:
        raise ValidationError(_("An employed health promoter is ended, not declined."))
    reached = candidate.step
    candidate.name = candidate.languages = candidate.would_lead = ""
    candidate.step, candidate.step_on = Step.DECLINED, today
    candidate.save()
    audit.record_by(
        access, "update", "candidate", candidate.pk, step=Step.DECLINED, reached=reached
    )
    return candidate


@dataclass
class TeamMix:
    promoters: int
    languages: list[tuple[str, int]]
    age_bands: list[tuple[str, int]]
    genders: list[tuple[str, int]]
    workshops_without_promoter: list[str]
    area_languages_missing: list[str]


def _split(text: str) -> list[str]:
    return [part.strip().lower() for part in text.replace(";", ",").split(",") if part.strip()]


def team_mix(*, program, today: date) -> TeamMix:
    """The current team's languages, age bands and genders, against the area: the
    languages used in the program's activities that no promoter speaks, and the active
    workshops without a promoter."""
    from jamlik.activities.models import Activity, Gender
    from jamlik.workshops.models import Workshop

    team = list(current_promoters(program=program, today=today))
    languages = Counter(lang for p in team for lang in _split(p.languages))
    bands = Counter(p.age_band for p in team if p.age_band)
    genders = Counter(p.gender for p in team if p.gender)
    band_names, gender_names = dict(AgeBand.choices), dict(Gender.choices)
    team_ids = {p.pk for p in team}
    workshops = Workshop.objects.filter(program=program).prefetch_related("health_promoters")
    without = [
        w.name
        for w in workshops
        if getattr(w, "status", "active") != "closed"
        and not any(p.pk in team_ids for p in w.health_promoters.all())
    ]
    used = Counter()
    for text in (
        Activity.objects.filter(program=program)
        .exclude(languages="")
        .values_list("languages", flat=True)
    ):
        used.update(_split(text))
    return TeamMix(
        promoters=len(team),
        languages=sorted(languages.items()),
        age_bands=[(str(band_names[k]), n) for k, n in sorted(bands.items())],
        genders=[(str(gender_names.get(k, k)), n) for k, n in sorted(genders.items())],
        workshops_without_promoter=without,
        area_languages_missing=sorted(set(used) - set(languages)),
    )


def current_promoters(*, program, today: date):
    from django.db.models import Q

    return HealthPromoter.objects.filter(program=program).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    )


def staffing(*, program, today: date) -> dict[str, Any]:
    """The current health promoters in aggregate: how many, and their employment summed in
    FTE (100 % = 1.0). One query."""
    ftes = list(
        current_promoters(program=program, today=today).values_list("fte_percent", flat=True)
    )
    return {"promoters": len(ftes), "fte": sum(ftes, Decimal(0)) / 100}
