"""Shared fixtures: one program with the roles every access test needs.

`world` gives a program with workshops A and B, a health promoter in each, a program
leader, a viewer (aggregates only), an outsider with no role, and one participant
registered in each workshop.
"""

from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth.models import User
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from jamlik.activities.models import Activity, Attendance, Category, Participant
from jamlik.people.models import HealthPromoter, ProgramRole
from jamlik.programs.models import Program
from jamlik.workshops.models import Workshop

PASSWORD = "correct horse battery"

# One Hypothesis profile everywhere, so a busy machine cannot fail a test: no deadline,
# no too_slow health check, and the same examples on every run (a failure reproduces).
hypothesis_settings.register_profile(
    "jamlik",
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
hypothesis_settings.load_profile("jamlik")


@pytest.fixture
def english(client):
    """For tests that read messages: English, in code and in requests (Swedish is default)."""
    from django.utils import translation

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True, scope="session")
def _static_files_without_collectstatic():
    """Production serves collected, hashed files (settings.STORAGES); tests use the sources."""
    from django.test import override_settings

    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        WHITENOISE_USE_FINDERS=True,
        WHITENOISE_AUTOREFRESH=True,
    ):
        yield


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_configure(config):
    # Tests run with DEBUG off (production defaults) but over plain http, the live
    # server's too; this one setting is changed before any handler reads it.
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def _login_security_off(settings):
    """Login lockout (axes) and required two-factor authentication are off by default,
    so that tests may use client.login(), force_login() and the login form freely, and
    the idle timeout does not end sessions of tests that travel in time;
    jamlik/security/tests turn them on where they test them."""
    settings.AXES_ENABLED = False
    settings.TWO_FACTOR_REQUIRED_ROLES = ()
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 10 * 365 * 24 * 60


@pytest.fixture(autouse=True)
def _check_figures_cache(settings):
    """Every figure read from the cache is compared with a recomputation: a write path
    that does not call `figures_changed` fails its test with StaleFigures."""
    settings.FIGURES_CACHE_CHECK = True


@dataclass
class World:
    program: Program
    workshop_a: Workshop
    workshop_b: Workshop
    leader: User
    promoter_a: User
    promoter_b: User
    viewer: User
    outsider: User
    participant_a: Participant
    participant_b: Participant
    activity_a: Activity
    activity_b: Activity


def make_user(username: str) -> User:
    return User.objects.create_user(username=username, password=PASSWORD)


def as_user(client, user):
    """The test client, logged in as `user` only."""
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def world(db) -> World:
    program = Program.objects.create(slug="test", name="Testprogrammet", code_prefix="T")
    workshop_a = Workshop.objects.create(program=program, key="a", name="Verkstad A")
    workshop_b = Workshop.objects.create(program=program, key="b", name="Verkstad B")
    users = {
        name: make_user(name)
        for name in ("leader", "promoter_a", "promoter_b", "viewer", "outsider")
    }
    ProgramRole.objects.create(user=users["leader"], program=program, role="leader")
    ProgramRole.objects.create(user=users["viewer"], program=program, role="viewer")
    for key, workshop in (("a", workshop_a), ("b", workshop_b)):
        user = users[f"promoter_{key}"]
        ProgramRole.objects.create(user=user, program=program, role="promoter")
        promoter = HealthPromoter.objects.create(program=program, user=user, name=f"Promoter {key}")
        workshop.health_promoters.add(promoter)
    participant_a = Participant.objects.create(
        program=program, code="T-AAAA", category=Category.ADULT, registered_in=workshop_a
    )
    participant_b = Participant.objects.create(
        program=program, code="T-BBBB", category=Category.CHILD_YOUTH, registered_in=workshop_b
    )
    activity_a = Activity.objects.create(
        program=program,
        key="a-1",
        workshop=workshop_a,
        kind="health_circle",
        date=date(2024, 3, 5),
        title="Hälsocirkel A",
    )
    activity_b = Activity.objects.create(
        program=program,
        key="b-1",
        workshop=workshop_b,
        kind="physical_activity",
        date=date(2024, 3, 6),
        title="Träning B",
    )
    Attendance.objects.create(activity=activity_a, participant=participant_a)
    Attendance.objects.create(activity=activity_b, participant=participant_b)
    return World(
        program=program,
        workshop_a=workshop_a,
        workshop_b=workshop_b,
        participant_a=participant_a,
        participant_b=participant_b,
        activity_a=activity_a,
        activity_b=activity_b,
        **users,
    )
