"""Model fidelity: how faithfully a program follows the Jämlik hälsa model in a period.

Each criterion is one small function; its docstring is its rule, shown on the fidelity
page as "how it is computed". A criterion answers met, partly, not met or no data, and
never "met" without data. `fidelity_for` is the one entry point (page, API, report).
"""

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jamlik.governance.models import (
    COMMUNITY_INITIATORS,
    Attendance,
    Body,
    Decision,
    Meeting,
    Membership,
    Vote,
)
from jamlik.lib.periods import Period
from jamlik.needs.models import NeedsInventory
from jamlik.partners.models import Partnership, Sector
from jamlik.programs.models import Program
from jamlik.workshops.models import Workshop

MET, PARTLY, NOT_MET, NO_DATA = "met", "partly", "not_met", "no_data"
STATUS_LABELS = {
    MET: gettext_lazy("met"),
    PARTLY: gettext_lazy("partly"),
    NOT_MET: gettext_lazy("not met"),
    NO_DATA: gettext_lazy("no data"),
}
HUB_WINDOW_DAYS = 14
REVISION_MONTHS = 24


@dataclass(frozen=True)
class Result:
    status: str
    evidence: str
    value: float | None = None


def _share_status(part: int, whole: int) -> str:
    if part >= whole:
        return MET
    return PARTLY if part / whole >= 0.5 else NOT_MET


def _last_day(period: Period, today: date) -> date:
    return min(period.end, today)


# The criteria


def needs_driven_start(program: Program, period: Period, today: date) -> Result:
    """Met when an exploratory workshop (residents describing their needs) was held on or
    before the end of the period; not met otherwise."""
    found = (
        NeedsInventory.objects.filter(
            program=program,
            kind__in=NeedsInventory.EXPLORATORY_KINDS,
            date__lte=_last_day(period, today),
        )
        .order_by("date")
        .first()
    )
    if found is None:
        return Result(NOT_MET, _("No exploratory workshop is recorded."))
    return Result(MET, _("%(title)s, %(date)s") % {"title": found.title, "date": found.date})


def workshops_serve_needs(program: Program, period: Period, today: date) -> Result:
    """The share of active workshops linked to at least one documented need: all is met,
    half or more partly, less not met. No active workshop: no data."""
    active = Workshop.objects.filter(program=program, status=Workshop.Status.ACTIVE)
    total = active.count()
    if not total:
        return Result(NO_DATA, _("No active workshop."))
    serving = active.filter(needs__isnull=False).distinct().count()
    return Result(
        _share_status(serving, total),
        _("%(part)s of %(whole)s active workshops serve a documented need.")
        % {"part": serving, "whole": total},
        round(100 * serving / total, 1),
    )


def hub_cadence(program: Program, period: Period, today: date) -> Result:
    """The period (up to today) cut into 14-day windows; the share of windows with a held
    hub meeting. 90 % or more is met, half or more partly, less not met. No hub, or no
    whole window yet: no data."""
    hubs = Body.objects.filter(program=program, kind=Body.Kind.HUB)
    if not hubs.exists():
        return Result(NO_DATA, _("No hub is recorded."))
    last = _last_day(period, today)
    windows = (last - period.start).days // HUB_WINDOW_DAYS if last >= period.start else 0
    if not windows:
        return Result(NO_DATA, _("The period has no whole 14-day window yet."))
    days = set(
        Meeting.objects.filter(
            body__in=hubs,
            status=Meeting.Status.HELD,
            date__gte=period.start,
            date__lte=last,
        ).values_list("date", flat=True)
    )
    covered = sum(
        any(
            period.start + timedelta(days=i * HUB_WINDOW_DAYS)
            <= d
            < period.start + timedelta(days=(i + 1) * HUB_WINDOW_DAYS)
            for d in days
        )
        for i in range(windows)
    )
    return Result(
        MET if covered >= 0.9 * windows else PARTLY if covered >= 0.5 * windows else NOT_MET,
        _("%(part)s of %(whole)s 14-day windows had a hub meeting.")
        % {"part": covered, "whole": windows},
        round(100 * covered / windows, 1),
    )


