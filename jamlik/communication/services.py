"""Communication's rules: what the public sees, the plan, the media log and outreach."""

import functools
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from jamlik.activities.models import Activity, Attendance, Category
from jamlik.communication.models import (
    Channel,
    CommunicationAction,
    CommunicationPlan,
    MediaMention,
    MentionNotice,
    PlanEntry,
    PublicListing,
)
from jamlik.people import audit
from jamlik.people.access import ProgramAccess
from jamlik.people.models import ProgramRole
from jamlik.programs.models import Program
from jamlik.workshops.models import Workshop

# How far ahead the public calendar and its feeds look.
PUBLIC_DAYS_AHEAD = 90
# Statuses the public sees: what is coming, and what was called off.
PUBLIC_STATUSES = (Activity.Status.PLANNED, Activity.Status.CANCELLED)


# The public calendar


def public_listings(
    program: Program,
    *,
    start: date,
    end: date,
    workshop: Workshop | None = None,
) -> QuerySet[PublicListing]:
    """The published listings of planned or cancelled activities from `start` to `end`."""
    qs = PublicListing.objects.filter(
        published=True,
        activity__program=program,
        activity__status__in=PUBLIC_STATUSES,
        activity__date__gte=start,
        activity__date__lte=end,
    )
    if workshop is not None:
        qs = qs.filter(activity__workshop=workshop)
    return qs.select_related("activity", "activity__workshop", "activity__place").order_by(
        "activity__date", "activity__start_time", "pk"
    )


def upcoming_listings(program: Program, *, today: date, workshop: Workshop | None = None):
    return public_listings(
        program, start=today, end=today + timedelta(days=PUBLIC_DAYS_AHEAD), workshop=workshop
    )


def public_stamp(program: Program) -> str:
    """Changes whenever a listing of the program does: part of the public pages' cache key."""
    found = PublicListing.objects.filter(activity__program=program).aggregate(
        last=Max("updated_at"), n=Count("pk")
    )
    last = found["last"].timestamp() if found["last"] else 0
    return f"{found['n']}-{last}"


LISTING_FIELDS = (
    "published",
    "title_sv",
    "title_en",
    "title_ar",
    "description_sv",
    "description_en",
    "description_ar",
    "place",
    "audience",
    "sign_up",
    "sign_up_how",
)


@transaction.atomic
def save_listing(*, access: ProgramAccess, activity: Activity, **data: Any) -> PublicListing:
    listing, created = PublicListing.objects.get_or_create(activity=activity)
    for name in LISTING_FIELDS:
        if name in data:
            setattr(listing, name, data[name])
    listing.full_clean()
    listing.save()
    audit.record_by(
        access,
        "create" if created else "update",
        "public_listing",
        activity.key,
        published=listing.published,
    )
    return listing


# The communication plan


@transaction.atomic
def create_plan(*, access: ProgramAccess, year: int, goals: str = "") -> CommunicationPlan:
    plan = CommunicationPlan(program=access.program, year=year, goals=goals)
    plan.full_clean()
    plan.save()
    audit.record_by(access, "create", "communication_plan", year)
    return plan


@transaction.atomic
def add_entry(*, access: ProgramAccess, plan: CommunicationPlan, **data: Any) -> PlanEntry:
    entry = PlanEntry(plan=plan, **data)
    entry.full_clean()
    entry.save()
    audit.record_by(access, "create", "plan_entry", entry.pk, year=plan.year)
    return entry


@transaction.atomic
def record_action(
    *, access: ProgramAccess, plan: CommunicationPlan, **data: Any
) -> CommunicationAction:
    action = CommunicationAction(plan=plan, created_by=access.user, **data)
    if action.entry is not None and action.entry.plan_id != plan.pk:
        action.entry = None
    action.full_clean()
    action.save()
    audit.record_by(access, "create", "communication_action", action.pk, year=plan.year)
    return action


@dataclass(frozen=True)
class PlanSummary:
    plan: CommunicationPlan
    entries: list[PlanEntry]
    actions: list[CommunicationAction]
    done_by_channel: dict[str, int]


def plan_summary(plan: CommunicationPlan) -> PlanSummary:
    entries = list(plan.entries.all())
    actions = list(plan.actions.select_related("entry"))
    done: dict[str, int] = {}
    for action in actions:
        label = str(action.get_channel_display())
        done[label] = done.get(label, 0) + 1
    return PlanSummary(plan=plan, entries=entries, actions=actions, done_by_channel=done)


# The media log


def notified_users(program: Program) -> QuerySet:
    """Who is told of a mention in the app: the leader, the hub and the steering group,
    who speak for the parties of the agreement."""
    from django.contrib.auth import get_user_model

    roles = (ProgramRole.Role.LEADER, ProgramRole.Role.HUB, ProgramRole.Role.STEERING)
    return (
        get_user_model()
        .objects.filter(program_roles__program=program, program_roles__role__in=roles)
        .distinct()
    )


def partner_addresses(program: Program, *, today: date) -> list[str]:
    """The e-mail addresses of the partners' current seats in the program's bodies."""
    from jamlik.governance.models import Membership

    seats = Membership.objects.filter(
        body__program=program, kind=Membership.Kind.PARTNER
    ).select_related("user")
    return sorted({s.email_address for s in seats if s.is_current(today) and s.email_address})


