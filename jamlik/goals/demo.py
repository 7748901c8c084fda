"""The demo program's goals and evaluations: the program's own result categories and goal
areas (seed 003 names two and three), goals with computed and hand-entered indicators,
two approved half-year evaluations and one CBPR round answered by every party.

Invented text only: no names or contact details from the seeds.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from jamlik.goals import cbpr, services
from jamlik.goals.models import (
    CbprPartyResponse,
    CbprRound,
    Goal,
    GoalCategory,
    HalfYearEvaluation,
    Indicator,
    IndicatorValue,
)
from jamlik.governance.models import Body, Decision, Meeting
from jamlik.lib.periods import Period
from jamlik.people.access import ProgramAccess, Role
from jamlik.workshops.models import Workshop

RESULT_CATEGORIES = (
    "Förbättrad hälsa, tillit och egenmakt",
    "Strategisk utveckling av programmet",
)
GOAL_AREAS = (
    "Hälsa och välbefinnande",
    "Egenmakt och möjlighet till organisering",
    "Trygghet i omgivningen",
)


def delete_goals_data(*, program) -> None:
    """Before the surveys' waves, the governance records and the workshops they refer to."""
    CbprPartyResponse.objects.filter(round__program=program).delete()
    CbprRound.objects.filter(program=program).delete()
    HalfYearEvaluation.objects.filter(program=program).delete()
    Goal.objects.filter(program=program).delete()
    GoalCategory.objects.filter(program=program).delete()


def _access(program) -> ProgramAccess:
    """The program leader's standing, for the services' audit rows (no user: the seed)."""
    return ProgramAccess(user=None, program=program, role=Role.LEADER)


@transaction.atomic
def seed_goals(program, rng: random.Random, *, today: date) -> dict[str, int]:
    access = _access(program)
    categories = {
        name: GoalCategory.objects.create(program=program, kind=kind, name=name, position=i)
        for kind, names in (("result", RESULT_CATEGORIES), ("area", GOAL_AREAS))
        for i, name in enumerate(names)
    }
    anchor = (
        Decision.objects.filter(meeting__body__program=program, meeting__body__kind="steering")
        .order_by("meeting__date", "number")
        .first()
    )

    def goal(text, category, *, term="long", workshop=None, anchored=True):
        return Goal.objects.create(
            program=program,
            text=text,
            category=categories[category],
            term=term,
            workshop=workshop,
            anchored_by=anchor if anchored else None,
        )

    def computed(g, name, source, *, baseline=None, target=None, unit="", lower=False):
        return Indicator.objects.create(
            goal=g, name=name, kind="computed", source=source, unit=unit,
            baseline=baseline, target=target, direction="lower" if lower else "higher",
        )  # fmt: skip

    def manual(g, name, note, values, *, baseline, target, unit="%"):
        indicator = Indicator.objects.create(
            goal=g, name=name, kind="manual", source_note=note, unit=unit,
            baseline=baseline, target=target, min_value=0, max_value=100,
        )  # fmt: skip
        for label, value in values:
            IndicatorValue.objects.create(
                indicator=indicator, period_label=label, value=Decimal(str(value)), source=note
            )
        return indicator

    halves = _half_years(today)
    health = goal(
        "Fler boende i området upplever god hälsa och välbefinnande.", RESULT_CATEGORIES[0]
    )
    computed(health, "Välbefinnande (WHO-5), index", "survey.mean:who5@1998:index",
             baseline=Decimal("48"), target=Decimal("60"))  # fmt: skip
    computed(health, "Unika deltagare", "figures.unique_participants.total",
             baseline=Decimal("900"), target=Decimal("1500"), unit="personer")  # fmt: skip
    power = goal(
        "Boende och hälsofrämjare tar en växande del av besluten.",
        GOAL_AREAS[1],
        term="short",
    )
    computed(power, "Beslut väckta av boende och hälsofrämjare",
             "governance.decision_share", baseline=Decimal("10"), target=Decimal("40"),
             unit="%")  # fmt: skip
    safety = goal(
        "Fler boende känner sig trygga utomhus på kvällen.",
        GOAL_AREAS[2],
        term="short",
        anchored=False,
    )
    level = 54.0
    values = []
    for label in halves[1:-1]:
        level += rng.uniform(0.5, 3.0)
        values.append((label, round(level, 1)))
    manual(safety, "Andel som känner sig trygga", "Stadens trygghetsmätning", values,
           baseline=Decimal("54"), target=Decimal("65"))  # fmt: skip
    strategic = goal(
        "Partnerskapet omfattar alla fem sektorer och möter de prioriterade behoven.",
        RESULT_CATEGORIES[1],
    )
    computed(strategic, "Parter i partnerskapet", "partners.total",
             baseline=Decimal("15"), target=Decimal("25"))  # fmt: skip
    computed(strategic, "Prioriterade behov utan aktiv verkstad", "needs.unmet",
             baseline=Decimal("3"), target=Decimal("0"), lower=True)  # fmt: skip
    workshop = (
        Workshop.objects.filter(program=program, status=Workshop.Status.ACTIVE)
        .order_by("name")
        .first()
    )
    count = 4
    if workshop is not None:
        youth = goal(
            "Fler barn och unga deltar i verkstadens aktiviteter.",
            GOAL_AREAS[0],
            term="short",
            workshop=workshop,
        )
        computed(youth, "Unika deltagare i verkstaden", "workshop.unique_participants",
                 baseline=Decimal("350"), target=Decimal("550"))  # fmt: skip
        manual(youth, "Närvaro i skolan, årskurs 7–9", "Skolans närvarostatistik",
               [(label, 86 + i) for i, label in enumerate(halves[2:-1])],
               baseline=Decimal("85"), target=Decimal("92"))  # fmt: skip
        count += 1
    evaluations = _seed_evaluations(access, today)
    rounds = _seed_cbpr(access, rng, today)
    return {"goals": count, "evaluations": evaluations, "cbpr_responses": rounds}


