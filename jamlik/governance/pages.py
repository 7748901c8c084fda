"""What the governance pages show: the context each view renders, gathered in one place."""

from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects

from jamlik.governance import rules, services
from jamlik.governance.forms import (
    ActionItemForm,
    AgendaItemForm,
    AnchorForm,
    BodyForm,
    DecisionForm,
    MeetingDetailsForm,
    MeetingForm,
    MembershipForm,
    MinutesForm,
    VotesForm,
)
from jamlik.governance.models import (
    ANCHORED_CATEGORIES,
    ActionItem,
    AgendaItem,
    Attendance,
    Body,
    Decision,
    Meeting,
    Membership,
)
from jamlik.people.access import (
    GOVERNANCE_ADMIN_ROLES,
    ProgramAccess,
    bodies_for,
    feed_token,
    may_hold_meetings,
    may_read_record,
)

UPCOMING = 6
RECENT = 12


def _base(access: ProgramAccess, **extra) -> dict:
    return {"program": access.program, "access": access, "nav": "governance", **extra}


def index_context(*, access: ProgramAccess, today: date) -> dict:
    bodies = list(
        bodies_for(access).annotate(
            members=Count(
                "memberships",
                filter=Q(memberships__ends_on__isnull=True) | Q(memberships__ends_on__gte=today),
            )
        )
    )
    upcoming = {
        m.body_id: m
        for m in Meeting.objects.filter(body__in=bodies, date__gte=today)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-date", "-pk")
    }
    gaps = [gap for body in bodies for gap in rules.missed_cadence(body, today=today)[-3:]]
    unplanned = [body for body in bodies if rules.current_term_unplanned(body, today=today)]
    unanchored = (
        Decision.objects.filter(
            meeting__body__program=access.program,
            meeting__body__kind=Body.Kind.HUB,
            category__in=ANCHORED_CATEGORIES,
            anchored_by__isnull=True,
        )
        .select_related("meeting__body", "meeting__body__program")
        .order_by("-meeting__date", "number")
    )
    without_capacity = [
        d
        for d in Decision.objects.filter(
            meeting__body__program=access.program, meeting__body__kind=Body.Kind.STEERING
        )
        .select_related("meeting__body", "meeting__body__program")
        .prefetch_related("meeting__attendances__membership")
        .order_by("-meeting__date", "number")
        if not d.meeting.is_decision_capable()
    ]
    open_actions = ActionItem.objects.filter(
        meeting__body__program=access.program, status=ActionItem.Status.OPEN
    )
    return _base(
        access,
        bodies=[(body, upcoming.get(body.pk)) for body in bodies],
        gaps=gaps,
        unplanned=unplanned,
        unanchored=[d for d in unanchored if may_read_record(access, d.meeting)],
        without_capacity=[d for d in without_capacity if may_read_record(access, d.meeting)],
        open_actions=open_actions.count(),
        overdue_actions=open_actions.filter(due_on__lt=today).count(),
        may_add_body=access.role in GOVERNANCE_ADMIN_ROLES,
        body_form=BodyForm(),
    )


def body_context(*, access: ProgramAccess, body: Body, today: date) -> dict:
    memberships = list(
        body.memberships.select_related("partner", "health_promoter", "user").order_by(
            "role", "name"
        )
    )
    meetings = body.meetings.select_related("chair").annotate(
        items=Count("agenda_items", distinct=True),
        decided=Count("decisions", distinct=True),
    )
    upcoming = list(meetings.filter(date__gte=today).order_by("date", "pk")[:UPCOMING])
    past = list(meetings.filter(date__lt=today).order_by("-date", "-pk")[:RECENT])
    writes = may_hold_meetings(access, body)
    suggested_date = rules.next_planned_date(body, after=today)
    suggested_chair = rules.suggest_chair(body, on=suggested_date) if body.is_hub else None
    return _base(
        access,
        body=body,
        current=[m for m in memberships if m.is_current(today)],
        former=[m for m in memberships if not m.is_current(today)],
        upcoming=upcoming,
        past=past,
        gaps=rules.missed_cadence(body, today=today),
        unplanned=rules.current_term_unplanned(body, today=today),
        writes=writes,
        today=today,
        suggested_chair=suggested_chair,
        meeting_form=MeetingForm(
            body=body,
            auto_id="meeting-%s",
            initial={
                "date": suggested_date,
                "location": body.default_location,
                "chair": suggested_chair,
            },
        ),
        member_form=MembershipForm(body=body, initial={"starts_on": today}, auto_id="member-%s"),
        feed_token=feed_token(access, body),
    )


