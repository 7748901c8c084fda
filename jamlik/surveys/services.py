"""Waves, responses, scores and qualitative records: every change, with its audit row."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from jamlik.activities.models import Participant
from jamlik.people import audit
from jamlik.people.access import ProgramAccess
from jamlik.surveys import scoring
from jamlik.surveys.catalog import Group, Instrument, Item, get_instrument
from jamlik.surveys.models import EthicsApproval, QualitativeRecord, Response, Score, Wave
from jamlik.workshops.models import Workshop

# A group with more items than this is split over several pages of the phone form.
ITEMS_PER_PAGE = 6


class ConsentMissing(Exception):
    """Nothing is stored before the respondent has consented to research use."""


class AlreadyAnswered(Exception):
    """This participant has already completed the wave."""


# Waves


@transaction.atomic
def plan_wave(
    *,
    access: ProgramAccess,
    key: str,
    name: str,
    kind: str,
    instruments: list[str],
    opens_on: date,
    closes_on: date | None = None,
    workshop: Workshop | None = None,
    baseline: Wave | None = None,
) -> Wave:
    wave = Wave.objects.create(
        program=access.program,
        key=key,
        name=name,
        kind=kind,
        instruments=instruments,
        opens_on=opens_on,
        closes_on=closes_on,
        workshop=workshop,
        baseline=baseline,
        created_by=access.user,
    )
    audit.record(
        user=access.user,
        program=access.program,
        action="create",
        object_type="wave",
        object_ref=wave.key,
        detail={"instruments": instruments, "kind": kind},
    )
    return wave


# The form, page by page


@dataclass(frozen=True)
class Page:
    number: int  # from 1
    instrument: Instrument
    group: Group
    items: tuple[Item, ...]
    first_of_instrument: bool


def form_pages(wave: Wave) -> list[Page]:
    pages: list[Page] = []
    for instrument in wave.instrument_list():
        first = True
        for group in instrument.groups:
            keys = group.items
            for start in range(0, len(keys), ITEMS_PER_PAGE):
                chunk = tuple(instrument.items[k] for k in keys[start : start + ITEMS_PER_PAGE])
                pages.append(Page(len(pages) + 1, instrument, group, chunk, first))
                first = False
    return pages


def total_items(wave: Wave) -> int:
    return sum(len(i.items) for i in wave.instrument_list())


# Responses


@transaction.atomic
def start_response(
    *,
    wave: Wave,
    language: str,
    consent: bool,
    participant: Participant | None = None,
    mode: str = Response.Mode.SELF,
    user: Any = None,
) -> Response:
    """Record consent and open a response; a participant's unfinished one is resumed."""
    if not consent:
        raise ConsentMissing
    if participant is not None:
        existing = Response.objects.filter(wave=wave, participant=participant).first()
        if existing is not None:
            if existing.completed:
                raise AlreadyAnswered
            existing.language = language
            existing.save(update_fields=["language", "updated_at"])
            return existing
    response = Response.objects.create(
        wave=wave,
        participant=participant,
        language=language,
        mode=mode,
        consent_research_at=timezone.now(),
        entered_by=user if mode == Response.Mode.ASSISTED else None,
    )
    audit.record(
        user=user,
        program=wave.program,
        action="create",
        object_type="survey_response",
        object_ref=str(response.uuid),
        detail={"wave": wave.key, "mode": mode, "language": language, "consent_research": True},
    )
    return response


@transaction.atomic
def save_page(
    *, response: Response, page: Page, data: dict[str, Any], finish: bool, user: Any = None
) -> Response:
    """Store one page's answers (a blank answer removes an earlier one) and rescore."""
    ref = page.instrument.ref
    answers = dict(response.answers.get(ref) or {})
    for item in page.items:
        raw = data.get(item.key)
        if scoring.is_valid_answer(item, raw):
            answers[item.key] = scoring.as_code(raw)
        else:
            answers.pop(item.key, None)
    response.answers = {**response.answers, ref: answers}
    fields = ["answers", "updated_at"]
    if finish and not response.completed:
        response.completed = True
        response.completed_at = timezone.now()
        fields += ["completed", "completed_at"]
    response.save(update_fields=fields)
    compute_scores(response)
    if finish:
        audit.record(
            user=user,
            program=response.wave.program,
            action="update",
            object_type="survey_response",
            object_ref=str(response.uuid),
            detail={"wave": response.wave.key, "completed": True},
        )
    return response


def first_unanswered_page(response: Response, pages: list[Page]) -> int:
    for page in pages:
        given = response.answers.get(page.instrument.ref) or {}
        if not any(item.key in given for item in page.items):
            return page.number
    return len(pages)


# Scores


@transaction.atomic
def compute_scores(response: Response) -> list[Score]:
    """Replace the response's scores with those its answers give now."""
    response.scores.all().delete()
    rows = []
    for ref in response.wave.instruments:
        instrument = get_instrument(ref)
        if instrument is None:
            continue
        answers = response.answers.get(ref) or {}
        for result in scoring.score_instrument(instrument, answers).values():
            rows.append(
                Score(
                    response=response,
                    instrument=instrument.key,
                    version=instrument.version,
                    scale=result.scale,
                    value=result.value,
                    answered=result.answered,
                    items=result.items,
                    band=result.band,
                )
            )
    return Score.objects.bulk_create(rows)


def recompute_scores(*, wave: Wave | None = None) -> int:
    """Recompute every score (of one wave, or of all); returns the number of responses."""
    responses = Response.objects.select_related("wave")
    if wave is not None:
        responses = responses.filter(wave=wave)
    count = 0
    for response in responses.iterator(chunk_size=500):
        compute_scores(response)
        count += 1
    return count


# Qualitative records


@transaction.atomic
def record_qualitative(*, access: ProgramAccess, **fields: Any) -> QualitativeRecord:
    record = QualitativeRecord.objects.create(
        program=access.program, created_by=access.user, **fields
    )
    audit.record(
        user=access.user,
        program=access.program,
        action="create",
        object_type="qualitative_record",
        object_ref=str(record.pk),
        detail={"kind": record.kind, "participants": record.participants_count},
    )
    return record


@transaction.atomic
def save_ethics_approval(*, access: ProgramAccess, form) -> EthicsApproval:
    """Registers or changes an ethics approval from the leader's valid form, audited."""
    created = form.instance.pk is None
    if created:
        form.instance.registered_by = access.user
    changed = sorted(form.changed_data)
    approval = form.save()
    audit.record_by(
        access,
        "create" if created else "update",
        "ethics_approval",
        approval.study,
        reference_number=approval.reference_number,
        valid_from=approval.valid_from.isoformat(),
        valid_until=approval.valid_until.isoformat(),
        researchers=sorted(approval.researchers.values_list("pk", flat=True)),
        waves=sorted(approval.waves.values_list("key", flat=True)),
        **({} if created else {"changed": changed}),
    )
    return approval


def withdraw_research_consent(*, user, participant: Participant) -> int:
    """Record that the participant withdrew the consent to research use of its answers.

    Its responses leave every research export from now on (export.py); they stay in the
    program's own record until the participant is erased. Returns the responses marked.
    """
    with transaction.atomic():
        marked = Response.objects.filter(
            participant=participant, consent_withdrawn_at__isnull=True
        ).update(consent_withdrawn_at=timezone.now())
        audit.record(
            user=user,
            program=participant.program,
            action="update",
            object_type="research_consent",
            object_ref=f"id:{participant.pk}",
            detail={"withdrawn": True, "responses": marked},
        )
    return marked
