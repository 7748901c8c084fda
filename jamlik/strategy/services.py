"""The strategy tools' rules and writes. Every change is audit-logged with keys and counts;
the names of stakeholders never go in the log."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jamlik.governance import services as governance
from jamlik.governance.models import ActionItem, Body, Meeting, Membership
from jamlik.people import audit
from jamlik.programs.models import Program
from jamlik.strategy.models import (
    DecisionPoint,
    DialogueSheet,
    EstimateApproval,
    PolicyIssue,
    Quadrant,
    Stakeholder,
    StakeholderAnalysis,
)

STAKEHOLDER_FIELDS = (
    "kind",
    "name",
    "partner",
    "inside_partnership",
    "influence",
    "necessary",
    "action_what",
    "action_who",
    "action_when",
)


def months_between(earlier: date, later: date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


# Stakeholder analysis --------------------------------------------------------------------


@transaction.atomic
def create_analysis(
    *, access, made_on: date, note: str = "", repeat_of: StakeholderAnalysis | None = None
) -> StakeholderAnalysis:
    """A new dated analysis; a repeat starts from the stakeholders of an earlier one, to be
    moved, added or removed, without their hub action items."""
    analysis = StakeholderAnalysis.objects.create(
        program=access.program, made_on=made_on, note=note
    )
    copied = 0
    if repeat_of is not None:
        rows = [
            Stakeholder(analysis=analysis, **{f: getattr(s, f) for f in STAKEHOLDER_FIELDS})
            for s in repeat_of.stakeholders.all()
        ]
        copied = len(Stakeholder.objects.bulk_create(rows))
    audit.record_by(
        access,
        "create",
        "stakeholder_analysis",
        analysis.pk,
        made_on=made_on.isoformat(),
        repeat_of=repeat_of.pk if repeat_of else None,
        copied=copied,
    )
    return analysis


def _check_unique_name(analysis: StakeholderAnalysis, name: str, exclude: int | None) -> None:
    clash = analysis.stakeholders.filter(name__iexact=name.strip())
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise ValidationError(_("This analysis already lists a stakeholder of that name."))


@transaction.atomic
def add_stakeholder(*, access, analysis: StakeholderAnalysis, **fields: Any) -> Stakeholder:
    _check_unique_name(analysis, fields["name"], None)
    stakeholder = Stakeholder.objects.create(
        analysis=analysis, **{f: fields[f] for f in STAKEHOLDER_FIELDS if f in fields}
    )
    audit.record_by(
        access, "create", "stakeholder", stakeholder.pk, quadrant=str(stakeholder.quadrant)
    )
    return stakeholder


@transaction.atomic
def update_stakeholder(*, access, stakeholder: Stakeholder, **fields: Any) -> Stakeholder:
    _check_unique_name(stakeholder.analysis, fields["name"], stakeholder.pk)
    for name in STAKEHOLDER_FIELDS:
        if name in fields:
            setattr(stakeholder, name, fields[name])
    stakeholder.save()
    audit.record_by(
        access, "update", "stakeholder", stakeholder.pk, quadrant=str(stakeholder.quadrant)
    )
    return stakeholder


@transaction.atomic
def remove_stakeholder(*, access, stakeholder: Stakeholder) -> None:
    ref = stakeholder.pk
    stakeholder.delete()
    audit.record_by(access, "delete", "stakeholder", ref)


def hub_meeting_for(program: Program, today: date) -> Meeting | None:
    """The hub meeting an action item is recorded at: the latest held or begun on or
    before today, else the next planned one."""
    meetings = Meeting.objects.filter(body__program=program, body__kind=Body.Kind.HUB)
    return (
        meetings.filter(date__lte=today).order_by("-date", "-pk").first()
        or meetings.filter(date__gt=today).order_by("date", "pk").first()
    )


@transaction.atomic
def make_action_item(*, access, stakeholder: Stakeholder, today: date) -> ActionItem:
    """The stakeholder's action as an action item of the hub (governance)."""
    if stakeholder.action_item_id:
        raise ValidationError(_("This action is already a hub action item."))
    if not stakeholder.action_what.strip():
        raise ValidationError(_("Write what is to be done first."))
    meeting = hub_meeting_for(access.program, today)
    if meeting is None:
        raise ValidationError(_("The hub has no meeting to record the action item at."))
    # The hub's records are read by health promoters too: a named person stays out of them.
    if stakeholder.kind == Stakeholder.Kind.PERSON:
        text = _("%(action)s (stakeholder analysis)") % {"action": stakeholder.action_what}
    else:
        text = _("%(action)s (stakeholder analysis: %(name)s)") % {
            "action": stakeholder.action_what,
            "name": stakeholder.name,
        }
    item = governance.add_action_item(
        access=access, meeting=meeting, text=text[:300], due_on=stakeholder.action_when
    )
    stakeholder.action_item = item
    stakeholder.save(update_fields=["action_item"])
    return item


