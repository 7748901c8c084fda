"""The program's figures for a period: the one place they are computed.

`compute_figures` computes them (the definitions are in the README); the dashboard, the
API, the `jamlik figures` command and the reports read them through `figures_for`, which
keeps each program-period's figures computed once.

How the cache can never be stale:

- Every write that can change a program's figures calls `figures_changed(program=…,
  days=…)` in the same transaction as the write, or after it: it puts a new random token
  in the program's `FiguresStamp` row of each half-year the written dates fall in, or in
  its "*" row (any period) when `days` is None.
- `figures_for` first reads the tokens of the "*" row and of every half-year the period
  overlaps (with `RECURRING_MIN_WEEKS`, which the figures depend on: the stamp), then
  reads or computes the figures, and stores them under the stamp read *before* computing.
  A write that commits while they are computed has already changed a token, so figures
  stored under the old stamp are never read again. Tokens never repeat.
- Only internal figures are stored; `for_audience` suppresses small counts on the way
  out, so both audiences come from the same numbers, and the program's slug and the
  period's label are filled in on the way out too.
- A closed half-year stays cached until a write touches one of its dates. Only
  half-years and years are stored; a date range ("2024-02-01..2024-03-31") is added up
  each time, like any figures not in the cache, from the aggregates that
  `figures_changed` keeps exact on every write (`jamlik.reports.aggregates`), not
  counted on the raw tables.
- With `FIGURES_CACHE_CHECK` on (the test suite turns it on), every figures read from the
  cache is compared with `compute_figures` and `StaleFigures` is raised if they differ, so
  a test of any write path that forgets `figures_changed` fails.

The writes that call `figures_changed` (keep this list whole when adding one):
`activities.services` (create_activity, set_activity_status, set_attendance,
register_participant through set_attendance, set_headcount, add_support_contact), the
import (`programs.interchange.apply.apply_changes`), the synthetic data
(`programs.demo.seed_program`, its `--replace` deletion), and the admin's activity and
workshop pages (a workshop's key names its figures). An erasure or any new write of
activities, attendance, headcounts, support contacts, participants' categories or
workshops' keys must call it as well.
"""

import json
import re
import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any, Literal

from django.conf import settings
from django.db import transaction
from django.db.models import Count, DateField, Func, Q, Sum
from django.db.models.functions import TruncMonth

from jamlik.activities.models import (
    Activity,
    Attendance,
    Category,
    Headcount,
    IndividualSupport,
    Participant,
)
from jamlik.lib.periods import Period
from jamlik.programs.fidelity_cache import fidelity_changed
from jamlik.programs.models import Program
from jamlik.reports import aggregates
from jamlik.reports.disclosure import suppress_small_counts
from jamlik.reports.models import CachedFigures, FiguresStamp

Audience = Literal["internal", "external"]
AUDIENCES: tuple[Audience, ...] = ("internal", "external")
WHOLE_PERIOD = re.compile(r"\d{4}(H[12])?")


def compute_figures(
    *, program: Program, period: Period, audience: Audience = "internal"
) -> dict[str, Any]:
    """The figures of a program for a period (definitions in the README), in six queries.

    Every count is computed by the database; Python only adds up the per-workshop
    groups (the program-wide activities form the group without a workshop).
    """
    _check_audience(audience)
    activities = _activities_by_workshop(program, period)
    attendance = _attendance_by_workshop(program, period)
    headcounts = _headcounts_by_workshop(program, period)
    support = IndividualSupport.objects.filter(
        program=program, date__gte=period.start, date__lte=period.end
    ).aggregate(participants=Count("participant", distinct=True), contacts=Count("pk"))
    figures: dict[str, Any] = {
        "program": program.slug,
        "period": period.as_dict(),
        "audience": "internal",
        "activities": sum(row["activities"] for row in activities.values()),
        "large_events": sum(row["large_events"] for row in activities.values()),
        "cancelled_activities": sum(row["cancelled"] for row in activities.values()),
        "unique_participants": _unique_participants(program, period),
        "recurring_participants": _recurring_participants(program, period),
        "visits": {
            "registered": sum(visits for _, visits in attendance.values()),
            "headcount": sum(headcounts.values()),
        },
        "individual_support": {
            "participants": support["participants"],
            "contacts": support["contacts"],
        },
        "by_workshop": {
            key: {
                "activities": row["activities"],
                "large_events": row["large_events"],
                "unique_participants": attendance.get(key, (0, 0))[0],
                "visits": attendance.get(key, (0, 0))[1] + headcounts.get(key, 0),
            }
            for key, row in sorted(activities.items(), key=lambda item: item[0] or "")
            # A workshop is listed when it held something in the period.
            if key is not None and row["activities"] + row["large_events"] > 0
        },
    }
    return for_audience(figures, audience)


