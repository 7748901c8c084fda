"""A synthetic Jämlik hälsa program for the demo, the tests and benchmarks.

`seed_program` is deterministic: every choice is drawn from one `random.Random(seed)`, so
the same seed, scale and `today` give the same rows. The program runs from 2023-01-01 to
`today` (by default RECORD_END, 2025-06-30, as the tests and benchmarks use; `jamlik demo`
and `jamlik seed` pass the day they run), and the next four weeks hold planned activities.
The half-year that contains `today` is planned in proportion to the days gone.
At scale 1 the figures of 2023H2 are the city's published half-year
(`PUBLISHED_2023H2`) by construction, as `compute_figures` counts them:

- exactly that many held activities and held larger events are dated in the half-year
  (cancelled ones come on top and count only as cancelled);
- exactly that many participants of each category attend a held activity in it, and
  no one else attends any;
- the recurring participants attend held non-large activities in at least
  RECURRING_MIN_WEEKS distinct ISO weeks, everyone else in at most one week fewer
  (larger events do not count towards recurrence);
- exactly that many participants have an individual support contact dated in it
  (anonymous contacts come on top and count only as contacts).

The other half-years vary around it: growth over time, about ±10 % noise, fewer
activities in July and around Christmas, and a third to a half of each half-year's
participants came in an earlier one. At scale S every half-year's volume (activities,
participants, attendance, support) is S times as large, so 2023H2 is exactly S times the
published figures; partners, health promoters and workshops stay the same.

After the daily record come, in this order, the needs (`jamlik.needs.demo`), finance
(`jamlik.finance.demo`), governance up to RECORD_END (`jamlik.governance.demo`) and the
evaluation (`jamlik.surveys.demo`). Each draws from its own generator, seeded from the
main one in that fixed order: the same seed gives the same data, and a change in one
app's seeder leaves the others' data as it was. These do not grow with the scale.
"""

import dataclasses
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, models, transaction
from django.db.models import Count

from jamlik.activities.models import (
    Activity,
    Attendance,
    Category,
    Gender,
    Headcount,
    IndividualSupport,
    Participant,
)
from jamlik.activities.services import CODE_ALPHABET
from jamlik.communication.demo import delete_communication_data, seed_communication
from jamlik.finance.demo import delete_finance_data, seed_finance
from jamlik.goals.demo import delete_goals_data, seed_goals
from jamlik.governance.demo import delete_governance_data, seed_governance
from jamlik.lib.periods import Period
from jamlik.needs.demo import delete_needs_data, seed_needs
from jamlik.organisations.demo import seed_city
from jamlik.partners.models import Partner, Partnership
from jamlik.people.demo import delete_people_data, seed_people
from jamlik.people.models import HealthPromoter, ProgramRole
from jamlik.programs import demo_names as names
from jamlik.programs.demo_cycle import delete_cycle_data, seed_cycle
from jamlik.programs.fidelity_cache import fidelity_changed
from jamlik.programs.models import Program
from jamlik.reports.figures import figures_changed
from jamlik.strategy.demo import delete_strategy_data, seed_strategy
from jamlik.surveys.demo import delete_evaluation_data, ensure_research_access, seed_evaluation
from jamlik.workshops.models import Workshop

DEMO_SLUG = "lindangen-demo"
DEMO_SEED = 1
# Synthetic demo data only; printed by `jamlik demo`.
DEMO_PASSWORD = "demo-jamlik-2026"  # noqa: S105

PUBLISHED_2023H2 = {
    "activities": 290,
    "large_events": 46,
    Category.CHILD_YOUTH: 1140,
    Category.ADULT: 278,
    Category.PROFESSIONAL: 45,
    "recurring": 160,
    "support": 100,
}
EXACT_HALF_YEAR = "2023H2"
# Volume of each half-year relative to 2023H2, before noise.
GROWTH = {"2023H1": 0.85, "2023H2": 1.0, "2024H1": 1.05, "2024H2": 1.1, "2025H1": 1.15}
LATER_GROWTH = 1.2  # every half-year after those
PLANNED_AHEAD = timedelta(days=28)
LATE_WORKSHOP_START = date(2023, 8, 14)
# The last day of the record unless `today` is given; governance is seeded up to it.
RECORD_END = date(2025, 6, 30)

BATCH_SIZE = 2000

