"""Individual competence plans, the training catalogue and completed trainings."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from jamlik.people import audit
from jamlik.people.models import (
    CompetencePlan,
    FollowUp,
    HealthPromoter,
    PlannedTraining,
    Training,
    TrainingRecord,
)

# The model's trainings (seed 000) and those a partner gives (seed 001); editable.
DEFAULT_CATALOGUE = (
    "Jämlik hälsa-modellen",
    "Processledning",
    "Föreningskunskap",
    "Barnskydd",
    "Första hjälpen",
)


def plans_past_follow_up(*, program, today: date) -> QuerySet[CompetencePlan]:
    """Plans whose follow-up date has passed (the dashboard's reminder)."""
    return (
        CompetencePlan.objects.filter(
            promoter__program=program, follow_up_on__lt=today, promoter__ended_on__isnull=True
        )
        .select_related("promoter")
        .order_by("follow_up_on")
    )


def plan_for(promoter: HealthPromoter) -> CompetencePlan:
    plan, _created = CompetencePlan.objects.get_or_create(promoter=promoter)
    return plan


@transaction.atomic
def add_training(*, access, name: str, provider=None, description: str = "") -> Training:
    if Training.objects.filter(program=access.program, name__iexact=name.strip()).exists():
        raise ValidationError(_("The catalogue already has this training."))
    training = Training.objects.create(
        program=access.program, name=name.strip(), provider=provider, description=description
    )
    audit.record_by(access, "create", "training", training.pk)
    return training


def _check_training(access, training: Training) -> None:
    if training.program_id != access.program.pk:
        raise ValidationError(_("The training belongs to another program."))


@transaction.atomic
def update_plan(
    *, access, plan: CompetencePlan, goals: str, led_by=None, follow_up_on: date | None = None
) -> CompetencePlan:
    plan.goals, plan.led_by, plan.follow_up_on = goals, led_by, follow_up_on
    plan.save()
    audit.record_by(
        access,
        "update",
        "competence_plan",
        plan.promoter_id,
        follow_up_on=follow_up_on and follow_up_on.isoformat(),
    )
    return plan


@transaction.atomic
def plan_training(
    *, access, plan: CompetencePlan, training: Training, by: date | None = None
) -> PlannedTraining:
    _check_training(access, training)
    planned, _created = PlannedTraining.objects.update_or_create(
        plan=plan, training=training, defaults={"by": by}
    )
    audit.record_by(access, "update", "competence_plan", plan.promoter_id, planned=training.pk)
    return planned


@transaction.atomic
def record_follow_up(
    *, access, plan: CompetencePlan, held_on: date, notes: str, next_on: date | None
) -> FollowUp:
    """A follow-up held; the plan's next follow-up date moves on."""
    if next_on is not None and next_on <= held_on:
        raise ValidationError(_("The next follow-up must come after this one."))
    follow_up = FollowUp.objects.create(plan=plan, held_on=held_on, notes=notes)
    plan.follow_up_on = next_on
    plan.save(update_fields=["follow_up_on"])
    audit.record_by(
        access, "update", "competence_plan", plan.promoter_id, follow_up=held_on.isoformat()
    )
    return follow_up


@transaction.atomic
def record_training(
    *,
    access,
    promoter: HealthPromoter,
    training: Training,
    completed_on: date,
    certificate: UploadedFile | None = None,
) -> TrainingRecord:
    """A completed training; the certificate is checked by its bytes and size."""
    _check_training(access, training)
    record = TrainingRecord(promoter=promoter, training=training, completed_on=completed_on)
    if certificate is not None:
        record.certificate = certificate
    record.full_clean(exclude=["promoter", "training"])
    if certificate is not None:
        record.certificate.save(certificate.name, certificate, save=False)
    record.save()
    audit.record_by(
        access,
        "create",
        "training_record",
        record.pk,
        promoter=promoter.pk,
        training=training.pk,
        certificate=certificate is not None,
    )
    return record
