"""Changes to goals, indicators, the half-year evaluation and the CBPR rounds.

Each is checked (the models' `clean`) and audit-logged in one transaction.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from jamlik.goals import cbpr
from jamlik.goals.evaluation import prepare
from jamlik.goals.models import (
    CbprPartyResponse,
    CbprRound,
    Goal,
    GoalCategory,
    HalfYearEvaluation,
    Indicator,
    IndicatorValue,
)
from jamlik.people import audit
from jamlik.people.access import ProgramAccess


def _plain(value: Any) -> Any:
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, Decimal):
        return str(value)
    return value


def _save(instance: Model, fields: dict[str, Any]) -> list[str]:
    """Sets `fields`, checks and saves; the names of the fields that changed."""
    changed = []
    for name, value in fields.items():
        if instance.pk is None or getattr(instance, name) != value:
            changed.append(name)
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return sorted(changed)


@transaction.atomic
def save_category(
    *, access: ProgramAccess, category: GoalCategory | None = None, **fields: Any
) -> GoalCategory:
    created = category is None
    category = category or GoalCategory(program=access.program)
    changed = _save(category, fields)
    audit.record_by(
        access, "create" if created else "update", "goal_category", category.pk, changed=changed
    )
    return category


@transaction.atomic
def save_goal(*, access: ProgramAccess, goal: Goal | None = None, **fields: Any) -> Goal:
    created = goal is None
    goal = goal or Goal(program=access.program)
    changed = _save(goal, fields)
    audit.record_by(
        access,
        "create" if created else "update",
        "goal",
        goal.pk,
        changed={name: _plain(fields[name]) for name in changed},
    )
    return goal


@transaction.atomic
def delete_goal(*, access: ProgramAccess, goal: Goal) -> None:
    audit.record_by(access, "delete", "goal", goal.pk, text=goal.text[:100])
    goal.delete()


@transaction.atomic
def save_indicator(
    *, access: ProgramAccess, goal: Goal, indicator: Indicator | None = None, **fields: Any
) -> Indicator:
    created = indicator is None
    indicator = indicator or Indicator(goal=goal)
    changed = _save(indicator, fields)
    audit.record_by(
        access,
        "create" if created else "update",
        "indicator",
        indicator.pk,
        goal=goal.pk,
        changed={name: _plain(fields[name]) for name in changed},
    )
    return indicator


@transaction.atomic
def delete_indicator(*, access: ProgramAccess, indicator: Indicator) -> None:
    audit.record_by(access, "delete", "indicator", indicator.pk, name=indicator.name)
    indicator.delete()


@transaction.atomic
def set_value(
    *,
    access: ProgramAccess,
    indicator: Indicator,
    period_label: str,
    value: Decimal | None,
    source: str = "",
) -> IndicatorValue | None:
    """Enters (or with no value, removes) a hand-entered value for a half-year; a value
    outside the indicator's declared range is refused."""
    if indicator.kind != Indicator.Kind.MANUAL:
        raise ValidationError(_("A computed indicator's values come from Jämlik's data."))
    existing = IndicatorValue.objects.filter(indicator=indicator, period_label=period_label).first()
    if value is None:
        if existing is not None:
            audit.record_by(access, "delete", "indicator_value", existing.pk, period=period_label)
            existing.delete()
        return None
    indicator.check_value(value)
    row = existing or IndicatorValue(indicator=indicator, period_label=period_label)
    before = None if existing is None else str(existing.value)
    row.value, row.source, row.entered_by = value, source, access.user
    row.full_clean()
    row.save()
    audit.record_by(
        access,
        "create" if existing is None else "update",
        "indicator_value",
        row.pk,
        indicator=indicator.pk,
        period=period_label,
        value=str(value),
        before=before,
    )
    return row


# The half-year evaluation ------------------------------------------------------------


@transaction.atomic
def start_evaluation(*, access: ProgramAccess, period_label: str) -> HalfYearEvaluation:
    evaluation, created = HalfYearEvaluation.objects.get_or_create(
        program=access.program, period_label=period_label
    )
    if created:
        evaluation.full_clean()
        audit.record_by(access, "create", "half_year_evaluation", period_label)
    return evaluation


@transaction.atomic
def save_evaluation(
    *, access: ProgramAccess, evaluation: HalfYearEvaluation, decisions, **fields: Any
) -> HalfYearEvaluation:
    if evaluation.is_approved:
        raise ValidationError(_("An approved evaluation does not change."))
    changed = _save(evaluation, fields)
    before = set(evaluation.decisions.values_list("pk", flat=True))
    evaluation.decisions.set(decisions)
    if before != {d.pk for d in decisions}:
        changed.append("decisions")
    audit.record_by(
        access, "update", "half_year_evaluation", evaluation.period_label, changed=changed
    )
    return evaluation


@transaction.atomic
def approve_evaluation(
    *, access: ProgramAccess, evaluation: HalfYearEvaluation, meeting
) -> HalfYearEvaluation:
    """Approved at a hub meeting; what Jämlik prepared is frozen with it."""
    if evaluation.is_approved:
        raise ValidationError(_("The evaluation is already approved."))
    if not meeting.body.is_hub or meeting.body.program_id != access.program.pk:
        raise ValidationError(_("Choose a meeting of the program's hub."))
    evaluation.prepared = prepare(access=access, period=evaluation.period)
    evaluation.status = HalfYearEvaluation.Status.APPROVED
    evaluation.approved_at_meeting = meeting
    evaluation.full_clean()
    evaluation.save()
    audit.record_by(
        access, "approve", "half_year_evaluation", evaluation.period_label, meeting=meeting.key
    )
    return evaluation


# CBPR rounds ------------------------------------------------------------------------


@transaction.atomic
def plan_round(*, access: ProgramAccess, name: str, planned_on: date, closes_on=None) -> CbprRound:
    """A CBPR evaluation with its partnership questionnaire's wave (the phone form)."""
    from jamlik.surveys.models import Wave
    from jamlik.surveys.services import plan_wave

    number = CbprRound.objects.filter(program=access.program).count() + 1
    key = f"cbpr-{planned_on:%Y%m%d}"
    while Wave.objects.filter(program=access.program, key=key).exists():
        number += 1
        key = f"cbpr-{planned_on:%Y%m%d}-{number}"
    wave = plan_wave(
        access=access,
        key=key,
        name=name,
        kind=Wave.Kind.BASELINE,
        instruments=[cbpr.INSTRUMENT],
        opens_on=planned_on,
        closes_on=closes_on,
    )
    round = CbprRound.objects.create(
        program=access.program, name=name, planned_on=planned_on, wave=wave
    )
    audit.record_by(access, "create", "cbpr_round", round.pk, name=name)
    return round


@transaction.atomic
def save_round(*, access: ProgramAccess, round: CbprRound, records, **fields: Any) -> CbprRound:
    changed = _save(round, fields)
    round.records.set(records)
    audit.record_by(access, "update", "cbpr_round", round.pk, changed=changed)
    return round


@transaction.atomic
def start_party_response(*, round: CbprRound, partnership, language: str):
    """A party representative's consent opens a response linked to the party, not to
    the person."""
    from jamlik.surveys.services import start_response

    response = start_response(wave=round.wave, language=language, consent=True)
    CbprPartyResponse.objects.create(round=round, partnership=partnership, response=response)
    return response
