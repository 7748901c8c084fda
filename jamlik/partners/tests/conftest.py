import pytest


@pytest.fixture(autouse=True)
def english(client):
    """These tests read messages in English; the interface defaults to Swedish."""
    from django.utils import translation

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield
