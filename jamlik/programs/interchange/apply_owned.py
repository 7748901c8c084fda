"""Writes the validated records of the data the program owns beyond its daily record:
goals with their indicators and entered values, the cycle's steps, the hand-ticked
checklist items, premises, coaches and volunteers with their hours, the media log and
the policy windows.

Called by `apply.apply_plan` inside the import's transaction, after the workshops and
activities (which these rows refer to); every query is scoped to the program.
"""

from collections import Counter
from typing import Any

from jamlik.activities.models import Activity
from jamlik.communication.models import MediaMention
from jamlik.goals.models import Goal, GoalCategory, Indicator, IndicatorValue
from jamlik.premises.models import Premises
from jamlik.programs.interchange.upsert import (
    BATCH,
    Counts,
    upsert,
    upsert_with_needs,
    with_workshop_id,
)
from jamlik.programs.interchange.validate import Plan, Record
from jamlik.programs.models import ChecklistTick, PhaseStep, Program
from jamlik.strategy.models import DecisionPoint, PolicyIssue
from jamlik.volunteers.models import Volunteer, VolunteerHours
from jamlik.workshops.models import Workshop


def apply_owned(
    *,
    program: Program,
    plan: Plan,
    created_by: Any,
    workshops: dict[str, Workshop],
    activities: dict[str, Activity],
) -> dict[str, Counts]:
    counts: dict[str, Counts] = {}

    def keyed(records: list[Record], identity) -> list[Record]:
        return [Record(r.line, (identity(r),), r.fields) for r in records]

    if "goal_categories" in plan:
        counts["goal_categories"] = upsert(
            GoalCategory,
            {c.name: c for c in GoalCategory.objects.filter(program=program)},
            plan["goal_categories"],
            lambda name, fields: GoalCategory(program=program, name=name, **fields),
        )
    if "goals" in plan:
        category_ids = dict(GoalCategory.objects.filter(program=program).values_list("name", "pk"))
        records = [
            Record(
                r.line,
                ((workshops[r.identity[0]].pk if r.identity[0] else None, r.identity[1]),),
                {
                    **{f: v for f, v in r.fields.items() if f != "category"},
                    **(
                        {"category_id": category_ids.get(r.fields["category"])}
                        if "category" in r.fields
                        else {}
                    ),
                },
            )
            for r in plan["goals"]
        ]
        counts["goals"] = upsert(
            Goal,
            {(g.workshop_id, g.text): g for g in Goal.objects.filter(program=program)},
            records,
            lambda ident, fields: Goal(
                program=program, workshop_id=ident[0], text=ident[1], **fields
            ),
        )
    if "indicators" in plan:
        goals = {
            (g.workshop.key if g.workshop else None, g.text): g
            for g in Goal.objects.filter(program=program).select_related("workshop")
        }
        counts["indicators"] = upsert(
            Indicator,
            {(i.goal_id, i.name): i for i in Indicator.objects.filter(goal__program=program)},
            keyed(plan["indicators"], lambda r: (goals[r.identity[:2]].pk, r.identity[2])),
            lambda ident, fields: Indicator(goal_id=ident[0], name=ident[1], **fields),
        )
    if "indicator_values" in plan:
        indicators = {
            (i.goal.workshop.key if i.goal.workshop else None, i.goal.text, i.name): i
            for i in Indicator.objects.filter(goal__program=program).select_related(
                "goal__workshop"
            )
        }
        counts["indicator_values"] = upsert(
            IndicatorValue,
            {
                (v.indicator_id, v.period_label): v
                for v in IndicatorValue.objects.filter(indicator__goal__program=program)
            },
            keyed(
                plan["indicator_values"], lambda r: (indicators[r.identity[:3]].pk, r.identity[3])
            ),
            lambda ident, fields: IndicatorValue(
                indicator_id=ident[0], period_label=ident[1], entered_by=created_by, **fields
            ),
        )
    if "phases" in plan:
        counts["phases"] = upsert(
            PhaseStep,
            {
                (s.round, s.phase, s.started_on): s
                for s in PhaseStep.objects.filter(program=program)
            },
            keyed(plan["phases"], lambda r: r.identity),
            lambda ident, fields: PhaseStep(
                program=program,
                round=ident[0],
                phase=ident[1],
                started_on=ident[2],
                recorded_by=created_by,
                **fields,
            ),
        )
    if "checklist" in plan:
        counts["checklist"] = upsert(
            ChecklistTick,
            {t.item: t for t in ChecklistTick.objects.filter(program=program)},
            plan["checklist"],
            lambda item, fields: ChecklistTick(
                program=program, item=item, ticked_by=created_by, **fields
            ),
        )
    if "premises" in plan:
        counts["premises"] = upsert(
            Premises,
            {p.name: p for p in Premises.objects.filter(program=program)},
            plan["premises"],
            lambda name, fields: Premises(program=program, name=name, **fields),
        )
    volunteers = {v.code: v for v in Volunteer.objects.filter(program=program)}
    if "volunteers" in plan:
        counts["volunteers"] = upsert(
            Volunteer,
            volunteers,
            [with_workshop_id(r, workshops, "workshop") for r in plan["volunteers"]],
            lambda code, fields: Volunteer(program=program, code=code, **fields),
        )
    if "volunteer_hours" in plan:
        counts["volunteer_hours"] = _volunteer_hours(
            program, plan["volunteer_hours"], volunteers, activities
        )
    if "media_mentions" in plan:
        counts["media_mentions"] = upsert(
            MediaMention,
            {(m.date, m.outlet, m.title): m for m in MediaMention.objects.filter(program=program)},
            keyed(plan["media_mentions"], lambda r: r.identity),
            lambda ident, fields: MediaMention(
                program=program,
                date=ident[0],
                outlet=ident[1],
                title=ident[2],
                created_by=created_by,
                **fields,
            ),
        )
    if "decision_points" in plan:
        counts["decision_points"] = upsert(
            DecisionPoint,
            {(d.date, d.title): d for d in DecisionPoint.objects.filter(program=program)},
            keyed(plan["decision_points"], lambda r: r.identity),
            lambda ident, fields: DecisionPoint(
                program=program, date=ident[0], title=ident[1], **fields
            ),
        )
    if "policy_issues" in plan:
        counts["policy_issues"] = _policy_issues(program, plan["policy_issues"])
    return counts


def _policy_issues(program: Program, records: list[Record]) -> Counts:
    """Upserts the issues, then sets the needs of those whose row has a needs column."""
    existing = {i.title: i for i in PolicyIssue.objects.filter(program=program)}
    return upsert_with_needs(
        PolicyIssue,
        program,
        existing,
        records,
        lambda title, fields: PolicyIssue(program=program, title=title, **fields),
    )


def _volunteer_hours(
    program: Program,
    records: list[Record],
    volunteers: dict[str, Volunteer],
    activities: dict[str, Activity],
) -> Counts:
    """Hours have no key: identical rows count, and only the missing ones are added."""
    present = Counter(
        VolunteerHours.objects.filter(volunteer__program=program).values_list(
            "volunteer__code", "month", "activity__key", "hours"
        )
    )
    new = []
    for row, number in Counter(record.identity for record in records).items():
        code, month, activity_key, hours = row
        for _ in range(number - present[row]):
            new.append(
                VolunteerHours(
                    volunteer_id=volunteers[code].pk,
                    month=month,
                    activity_id=activities[activity_key].pk if activity_key else None,
                    hours=hours,
                )
            )
    VolunteerHours.objects.bulk_create(new, batch_size=BATCH)
    return Counts(created=len(new), unchanged=len(records) - len(new))
