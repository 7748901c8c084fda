"""Synthetic people for the demo program: the promoters' employment and competence plans,
a recruitment history, 30 diabetes coaches trained in 2023H2 with a few ambassadors,
volunteers' hours, and the premises register. Every name here is made up."""

import random
from datetime import date, timedelta
from decimal import Decimal

from jamlik.activities.models import Activity
from jamlik.governance.models import Meeting
from jamlik.partners.models import Commitment, Partnership
from jamlik.people.competence import DEFAULT_CATALOGUE
from jamlik.people.models import (
    AgeBand,
    Candidate,
    CompetencePlan,
    FollowUp,
    HealthPromoter,
    PlannedTraining,
    Training,
    TrainingRecord,
)
from jamlik.premises.models import Premises
from jamlik.volunteers.models import Volunteer, VolunteerHours

# Place → owner partner (when the demo has that partner).
OWNERS = {
    "Ängens bibliotek": "Ängens bibliotek",
    "Ängens bibliotek, studierummet": "Ängens bibliotek",
    "Kvarnbackens folkets hus": "Kvarnbackens folkets hus",
    "Ängsskolans hemkunskapssal": "Ängsskolan F–9",
    "Ängsskolans idrottshall": "Ängsskolan F–9",
    "Kvarterslokalen Ängsgården": "Bostads AB Ängsgården",
    "Utegymmet i Lärkparken": "Fastighetsbolaget Kvarnstenen",
}
# The bodies' usual places (governance/demo.py).
MEETING_PLACES = {"Träffpunkten", "Stadshuset, rum 3"}
OPEN_CANDIDATES = [
    ("Dalia", Candidate.Source.WORKSHOP, "sv, ar", "Föräldrastöd", Candidate.Step.TALKED),
    ("Kerstin", Candidate.Source.PARTNER, "sv, fi", "Seniorgympa", Candidate.Step.IDENTIFIED),
    ("Omid", Candidate.Source.EXPLORATORY, "sv, fa, en", "Samtalsgrupp", Candidate.Step.AGREED),
]
GOALS = [
    "Leda hälsocirklar på egen hand; fördjupa processledning.",
    "Budgetansvar för verkstaden; föreningskunskap.",
    "Barnskydd och föräldrastöd; första hjälpen.",
]


def seed_people(program, rng: random.Random, *, today: date) -> dict[str, int]:
    delete_people_data(program=program)
    partnerships = {
        p.partner.name: p
        for p in Partnership.objects.filter(program=program).select_related("partner")
    }
    premises = _premises(program, partnerships)
    trainings = _catalogue(program, partnerships)
    promoters = list(HealthPromoter.objects.filter(program=program).order_by("pk"))
    _employment(promoters, rng)
    _plans(promoters, trainings, partnerships, rng, today=today)
    _recruitment(program, promoters, rng)
    coaches = _coaches(program, rng, today=today)
    return {"premises": len(premises), "coaches": coaches}


def delete_people_data(*, program) -> None:
    VolunteerHours.objects.filter(volunteer__program=program).delete()
    Volunteer.objects.filter(program=program).delete()
    Candidate.objects.filter(program=program).delete()
    TrainingRecord.objects.filter(promoter__program=program).delete()
    CompetencePlan.objects.filter(promoter__program=program).delete()
    Training.objects.filter(program=program).delete()
    Activity.objects.filter(program=program, place__isnull=False).update(place=None)
    Meeting.objects.filter(body__program=program, place__isnull=False).update(place=None)
    Premises.objects.filter(program=program).delete()


def _premises(program, partnerships) -> list[Premises]:
    from jamlik.programs.demo_names import PREMISES

    names = sorted({name for places in PREMISES.values() for name in places} | MEETING_PLACES)
    created = []
    for n, name in enumerate(names):
        partnership = partnerships.get(OWNERS.get(name, ""))
        commitment = None
        if partnership is not None:
            commitment = Commitment.objects.filter(
                partnership=partnership, kind=Commitment.Kind.PREMISES
            ).first() or Commitment.objects.create(
                partnership=partnership, kind=Commitment.Kind.PREMISES, description=name
            )
        created.append(
            Premises(
                program=program,
                name=name,
                address=f"Ängsvägen {10 + 2 * n}",
                owner=partnership.partner if partnership else None,
                commitment=commitment,
                capacity=[12, 20, 30, 40, 60][n % 5],
                accessibility="Entré utan trappsteg; hörslinga" if n % 2 == 0 else "Hiss finns",
                signage_languages="sv, ar, so" if n % 3 == 0 else "sv",
                opening_times="Mån–fre 9–20" if n % 2 == 0 else "Enligt bokning",
            )
        )
    created = Premises.objects.bulk_create(created)
    for place in created:
        Activity.objects.filter(program=program, premises=place.name).update(place=place)
        Meeting.objects.filter(body__program=program, location=place.name).update(place=place)
    return created


