from hypothesis import HealthCheck, settings


def test_it_runs_property_tests_without_deadline_derandomised_and_load_tolerant():
    """conftest.py loads one profile, so CI cannot fail on a busy machine."""
    assert settings.default.deadline is None
    assert settings.default.derandomize is True
    assert HealthCheck.too_slow in settings.default.suppress_health_check