def anchor_choices(*, access: ProgramAccess, meeting: Meeting) -> QuerySet[Decision]:
    """Steering-group decisions taken on or before the meeting's day, newest first."""
    qs = Decision.objects.filter(
        meeting__body__program=meeting.body.program,
        meeting__body__kind=Body.Kind.STEERING,
        meeting__date__lte=meeting.date,
    ).select_related("meeting")
    if not access.is_leader and access.role != "steering":
        qs = qs.filter(meeting__minutes_approved_at__isnull=False)
    return qs.order_by("-meeting__date", "number")


def voters(meeting: Meeting) -> list[Membership]:
    """Those present (or standing in) who have a vote under the body's rules."""
    present = [
        a.membership
        for a in meeting.attendances.select_related(
            "membership__body", "membership__health_promoter", "membership__partner"
        )
        if a.takes_part
    ]
    result = []
    for member in present:
        try:
            rules.voting_unit(member)
        except rules.NoVote:
            continue
        result.append(member)
    return sorted(result, key=lambda m: m.name)


def meeting_context(*, access: ProgramAccess, meeting: Meeting, today: date) -> dict:
    body = meeting.body
    writes = may_hold_meetings(access, body)
    shows_record = may_read_record(access, meeting)
    items = list(
        meeting.agenda_items.select_related("proposed_by", "follow_up_of__owner").order_by(
            "position", "pk"
        )
    )
    prefetch_related_objects(
        [meeting], Prefetch("attendances", queryset=Attendance.objects.select_related("membership"))
    )
    attendances = {a.membership_id: a for a in meeting.attendances.all()}
    seats = [
        (m, attendances.get(m.pk))
        for m in body.memberships.select_related("partner").order_by("role", "name")
        if m.is_current(meeting.date) or m.pk in attendances
    ]
    decisions = list(
        meeting.decisions.select_related("agenda_item", "anchored_by__meeting").prefetch_related(
            Prefetch("votes", to_attr="all_votes")
        )
    )
    anchors = anchor_choices(access=access, meeting=meeting) if writes else Decision.objects.none()
    vote_voters = voters(meeting) if writes else []
    decision_rows = []
    for decision in decisions:
        votes = sorted(decision.all_votes, key=lambda v: v.membership_id)
        decision_rows.append(
            {
                "decision": decision,
                "tally": rules.tally(votes) if decision.method == Decision.Method.VOTE else None,
                "votes": votes,
                "vote_form": VotesForm(
                    voters=vote_voters,
                    initial={f"vote_{v.membership_id}": v.choice for v in votes},
                    auto_id=f"d{decision.number}-%s",
                )
                if writes and decision.method == Decision.Method.VOTE
                else None,
                "anchor_form": AnchorForm(anchors=anchors)
                if writes and decision.is_unanchored
                else None,
            }
        )
    previous = services.previous_meeting(meeting)
    return _base(
        access,
        body=body,
        meeting=meeting,
        writes=writes,
        shows_record=shows_record,
        today=today,
        items=items,
        follow_ups=[i for i in items if i.follow_up_of_id],
        seats=seats,
        absent=[m for m, a in seats if a and a.status == Attendance.Status.ABSENT],
        substitutes=meeting.substitutes_present(),
        decision_capable=meeting.is_decision_capable(),
        decision_rows=decision_rows,
        action_items=list(meeting.action_items.select_related("owner")),
        previous=previous,
        agenda_late=meeting.agenda_is_late(today),
        details_form=MeetingDetailsForm(
            body=body,
            auto_id="details-%s",
            initial={
                "date": meeting.date,
                "starts_at": meeting.starts_at,
                "ends_at": meeting.ends_at,
                "location": meeting.location,
                "place": meeting.place_id,
                "chair": meeting.chair,
                "status": meeting.status,
            },
        ),
        agenda_form=AgendaItemForm(meeting=meeting, auto_id="item-%s"),
        decision_form=DecisionForm(meeting=meeting, anchors=anchors, auto_id="decision-%s"),
        minutes_form=MinutesForm(initial={"minutes": meeting.minutes}),
        action_form=ActionItemForm(meeting=meeting, auto_id="action-%s"),
        attendance_statuses=Attendance.Status.choices,
        agenda_kinds=AgendaItem.Kind,
    )