def _semesters(period: Period, today: date) -> list[Period]:
    """The half-years of the period that have ended by today."""
    terms = []
    term = Period.half_year_of(period.start)
    while term.start <= period.end:
        if term.end < today:
            terms.append(term)
        term = term.following()
    return terms


def steering_met(program: Program, period: Period, today: date) -> Result:
    """Each semester (half-year) of the period that has ended had a held steering-group
    meeting that was decision-capable (no substitute present). Every semester is met,
    some partly, none not met. No steering group or no ended semester: no data."""
    bodies = Body.objects.filter(program=program, kind=Body.Kind.STEERING)
    terms = _semesters(period, today)
    if not bodies.exists() or not terms:
        return Result(NO_DATA, _("No steering group, or no semester of the period has ended."))
    meetings = (
        Meeting.objects.filter(
            body__in=bodies,
            status=Meeting.Status.HELD,
            date__gte=terms[0].start,
            date__lte=terms[-1].end,
        )
        .select_related("body")
        .prefetch_related(
            Prefetch("attendances", queryset=Attendance.objects.select_related("membership"))
        )
    )
    capable = [m.date for m in meetings if m.is_decision_capable()]
    met = sum(any(t.start <= d <= t.end for d in capable) for t in terms)
    status = MET if met == len(terms) else PARTLY if met else NOT_MET
    return Result(
        status,
        _("%(part)s of %(whole)s semesters had a decision-capable steering-group meeting.")
        % {"part": met, "whole": len(terms)},
        round(100 * met / len(terms), 1),
    )


def one_vote_per_party(program: Program, period: Period, today: date) -> Result:
    """Every vote cast by a partner's representative in a decision by vote in the period
    counted for the partner organisation (one vote per party). No decision by vote: no
    data."""
    votes = Vote.objects.filter(
        decision__meeting__body__program=program,
        decision__method=Decision.Method.VOTE,
        decision__meeting__date__gte=period.start,
        decision__meeting__date__lte=period.end,
    )
    decisions = votes.values("decision").distinct().count()
    if not decisions:
        return Result(NO_DATA, _("No decision was taken by vote in the period."))
    partner_votes = list(
        votes.filter(membership__kind=Membership.Kind.PARTNER).values_list(
            "unit", "membership__partner_id"
        )
    )
    wrong = sum(unit != f"partner:{partner}" for unit, partner in partner_votes)
    return Result(
        NOT_MET if wrong else MET,
        _("%(decisions)s decisions by vote; %(wrong)s partner votes not counted per party.")
        % {"decisions": decisions, "wrong": wrong},
    )


def promoters_seated(program: Program, period: Period, today: date) -> Result:
    """Health promoters hold a seat in the hub and in the steering group during the
    period: both is met, one of them partly, neither not met. Neither body: no data."""
    last = _last_day(period, today)
    bodies = list(
        Body.objects.filter(program=program, kind__in=[Body.Kind.HUB, Body.Kind.STEERING])
    )
    if not bodies:
        return Result(NO_DATA, _("No hub or steering group is recorded."))
    seated = set(
        Membership.objects.filter(
            body__in=bodies,
            kind=Membership.Kind.HEALTH_PROMOTER,
            starts_on__lte=last,
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=period.start))
        .values_list("body__kind", flat=True)
    )
    kinds = {Body.Kind.HUB, Body.Kind.STEERING}
    status = MET if kinds <= seated else PARTLY if seated else NOT_MET
    names = [str(Body.Kind(k).label) for k in sorted(seated)]
    return Result(
        status,
        _("Health promoters seated in: %(bodies)s.") % {"bodies": ", ".join(names) or "–"},
    )


