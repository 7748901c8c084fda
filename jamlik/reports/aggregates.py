"""Figures aggregates maintained on write, from which any period's figures are added up.

`compute_figures` counts on the raw tables (activities, attendance, headcounts); at ten
times the demo's data that takes 100–400 ms a period, too slow for a dashboard over any
date range. These tables hold the same facts already grouped:

- `FiguresDay`: per program, day and workshop, the additive counts (held activities,
  larger events, cancelled activities, attendance rows at held activities, headcounts).
  A period's figures are their sums over its days.
- `FiguresWeek`: per program, ISO week, participant and workshop, the days of the week
  (a 7-bit mask) on which the participant attended a held activity, and those of held
  activities that are not larger events. Distinct participants over a period are the
  distinct participants of its weeks' rows, where the first and last week count only
  when a bit of the period's days is set; recurring participants are those with enough
  distinct weeks with a non-large bit inside the period. The participant's category is
  read from the participant, so a changed category needs no maintenance.

Individual support is counted on its own table (small, indexed by program and date).

How they stay exact (the rules of `figures.figures_changed`, the one entry point):

- A write calls `figures_changed(program=…, days=…)` after writing, in its transaction.
  It locks the program's row (`FOR NO KEY UPDATE`, so writers of one program take turns;
  inserting an activity still may), then rebuilds the `FiguresDay` rows of those days and
  the `FiguresWeek` rows of their weeks from the raw tables. Each statement after the
  lock sees every write committed before, and its own, so the rebuilt rows are exact.
- With `days=None` (an import, the synthetic data, the admin, anything that may touch
  every date) the program's aggregates are dropped with its `FiguresBuilt` row; the next
  figures read builds them again, under the same lock, from the raw tables.
- Deleting a participant deletes its `FiguresWeek` rows (cascade); its attendance's
  days still need `figures_changed` for the visits in `FiguresDay`.
"""

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, Count, DateField, F, Func, IntegerField, Q, Sum, When

from jamlik.activities.models import Activity, Attendance, Category, Headcount, IndividualSupport
from jamlik.lib.periods import Period
from jamlik.programs.models import Program
from jamlik.reports.models import FiguresBuilt, FiguresDay, FiguresWeek, FiguresWorkshopWeek

ALL_DAYS = 0b1111111
BATCH = 5000


class IsoWeekStart(Func):
    """The Monday of a date's ISO week (as `figures.IsoWeek`)."""

    arity = 1
    output_field = DateField()
    template = "CAST(DATE_TRUNC('week', %(expressions)s) AS DATE)"

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="DATE(%(expressions)s, '-6 days', 'weekday 1')"
        )


class DayBit(Func):
    """1 << (the date's ISO weekday − 1): Monday 1, Sunday 64."""

    arity = 1
    output_field = IntegerField()
    template = "(1 << (CAST(EXTRACT(ISODOW FROM %(expressions)s) AS INTEGER) - 1))"

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template=(
                "(1 << CAST(julianday(%(expressions)s) - "
                "julianday(DATE(%(expressions)s, '-6 days', 'weekday 1')) AS INTEGER))"
            ),
        )


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


# Maintenance.


def lock(program: Program) -> None:
    """Writers (and the builder) of one program's aggregates take turns; call inside a
    transaction. SQLite has one writer at a time anyway."""
    if connection.vendor == "postgresql":
        list(
            Program.objects.select_for_update(no_key=True)
            .filter(pk=program.pk)
            .values_list("pk", flat=True)
        )


def drop(program: Program, *, locked: bool = False) -> None:
    """Every period may have changed: build again on the next read. `locked`: the caller
    holds the program's lock in this transaction already."""
    with transaction.atomic(savepoint=False):
        if not locked:
            lock(program)
        FiguresBuilt.objects.filter(program_id=program.pk).delete()
        for model in (FiguresDay, FiguresWeek, FiguresWorkshopWeek):
            model.objects.filter(program_id=program.pk).delete()


def rebuild_days(
    program: Program,
    days: Iterable[date],
    participant_ids: Iterable[int] | None = None,
    *,
    locked: bool = False,
) -> None:
    """Rebuild the rows of these days (and of their ISO weeks) from the raw tables, if the
    program's aggregates are built. `participant_ids`: only these participants'
    attendance changed (a mark), so only their week rows are rebuilt."""
    days = sorted(set(days))
    if not days:
        return
    with transaction.atomic(savepoint=False):  # inside the write's transaction
        if not locked:
            lock(program)
        if not FiguresBuilt.objects.filter(program_id=program.pk).exists():
            return
        weeks = sorted({monday(day) for day in days})
        FiguresDay.objects.filter(program_id=program.pk, day__in=days).delete()
        _insert_days(program, days)
        who = Q() if participant_ids is None else Q(participant_id__in=sorted(participant_ids))
        for model in (FiguresWeek, FiguresWorkshopWeek):
            model.objects.filter(who, program_id=program.pk, week__in=weeks).delete()
        within = Q()
        for week in weeks:
            within |= Q(activity__date__gte=week, activity__date__lte=week + timedelta(days=6))
        _insert_weeks(program, within & who)


