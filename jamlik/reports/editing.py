"""Keeping the research outputs (följeforskning) and the reporting rules.

Each change is checked (the models' `clean`, which the forms and the admin also call, so
that a problem is shown next to its field) and audited here, in one transaction.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import translation
from django.utils.translation import gettext as _

from jamlik.people import audit
from jamlik.people.access import ProgramAccess
from jamlik.reports.models import ReportingRule, ResearchOutput
from jamlik.reports.obligations import rules_for


def _changed(instance: Model, fields: dict[str, Any]) -> list[str]:
    """The names of the fields whose stored value differs from the one in `fields`."""
    stored = type(instance).objects.filter(pk=instance.pk).values(*fields).first() or {}
    return sorted(name for name, value in fields.items() if stored.get(name) != value)


def _save(instance: Model, fields: dict[str, Any]) -> list[str]:
    """Sets `fields` on `instance`, checks (the model's `clean`) and saves it; the names of
    the changed fields."""
    changed = _changed(instance, fields) if instance.pk else sorted(fields)
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return changed


# Research outputs -------------------------------------------------------------------


@transaction.atomic
def save_research_output(
    *, access: ProgramAccess, output: ResearchOutput | None = None, **fields: Any
) -> ResearchOutput:
    """Adds a research output to the program, or changes `output`."""
    created = output is None
    if output is None:
        output = ResearchOutput(program=access.program)
    changed = _save(output, fields)
    audit.record_by(
        access,
        "create" if created else "update",
        "research_output",
        output.pk,
        title=output.title,
        year=output.year,
        **({} if created else {"changed": changed}),
    )
    return output


@transaction.atomic
def delete_research_output(*, access: ProgramAccess, output: ResearchOutput) -> None:
    audit.record_by(
        access, "delete", "research_output", output.pk, title=output.title, year=output.year
    )
    output.delete()


# Reporting rules --------------------------------------------------------------------


@transaction.atomic
def save_rule(
    *, access: ProgramAccess, rule: ReportingRule | None = None, **fields: Any
) -> ReportingRule:
    """Adds a reporting rule, or changes `rule`. The first stored rule replaces the defaults."""
    created = rule is None
    if rule is None:
        rule = ReportingRule(program=access.program)
    changed = _save(rule, fields)
    audit.record_by(
        access,
        "create" if created else "update",
        "reporting_rule",
        rule.pk,
        **_rule_detail(rule),
        **({} if created else {"changed": changed}),
    )
    return rule


@transaction.atomic
def delete_rule(*, access: ProgramAccess, rule: ReportingRule) -> None:
    """Deletes a rule; when the last one goes, the program follows the defaults again."""
    audit.record_by(access, "delete", "reporting_rule", rule.pk, **_rule_detail(rule))
    rule.delete()


@transaction.atomic
def adopt_default_rules(*, access: ProgramAccess) -> list[ReportingRule]:
    """Stores the default rules as the program's own, so that they can be changed."""
    if ReportingRule.objects.filter(program=access.program).exists():
        raise ValidationError(_("The program already has reporting rules of its own."))
    # The recipient is stored in the program's language, whatever the leader's is.
    with translation.override(settings.LANGUAGE_CODE):
        rules = rules_for(access.program)
    for rule in rules:
        rule.full_clean()
        rule.save()
        audit.record_by(
            access, "create", "reporting_rule", rule.pk, **_rule_detail(rule), default=True
        )
    return rules


def _rule_detail(rule: ReportingRule) -> dict[str, Any]:
    return {
        "scope": rule.scope,
        "due": f"{rule.due_month:02d}-{rule.due_day:02d}",
        "due_next_year": rule.due_next_year,
        "recipient": rule.recipient,
        "years": [rule.first_year, rule.last_year],
    }