@dataclass(frozen=True)
class Move:
    name: str
    before: Quadrant
    after: Quadrant


@dataclass(frozen=True)
class Comparison:
    older: StakeholderAnalysis
    newer: StakeholderAnalysis
    new: list[Stakeholder]
    left: list[Stakeholder]
    moved: list[Move]
    stayed: list[Stakeholder]


def compare(older: StakeholderAnalysis, newer: StakeholderAnalysis) -> Comparison:
    """Who is new, who left and who moved between categories from one analysis to the next;
    a stakeholder is the same when it is the same partner or has the same name."""
    if older.made_on > newer.made_on:
        older, newer = newer, older
    before = {s.identity: s for s in older.stakeholders.all()}
    after = {s.identity: s for s in newer.stakeholders.all()}
    moved, stayed = [], []
    for key in sorted(before.keys() & after.keys(), key=lambda k: after[k].name.casefold()):
        if before[key].quadrant != after[key].quadrant:
            moved.append(Move(after[key].name, before[key].quadrant, after[key].quadrant))
        else:
            stayed.append(after[key])
    by_name = lambda s: s.name.casefold()  # noqa: E731
    return Comparison(
        older=older,
        newer=newer,
        new=sorted((after[k] for k in after.keys() - before.keys()), key=by_name),
        left=sorted((before[k] for k in before.keys() - after.keys()), key=by_name),
        moved=moved,
        stayed=stayed,
    )


def quadrant_counts(analysis: StakeholderAnalysis) -> dict[str, int]:
    counts = dict.fromkeys(Quadrant.values, 0)
    for stakeholder in analysis.stakeholders.all():
        counts[stakeholder.quadrant] += 1
    return counts


def review_reminders(*, program: Program, today: date) -> list[str]:
    """The dashboard's reminder to repeat the stakeholder analysis (seed 002: "bör upprepas
    med jämna mellanrum"): none yet, older than STAKEHOLDER_REVIEW_MONTHS, or the steering
    group's members have changed since."""
    latest = (
        StakeholderAnalysis.objects.filter(program=program, made_on__lte=today)
        .order_by("-made_on")
        .values_list("made_on", flat=True)
        .first()
    )
    if latest is None:
        return [_("No stakeholder analysis is recorded yet.")]
    months = settings.STAKEHOLDER_REVIEW_MONTHS
    reminders = []
    if months_between(latest, today) >= months:
        reminders.append(
            _(
                "The last stakeholder analysis was made on %(date)s, more than %(months)d "
                "months ago. Repeat it."
            )
            % {"date": date_format(latest), "months": months}
        )
    changed = Membership.objects.filter(
        body__program=program, body__kind=Body.Kind.STEERING
    ).aggregate(
        last=Max(
            "starts_on",
            filter=Q(starts_on__gt=latest, starts_on__lte=today),
        ),
        ended=Max("ends_on", filter=Q(ends_on__gt=latest, ends_on__lte=today)),
    )
    if changed["last"] or changed["ended"]:
        reminders.append(
            _(
                "The steering group's members have changed since the stakeholder analysis of "
                "%(date)s. Repeat it."
            )
            % {"date": date_format(latest)}
        )
    return reminders