# Share of a half-year's participants who came in an earlier half-year, by category.
CARRY_OVER = {Category.CHILD_YOUTH: 0.35, Category.ADULT: 0.5, Category.PROFESSIONAL: 0.45}
# How likely a participant is to be among the recurring ones, or to get individual support.
RECURRING_WEIGHT = {Category.CHILD_YOUTH: 1.0, Category.ADULT: 3.0, Category.PROFESSIONAL: 0.3}
SUPPORT_WEIGHT = {Category.CHILD_YOUTH: 1.0, Category.ADULT: 5.0, Category.PROFESSIONAL: 0.05}
# Chance that a non-recurring participant comes only to larger events.
ONLY_LARGE_EVENTS = {Category.CHILD_YOUTH: 0.35, Category.ADULT: 0.2, Category.PROFESSIONAL: 0.55}
GENDER_WEIGHTS = {
    Category.CHILD_YOUTH: (47, 47, 1, 5),
    Category.ADULT: (68, 27, 1, 4),
    Category.PROFESSIONAL: (70, 28, 0, 2),
}
GENDERS = (Gender.WOMAN, Gender.MAN, Gender.OTHER, Gender.UNKNOWN)
LARGE_EVENT_APPEAL = {
    Category.CHILD_YOUTH: {"area_day": 5, "courtyard_party": 4, "dialogue_forum": 0.5},
    Category.ADULT: {"area_day": 4, "courtyard_party": 3, "dialogue_forum": 1.5},
    Category.PROFESSIONAL: {"area_day": 2, "courtyard_party": 1, "dialogue_forum": 6},
}
SUPPORT_KINDS = list(IndividualSupport.Kind.values)
SUPPORT_KIND_WEIGHTS = (35, 20, 25, 15, 5)


class ProgramHasData(Exception):
    """The program already has activities, participants, workshops, needs or waves."""


@dataclass(frozen=True)
class SeedResult:
    program: Program
    workshops: int
    activities: int
    participants: int
    attendance: int
    headcounts: int
    support_contacts: int
    needs: int = 0
    expenses: int = 0
    meetings: int = 0
    survey_responses: int = 0


@dataclass(frozen=True)
class Targets:
    activities: int
    large_events: int
    cancelled: int
    participants: dict[str, int]
    recurring: int
    support: int


def seed_program(
    *,
    slug: str,
    seed: int,
    scale: int = 1,
    name: str = names.DEMO_NAME,
    replace: bool = False,
    today: date | None = None,
) -> SeedResult:
    """Build the synthetic program up to `today` (default RECORD_END); with `replace`,
    delete its existing record first."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    today = today or RECORD_END
    if today < date(2023, 12, 31):
        raise ValueError("today must be 2023-12-31 or later: the record starts in 2023")
    with transaction.atomic():
        program, _ = Program.objects.get_or_create(slug=slug, defaults={"name": name})
        if _has_data(program):
            if not replace:
                raise ProgramHasData(f"The program {slug!r} already has data.")
            delete_program_data(program=program)
        program.name = name
        program.area = names.DEMO_AREA
        program.code_prefix = names.CODE_PREFIX
        program.save()
        rng = random.Random(seed)
        seeder = _Seeder(
            program=program,
            rng=rng,
            scale=scale,
            min_weeks=settings.RECURRING_MIN_WEEKS,
            today=today,
        )
        record = seeder.run()
        # The other apps' demo data reads figures (goals, evaluations): plan those queries
        # on the rows just written, not on the statistics of empty tables.
        _refresh_planner_statistics()
        figures_changed(program=program)
        result = _seed_other_apps(record, rng, today=today)
        fidelity_changed()  # the other apps' demo data is partly bulk-written
        _refresh_planner_statistics()
        return result


def _refresh_planner_statistics() -> None:
    """After a bulk load PostgreSQL's planner still believes the tables are empty (and
    inside a transaction autovacuum cannot help), so its joins go quadratic. ANALYZE
    samples the rows this transaction can see."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _seed_other_apps(record: SeedResult, rng: random.Random, *, today: date) -> SeedResult:
    program = record.program
    streams = [random.Random(rng.getrandbits(64)) for _ in range(4)]
    needs = seed_needs(program, streams[0])
    finance = seed_finance(program, streams[1])
    governance = seed_governance(program, streams[2], today=today)
    evaluation = seed_evaluation(program, streams[3])
    seed_goals(program, random.Random(rng.getrandbits(64)), today=today)
    seed_cycle(program, rng, today=today)
    seed_people(program, random.Random(streams[3].getrandbits(64)), today=today)
    seed_communication(program, today=today)
    seed_strategy(program, random.Random(f"strategy-{program.slug}"), today=today)
    seed_city(program, rng, today=today)
    return dataclasses.replace(
        record,
        needs=needs.needs,
        expenses=finance.expenses,
        meetings=governance["meetings"],
        survey_responses=evaluation.responses,
    )


