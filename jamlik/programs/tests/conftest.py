"""The governance tests' `gov` program (a hub and a steering group) for the cycle tests."""

from jamlik.governance.tests.conftest import gov  # noqa: F401
