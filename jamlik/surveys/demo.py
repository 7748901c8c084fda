"""Synthetic evaluation for the demo program: a baseline in the autumn of 2023 and a
follow-up in the spring of 2024 with WHO-5 and self-rated health (WHO/EU wording), a
focus group, and the registered ethics approval the demo's researcher exports under.

`seed_evaluation(program, rng)` runs after the daily record exists. About a third of the
adults who took part in 2023H2 answer the baseline, each having consented to research
use; about half of them answer the follow-up, so there are at least MIN_PAIRS pairs.
Answers go through `services.start_response` and `services.save_page`, so the scores
are the app's own. Well-being starts below the population mean and improves modestly.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from jamlik.activities.models import Activity, Category, Participant
from jamlik.lib.periods import Period
from jamlik.programs.models import Program
from jamlik.surveys import services
from jamlik.surveys.models import EthicsApproval, QualitativeRecord, Response, Wave
from jamlik.workshops.models import Workshop

WHO5 = "who5@1998"
SRH = "srh_who@1996"
INSTRUMENTS = [WHO5, SRH]
STUDY = "halsa-lindangen"
MIN_PAIRS = 30
# The extra apps need not grow with the seeder's scale.
MAX_BASELINE = 120

BASELINE_SHARE = (0.30, 0.36)
# Chance to answer the follow-up for baseline respondents still active in 2024H1, and
# for those who were not (reached by text message).
FOLLOW_UP_ACTIVE, FOLLOW_UP_OTHER = 0.85, 0.45
NEW_AT_FOLLOW_UP = (6, 12)
ANONYMOUS = (2, 5)
UNFINISHED = (2, 5)
LANGUAGE_WEIGHTS = {"sv": 88, "en": 12}
ASSISTED_SHARE = 0.35
SKIPPED_ITEM = 0.03
# WHO-5 index (0–100): baseline mean and spread, and the change to the follow-up.
WELL_BEING = (50.0, 18.0)
CHANGE = (5.5, 9.0)


@dataclass(frozen=True)
class EvaluationSeedResult:
    waves: int
    responses: int
    pairs: int


def delete_evaluation_data(*, program: Program) -> None:
    """Delete the program's ethics approvals, focus groups, waves and responses (before
    its workshops and participants)."""
    EthicsApproval.objects.filter(program=program).delete()
    QualitativeRecord.objects.filter(program=program).delete()
    Wave.objects.filter(program=program, baseline__isnull=False).delete()
    Wave.objects.filter(program=program).delete()


@transaction.atomic
def seed_evaluation(program: Program, rng: random.Random) -> EvaluationSeedResult:
    delete_evaluation_data(program=program)
    baseline = Wave.objects.create(
        program=program,
        key="baslinje-2023",
        name="Baslinjemätning hösten 2023",
        kind=Wave.Kind.BASELINE,
        instruments=INSTRUMENTS,
        opens_on=date(2023, 9, 11),
        closes_on=date(2023, 11, 30),
    )
    follow_up = Wave.objects.create(
        program=program,
        key="uppfoljning-2024",
        name="Uppföljning våren 2024",
        kind=Wave.Kind.FOLLOW_UP,
        baseline=baseline,
        instruments=INSTRUMENTS,
        opens_on=date(2024, 4, 8),
        closes_on=date(2024, 6, 14),
    )
    autumn, spring = _active_adults(program, "2023H2"), set(_active_adults(program, "2024H1"))
    size = min(round(len(autumn) * rng.uniform(*BASELINE_SHARE)), MAX_BASELINE)
    first = sorted(rng.sample(autumn, size))
    level = {pk: _level(rng) for pk in first}
    again = [
        pk for pk in first if rng.random() < (FOLLOW_UP_ACTIVE if pk in spring else FOLLOW_UP_OTHER)
    ]
    missing = [pk for pk in first if pk not in again]
    rng.shuffle(missing)
    again = sorted(again + missing[: max(0, MIN_PAIRS + 5 - len(again))])
    others = sorted(spring - set(first))
    newcomers = sorted(rng.sample(others, min(rng.randint(*NEW_AT_FOLLOW_UP), len(others))))
    later = {pk: _clip(level[pk] + rng.gauss(*CHANGE), 4, 96) for pk in again}
    later |= {pk: _level(rng) for pk in newcomers}

    # How a person rates their health beyond what their well-being says; it stays.
    leaning = {pk: rng.gauss(0, 0.55) for pk in sorted(later.keys() | level.keys())}
    people = Participant.objects.in_bulk([*first, *newcomers])
    responses = _answer(rng, baseline, [(people[pk], level[pk], leaning[pk]) for pk in first])
    responses += _answer(
        rng, follow_up, [(people[pk], later[pk], leaning[pk]) for pk in sorted(later)]
    )
    _focus_group(program, follow_up)
    _approval(program, [baseline, follow_up])
    return EvaluationSeedResult(waves=2, responses=responses, pairs=len(again))


def _active_adults(program: Program, label: str) -> list[int]:
    period = Period.parse(label)
    return list(
        Participant.objects.filter(
            program=program,
            category=Category.ADULT,
            attendances__activity__status=Activity.Status.HELD,
            attendances__activity__date__range=(period.start, period.end),
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )


def _answer(rng: random.Random, wave: Wave, respondents: list) -> int:
    """Responses of the participants at their well-being level, some anonymous, a few left
    unfinished; each dated on a weekday while the wave is open."""
    pages = services.form_pages(wave)
    people = [(*respondent, True) for respondent in respondents]
    for completed, (low, high) in ((True, ANONYMOUS), (False, UNFINISHED)):
        people += [
            (None, _level(rng), rng.gauss(0, 0.55), completed)
            for _ in range(rng.randint(low, high))
        ]
    days = _weekdays(wave.opens_on, wave.closes_on)
    written = []
    for participant, well_being, leaning, completed in people:
        language = rng.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0]
        assisted = rng.random() < ASSISTED_SHARE
        response = services.start_response(
            wave=wave,
            language=language,
            consent=True,
            participant=participant,
            mode=Response.Mode.ASSISTED if assisted else Response.Mode.SELF,
        )
        answers = _answers(rng, well_being, leaning)
        for page in pages if completed else pages[:1]:
            given = answers[page.instrument.ref]
            services.save_page(
                response=response,
                page=page,
                data={item.key: given.get(item.key) for item in page.items},
                finish=completed and page is pages[-1],
            )
        started = _at(rng.choice(days), rng.randint(9, 19), rng.choice((0, 15, 30, 45)))
        response.consent_research_at = response.started_at = started
        response.updated_at = started + timedelta(minutes=rng.randint(4, 12))
        response.completed_at = response.updated_at if completed else None
        written.append(response)
    fields = ["consent_research_at", "started_at", "updated_at", "completed_at"]
    Response.objects.bulk_update(written, fields)
    return len(written)


def _answers(
    rng: random.Random, well_being: float, leaning: float
) -> dict[str, dict[str, int | None]]:
    """WHO-5 codes (0–5) around the well-being level; self-rated health (1 very good –
    5 very bad) worse when well-being is low, and by the person's own leaning."""
    who5: dict[str, int | None] = {
        f"q{n}": round(_clip(well_being / 20 + rng.gauss(0, 0.7), 0, 5)) for n in range(1, 6)
    }
    if rng.random() < SKIPPED_ITEM:
        who5[f"q{rng.randint(1, 5)}"] = None
    srh = round(_clip(3.7 - well_being / 35 + leaning + rng.gauss(0, 0.35), 1, 5))
    return {WHO5: who5, SRH: {"q1": srh}}


