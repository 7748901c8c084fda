import pytest

from conftest import PASSWORD, make_user
from jamlik.people.models import ProgramRole

# Roles without access to personal data, besides the world's viewer.
OTHER_ROLES = ("hub", "steering", "researcher")


@pytest.fixture
def login(client, world):
    """Log the test client in as one of the world's users, a user with one of OTHER_ROLES,
    or nobody ("anonymous")."""
    for role in OTHER_ROLES:
        ProgramRole.objects.create(user=make_user(role), program=world.program, role=role)

    def _login(username: str | None):
        if username is not None and username != "anonymous":
            assert client.login(username=username, password=PASSWORD)
        return client

    return _login