def ensure_built(program: Program) -> None:
    """Build the program's aggregates from the raw tables unless they are."""
    if FiguresBuilt.objects.filter(program_id=program.pk).exists():
        return
    with transaction.atomic():
        lock(program)
        if FiguresBuilt.objects.filter(program_id=program.pk).exists():
            return  # built by another request meanwhile
        for model in (FiguresDay, FiguresWeek, FiguresWorkshopWeek):
            model.objects.filter(program_id=program.pk).delete()
        _insert_days(program, None)
        _insert_weeks(program, Q())
        FiguresBuilt.objects.create(program_id=program.pk)


def _insert_days(program: Program, days: list[date] | None) -> None:
    """The FiguresDay rows of these days (of every day when None)."""
    on_days = Q() if days is None else Q(date__in=days)
    via = Q() if days is None else Q(activity__date__in=days)
    held = Q(status=Activity.Status.HELD)
    rows: dict[tuple[date, int | None], dict[str, int]] = {}

    def row(day, workshop) -> dict[str, int]:
        return rows.setdefault((day, workshop), {})

    activities = (
        Activity.objects.filter(on_days, program_id=program.pk)
        .values("date", "workshop_id")
        .annotate(
            activities=Count("pk", filter=held & Q(large_event=False)),
            large_events=Count("pk", filter=held & Q(large_event=True)),
            cancelled=Count("pk", filter=Q(status=Activity.Status.CANCELLED)),
        )
        .order_by()
    )
    for entry in activities:
        row(entry.pop("date"), entry.pop("workshop_id")).update(entry)
    visits = (
        Attendance.objects.filter(via, activity__program_id=program.pk, activity__status="held")
        .values_list("activity__date", "activity__workshop_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for day, workshop, n in visits:
        row(day, workshop)["visits"] = n
    headcounts = (
        Headcount.objects.filter(via, activity__program_id=program.pk, activity__status="held")
        .values_list("activity__date", "activity__workshop_id")
        .annotate(n=Sum("count"))
        .order_by()
    )
    for day, workshop, n in headcounts:
        row(day, workshop)["headcount"] = n or 0
    FiguresDay.objects.bulk_create(
        [
            FiguresDay(program_id=program.pk, day=day, workshop_id=workshop, **counts)
            for (day, workshop), counts in rows.items()
            if any(counts.values())
        ],
        batch_size=BATCH,
    )


def _insert_weeks(program: Program, within: Q) -> None:
    """The FiguresWeek and FiguresWorkshopWeek rows of the attendance `within` (a filter
    by `activity__date`), grouped and inserted by the database (INSERT … SELECT)."""
    bit = DayBit("activity__date")
    attended = Attendance.objects.filter(
        within, activity__program_id=program.pk, activity__status=Activity.Status.HELD
    ).annotate(
        w=IsoWeekStart("activity__date"),
        p=F("participant_id"),
    )
    # SUM(DISTINCT 1 << weekday) of one group is the OR of its days' bits.
    by_participant = (
        attended.annotate(c=F("participant__category"))
        .values("w", "p", "c")
        .annotate(
            d=Sum(bit, distinct=True),
            r=Sum(bit, distinct=True, filter=Q(activity__large_event=False)),
        )
        .order_by()
    )
    _insert_select(
        FiguresWeek,
        ["program_id", "week", "participant_id", "category", "days", "regular_days"],
        "%s, t.w, t.p, t.c, t.d, COALESCE(t.r, 0)",
        program,
        by_participant,
    )
    by_workshop = (
        attended.annotate(ws=F("activity__workshop_id"))
        .values("w", "ws", "p")
        .annotate(d=Sum(bit, distinct=True))
        .order_by()
    )
    _insert_select(
        FiguresWorkshopWeek,
        ["program_id", "week", "workshop_id", "participant_id", "days"],
        "%s, t.w, t.ws, t.p, t.d",
        program,
        by_workshop,
    )


def _insert_select(model, columns: list[str], select: str, program: Program, queryset) -> None:
    sql, params = queryset.query.sql_with_params()
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({names}) SELECT {select} FROM ({sql}) t",  # noqa: S608
            [program.pk, *params],
        )


# Reading.


def _bits(period: Period, field: str) -> Case:
    """`field`'s bits of the period's days: the first and last weeks' only in part."""
    first, last = monday(period.start), monday(period.end)
    start_bits = ALL_DAYS & ~((1 << period.start.weekday()) - 1)  # from its weekday on
    end_bits = (1 << (period.end.weekday() + 1)) - 1  # up to its weekday
    if first == last:
        masks = [When(week=first, then=F(field).bitand(start_bits & end_bits))]
    else:
        masks = [
            When(week=first, then=F(field).bitand(start_bits)),
            When(week=last, then=F(field).bitand(end_bits)),
        ]
    return Case(*masks, default=F(field), output_field=IntegerField())


def _in_weeks(model, program: Program, period: Period):
    return model.objects.filter(
        program_id=program.pk, week__gte=monday(period.start), week__lte=monday(period.end)
    )


def figures_from_aggregates(program: Program, period: Period) -> dict[str, Any]:
    """`compute_figures`' internal figures, added up from the aggregates (built first if
    they are not)."""
    ensure_built(program)
    by_workshop = (
        FiguresDay.objects.filter(program_id=program.pk, day__gte=period.start, day__lte=period.end)
        .values("workshop_id", "workshop__key")
        .annotate(
            a=Sum("activities"),
            le=Sum("large_events"),
            c=Sum("cancelled"),
            v=Sum("visits"),
            h=Sum("headcount"),
        )
        .values_list("workshop_id", "workshop__key", "a", "le", "c", "v", "h")
        .order_by()
    )
    keys: dict[int | None, str | None] = {}
    sums: dict[str | None, tuple[int, ...]] = {}
    for workshop, key, *counts in by_workshop:
        keys[workshop] = key
        sums[key] = tuple(n or 0 for n in counts)
    # Distinct (workshop, participant) pairs, then counted per workshop: two hash
    # aggregates rather than a sort for COUNT(DISTINCT).
    pairs = (
        _in_weeks(FiguresWorkshopWeek, program, period)
        .annotate(bits=_bits(period, "days"))
        .filter(bits__gt=0)
        .values("workshop_id", "participant_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    sql, params = pairs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT t.workshop_id, COUNT(*) FROM ({sql}) t GROUP BY t.workshop_id",  # noqa: S608
            params,
        )
        unique_by_workshop = {keys.get(workshop): n for workshop, n in cursor.fetchall()}
    # One row per participant seen in the period: its category and its weeks with a
    # regular activity; then counted per category in the same query.
    per_participant = (
        _in_weeks(FiguresWeek, program, period)
        .annotate(bits=_bits(period, "days"), regular=_bits(period, "regular_days"))
        .filter(bits__gt=0)
        .values("participant_id", "category")
        .annotate(weeks=Count("pk", filter=Q(regular__gt=0)))
        .order_by()
    )
    sql, params = per_participant.query.sql_with_params()
    with connection.cursor() as cursor:
        outer = (
            "SELECT t.category, COUNT(*), "
            "COALESCE(SUM(CASE WHEN t.weeks >= %s THEN 1 ELSE 0 END), 0)"
        )
        cursor.execute(
            f"{outer} FROM ({sql}) t GROUP BY t.category",  # noqa: S608
            [settings.RECURRING_MIN_WEEKS, *params],
        )
        by_category = {category: (n, recurring) for category, n, recurring in cursor.fetchall()}
    support = IndividualSupport.objects.filter(
        program=program, date__gte=period.start, date__lte=period.end
    ).aggregate(participants=Count("participant", distinct=True), contacts=Count("pk"))
    unique = {"total": sum(n for n, _ in by_category.values())}
    for category in Category.values:
        unique[category] = by_category.get(category, (0, 0))[0]
    return {
        "program": program.slug,
        "period": period.as_dict(),
        "audience": "internal",
        "activities": sum(row[0] for row in sums.values()),
        "large_events": sum(row[1] for row in sums.values()),
        "cancelled_activities": sum(row[2] for row in sums.values()),
        "unique_participants": unique,
        "recurring_participants": sum(recurring for _, recurring in by_category.values()),
        "visits": {
            "registered": sum(row[3] for row in sums.values()),
            "headcount": sum(row[4] for row in sums.values()),
        },
        "individual_support": {
            "participants": support["participants"],
            "contacts": support["contacts"],
        },
        "by_workshop": {
            key: {
                "activities": row[0],
                "large_events": row[1],
                "unique_participants": unique_by_workshop.get(key, 0),
                "visits": row[3] + row[4],
            }
            for key, row in sorted(sums.items(), key=lambda item: item[0] or "")
            if key is not None and row[0] + row[1] > 0
        },
    }
