from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from jamlik.people import competence, promoters
from jamlik.people.access import get_program_access
from jamlik.people.models import HealthPromoter, TrainingRecord

PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture
def access(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return get_program_access(world.leader, "test")


@pytest.fixture
def promoter(world):
    return HealthPromoter.objects.get(user=world.promoter_a)


def test_plans_past_their_follow_up_are_reminded(access, world, promoter):
    plan = competence.plan_for(promoter)
    competence.update_plan(
        access=access, plan=plan, goals="Processledning", follow_up_on=date(2024, 5, 1)
    )
    other = competence.plan_for(HealthPromoter.objects.get(user=world.promoter_b))
    competence.update_plan(access=access, plan=other, goals="", follow_up_on=date(2024, 7, 1))

    due = competence.plans_past_follow_up(program=world.program, today=date(2024, 6, 1))
    assert [p.promoter for p in due] == [promoter]

    competence.record_follow_up(
        access=access, plan=plan, held_on=date(2024, 6, 1), notes="Bra", next_on=date(2024, 12, 1)
    )
    assert not competence.plans_past_follow_up(program=world.program, today=date(2024, 6, 2))


def test_an_ended_promoters_plan_is_not_reminded(access, world, promoter):
    plan = competence.plan_for(promoter)
    competence.update_plan(access=access, plan=plan, goals="", follow_up_on=date(2024, 5, 1))
    promoters.end_promoter(access=access, promoter=promoter, ended_on=date(2024, 5, 31))
    assert not competence.plans_past_follow_up(program=world.program, today=date(2024, 6, 1))


def test_a_certificate_is_checked_by_its_bytes(access, promoter):
    training = competence.add_training(access=access, name="Barnskydd")
    fake = SimpleUploadedFile("intyg.pdf", b"MZ not a pdf at all")
    with pytest.raises(ValidationError):
        competence.record_training(
            access=access,
            promoter=promoter,
            training=training,
            completed_on=date(2024, 3, 1),
            certificate=fake,
        )
    assert not TrainingRecord.objects.exists()
    record = competence.record_training(
        access=access,
        promoter=promoter,
        training=training,
        completed_on=date(2024, 3, 1),
        certificate=SimpleUploadedFile("intyg.pdf", PDF),
    )
    assert record.certificate.name.startswith(f"certificates/{promoter.program_id}/")
    assert "intyg" not in record.certificate.name


def test_a_too_large_certificate_is_refused(access, promoter, settings):
    settings.UPLOAD_MAX_MB = 1
    training = competence.add_training(access=access, name="Första hjälpen")
    big = SimpleUploadedFile("intyg.pdf", PDF + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        competence.record_training(
            access=access,
            promoter=promoter,
            training=training,
            completed_on=date(2024, 3, 1),
            certificate=big,
        )
    assert refused.value.error_dict["certificate"][0].code == "too_large"


def test_the_next_follow_up_comes_after_this_one(access, promoter):
    plan = competence.plan_for(promoter)
    with pytest.raises(ValidationError):
        competence.record_follow_up(
            access=access, plan=plan, held_on=date(2024, 6, 1), notes="", next_on=date(2024, 6, 1)
        )


def test_a_certificate_leaves_the_disk_with_its_record(
    access, promoter, django_capture_on_commit_callbacks
):
    """A certificate is personal data: it must not outlive its row (nor its promoter's)."""
    training = competence.add_training(access=access, name="Hälsocoach")
    record = competence.record_training(
        access=access,
        promoter=promoter,
        training=training,
        completed_on=date(2024, 3, 1),
        certificate=SimpleUploadedFile("intyg.pdf", PDF),
    )
    storage, name = record.certificate.storage, record.certificate.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        promoter.delete()
    assert not TrainingRecord.objects.exists()
    assert not storage.exists(name)
