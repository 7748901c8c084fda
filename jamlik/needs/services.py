"""Writes for needs: inventories, statements, needs, themes, the action plan and the links
between workshops and needs. Each function writes its audit row in the same transaction."""

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from jamlik.needs.models import (
    ActionPlanRow,
    DotVote,
    Need,
    NeedsInventory,
    NeedStatement,
    Theme,
)
from jamlik.people import audit
from jamlik.people.access import ProgramAccess
from jamlik.programs.models import Program
from jamlik.workshops.models import Workshop


def free_key(model, *, program: Program, base: str) -> str:
    """`base` made into a key no other row of the program has: "trygghet", "trygghet-2" …"""
    stem = (slugify(base) or "x")[:50]
    key, n = stem, 1
    while model.objects.filter(program=program, key=key).exists():
        n += 1
        key = f"{stem}-{n}"
    return key


# Inventories


@transaction.atomic
def save_inventory(
    *, access: ProgramAccess, inventory: NeedsInventory | None = None, **fields: Any
) -> NeedsInventory:
    created = inventory is None
    if inventory is None:
        inventory = NeedsInventory(program=access.program, created_by=access.user)
        if not fields.get("key"):
            fields["key"] = free_key(
                NeedsInventory,
                program=access.program,
                base=f"{fields['date']:%Y-%m}-{fields['kind']}",
            )
    for name, value in fields.items():
        setattr(inventory, name, value)
    inventory.full_clean()
    inventory.save()
    audit.record_by(access, "create" if created else "update", "needs_inventory", inventory.key)
    return inventory


@transaction.atomic
def add_statement(
    *, access: ProgramAccess, inventory: NeedsInventory, client_id: uuid.UUID, **fields: Any
) -> tuple[NeedStatement, bool]:
    """Saves a statement once: sending the same `client_id` again finds the first one."""
    existing = inventory.statements.filter(client_id=client_id).first()
    if existing is not None:
        return existing, False
    statement = NeedStatement(
        inventory=inventory, client_id=client_id, created_by=access.user, **fields
    )
    statement.full_clean()
    statement.save()
    audit.record_by(
        access,
        "create",
        "need_statement",
        statement.pk,
        inventory=inventory.key,
        language=statement.language,
    )
    return statement, True


@transaction.atomic
def change_statement(
    *, access: ProgramAccess, statement: NeedStatement, **fields: Any
) -> NeedStatement:
    """Corrects a saved statement (a typo, a late translation, another theme or need)."""
    changed = sorted(name for name, value in fields.items() if getattr(statement, name) != value)
    for name, value in fields.items():
        setattr(statement, name, value)
    statement.full_clean()
    statement.save()
    audit.record_by(
        access,
        "update",
        "need_statement",
        statement.pk,
        inventory=statement.inventory.key,
        changed=changed,
    )
    return statement


@transaction.atomic
def delete_statement(*, access: ProgramAccess, statement: NeedStatement) -> None:
    """Removes a statement captured by mistake (twice, or in the wrong inventory)."""
    ref, inventory = statement.pk, statement.inventory.key
    statement.delete()
    audit.record_by(access, "delete", "need_statement", ref, inventory=inventory)


@transaction.atomic
def add_theme(*, access: ProgramAccess, name: str) -> Theme:
    name = name.strip()
    theme = Theme.objects.filter(program=access.program, name__iexact=name).first()
    if theme is None:
        theme = Theme.objects.create(program=access.program, name=name)
        audit.record_by(access, "create", "need_theme", theme.name)
    return theme


@transaction.atomic
def add_action_row(
    *, access: ProgramAccess, inventory: NeedsInventory, **fields: Any
) -> ActionPlanRow:
    row = ActionPlanRow(inventory=inventory, **fields)
    row.full_clean()
    row.save()
    audit.record_by(access, "create", "action_plan_row", row.pk, inventory=inventory.key)
    return row


@transaction.atomic
def create_vote(*, access: ProgramAccess, inventory: NeedsInventory, **fields: Any) -> DotVote:
    vote = DotVote(inventory=inventory, created_by=access.user, **fields)
    vote.full_clean()
    vote.save()
    audit.record_by(access, "create", "dot_vote", vote.public_id, inventory=inventory.key)
    return vote


# Needs


@transaction.atomic
def save_need(*, access: ProgramAccess, need: Need | None = None, **fields: Any) -> Need:
    created = need is None
    if need is None:
        need = Need(program=access.program)
        if not fields.get("key"):
            fields["key"] = free_key(Need, program=access.program, base=fields["title"])
    for name, value in fields.items():
        setattr(need, name, value)
    need.full_clean()
    need.save()
    audit.record_by(access, "create" if created else "update", "need", need.key)
    return need


@transaction.atomic
def group_statements(
    *,
    access: ProgramAccess,
    inventory: NeedsInventory,
    statements: list[NeedStatement],
    need: Need | None = None,
    new_title: str = "",
) -> Need:
    """Groups statements of one inventory under a need, an existing one or a new one.

    The need is then counted as raised at this inventory. A new need takes its theme
    and determinants from the statements."""
    if need is None:
        themes = {s.theme_id for s in statements if s.theme_id}
        found: list[str] = []
        for s in statements:
            found += [k for k in s.determinants if k not in found]
        need = save_need(
            access=access,
            title=new_title,
            theme_id=themes.pop() if len(themes) == 1 else None,
            determinants=found,
        )
    NeedStatement.objects.filter(pk__in=[s.pk for s in statements], inventory=inventory).update(
        need=need
    )
    need.inventories.add(inventory)
    audit.record_by(
        access,
        "update",
        "need",
        need.key,
        grouped=[s.pk for s in statements],
        inventory=inventory.key,
    )
    return need


# Workshops and needs


@transaction.atomic
def set_workshop_needs(*, access: ProgramAccess, workshop: Workshop, needs: list[Need]) -> None:
    if workshop.status == Workshop.Status.ACTIVE and not needs:
        raise ValidationError(
            _(
                "An active workshop must address at least one need. Pause the workshop "
                "before you remove its last need."
            ),
            code="no_need",
        )
    workshop.needs.set(needs)
    audit.record_by(access, "update", "workshop", workshop.key, needs=sorted(n.key for n in needs))


@transaction.atomic
def activate_workshop(*, access: ProgramAccess, workshop: Workshop) -> None:
    workshop.activate()
    audit.record_by(access, "update", "workshop", workshop.key, status=Workshop.Status.ACTIVE)