def _has_data(program: Program) -> bool:
    return (
        program.activities.exists()
        or program.participants.exists()
        or program.workshops.exists()
        or program.needs.exists()
        or program.waves.exists()
    )


def delete_program_data(*, program: Program) -> None:
    """Delete what `seed_program` creates in a program; partners are shared and stay.

    The other apps go first: waves protect their workshops, finance and governance refer
    to workshops and health promoters."""
    delete_goals_data(program=program)
    delete_cycle_data(program=program)
    delete_people_data(program=program)
    delete_evaluation_data(program=program)
    delete_communication_data(program=program)
    delete_strategy_data(program=program)
    delete_finance_data(program=program)
    delete_governance_data(program=program)
    delete_needs_data(program=program)
    # By id lists rather than a join: in one transaction the new rows have no planner
    # statistics, and PostgreSQL then runs the joined DELETE as a quadratic nested loop.
    activity_ids = list(Activity.objects.filter(program=program).values_list("pk", flat=True))
    for start in range(0, len(activity_ids), 2000):
        batch = activity_ids[start : start + 2000]
        Attendance.objects.filter(activity_id__in=batch).delete()
        Headcount.objects.filter(activity_id__in=batch).delete()
        Activity.partners.through.objects.filter(activity_id__in=batch).delete()
    IndividualSupport.objects.filter(program=program).delete()
    Activity.objects.filter(program=program).delete()
    Participant.objects.filter(program=program).delete()
    Workshop.objects.filter(program=program).delete()
    HealthPromoter.objects.filter(program=program).delete()
    Partnership.objects.filter(program=program).delete()
    figures_changed(program=program)


def half_years(today: date) -> list[str]:
    """The half-years of the record, from 2023H1 to the one that contains `today`."""
    labels = [Period.parse("2023H1")]
    while labels[-1].end < today:
        labels.append(labels[-1].following())
    return [period.label for period in labels]


def _partial(targets: Targets, share: float) -> Targets:
    """The targets of a half-year of which only `share` of the days have gone."""
    if share >= 1:
        return targets
    return Targets(
        activities=round(targets.activities * share),
        large_events=round(targets.large_events * share),
        cancelled=round(targets.cancelled * share),
        participants={c: max(1, round(n * share)) for c, n in targets.participants.items()},
        # Recurring needs RECURRING_MIN_WEEKS weeks; a few weeks in, nobody recurs yet.
        recurring=round(targets.recurring * share) if share >= 0.5 else 0,
        support=round(targets.support * share),
    )


def half_year_targets(rng: random.Random, label: str, scale: int) -> Targets:
    published = PUBLISHED_2023H2
    categories = Category.values
    cancelled = round(published["activities"] * scale * rng.uniform(0.03, 0.06))
    if label == EXACT_HALF_YEAR:
        return Targets(
            activities=published["activities"] * scale,
            large_events=published["large_events"] * scale,
            cancelled=cancelled,
            participants={c: published[c] * scale for c in categories},
            recurring=published["recurring"] * scale,
            support=published["support"] * scale,
        )
    growth = GROWTH.get(label, LATER_GROWTH) * rng.uniform(0.92, 1.08)
    participants = {
        c: round(published[c] * scale * growth * rng.uniform(0.9, 1.1)) for c in categories
    }
    recurring_share = published["recurring"] / sum(published[c] for c in categories)
    return Targets(
        activities=round(published["activities"] * scale * growth),
        large_events=round(published["large_events"] * scale * growth * rng.uniform(0.85, 1.15)),
        cancelled=cancelled,
        participants=participants,
        recurring=round(sum(participants.values()) * recurring_share * rng.uniform(0.85, 1.15)),
        support=round(published["support"] * scale * growth * rng.uniform(0.85, 1.15)),
    )


def _regular_day_weight(day: date) -> float:
    weekday = (1.0, 1.0, 1.0, 1.0, 0.7, 0.3, 0.1)[day.weekday()]
    return weekday * _season(day)


