import pytest

from conftest import make_user
from jamlik.people.models import ProgramRole


@pytest.fixture(autouse=True)
def _in_english(english):
    """These tests read messages in English (the `english` fixture in conftest.py)."""


@pytest.fixture
def hub(world):
    user = make_user("hub")
    ProgramRole.objects.create(user=user, program=world.program, role="hub")
    return user


@pytest.fixture
def steering(world):
    user = make_user("steering")
    ProgramRole.objects.create(user=user, program=world.program, role="steering")
    return user