class StaleFigures(AssertionError):
    """Cached figures differ from a recomputation: a write did not call figures_changed."""


def figures_changed(
    *,
    program: Program,
    days: Iterable[date] | None = None,
    participants: Iterable[Participant] | None = None,
) -> None:
    """The program's figures of `days` (of every day when None) may have changed: make the
    cached figures of their half-years stale and rebuild the aggregates of those days.

    Call it after the write, in its transaction (or after it commits). A write that moves
    something from one date to another passes both dates. `participants`: the write
    changed only these participants' attendance on `days` (a mark), so only their rows of
    the per-week aggregates are rebuilt; leave it out for anything else."""
    days = None if days is None else set(days)
    if days is None:
        scopes = {FiguresStamp.ALL}
    else:
        scopes = {_half_year(day) for day in days}
    if not scopes:
        return
    # No savepoint: a failure here fails the caller's write as a whole anyway.
    with transaction.atomic(savepoint=False):
        aggregates.lock(program)
        FiguresStamp.objects.bulk_create(
            # Sorted, so that two writers lock the same rows in the same order.
            [
                FiguresStamp(program_id=program.pk, scope=scope, token=uuid.uuid4().hex)
                for scope in sorted(scopes)
            ],
            update_conflicts=True,
            unique_fields=["program", "scope"],
            update_fields=["token"],
        )
        if days is None:
            aggregates.drop(program, locked=True)
            # An import, the synthetic data or the admin may also have bulk-written what
            # the model-fidelity criteria read.
            fidelity_changed()
        else:
            aggregates.rebuild_days(
                program,
                days,
                None if participants is None else [person.pk for person in participants],
                locked=True,
            )


def figures_for(
    *, program: Program, period: Period, audience: Audience = "internal"
) -> dict[str, Any]:
    """`compute_figures`' result, computed once per program-period until a write changes it.

    Only half-years and years are stored; a date range is computed each time, so that
    arbitrary ranges cannot fill the table."""
    _check_audience(audience)
    if not WHOLE_PERIOD.fullmatch(period.label):
        return for_audience(_from_aggregates(program, period), audience)
    stamp = _stamp(program, period)
    cached = (
        CachedFigures.objects.filter(program=program, start=period.start, end=period.end)
        .values_list("stamp", "figures")
        .first()
    )
    if cached is not None and cached[0] == stamp:
        figures = json.loads(cached[1])
        figures["program"] = program.slug
        figures["period"] = period.as_dict()
        if settings.FIGURES_CACHE_CHECK and figures != compute_figures(
            program=program, period=period
        ):
            raise StaleFigures(f"{program.slug} {period.label}")
    else:
        figures = _from_aggregates(program, period)
        CachedFigures.objects.bulk_create(
            [
                CachedFigures(
                    program=program,
                    start=period.start,
                    end=period.end,
                    stamp=stamp,
                    figures=json.dumps(figures),
                )
            ],
            update_conflicts=True,
            unique_fields=["program", "start", "end"],
            update_fields=["stamp", "figures"],
        )
    return for_audience(figures, audience)


def _from_aggregates(program: Program, period: Period) -> dict[str, Any]:
    figures = aggregates.figures_from_aggregates(program, period)
    if settings.FIGURES_CACHE_CHECK and figures != compute_figures(program=program, period=period):
        raise StaleFigures(f"{program.slug} {period.label} (aggregates)")
    return figures


def _half_year(day: date) -> str:
    return f"{day.year}H{1 if day.month <= 6 else 2}"


def _stamp(program: Program, period: Period) -> str:
    scopes = [FiguresStamp.ALL]
    half = Period.half_year_of(period.start)
    while half.start <= period.end:
        scopes.append(half.label)
        half = half.following()
    tokens = FiguresStamp.objects.filter(program=program, scope__in=scopes).values_list(
        "scope", "token"
    )
    return ";".join(
        [f"weeks={settings.RECURRING_MIN_WEEKS}", *(f"{s}={t}" for s, t in sorted(tokens))]
    )


