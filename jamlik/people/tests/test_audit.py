"""The audit log names its actor by itself, and nothing changes or deletes it."""

import importlib

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError

from conftest import PASSWORD, make_user
from jamlik.people import audit
from jamlik.people.models import AuditEvent
from jamlik.people.users import remove_user

ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the append-only trigger exists on PostgreSQL only (SQLite is the development default)",
)


def event(user, program=None):
    return audit.record(user=user, program=program, action="view", object_type="participant",
                        object_ref="T-AAAA")  # fmt: skip


def test_an_event_keeps_the_actors_username_as_it_was(world):
    recorded = event(world.promoter_a)
    world.promoter_a.username = "renamed"
    world.promoter_a.save()
    recorded.refresh_from_db()
    assert recorded.username == "promoter_a"


def test_an_anonymous_event_has_no_username(world):
    from django.contrib.auth.models import AnonymousUser

    assert event(AnonymousUser()).username == ""


def test_a_user_with_audit_events_cannot_be_deleted(world):
    recorded = event(world.promoter_a)
    with pytest.raises(ProtectedError):
        world.promoter_a.delete()
    recorded.refresh_from_db()
    assert recorded.user == world.promoter_a


def test_a_program_with_audit_events_cannot_be_deleted(world):
    event(world.leader, world.program)
    with pytest.raises(ProtectedError):
        world.program.delete()


def test_removing_a_user_with_events_makes_them_inactive(world):
    event(world.promoter_a)
    assert remove_user(user=world.promoter_a, by=world.leader) == "deactivated"
    world.promoter_a.refresh_from_db()
    assert world.promoter_a.is_active is False
    assert AuditEvent.objects.filter(object_type="user", username="leader").exists()


def test_removing_a_user_without_events_deletes_them(db):
    user = make_user("nobody")
    assert remove_user(user=user) == "deleted"
    assert not type(user).objects.filter(pk=user.pk).exists()


def test_the_admin_refuses_to_delete_a_user_named_in_the_audit_log(client, world, english):
    admin = make_user("root")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    event(world.promoter_a)
    assert client.login(username="root", password=PASSWORD)
    address = f"/admin/auth/user/{world.promoter_a.pk}/delete/"
    page = client.get(address)
    assert "Cannot delete user" in page.content.decode()
    client.post(address, {"post": "yes"})
    assert type(world.promoter_a).objects.filter(pk=world.promoter_a.pk).exists()


@pytest.mark.skipif(
    connection.vendor == "postgresql",
    reason="the trigger refuses the UPDATE; on a real database the backfill runs before it exists",
)
def test_the_migration_backfills_usernames(world):
    AuditEvent.objects.create(user=world.leader, action="view", object_type="participant")
    migration = importlib.import_module("jamlik.people.migrations.0003_auditevent_username")
    migration.backfill_usernames(apps, None)
    assert list(AuditEvent.objects.values_list("username", flat=True)) == ["leader"]


@ON_POSTGRESQL
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE people_auditevent SET username = 'someone else'",
        "UPDATE people_auditevent SET user_id = NULL",
        "DELETE FROM people_auditevent",
    ],
)
def test_postgresql_refuses_to_change_or_delete_audit_events(world, sql):
    event(world.promoter_a)
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEvent.objects.get().username == "promoter_a"


@ON_POSTGRESQL
def test_postgresql_refuses_an_orm_delete_of_audit_events(world):
    event(world.promoter_a)
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic():
            AuditEvent.objects.all().delete()
    assert AuditEvent.objects.count() == 1