def stakeholder_reminders(*, access, today: date) -> list[str]:
    """`review_reminders` for those who keep or read the analysis; none for other roles."""
    from jamlik.people.access import STRATEGY_ROLES

    if access.role not in STRATEGY_ROLES:
        return []
    return review_reminders(program=access.program, today=today)


@transaction.atomic
def erase_person(*, access, name: str) -> int:
    """Erase a named person from every stakeholder analysis of the program (the data
    subject's request); the log keeps the count, never the name."""
    rows = Stakeholder.objects.filter(
        analysis__program=access.program, kind=Stakeholder.Kind.PERSON, name__iexact=name.strip()
    )
    count = rows.count()
    rows.delete()
    audit.record_by(access, "delete", "stakeholder_person", f"count:{count}", erased=count)
    return count


# Policy windows --------------------------------------------------------------------------


def next_decision_point(issue: PolicyIssue, today: date, points: list[DecisionPoint]):
    """The issue's own next decision point, else the program's next one."""
    own = [p for p in issue.decision_points.all() if p.date >= today]
    upcoming = own or [p for p in points if p.date >= today]
    return min(upcoming, key=lambda p: (p.date, p.pk)) if upcoming else None


def windows(*, program: Program, today: date) -> list[dict[str, Any]]:
    """Every issue with its streams, whether its window is open, and its next decision point."""
    points = list(DecisionPoint.objects.filter(program=program, date__gte=today))
    issues = PolicyIssue.objects.filter(program=program).prefetch_related(
        "decision_points", "needs"
    )
    return [
        {"issue": issue, "open": issue.is_open, "next": next_decision_point(issue, today, points)}
        for issue in issues
    ]


@transaction.atomic
def add_decision_point(*, access, **fields: Any) -> DecisionPoint:
    point = DecisionPoint.objects.create(program=access.program, **fields)
    audit.record_by(access, "create", "decision_point", point.pk, date=point.date.isoformat())
    return point


@transaction.atomic
def save_issue(*, access, issue: PolicyIssue | None, needs=(), decision_points=(), **fields):
    created = issue is None
    issue = issue or PolicyIssue(program=access.program)
    for name, value in fields.items():
        setattr(issue, name, value)
    issue.save()
    issue.needs.set(needs)
    issue.decision_points.set(decision_points)
    audit.record_by(
        access, "create" if created else "update", "policy_issue", issue.pk, open=issue.is_open
    )
    return issue


# Dialogue chain --------------------------------------------------------------------------


@transaction.atomic
def save_sheet(*, access, sheet: DialogueSheet | None, needs=(), **fields) -> DialogueSheet:
    created = sheet is None
    sheet = sheet or DialogueSheet(program=access.program)
    for name, value in fields.items():
        setattr(sheet, name, value)
    sheet.save()
    sheet.needs.set(needs)
    audit.record_by(access, "create" if created else "update", "dialogue_sheet", sheet.pk)
    return sheet


@transaction.atomic
def record_outcome(*, access, sheet: DialogueSheet, today: date, **answers: str) -> None:
    for name, value in answers.items():
        setattr(sheet, name, value)
    sheet.outcome_recorded_on = today if sheet.outcome.strip() else None
    sheet.save()
    audit.record_by(access, "update", "dialogue_sheet", sheet.pk, outcome=bool(sheet.outcome))


# Socio-economic estimate -----------------------------------------------------------------


def is_approved(program: Program, model) -> bool:
    """Approved by the steering group, in exactly this version of the file."""
    return EstimateApproval.objects.filter(
        program=program, model_ref=model.ref, digest=model.digest
    ).exists()


@transaction.atomic
def approve_model(*, access, model, today: date, decision_reference: str = ""):
    approval, _created = EstimateApproval.objects.get_or_create(
        program=access.program,
        model_ref=model.ref,
        digest=model.digest,
        defaults={
            "approved_on": today,
            "approved_by": access.user,
            "decision_reference": decision_reference,
        },
    )
    audit.record_by(access, "approve", "estimate_model", model.ref, digest=model.digest[:12])
    return approval