def _event_day_weight(day: date) -> float:
    weekday = (0.4, 0.4, 0.5, 0.6, 0.8, 2.0, 1.0)[day.weekday()]
    if day.month in (5, 6, 8, 9):
        return weekday * 2.0
    if day.month in (1, 2, 12):
        return weekday * 0.5
    return weekday


def _season(day: date) -> float:
    if day.month == 7:
        return 0.3
    if (day.month, day.day) >= (12, 20) or (day.month, day.day) <= (1, 6):
        return 0.15
    if (day.month == 6 and day.day >= 20) or (day.month == 8 and day.day < 14):
        return 0.6
    return 1.0


def _days(period: Period) -> list[date]:
    return [period.start + timedelta(days=n) for n in range((period.end - period.start).days + 1)]


def _week(day: date) -> tuple[int, int]:
    iso = day.isocalendar()
    return iso.year, iso.week


class _Seeder:
    """Plans the whole program in memory, then writes it with bulk inserts."""

    def __init__(
        self, *, program: Program, rng: random.Random, scale: int, min_weeks: int, today: date
    ):
        self.program = program
        self.today = today
        self.rng = rng
        self.scale = scale
        self.min_weeks = min_weeks
        self.code_length = 4 if scale <= 10 else 5
        self.codes: set[str] = set()
        self.specs = {spec["key"]: spec for spec in names.WORKSHOPS}
        self.starts = {key: date(2023, 1, 1) for key in self.specs}
        self.starts[names.LATE_WORKSHOP] = LATE_WORKSHOP_START
        self.key_counter: Counter[str] = Counter()
        # One entry per participant, by index.
        self.people: list[Participant] = []
        self.category: list[str] = []
        self.home: list[str] = []
        self.last_half: list[int] = []
        self.activities: list[Activity] = []
        self.activity_partners: list[tuple[Activity, Partner]] = []
        self.attendance: list[tuple[Activity, int]] = []
        self.headcounts: list[Headcount] = []
        self.support: list[IndividualSupport] = []

    def run(self) -> SeedResult:
        self.partners = self._partners()
        self.workshops = self._workshops()
        labels = half_years(self.today)
        targets = [half_year_targets(self.rng, label, self.scale) for label in labels]
        for index, (label, target) in enumerate(zip(labels, targets, strict=True)):
            period = Period.parse(label)
            if period.end > self.today:
                share = ((self.today - period.start).days + 1) / (
                    (period.end - period.start).days + 1
                )
                target = _partial(target, share)
                period = Period(label, period.start, self.today)
            self._plan_half_year(index, period, target)
        self._plan_ahead()
        return self._write()

    def _plan_ahead(self) -> None:
        """The coming weeks' activities, planned (they cannot have been held yet)."""
        ahead = Period("ahead", self.today + timedelta(days=1), self.today + PLANNED_AHEAD)
        per_day = PUBLISHED_2023H2["activities"] * self.scale * LATER_GROWTH / 184
        n = round(per_day * PLANNED_AHEAD.days)
        # Drawn from a copy of the generator: the other apps' data, seeded from it next,
        # stays the same with or without these weeks.
        main = self.rng
        self.rng = random.Random()
        self.rng.setstate(main.getstate())
        try:
            self._regular_activities(ahead, n, Activity.Status.PLANNED)
        finally:
            self.rng = main

    # Organisation -------------------------------------------------------------------

    def _partners(self) -> dict[str, Partner]:
        partners = {}
        partnerships = []
        for name, sector, role, joined in names.PARTNERS:
            partner, _ = Partner.objects.get_or_create(name=name, defaults={"sector": sector})
            partners[name] = partner
            joined_on = date(joined, self.rng.randint(1, 12), 1)
            partnerships.append(
                Partnership(program=self.program, partner=partner, role=role, joined_on=joined_on)
            )
        Partnership.objects.bulk_create(partnerships)
        return partners

    def _workshops(self) -> dict[str, Workshop]:
        workshops = Workshop.objects.bulk_create(
            Workshop(
                program=self.program,
                key=spec["key"],
                name=spec["name"],
                theme=spec["theme"],
                status=Workshop.Status.ACTIVE,
            )
            for spec in names.WORKSHOPS
        )
        by_key = {w.key: w for w in workshops}
        promoters = HealthPromoter.objects.bulk_create(
            HealthPromoter(
                program=self.program,
                name=name,
                employer=self.partners[employer],
                fte_percent=fte,
                languages=languages,
            )
            for name, employer, fte, languages, _ in names.PROMOTERS
        )
        through = Workshop.health_promoters.through
        through.objects.bulk_create(
            through(workshop_id=by_key[key].pk, healthpromoter_id=promoter.pk)
            for promoter, (*_, keys) in zip(promoters, names.PROMOTERS, strict=True)
            for key in keys
        )
        return by_key

    # Activities ---------------------------------------------------------------------

    def _plan_half_year(self, index: int, period: Period, targets: Targets) -> None:
        held = self._regular_activities(period, targets.activities, Activity.Status.HELD)
        large = self._large_events(period, targets.large_events, Activity.Status.HELD)
        cancelled_large = round(targets.large_events * self.rng.uniform(0.02, 0.08))
        self._regular_activities(period, targets.cancelled, Activity.Status.CANCELLED)
        self._large_events(period, cancelled_large, Activity.Status.CANCELLED)
        for activity in held + large:
            self._headcounts(activity)
        active = self._active_participants(index, period, targets.participants)
        recurring = set(
            self._weighted_sample(
                active, targets.recurring, lambda i: RECURRING_WEIGHT[self.category[i]]
            )
        )
        self._attendance(active, recurring, held, large)
        self._support(period, active, targets.support)

    def _regular_activities(self, period: Period, n: int, status: str) -> list[Activity]:
        keys = [key for key in self.specs if self.starts[key] <= period.end]
        weights = [self.specs[key]["weight"] for key in keys]
        per_workshop = Counter(self.rng.choices(keys, weights=weights, k=n))
        planned = []
        for key in keys:
            if not per_workshop[key]:
                continue
            days = [day for day in _days(period) if day >= self.starts[key]]
            chosen = self.rng.choices(
                days, weights=[_regular_day_weight(d) for d in days], k=per_workshop[key]
            )
            planned.extend(self._regular_activity(key, day, status) for day in sorted(chosen))
        return planned

    def _regular_activity(self, key: str, day: date, status: str) -> Activity:
        rng = self.rng
        kind, title = rng.choice(self.specs[key]["activities"])
        slots = names.CHILD_SLOTS if key == names.LATE_WORKSHOP else names.ADULT_SLOTS
        activity = self._activity(
            workshop_key=key,
            day=day,
            kind=kind,
            title=title,
            status=status,
            start_time=time(*rng.choice(slots)),
            duration_minutes=rng.choice((60, 90, 90, 120)),
            premises=rng.choice(names.PREMISES[key]),
        )
        if rng.random() < 0.2:
            partner = rng.choice(names.WORKSHOP_PARTNERS[key])
            self.activity_partners.append((activity, self.partners[partner]))
        return activity

    def _large_events(self, period: Period, n: int, status: str) -> list[Activity]:
        rng = self.rng
        specs = [s for s in names.LARGE_EVENTS if s[2] is None or self.starts[s[2]] <= period.end]
        spec_weights = [s[3] for s in specs]
        partners = list(self.partners.values())
        planned = []
        for _ in range(n):
            kind, title, key, _weight = rng.choices(specs, weights=spec_weights)[0]
            start = self.starts[key] if key else period.start
            days = [day for day in _days(period) if day >= start]
            day = rng.choices(days, weights=[_event_day_weight(d) for d in days])[0]
            activity = self._activity(
                workshop_key=key,
                day=day,
                kind=kind,
                title=title,
                status=status,
                start_time=time(*rng.choice(names.LARGE_SLOTS)),
                duration_minutes=rng.choice((180, 240, 300)),
                premises=rng.choice(names.PREMISES[key]),
            )
            for partner in rng.sample(partners, k=rng.randint(1, 3)):
                self.activity_partners.append((activity, partner))
            planned.append(activity)
        return planned

    def _activity(self, *, workshop_key: str | None, day: date, **fields) -> Activity:
        prefix = f"{workshop_key or 'program'}-{day.isoformat()}"
        self.key_counter[prefix] += 1
        kind = fields["kind"]
        activity = Activity(
            program=self.program,
            key=f"{prefix}-{self.key_counter[prefix]}",
            workshop=self.workshops[workshop_key] if workshop_key else None,
            large_event=Activity.is_large_event_kind(kind),
            date=day,
            languages=self._languages(),
            **fields,
        )
        self.activities.append(activity)
        return activity

    def _languages(self) -> str:
        others = [code for code, _ in names.OTHER_LANGUAGES]
        weights = [w for _, w in names.OTHER_LANGUAGES]
        extra = self.rng.choices((0, 1, 2), weights=(3, 5, 2))[0]
        chosen = dict.fromkeys(self.rng.choices(others, weights=weights, k=extra))
        return ", ".join(["sv", *chosen])

    def _headcounts(self, activity: Activity) -> None:
        rng = self.rng
        if activity.large_event:
            groups = {
                (Category.CHILD_YOUTH, Gender.WOMAN): rng.randint(5, 60),
                (Category.CHILD_YOUTH, Gender.MAN): rng.randint(5, 60),
                (Category.ADULT, Gender.WOMAN): rng.randint(5, 50),
                (Category.ADULT, Gender.MAN): rng.randint(3, 30),
                (Category.ADULT, Gender.UNKNOWN): rng.randint(0, 20),
                (Category.PROFESSIONAL, Gender.UNKNOWN): rng.randint(1, 8),
            }
        elif rng.random() < 0.35:
            category = (
                Category.CHILD_YOUTH
                if activity.workshop.key == names.LATE_WORKSHOP
                else rng.choice((Category.ADULT, Category.ADULT, Category.CHILD_YOUTH))
            )
            groups = {(category, rng.choice(GENDERS)): rng.randint(1, 5)}
        else:
            return
        self.headcounts.extend(
            Headcount(activity=activity, category=category, gender=gender, count=count)
            for (category, gender), count in groups.items()
            if count
        )

    # Participants -------------------------------------------------------------------

    def _active_participants(
        self, index: int, period: Period, per_category: dict[str, int]
    ) -> list[int]:
        """Exactly `per_category` participants for the half-year: some return, the rest new."""
        active = []
        for category, wanted in per_category.items():
            pool = [i for i, c in enumerate(self.category) if c == category]
            returning = min(
                len(pool), round(wanted * CARRY_OVER[category] * self.rng.uniform(0.85, 1.15))
            )
            chosen = self._weighted_sample(
                pool, returning, lambda i: 3.0 if self.last_half[i] == index - 1 else 1.0
            )
            new = [self._new_participant(category, period) for _ in range(wanted - returning)]
            for i in chosen + new:
                self.last_half[i] = index
            active.extend(sorted(chosen) + new)
        return active

    def _new_participant(self, category: str, period: Period) -> int:
        rng = self.rng
        homes = {
            key: weight
            for key, weight in names.HOME_WEIGHTS[category].items()
            if self.starts[key] <= period.end
        }
        home = rng.choices(list(homes), weights=list(homes.values()))[0]
        if home == "kvinnors-halsa" and category != Category.CHILD_YOUTH:
            gender = Gender.WOMAN
        else:
            gender = rng.choices(GENDERS, weights=GENDER_WEIGHTS[category])[0]
        areas = [area for area, _ in names.HOME_AREAS]
        area_weights = [w for _, w in names.HOME_AREAS]
        home_area = rng.choices(areas, weights=area_weights)[0]
        if category == Category.PROFESSIONAL and rng.random() < 0.7:
            home_area = ""
        self.people.append(
            Participant(
                program=self.program,
                code=self._code(),
                category=category,
                gender=gender,
                birth_year=self._birth_year(category, period.start.year),
                home_area=home_area,
                registered_in=self.workshops[home],
            )
        )
        self.category.append(category)
        self.home.append(home)
        self.last_half.append(-1)
        return len(self.people) - 1

    def _birth_year(self, category: str, year: int) -> int | None:
        rng = self.rng
        if rng.random() < 0.12:
            return None
        if category == Category.CHILD_YOUTH:
            age = rng.randint(6, 18)
        elif category == Category.PROFESSIONAL:
            age = rng.randint(24, 65)
        else:
            age = round(rng.triangular(19, 85, 40))
        return year - age

    def _code(self) -> str:
        while True:
            tail = "".join(self.rng.choices(CODE_ALPHABET, k=self.code_length))
            code = f"{names.CODE_PREFIX}-{tail}"
            if code not in self.codes:
                self.codes.add(code)
                return code

    def _weighted_sample(
        self, items: Sequence[int], k: int, weight: Callable[[int], float]
    ) -> list[int]:
        """k distinct items, each drawn with probability proportional to its weight."""
        keyed = sorted(((self.rng.random() ** (1.0 / weight(i)), i) for i in items), reverse=True)
        return [i for _, i in keyed[:k]]

    # Attendance and support ---------------------------------------------------------

    def _attendance(
        self,
        active: list[int],
        recurring: set[int],
        held: list[Activity],
        large: list[Activity],
    ) -> None:
        """Each active participant attends at least once; only the recurring in enough weeks."""
        rng = self.rng
        min_weeks = self.min_weeks
        by_week: dict[tuple[int, int], list[Activity]] = defaultdict(list)
        by_home: dict[str, dict[tuple[int, int], list[Activity]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for activity in held:
            week = _week(activity.date)
            by_week[week].append(activity)
            by_home[activity.workshop.key][week].append(activity)
        all_weeks = sorted(by_week)
        home_weeks = {key: sorted(weeks) for key, weeks in by_home.items()}
        if (recurring and len(all_weeks) < min_weeks) or (min_weeks == 1 and not large):
            raise RuntimeError(f"Too few activities for a {min_weeks}-week recurrence.")
        large_cum = {
            category: _cumulative([appeal[e.kind] for e in large])
            for category, appeal in LARGE_EVENT_APPEAL.items()
        }

        for i in active:
            category, home = self.category[i], self.home[i]
            own_weeks = home_weeks.get(home, [])
            if i in recurring:
                k = rng.randint(min_weeks, min_weeks + 10)
                weeks = own_weeks if len(own_weeks) >= min_weeks else all_weeks
            elif large and (min_weeks == 1 or rng.random() < ONLY_LARGE_EVENTS[category]):
                k, weeks = 0, []
            else:
                k = rng.choices(range(1, min_weeks), weights=_halving(min_weeks - 1))[0]
                weeks = own_weeks or all_weeks
            for week in sorted(rng.sample(weeks, min(k, len(weeks)))):
                own = by_home[home].get(week)
                options = own if own and rng.random() < 0.85 else by_week[week]
                first = rng.choice(options)
                self.attendance.append((first, i))
                if i in recurring and len(options) > 1 and rng.random() < 0.15:
                    second = rng.choice(options)
                    if second is not first:
                        self.attendance.append((second, i))
            if large and (k == 0 or rng.random() < 0.2):
                n = 2 if k == 0 and rng.random() < 0.3 else 1
                events = rng.choices(large, cum_weights=large_cum[category], k=n)
                if n == 2 and events[0] is events[1]:
                    events.pop()
                self.attendance.extend((event, i) for event in events)

    def _support(self, period: Period, active: list[int], n: int) -> None:
        rng = self.rng
        weekdays = [day for day in _days(period) if day.weekday() < 5]
        chosen = self._weighted_sample(active, n, lambda i: SUPPORT_WEIGHT[self.category[i]])
        for i in sorted(chosen):
            contacts = rng.choices((1, 2, 3, 4, 5), weights=(45, 25, 15, 10, 5))[0]
            for _ in range(contacts):
                self.support.append(self._support_contact(rng.choice(weekdays), self.home[i], i))
        for _ in range(round(n * 0.3)):
            key = rng.choice(list(self.specs))
            if self.starts[key] > period.end:
                continue
            self.support.append(self._support_contact(rng.choice(weekdays), key, None))

    def _support_contact(self, day: date, key: str, person: int | None) -> IndividualSupport:
        rng = self.rng
        return IndividualSupport(
            program=self.program,
            workshop=self.workshops[key],
            date=day,
            participant=self.people[person] if person is not None else None,
            kind=rng.choices(SUPPORT_KINDS, weights=SUPPORT_KIND_WEIGHTS)[0],
            minutes=rng.choice((15, 20, 30, 30, 45, 60, 90)),
        )

    # Writing ------------------------------------------------------------------------

    def _write(self) -> SeedResult:
        Participant.objects.bulk_create(self.people, batch_size=BATCH_SIZE)
        Activity.objects.bulk_create(self.activities, batch_size=BATCH_SIZE)
        through = Activity.partners.through
        _bulk_create(
            through,
            (through(activity_id=a.pk, partner_id=p.pk) for a, p in self.activity_partners),
        )
        attendance = _bulk_create(
            Attendance,
            (
                Attendance(activity_id=activity.pk, participant_id=self.people[i].pk)
                for activity, i in self.attendance
            ),
        )
        Headcount.objects.bulk_create(self.headcounts, batch_size=BATCH_SIZE)
        IndividualSupport.objects.bulk_create(self.support, batch_size=BATCH_SIZE)
        return SeedResult(
            program=self.program,
            workshops=len(self.workshops),
            activities=len(self.activities),
            participants=len(self.people),
            attendance=attendance,
            headcounts=len(self.headcounts),
            support_contacts=len(self.support),
        )


def _halving(n: int) -> list[float]:
    return [0.5**k for k in range(n)]


def _cumulative(weights: Iterable[float]) -> list[float]:
    total, result = 0.0, []
    for weight in weights:
        total += weight
        result.append(total)
    return result


def _bulk_create(model: type[models.Model], objs: Iterable[models.Model]) -> int:
    """Insert in batches without holding every instance in memory at once."""
    count, batch = 0, []
    for obj in objs:
        batch.append(obj)
        if len(batch) == BATCH_SIZE:
            model.objects.bulk_create(batch)
            count, batch = count + len(batch), []
    if batch:
        model.objects.bulk_create(batch)
        count += len(batch)
    return count


# Demo users -------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str
    sees: str


Role = ProgramRole.Role

# role as printed, username, program role (None: a superuser without a program role).
# "styrgrupp" was a viewer before the steering-group role existed; it is a steering-group
# member now, and "lasare" is the viewer.
DEMO_USERS = (
    ("program leader", "ledare", Role.LEADER),
    ("health promoter", "framjare", Role.PROMOTER),
    ("health promoter", "framjare2", Role.PROMOTER),
    ("hub member", "hubb", Role.HUB),
    ("steering-group member", "styrgrupp", Role.STEERING),
    ("researcher", "forskare", Role.RESEARCHER),
    ("viewer", "lasare", Role.VIEWER),
    ("admin", "admin", None),
)


def ensure_demo_users(*, program: Program) -> list[DemoLogin]:
    """One login per role for the program, all with DEMO_PASSWORD; safe to run again.

    The password is set only when a user is created, so that a second start stays fast.
    Each promoter login is linked to a health promoter leading other workshops than the
    previous one; the researcher is put on the demo study's ethics approval, valid today.
    """
    logins = []
    taken: set[int] = set()
    hidden = f"counts below {settings.SUPPRESS_BELOW} hidden"
    with transaction.atomic():
        for label, username, role in DEMO_USERS:
            user = _demo_user(username, superuser=role is None)
            if role is None:
                logins.append(DemoLogin(label, username, "users and settings in /admin/ only"))
                continue
            ProgramRole.objects.update_or_create(
                user=user, program=program, defaults={"role": role}
            )
            if role == Role.PROMOTER:
                workshops = _link_promoter(user, program, taken)
                taken.update(w.pk for w in workshops)
                sees = "own workshops: " + ", ".join(w.name for w in workshops)
            elif role == Role.RESEARCHER:
                approval = ensure_research_access(program=program, researcher=user)
                sees = (
                    f"pseudonymised survey export (study {approval.study}, valid until "
                    f"{approval.valid_until}); the list of research publications; "
                    f"figures with {hidden}"
                )
            else:
                sees = {
                    Role.LEADER: "everything in the program",
                    Role.HUB: "figures, needs, hub meetings, reports, finance totals; "
                    "no participants",
                    Role.STEERING: f"figures with {hidden}, meetings, reports to approve, "
                    "finance totals",
                    Role.VIEWER: f"aggregates only, {hidden}; finance totals; "
                    "no health promoters' names",
                }[role]
            logins.append(DemoLogin(label, username, sees))
    return logins


def _demo_user(username: str, *, superuser: bool):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"is_staff": superuser, "is_superuser": superuser}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _link_promoter(user, program: Program, taken: set[int]) -> list[Workshop]:
    profile = HealthPromoter.objects.filter(program=program, user=user).first()
    if profile is None:
        candidates = (
            HealthPromoter.objects.filter(program=program, user__isnull=True)
            .annotate(n=Count("workshops"))
            .filter(n__gte=1)
            .order_by("-n", "name")
        )
        for candidate in candidates:
            if not taken & set(candidate.workshops.values_list("pk", flat=True)):
                profile = candidate
                break
        if profile is None:
            return []
        profile.user = user
        profile.save(update_fields=["user"])
    return list(profile.workshops.order_by("name"))
