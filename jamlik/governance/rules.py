"""The bodies' rules that span several rows: counting votes, rotating the chair, cadence.

Plain functions that read and never write; `services.py` does the writing.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from jamlik.governance.models import Body, Decision, Meeting, Membership, Vote
from jamlik.lib.periods import Period

BIWEEKLY_DAYS = 14
# A hub meeting moved a few days still keeps the rhythm; a gap longer than this is missed.
BIWEEKLY_GRACE_DAYS = 4
# Enough time to prepare and send a steering-group agenda a week ahead.
STEERING_LEAD_DAYS = 21


class NoVote(Exception):
    """This seat has no vote under the body's rules."""


# Votes


def voting_unit(membership: Membership) -> str:
    """The unit a member votes for: one vote per partner organisation, not per person.

    Health promoters and resident representatives vote as the body's rules say: together
    (one vote for the group), each, within their employer's vote, or not at all.
    """
    body = membership.body
    if membership.kind == Membership.Kind.PARTNER:
        return f"partner:{membership.partner_id}"
    rule = (
        body.promoter_votes
        if membership.kind == Membership.Kind.HEALTH_PROMOTER
        else body.resident_votes
    )
    if rule == Body.VoteRule.NONE:
        raise NoVote
    if rule == Body.VoteRule.EACH:
        return f"member:{membership.pk}"
    if rule == Body.VoteRule.EMPLOYER and membership.health_promoter.employer_id:
        return f"partner:{membership.health_promoter.employer_id}"
    return "promoters" if membership.kind == Membership.Kind.HEALTH_PROMOTER else "residents"


@dataclass
class Tally:
    yes: int = 0
    no: int = 0
    abstain: int = 0
    # Units whose people voted differently: such a unit casts no vote.
    split: list[str] = field(default_factory=list)
    voters: int = 0

    @property
    def units(self) -> int:
        return self.yes + self.no + self.abstain + len(self.split)

    @property
    def adopted(self) -> bool:
        return self.yes > self.no


def tally(votes: list[Vote]) -> Tally:
    """Counts one vote per unit. Three people of one partner voting yes give one yes."""
    by_unit: dict[str, set[str]] = defaultdict(set)
    for vote in votes:
        by_unit[vote.unit].add(vote.choice)
    result = Tally(voters=len(votes))
    for unit, choices in sorted(by_unit.items()):
        if len(choices) > 1:
            result.split.append(unit)
        else:
            (choice,) = choices
            setattr(result, choice, getattr(result, choice) + 1)
    return result


def decision_outcome(decision: Decision) -> bool:
    if decision.method == Decision.Method.CONSENSUS:
        return True
    return tally(list(decision.votes.all())).adopted


# The chair


def suggest_chair(body: Body, *, on: date) -> Membership | None:
    """The member who has waited longest since chairing (never first), for a rotating chair.

    Only members (not substitutes) of the body on that day take turns.
    """
    members = [
        m
        for m in body.memberships.filter(role=Membership.Role.MEMBER).order_by("name", "pk")
        if m.is_current(on)
    ]
    if not members:
        return None
    last_chaired: dict[int, date] = {}
    for chair_id, day in (
        Meeting.objects.filter(body=body, chair__isnull=False, date__lt=on)
        .exclude(status=Meeting.Status.CANCELLED)
        .values_list("chair_id", "date")
    ):
        last_chaired[chair_id] = max(day, last_chaired.get(chair_id, day))
    return min(members, key=lambda m: (last_chaired.get(m.pk, date.min), m.name, m.pk))


# Cadence


@dataclass(frozen=True)
class CadenceGap:
    """A stretch in which the body did not meet as its cadence asks."""

    body: Body
    start: date
    end: date
    message: str


def semester_of(day: date) -> Period:
    """Spring (January–June) or autumn (July–December) term, as in the IOP agreement."""
    return Period.half_year_of(day)


def next_planned_date(body: Body, *, after: date) -> date:
    """The date the cadence suggests for the next meeting after `after`."""
    last = (
        body.meetings.exclude(status=Meeting.Status.CANCELLED)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    if body.cadence == Body.Cadence.BIWEEKLY and last is not None:
        candidate = last + timedelta(days=BIWEEKLY_DAYS)
        while candidate <= after:
            candidate += timedelta(days=BIWEEKLY_DAYS)
        return candidate
    if body.cadence == Body.Cadence.SEMESTER:
        return after + timedelta(days=STEERING_LEAD_DAYS)
    return after + timedelta(days=7)


def missed_cadence(body: Body, *, today: date, since: date | None = None) -> list[CadenceGap]:
    """The stretches up to `today` in which the body met less often than its cadence.

    Counts held and planned meetings (a planned future meeting keeps the rhythm); the
    check starts at `since`, or at the body's first meeting.
    """
    dates = sorted(
        body.meetings.exclude(status=Meeting.Status.CANCELLED).values_list("date", flat=True)
    )
    start = since or (dates[0] if dates else None)
    if start is None or body.cadence == Body.Cadence.NONE:
        return []
    if body.cadence == Body.Cadence.BIWEEKLY:
        return _biweekly_gaps(body, [d for d in dates if d >= start], start=start, today=today)
    return _semester_gaps(body, dates, start=start, today=today)


def _biweekly_gaps(body: Body, dates: list[date], *, start: date, today: date) -> list[CadenceGap]:
    limit = timedelta(days=BIWEEKLY_DAYS + BIWEEKLY_GRACE_DAYS)
    gaps = []
    previous = start
    for day in [*dates, today]:
        if day - previous > limit:
            gaps.append(
                CadenceGap(
                    body,
                    previous,
                    day,
                    _("No meeting for %(days)d days (every other week is the rule).")
                    % {"days": (day - previous).days},
                )
            )
        previous = max(previous, day)
    return gaps


def _semester_gaps(body: Body, dates: list[date], *, start: date, today: date) -> list[CadenceGap]:
    gaps = []
    term = semester_of(start)
    while term.start <= today:
        met = any(term.start <= d <= term.end for d in dates)
        # The current term is missed only once it is over; until then a planned meeting counts.
        if not met and term.end < today:
            gaps.append(
                CadenceGap(
                    body,
                    term.start,
                    term.end,
                    _("No meeting in %(term)s (at least once per semester is the rule).")
                    % {"term": term.label},
                )
            )
        term = term.following()
    return gaps


def current_term_unplanned(body: Body, *, today: date) -> bool:
    """A semester-cadence body with no meeting yet held or planned in the current term."""
    if body.cadence != Body.Cadence.SEMESTER:
        return False
    term = semester_of(today)
    return (
        not body.meetings.exclude(status=Meeting.Status.CANCELLED)
        .filter(date__range=(term.start, term.end))
        .exists()
    )
