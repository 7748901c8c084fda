"""A program with enough activity for a report: `world` plus hub, steering group and
researcher members, participants in both workshops over two half-years, a larger
event, partners and a research output."""

from datetime import date, timedelta

import pytest

from conftest import PASSWORD, make_user
from jamlik.activities.models import Activity, Attendance, Category, Participant
from jamlik.partners.models import Partner, Partnership, Sector
from jamlik.people.models import ProgramRole
from jamlik.reports.models import ResearchOutput

PERIOD = "2024H1"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def roles(world):
    """The `world` with a hub member, a steering-group member and a researcher."""
    for role in ("hub", "steering", "researcher"):
        ProgramRole.objects.create(user=make_user(role), program=world.program, role=role)
    return world


@pytest.fixture
def report_world(roles):
    world = roles
    program = world.program
    people = [
        Participant.objects.create(
            program=program,
            code=f"T-{i:04d}",
            category=[Category.CHILD_YOUTH, Category.ADULT, Category.PROFESSIONAL][i % 3],
        )
        for i in range(30)
    ]
    n = 0

    def activity(day, workshop, *, kind="health_circle"):
        nonlocal n
        n += 1
        return Activity.objects.create(
            program=program,
            key=f"r-{n}",
            workshop=workshop,
            kind=kind,
            large_event=Activity.is_large_event_kind(kind),
            date=day,
            title=f"Träff {n}",
        )

    # 2024H1: workshop A weekly from January (participants 0–19), B monthly (20–22;
    # with the world's participant B, 4 people).
    for week in range(20):
        a = activity(date(2024, 1, 8) + timedelta(weeks=week), world.workshop_a)
        for p in people[: 10 + week % 10]:
            Attendance.objects.create(activity=a, participant=p)
    for month in range(1, 6):
        b = activity(date(2024, month, 15), world.workshop_b)
        for p in people[20:23]:
            Attendance.objects.create(activity=b, participant=p)
    day = activity(date(2024, 5, 25), None, kind="area_day")
    for p in people:
        Attendance.objects.create(activity=day, participant=p)
    # 2023H2: fewer.
    for week in range(8):
        a = activity(date(2023, 9, 4) + timedelta(weeks=week), world.workshop_a)
        for p in people[:12]:
            Attendance.objects.create(activity=a, participant=p)

    ngo = Partner.objects.create(name="Föreningen Exempel", sector=Sector.NONPROFIT)
    city = Partner.objects.create(name="Exempelstads kommun", sector=Sector.PUBLIC)
    Partnership.objects.create(program=program, partner=ngo, role=Partnership.Role.IOP_PARTY)
    Partnership.objects.create(program=program, partner=city, role=Partnership.Role.IOP_PARTY)
    day.partners.add(ngo)
    ResearchOutput.objects.create(
        program=program,
        kind=ResearchOutput.Kind.THESIS,
        title="Hälsofrämjande i samverkan",
        authors="A. Forskare",
        year=2024,
        venue="Exempelstads universitet",
        url="https://example.org/thesis",
    )
    return world


@pytest.fixture
def login(client):
    def _login(username):
        if username != "anonymous":
            assert client.login(username=username, password=PASSWORD)
        return client

    return _login