def _partnerships(program: Program, period: Period, today: date):
    last = _last_day(period, today)
    return (
        Partnership.objects.filter(
            program=program, role__in=[Partnership.Role.IOP_PARTY, Partnership.Role.ACTIVE]
        )
        .filter(Q(joined_on__isnull=True) | Q(joined_on__lte=last))
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=period.start))
    )


def pentahelix(program: Program, period: Period, today: date) -> Result:
    """The sectors of the partners (IOP parties and active partners) in the period: all
    five is met, three or four partly, fewer not met. No partner: no data."""
    sectors = set(_partnerships(program, period, today).values_list("partner__sector", flat=True))
    if not sectors:
        return Result(NO_DATA, _("No partner is recorded."))
    missing = [str(label) for value, label in Sector.choices if value not in sectors]
    status = MET if not missing else PARTLY if len(sectors) >= 3 else NOT_MET
    return Result(
        status,
        _("%(count)s of 5 sectors; missing: %(missing)s.")
        % {"count": len(sectors), "missing": ", ".join(missing) or "–"},
    )


def letters_signed(program: Program, period: Period, today: date) -> Result:
    """The share of partners in the period with a letter of intent signed by its end: all
    is met, half or more partly, less not met. No partner: no data."""
    partners = list(
        _partnerships(program, period, today).values_list("letter_signed_on", flat=True)
    )
    if not partners:
        return Result(NO_DATA, _("No partner is recorded."))
    last = _last_day(period, today)
    signed = sum(day is not None and day <= last for day in partners)
    return Result(
        _share_status(signed, len(partners)),
        _("%(part)s of %(whole)s partners have signed a letter of intent.")
        % {"part": signed, "whole": len(partners)},
        round(100 * signed / len(partners), 1),
    )


def half_year_evaluation(program: Program, period: Period, today: date) -> Result:
    """Each half-year of the period that has ended has an evaluation approved at a hub
    meeting. Every one is met, some partly, none not met. No ended half-year: no data."""
    from jamlik.goals.models import HalfYearEvaluation

    terms = _semesters(period, today)
    if not terms:
        return Result(NO_DATA, _("No half-year of the period has ended."))
    approved = set(
        HalfYearEvaluation.objects.filter(
            program=program,
            status=HalfYearEvaluation.Status.APPROVED,
            period_label__in=[term.label for term in terms],
        ).values_list("period_label", flat=True)
    )
    held = sum(term.label in approved for term in terms)
    return Result(
        MET if held == len(terms) else PARTLY if held else NOT_MET,
        _("%(part)s of %(whole)s ended half-years have an approved evaluation.")
        % {"part": held, "whole": len(terms)},
        round(100 * held / len(terms), 1),
    )


