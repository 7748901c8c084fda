"""Correcting and deleting captured statements on pages."""

import pytest

from jamlik.needs.models import NeedStatement
from jamlik.people.models import AuditEvent


def url(needs, statement, suffix=""):
    return f"/p/test/needs/inventories/{needs.inventory.key}/statements/{statement.pk}/{suffix}"


def test_it_corrects_a_statement_s_translation_and_need(login, needs):
    client = login("hub")
    statement = needs.statement_ar
    response = client.post(
        url(needs, statement),
        {
            "text": statement.text,
            "language": "AR",
            "text_sv": "Vi behöver mötesplatser för kvinnor och barn",
            "phase": "vision",
            "source": "residents",
            "need": needs.need.pk,
            "determinants": ["social_networks"],
        },
    )
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.text_sv.endswith("och barn")
    assert statement.language == "ar"
    assert statement.need == needs.need
    event = AuditEvent.objects.get(object_type="need_statement", action="update")
    assert set(event.detail["changed"]) == {"need", "text_sv"}


def test_it_refuses_an_empty_statement_and_keeps_the_old_words(login, needs):
    client = login("leader")
    response = client.post(url(needs, needs.statement_sv), {"text": " ", "language": "sv"})
    assert response.status_code == 200
    assert "text" in response.context["form"].errors
    needs.statement_sv.refresh_from_db()
    assert needs.statement_sv.text == "Det behövs mer belysning i parken"


def test_it_asks_before_deleting_and_then_deletes(login, needs):
    client = login("leader")
    page = client.get(url(needs, needs.statement_sv, "delete/"))
    assert "Det behövs mer belysning i parken" in page.content.decode()
    assert NeedStatement.objects.filter(pk=needs.statement_sv.pk).exists()
    client.post(url(needs, needs.statement_sv, "delete/"))
    assert not NeedStatement.objects.filter(pk=needs.statement_sv.pk).exists()
    assert AuditEvent.objects.filter(object_type="need_statement", action="delete").exists()


@pytest.mark.parametrize("user", ["steering", "viewer", "researcher", "outsider"])
def test_roles_that_do_not_capture_cannot_change_statements(login, needs, user):
    client = login(user)
    statement = needs.statement_sv
    assert client.get(url(needs, statement)).status_code == 404
    assert client.post(url(needs, statement), {"text": "x", "language": "sv"}).status_code == 404
    assert client.post(url(needs, statement, "delete/")).status_code == 404
    statement.refresh_from_db()
    assert statement.text == "Det behövs mer belysning i parken"


def test_a_statement_of_another_inventory_is_not_found_under_this_one(login, needs, world):
    from datetime import date

    from jamlik.needs.models import NeedsInventory

    other = NeedsInventory.objects.create(
        program=world.program, key="wc-2025", title="World café", date=date(2025, 1, 1)
    )
    client = login("leader")
    path = f"/p/test/needs/inventories/{other.key}/statements/{needs.statement_sv.pk}/"
    assert client.get(path).status_code == 404
