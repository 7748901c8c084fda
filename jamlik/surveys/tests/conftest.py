from datetime import date

import pytest

from conftest import PASSWORD, make_user
from jamlik.people.models import ProgramRole
from jamlik.surveys import services
from jamlik.surveys.models import EthicsApproval, Wave

WHO5 = "who5@1998"
SRH = "srh_who@1996"


@pytest.fixture
def roles(world):
    """The world's users plus a hub member, a steering-group member and a researcher."""
    users = {}
    for role in ("hub", "steering", "researcher"):
        users[role] = make_user(role)
        ProgramRole.objects.create(user=users[role], program=world.program, role=role)
    return users


@pytest.fixture
def waves(world):
    baseline = Wave.objects.create(
        program=world.program,
        key="baseline-2024",
        name="Baseline 2024",
        kind=Wave.Kind.BASELINE,
        instruments=[WHO5, SRH],
        opens_on=date(2024, 2, 1),
    )
    follow_up = Wave.objects.create(
        program=world.program,
        key="follow-up-2024",
        name="Follow-up 2024",
        kind=Wave.Kind.FOLLOW_UP,
        baseline=baseline,
        instruments=[WHO5, SRH],
        opens_on=date(2024, 9, 1),
    )
    return baseline, follow_up


def answer(wave, participant=None, *, who5=None, srh=None, language="sv", completed=True):
    """A response with WHO-5 answers (five codes) and a self-rated health code."""
    response = services.start_response(
        wave=wave, language=language, consent=True, participant=participant
    )
    answers = {}
    if who5 is not None:
        answers[WHO5] = {f"q{i}": c for i, c in enumerate(who5, start=1)}
    if srh is not None:
        answers[SRH] = {"q1": srh}
    response.answers = answers
    response.completed = completed
    response.save()
    services.compute_scores(response)
    return response


@pytest.fixture
def approval(world, roles, waves):
    approval = EthicsApproval.objects.create(
        program=world.program,
        study="halsa-2024",
        title="Health in Testområdet",
        reference_number="2024-01234-01",
        valid_from=date(2024, 1, 1),
        valid_until=date(2099, 12, 31),
        scope="WHO-5 and self-rated health at baseline and follow-up.",
    )
    approval.waves.set(waves)
    approval.researchers.add(roles["researcher"])
    return approval


@pytest.fixture
def login(client):
    # English labels keep the assertions independent of the Swedish catalogue.
    client.cookies["django_language"] = "en"

    def _login(user):
        if user is not None:
            assert client.login(username=user.username, password=PASSWORD)
        return client

    return _login