def _focus_group(program: Program, wave: Wave) -> None:
    workshop = Workshop.objects.filter(program=program, key="kvinnors-halsa").first()
    QualitativeRecord.objects.create(
        program=program,
        workshop=workshop,
        wave=wave,
        kind=QualitativeRecord.Kind.FOCUS_GROUP,
        date=date(2024, 5, 15),
        participants_count=7,
        guide="Vad har verkstaden betytt för dig? Vad har ändrats i din vardag? Vad saknas?",
        themes="Gemenskap\nAtt våga prata om oro\nSpråket som hinder\nTid för sig själv",
        notes=(
            "Deltagarna beskriver gruppen som en plats att andas ut. Flera sover bättre och "
            "rör sig mer. Kvällstider och barnpassning efterfrågas. Inga namn antecknades."
        ),
    )


def _approval(program: Program, waves: list[Wave]) -> EthicsApproval:
    approval = EthicsApproval.objects.create(
        program=program,
        study=STUDY,
        title="Hälsa och välbefinnande i ett hälsofrämjande program: en uppföljningsstudie",
        reference_number="Dnr 2023-00000-01 (fiktivt)",
        valid_from=date(2023, 6, 1),
        valid_until=date(2028, 6, 30),
        scope=(
            "Pseudonymiserade svar på WHO-5 och självskattad hälsa vid baslinjemätningen "
            "2023 och uppföljningen 2024, från deltagare som samtyckt till forskning."
        ),
    )
    approval.waves.set(waves)
    return approval


def ensure_research_access(
    *, program: Program, researcher, today: date | None = None
) -> EthicsApproval:
    """The demo study's approval with `researcher` on it, valid today: its end is moved
    on when the demo outlives it, so the research export keeps working."""
    today = today or timezone.localdate()
    approval = EthicsApproval.objects.filter(program=program, study=STUDY).first()
    if approval is None:
        approval = _approval(program, list(Wave.objects.filter(program=program)))
    if not approval.is_valid_on(today):
        approval.valid_from = min(approval.valid_from, today)
        approval.valid_until = max(approval.valid_until, today + timedelta(days=365))
        approval.save(update_fields=["valid_from", "valid_until"])
    approval.researchers.add(researcher)
    return approval


def _weekdays(start: date, end: date | None) -> list[date]:
    end = end or start + timedelta(days=30)
    days = (start + timedelta(days=n) for n in range((end - start).days + 1))
    return [day for day in days if day.weekday() < 5]


def _level(rng: random.Random) -> float:
    """A WHO-5 index level (0–100) of someone new to the study."""
    return _clip(rng.gauss(*WELL_BEING), 4, 96)


def _clip(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _at(day: date, hour: int, minute: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))