def revised_in_time(program: Program, period: Period, today: date) -> Result:
    """At the end of the period the latest exploratory or revised exploratory workshop is
    at most 24 months old. Older is not met. No exploratory workshop yet: no data."""
    last = _last_day(period, today)
    latest = (
        NeedsInventory.objects.filter(
            program=program, kind__in=NeedsInventory.EXPLORATORY_KINDS, date__lte=last
        )
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    if latest is None:
        return Result(NO_DATA, _("No exploratory workshop is recorded."))
    months = (last.year - latest.year) * 12 + last.month - latest.month
    return Result(
        MET if months <= REVISION_MONTHS else NOT_MET,
        _("The latest exploratory workshop was %(months)s months before the period's end.")
        % {"months": months},
        float(months),
    )


def _community_share(program: Program, start: date, end: date) -> tuple[int, int]:
    """Decisions initiated and hub meetings chaired by residents and health promoters,
    and all decisions and chaired hub meetings, in the dates."""
    held = Meeting.objects.filter(
        body__program=program, status=Meeting.Status.HELD, date__gte=start, date__lte=end
    )
    initiators = list(
        Decision.objects.filter(meeting__in=held).values_list("initiated_by", flat=True)
    )
    chairs = list(
        held.filter(body__kind=Body.Kind.HUB, chair__isnull=False).values_list(
            "chair__kind", flat=True
        )
    )
    community_seats = {Membership.Kind.RESIDENT, Membership.Kind.HEALTH_PROMOTER}
    part = sum(i in COMMUNITY_INITIATORS for i in initiators) + sum(
        c in community_seats for c in chairs
    )
    return part, len(initiators) + len(chairs)


def power_shift_trend(program: Program, period: Period, today: date) -> Result:
    """The share of decisions initiated and hub meetings chaired by residents and health
    promoters in the period against the period before: a rising share, or one holding at
    half or more, is met; holding below half partly; falling not met. Either period
    without decisions or chaired meetings: no data."""
    before = period.previous()
    part, whole = _community_share(program, period.start, _last_day(period, today))
    part_before, whole_before = _community_share(program, before.start, before.end)
    if not whole or not whole_before:
        return Result(NO_DATA, _("No decisions or chaired hub meetings to compare."))
    now, then = 100 * part / whole, 100 * part_before / whole_before
    if now > then or (now == then and now >= 50):
        status = MET
    elif now == then:
        status = PARTLY
    else:
        status = NOT_MET
    return Result(
        status,
        _("%(now)s %% of decisions and chairs, against %(then)s %% the period before.")
        % {"now": round(now), "then": round(then)},
        round(now, 1),
    )


@dataclass(frozen=True)
class Criterion:
    key: str
    title: str
    check: Callable[[Program, Period, date], Result]

    @property
    def rule(self) -> str:
        return " ".join(inspect.getdoc(self.check).split())


CRITERIA: tuple[Criterion, ...] = (
    Criterion("needs_driven_start", gettext_lazy("Needs-driven start"), needs_driven_start),
    Criterion("workshops_serve_needs", gettext_lazy("Workshops serve documented needs"),
              workshops_serve_needs),
    Criterion("hub_cadence", gettext_lazy("The hub meets every other week"), hub_cadence),
    Criterion("steering_met", gettext_lazy("The steering group met each semester, able to decide"),
              steering_met),
    Criterion("one_vote_per_party", gettext_lazy("One vote per party"), one_vote_per_party),
    Criterion("promoters_seated", gettext_lazy("Health promoters in the hub and steering group"),
              promoters_seated),
    Criterion("pentahelix", gettext_lazy("All five pentahelix sectors"), pentahelix),
    Criterion("letters_signed", gettext_lazy("Letters of intent signed"), letters_signed),
    Criterion("half_year_evaluation", gettext_lazy("Half-year evaluation held"),
              half_year_evaluation),
    Criterion("revised_in_time", gettext_lazy("Revised exploratory workshop within 24 months"),
              revised_in_time),
    Criterion("power_shift_trend", gettext_lazy("Power shift towards residents and promoters"),
              power_shift_trend),
)  # fmt: skip


def fidelity_for(
    program: Program, period: Period, *, today: date | None = None
) -> list[dict[str, Any]]:
    """`compute_fidelity`'s rows, computed once per program, period, day and language until
    a write changes what the criteria read (see `jamlik.programs.fidelity_cache`)."""
    from jamlik.programs import fidelity_cache

    today = today or timezone.localdate()
    return fidelity_cache.cached(program, period, today, compute_fidelity)


def compute_fidelity(program: Program, period: Period, *, today: date) -> list[dict[str, Any]]:
    """Every criterion for the period, JSON-safe: key, title, rule, status, status_label,
    evidence and value (a share in per cent, months, or None)."""
    rows = []
    for criterion in CRITERIA:
        result = criterion.check(program, period, today)
        rows.append(
            {
                "key": criterion.key,
                "title": str(criterion.title),
                "rule": criterion.rule,
                "status": result.status,
                "status_label": str(STATUS_LABELS[result.status]),
                "evidence": str(result.evidence),
                "value": result.value,
            }
        )
    return rows