def _half_years(today: date) -> list[str]:
    labels = [Period.parse("2023H1")]
    while labels[-1].end < today:
        labels.append(labels[-1].following())
    return [p.label for p in labels]


WORKS = (
    "Hälsocirklarna samlar återkommande deltagare och verkstäderna samarbetar kring områdesdagen."
)
DOES_NOT_WORK = "Lokalen räcker inte till på kvällarna och få unga män deltar."
CHANGES = "Pröva kvällsaktiviteter utomhus och bjuda in föreningarna till hubbens möten."


def _seed_evaluations(access: ProgramAccess, today: date) -> int:
    """The two half-years before the last finished one are evaluated and approved; the
    last finished one is left for the hub (the dashboard shows it as missing)."""
    last = Period.half_year_of(today).previous()
    hub = Body.objects.filter(program=access.program, kind=Body.Kind.HUB).first()
    if hub is None:
        return 0
    made = 0
    for period in (last.previous().previous(), last.previous()):
        meeting = (
            Meeting.objects.filter(body=hub, status="held", date__gt=period.end)
            .order_by("date")
            .first()
        )
        if meeting is None:
            continue
        evaluation = services.start_evaluation(access=access, period_label=period.label)
        decisions = list(Decision.objects.filter(meeting=meeting).order_by("number")[:1])
        services.save_evaluation(
            access=access, evaluation=evaluation, decisions=decisions,
            works=WORKS, does_not_work=DOES_NOT_WORK, changes=CHANGES,
        )  # fmt: skip
        services.approve_evaluation(access=access, evaluation=evaluation, meeting=meeting)
        made += 1
    return made


def _seed_cbpr(access: ProgramAccess, rng: random.Random, today: date) -> int:
    """One round, some weeks ago, answered by one or two representatives of every party."""
    from jamlik.surveys.services import compute_scores

    opens = today - timedelta(days=45)
    round = services.plan_round(
        access=access,
        name=f"Partnerskapets utvärdering {opens.year}",
        planned_on=opens,
        closes_on=opens + timedelta(days=21),
    )
    round.analysis = (
        "Parterna är överens om målen och ser att förtroendet har vuxit. Informationen "
        "mellan parterna och rollfördelningen behöver bli tydligare; hubben tar fram en "
        "gemensam rutin för information före nästa omgång."
    )
    round.save(update_fields=["analysis"])
    items = list(cbpr.instrument().items.values())
    answered = 0
    parties = access.program.partnerships.filter(left_on__isnull=True).order_by("pk")
    for party in parties:
        level = rng.choice((3, 4, 4, 5))
        for _ in range(rng.choice((1, 2))):
            response = services.start_party_response(round=round, partnership=party, language="sv")
            codes = {item.key: max(1, min(5, level + rng.choice((-1, 0, 0, 1)))) for item in items}
            response.answers = {cbpr.INSTRUMENT: codes}
            response.completed = True
            response.save()
            compute_scores(response)
            answered += 1
    return answered