def _catalogue(program, partnerships) -> dict[str, Training]:
    providers = {"Barnskydd": "Exempelstadens arbetsmarknads- och socialförvaltning"}
    trainings = Training.objects.bulk_create(
        Training(
            program=program,
            name=name,
            provider=getattr(partnerships.get(providers.get(name, "")), "partner", None),
        )
        for name in DEFAULT_CATALOGUE
    )
    return {t.name: t for t in trainings}


def _employment(promoters, rng) -> None:
    bands = [AgeBand.UNDER_30, AgeBand.FROM_30_TO_49, AgeBand.FROM_50]
    for n, promoter in enumerate(promoters):
        promoter.started_on = date(2023, 8, 1) + timedelta(days=30 * (n % 4))
        promoter.age_band = bands[n % 3]
        promoter.gender = "woman" if n % 3 else "man"
    HealthPromoter.objects.bulk_update(promoters, ["started_on", "age_band", "gender"])


def _plans(promoters, trainings, partnerships, rng, *, today: date) -> None:
    lead = partnerships.get("Studieförbundet Lärkan")
    ordered = list(trainings.values())
    for n, promoter in enumerate(promoters):
        # One plan is past its follow-up, so the dashboard shows the reminder.
        follow_up = today - timedelta(days=10) if n == 0 else today + timedelta(days=30 + 20 * n)
        plan = CompetencePlan.objects.create(
            promoter=promoter,
            goals=GOALS[n % len(GOALS)],
            led_by=lead.partner if lead else None,
            follow_up_on=follow_up,
        )
        start = promoter.started_on
        done = ordered[:2]  # the model and process leadership, in the first months
        TrainingRecord.objects.bulk_create(
            TrainingRecord(
                promoter=promoter, training=t, completed_on=start + timedelta(days=20 + 30 * i)
            )
            for i, t in enumerate(done)
        )
        PlannedTraining.objects.bulk_create(
            PlannedTraining(plan=plan, training=t, by=today + timedelta(days=60 * (i + 1)))
            for i, t in enumerate(rng.sample(ordered[2:], 2))
        )
        FollowUp.objects.create(
            plan=plan, held_on=start + timedelta(days=180), notes="Uppföljning med programledaren."
        )


def _recruitment(program, promoters, rng) -> None:
    rows = [
        Candidate(
            program=program,
            name=promoter.name.split()[0],
            source=rng.choice([Candidate.Source.EXPLORATORY, Candidate.Source.WORKSHOP]),
            languages=promoter.languages,
            step=Candidate.Step.EMPLOYED,
            step_on=promoter.started_on,
            promoter=promoter,
        )
        for promoter in promoters
    ]
    rows += [
        Candidate(
            program=program,
            source=Candidate.Source.PARTNER,
            step=Candidate.Step.DECLINED,
            step_on=date(2023, 9, 15),
        ),
        Candidate(
            program=program,
            source=Candidate.Source.EXPLORATORY,
            step=Candidate.Step.DECLINED,
            step_on=date(2024, 2, 1),
        ),
    ]
    rows += [
        Candidate(
            program=program,
            name=name,
            source=source,
            languages=langs,
            would_lead=lead,
            step=step,
            step_on=date(2025, 1, 15),
        )
        for name, source, langs, lead, step in OPEN_CANDIDATES
    ]
    Candidate.objects.bulk_create(rows)


def _coaches(program, rng, *, today: date) -> int:
    from jamlik.workshops.models import Workshop

    diabetes = Workshop.objects.filter(program=program, key="munhalsa-kost").first()
    women = Workshop.objects.filter(program=program, key="kvinnors-halsa").first()
    volunteers = []
    for n in range(30):  # seed 003: 30 women trained as diabetes coaches in 2023H2
        trained = date(2023, 9, 1) + timedelta(days=rng.randrange(0, 110))
        ambassador = n < 6
        volunteers.append(
            Volunteer(
                program=program,
                code=f"{program.code_prefix}-V-{n + 1:03d}",
                kind=Volunteer.Kind.COACH,
                category="adult",
                workshop=diabetes or women,
                training="Diabetescoach",
                trained_on=trained,
                ambassador_from=date(2024, 1, 15) + timedelta(days=14 * n) if ambassador else None,
                ambassador_until=date(2024, 12, 31) if n == 0 else None,
            )
        )
    for n in range(8):
        volunteers.append(
            Volunteer(
                program=program,
                code=f"{program.code_prefix}-V-{n + 101:03d}",
                kind=Volunteer.Kind.VOLUNTEER,
                category="adult" if n % 4 else "child_youth",
                workshop=women if n % 2 else None,
            )
        )
    volunteers = Volunteer.objects.bulk_create(volunteers)
    givers = [v for v in volunteers if v.kind == Volunteer.Kind.VOLUNTEER or v.ambassador_from]
    hours = []
    month = date(2024, 1, 1)
    while month <= today.replace(day=1):
        for v in givers:
            if rng.random() < 0.6:
                hours.append(
                    VolunteerHours(
                        volunteer=v, month=month, hours=Decimal(rng.choice([2, 3, 4, 6, 8]))
                    )
                )
        month = (month + timedelta(days=32)).replace(day=1)
    VolunteerHours.objects.bulk_create(hours)
    return len(volunteers)