def _check_audience(audience: str) -> None:
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")


def for_audience(figures: dict[str, Any], audience: Audience) -> dict[str, Any]:
    """Internal figures as `audience` may see them: small counts withheld for external readers."""
    _check_audience(audience)
    shown = {**figures, "audience": audience}
    if audience == "external":
        return suppress_small_counts(shown, settings.SUPPRESS_BELOW)
    return shown


def _held(program: Program, period: Period, via: str = "") -> Q:
    """The program's held activities in the period, reached through `via` ("activity__"
    from attendance and headcounts: a join, not a subquery)."""
    return Q(
        **{
            f"{via}program": program,
            f"{via}date__gte": period.start,
            f"{via}date__lte": period.end,
            f"{via}status": Activity.Status.HELD,
        }
    )


def _held_attendance(program: Program, period: Period):
    return Attendance.objects.filter(_held(program, period, via="activity__"))


def _activities_by_workshop(program: Program, period: Period) -> dict[str | None, dict[str, int]]:
    """Held activities, larger events and cancelled activities per workshop key."""
    held = Q(status=Activity.Status.HELD)
    rows = (
        Activity.objects.filter(program=program, date__gte=period.start, date__lte=period.end)
        .values("workshop__key")
        .annotate(
            activities=Count("pk", filter=held & Q(large_event=False)),
            large_events=Count("pk", filter=held & Q(large_event=True)),
            cancelled=Count("pk", filter=Q(status=Activity.Status.CANCELLED)),
        )
        .order_by()
    )
    return {row.pop("workshop__key"): row for row in rows}


def _attendance_by_workshop(program: Program, period: Period) -> dict[str | None, tuple[int, int]]:
    """(unique participants, registered visits) per workshop key."""
    rows = (
        _held_attendance(program, period)
        .values("activity__workshop__key")
        .annotate(unique=Count("participant", distinct=True), visits=Count("pk"))
        .values_list("activity__workshop__key", "unique", "visits")
        .order_by()
    )
    return {key: (unique, visits) for key, unique, visits in rows}


def _headcounts_by_workshop(program: Program, period: Period) -> dict[str | None, int]:
    rows = (
        Headcount.objects.filter(_held(program, period, via="activity__"))
        .values("activity__workshop__key")
        .annotate(n=Sum("count"))
        .values_list("activity__workshop__key", "n")
        .order_by()
    )
    return {key: n or 0 for key, n in rows}


def _unique_participants(program: Program, period: Period) -> dict[str, int]:
    rows = (
        _held_attendance(program, period)
        .values("participant__category")
        .annotate(n=Count("participant", distinct=True))
        .values_list("participant__category", "n")
        .order_by()
    )
    by_category = dict(rows)
    result = {"total": sum(by_category.values())}
    for category in Category.values:
        result[category] = by_category.get(category, 0)
    return result


class IsoWeek(Func):
    """The Monday of a date's ISO week, computed by the database.

    Django's TruncWeek calls back into Python for every row on SQLite; SQLite's own date
    modifiers do the same in C.
    """

    output_field = DateField()
    arity = 1
    template = "CAST(DATE_TRUNC('week', %(expressions)s) AS DATE)"

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="DATE(%(expressions)s, '-6 days', 'weekday 1')"
        )


def _recurring_participants(program: Program, period: Period) -> int:
    """Participants who attended held non-large activities in enough distinct ISO weeks."""
    return (
        _held_attendance(program, period)
        .filter(activity__large_event=False)
        .values("participant_id")
        .annotate(weeks=Count(IsoWeek("activity__date"), distinct=True))
        .filter(weeks__gte=settings.RECURRING_MIN_WEEKS)
        .order_by()
        .count()
    )


def activities_by_month(*, program: Program, period: Period) -> dict[date, dict[str | None, int]]:
    """`activities` per calendar month and workshop key (None: program-wide), in one query.

    The same definition as `compute_figures`' "activities" and its by_workshop counts:
    held activities that are not larger events, inside the period.
    """
    rows = (
        Activity.objects.filter(_held(program, period), large_event=False)
        .annotate(month=TruncMonth("date"))
        .values_list("month", "workshop__key")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result: dict[date, dict[str | None, int]] = {}
    for month, key, n in rows:
        result.setdefault(month, {})[key] = n
    return result