@transaction.atomic
def log_mention(*, access: ProgramAccess, **data: Any) -> MediaMention:
    """Logs a mention and tells the partners: in the app, and by e-mail where set up."""
    mention = MediaMention(program=access.program, created_by=access.user, **data)
    mention.full_clean()
    mention.save()
    MentionNotice.objects.bulk_create(
        [
            MentionNotice(
                mention=mention, user=user, seen_at=timezone.now() if user == access.user else None
            )
            for user in notified_users(access.program)
        ]
    )
    audit.record_by(access, "create", "media_mention", mention.pk, outlet=mention.outlet)
    recipients = partner_addresses(access.program, today=timezone.localdate())
    if recipients:
        from jamlik.communication.tasks import send_mention_email

        transaction.on_commit(functools.partial(send_mention_email.enqueue, mention.pk, recipients))
    return mention


def unseen_mentions(user, program: Program) -> list[int]:
    return list(
        MentionNotice.objects.filter(
            user=user, mention__program=program, seen_at__isnull=True
        ).values_list("mention_id", flat=True)
    )


def mark_mentions_seen(user, program: Program) -> int:
    return MentionNotice.objects.filter(
        user=user, mention__program=program, seen_at__isnull=True
    ).update(seen_at=timezone.now())


# Outreach


@dataclass(frozen=True)
class OutreachRow:
    code: str
    category: str
    last_visit: date
    visits: int

    @property
    def category_display(self) -> str:
        return str(Category(self.category).label)


def outreach_list(workshop: Workshop, *, today: date) -> list[OutreachRow]:
    """Codes who came regularly to the workshop and have not come to the program since.

    Regularly: at least OUTREACH_MIN_VISITS held activities of the workshop in the 13 weeks
    up to their last one there. Stopped: no held activity of the program at all in the last
    OUTREACH_AFTER_WEEKS weeks. Only the past year is looked at.
    """
    weeks = settings.OUTREACH_AFTER_WEEKS
    since = today - timedelta(weeks=weeks)
    rows = (
        Attendance.objects.filter(
            activity__workshop=workshop,
            activity__status=Activity.Status.HELD,
            activity__date__gte=today - timedelta(days=365),
            activity__date__lte=today,
            participant__anonymised_at__isnull=True,
        )
        .values_list(
            "participant_id", "participant__code", "participant__category", "activity__date"
        )
        .order_by("participant_id", "activity__date")
    )
    visits: dict[int, tuple[str, str, list[date]]] = {}
    for pid, code, category, day in rows:
        visits.setdefault(pid, (code, category, []))[2].append(day)
    candidates = {pid for pid, (_c, _k, days) in visits.items() if days[-1] < since}
    recent = (
        set(
            Attendance.objects.filter(
                participant_id__in=candidates,
                activity__program_id=workshop.program_id,
                activity__status=Activity.Status.HELD,
                activity__date__gte=since,
                activity__date__lte=today,
            ).values_list("participant_id", flat=True)
        )
        if candidates
        else set()
    )
    found = []
    for pid in candidates - recent:
        code, category, days = visits[pid]
        window = days[-1] - timedelta(weeks=13)
        regular = sum(1 for d in days if d >= window)
        if regular >= settings.OUTREACH_MIN_VISITS:
            found.append(OutreachRow(code, category, days[-1], regular))
    return sorted(found, key=lambda r: (r.last_visit, r.code), reverse=True)


def look_at_outreach(
    *, access: ProgramAccess, workshop: Workshop, today: date
) -> list[OutreachRow]:
    """The outreach list, its look audit-logged (it lists participants' codes)."""
    rows = outreach_list(workshop, today=today)
    audit.record_by(
        access,
        "view",
        "outreach_list",
        workshop.key,
        codes=[r.code for r in rows],
        weeks=settings.OUTREACH_AFTER_WEEKS,
    )
    return rows


# The annual report


def report_data(program: Program, *, start: date, end: date) -> dict[str, Any]:
    """The communication plans of the period's years, what was done, and the media log.

    Holds no personal data: who is responsible for a line of the plan stays out.
    """
    plans = list(
        CommunicationPlan.objects.filter(
            program=program, year__gte=start.year, year__lte=end.year
        ).prefetch_related("entries")
    )
    actions = CommunicationAction.objects.filter(
        plan__program=program, date__gte=start, date__lte=end
    )
    done: dict[str, int] = {}
    for channel in actions.values_list("channel", flat=True):
        done[channel] = done.get(channel, 0) + 1
    mentions = MediaMention.objects.filter(
        program=program, date__gte=start, date__lte=end
    ).select_related("reported_by")
    return {
        "plans": [
            {
                "year": plan.year,
                "goals": plan.goals,
                "entries": [
                    {
                        "audience": e.audience,
                        "channel": str(e.get_channel_display()),
                        "message": e.message,
                        "when": e.when,
                    }
                    for e in plan.entries.all()
                ],
            }
            for plan in plans
        ],
        "done": [
            {"channel": str(Channel(key).label), "count": n}
            for key, n in sorted(done.items(), key=lambda kv: -kv[1])
        ],
        "mentions": [
            {
                "date": m.date.isoformat(),
                "kind": str(m.get_kind_display()),
                "outlet": m.outlet,
                "title": m.title,
                "url": m.url,
                "reported_by": m.reported_by.name if m.reported_by else "",
            }
            for m in mentions
        ],
    }
