"""What a program owes its funder, and when: the reporting obligations.

An obligation is met when a version of its period was submitted to the steering group
(a draft submitted, or any approved version) — on time if by the due date.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Min
from django.utils.translation import pgettext_lazy

from jamlik.activities.models import Activity
from jamlik.lib.periods import Period
from jamlik.programs.models import Program
from jamlik.reports.models import ReportDraft, ReportingRule, ReportVersion

# The IOP agreement in seed 001: the year's report to the steering group by 1 February
# of the next year, the first half-year's by 1 October.
DEFAULT_RULES = (
    {"scope": ReportingRule.Scope.YEAR, "due_month": 2, "due_day": 1, "due_next_year": True},
    {"scope": ReportingRule.Scope.FIRST_HALF, "due_month": 10, "due_day": 1},
)
SOON = timedelta(days=60)


@dataclass(frozen=True)
class Obligation:
    period: Period
    due: date
    recipient: str
    submitted_on: date | None

    @property
    def met(self) -> bool:
        return self.submitted_on is not None

    def state(self, today: date) -> str:
        """met, late (past due, not submitted), due (within 60 days) or upcoming."""
        if self.met:
            return "met"
        if today > self.due:
            return "late"
        if self.due - today <= SOON:
            return "due"
        return "upcoming"

    def days_left(self, today: date) -> int:
        return (self.due - today).days


def rules_for(program: Program) -> list[ReportingRule]:
    rules = list(program.reporting_rules.all())
    if rules:
        return rules
    first = Activity.objects.filter(program=program).aggregate(d=Min("date"))["d"]
    first_year = first.year if first else program.created_at.year
    return [
        ReportingRule(
            program=program,
            # As it reads after "to": "till styrgruppen".
            recipient=str(pgettext_lazy("report recipient", "the steering group")),
            first_year=first_year,
            **rule,
        )
        for rule in DEFAULT_RULES
    ]


def obligations(*, program: Program, today: date) -> list[Obligation]:
    """Every obligation whose period has started, up to today's year, oldest first."""
    submitted: dict[str, date] = {}
    drafts = ReportDraft.objects.filter(program=program, submitted_at__isnull=False)
    for label, at in drafts.values_list("period_label", "submitted_at"):
        submitted[label] = min(submitted.get(label, at.date()), at.date())
    for label, at in ReportVersion.objects.filter(program=program).values_list(
        "period_label", "approved_at"
    ):
        submitted.setdefault(label, at.date())
    found = []
    for rule in rules_for(program):
        last = min(rule.last_year or today.year, today.year)
        for year in range(rule.first_year, last + 1):
            period = Period.parse(rule.period_label(year))
            if period.start > today:
                continue
            found.append(
                Obligation(
                    period=period,
                    due=rule.due_date(year),
                    recipient=rule.recipient,
                    submitted_on=submitted.get(period.label),
                )
            )
    return sorted(found, key=lambda o: o.due)


def open_obligations(*, program: Program, today: date) -> list[tuple[Obligation, str]]:
    """The late and soon due ones, for the dashboard: late first, then by due date."""
    rows = [(o, o.state(today)) for o in obligations(program=program, today=today)]
    rows = [(o, state) for o, state in rows if state in ("late", "due")]
    return sorted(rows, key=lambda pair: (pair[1] != "late", pair[0].due))


def report_obligations_for(access, *, today: date) -> dict | None:
    """What is due or late, for the dashboard of those who see reports; else None."""
    from django.urls import reverse

    if not access.sees_reports:
        return None
    return {
        "rows": open_obligations(program=access.program, today=today),
        "url": reverse("reports:index", args=[access.program.slug]),
    }
