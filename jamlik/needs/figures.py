"""Needs as figures: traceability, revisions, reminders and the report's summary.

One way to compute each: pages, the API and the report call these functions.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jamlik.activities.models import Activity
from jamlik.lib.periods import Period
from jamlik.needs import determinants
from jamlik.needs.models import Need, NeedsInventory, NeedStatement
from jamlik.programs.models import Program
from jamlik.workshops.models import Workshop

EXPLORATORY_MAX_MONTHS = 24
INVENTORY_MAX_MONTHS = 12


def _months_between(earlier: date, later: date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


# Traceability


def needs_with_workshops(program: Program) -> QuerySet[Need]:
    return (
        Need.objects.filter(program=program)
        .select_related("theme", "program")
        .prefetch_related(
            Prefetch(
                "workshops", queryset=Workshop.objects.select_related("program").order_by("name")
            )
        )
    )


def unmet_needs(program: Program) -> QuerySet[Need]:
    """Prioritised needs that no active workshop addresses."""
    return (
        Need.objects.filter(program=program, priority__isnull=False)
        .exclude(workshops__status=Workshop.Status.ACTIVE)
        .select_related("theme", "program")
        .prefetch_related("workshops")
    )


def active_workshops_without_need(program: Program) -> QuerySet[Workshop]:
    """Workshops that are active although no need is documented for them (set directly, by
    an import or before the rule existed): a gap in the traceability."""
    return Workshop.objects.filter(
        program=program, status=Workshop.Status.ACTIVE, needs__isnull=True
    ).order_by("name")


@dataclass(frozen=True)
class MatrixRow:
    need: Need
    cells: list[bool]  # one per workshop, in the order of Matrix.workshops
    met: bool


@dataclass(frozen=True)
class Matrix:
    workshops: list[Workshop]
    rows: list[MatrixRow]


def needs_matrix(program: Program) -> Matrix:
    workshops = list(
        Workshop.objects.filter(program=program).select_related("program").order_by("name")
    )
    rows = []
    for need in needs_with_workshops(program):
        linked = {w.pk: w for w in need.workshops.all()}
        met = any(w.status == Workshop.Status.ACTIVE for w in linked.values())
        rows.append(MatrixRow(need, [w.pk in linked for w in workshops], met))
    return Matrix(workshops, rows)


def activities_serving(need: Need) -> QuerySet[Activity]:
    """Activities of the workshops that address the need."""
    return (
        Activity.objects.filter(workshop__needs=need)
        .select_related("workshop")
        .order_by("-date", "-pk")
    )


# Revision


@dataclass(frozen=True)
class Comparison:
    earlier: NeedsInventory
    later: NeedsInventory
    new: list[Need]
    persisting: list[Need]
    faded: list[Need]


def previous_inventory(inventory: NeedsInventory) -> NeedsInventory | None:
    return (
        NeedsInventory.objects.filter(program=inventory.program)
        .filter(Q(date__lt=inventory.date) | Q(date=inventory.date, pk__lt=inventory.pk))
        .order_by("-date", "-pk")
        .first()
    )


def compare_inventories(earlier: NeedsInventory, later: NeedsInventory) -> Comparison:
    """New: raised at the later inventory only; persisting: at both; faded: at the earlier
    only."""
    before = set(earlier.needs.values_list("pk", flat=True))
    after = set(later.needs.values_list("pk", flat=True))
    needs = {n.pk: n for n in Need.objects.filter(pk__in=before | after).select_related("theme")}

    def ordered(pks: set[int]) -> list[Need]:
        return sorted(
            (needs[pk] for pk in pks),
            key=lambda n: (n.priority is None, n.priority or 0, n.title.lower()),
        )

    return Comparison(
        earlier,
        later,
        new=ordered(after - before),
        persisting=ordered(after & before),
        faded=ordered(before - after),
    )


# Reminders


def needs_reminders(*, program: Program, today: date) -> list[str]:
    """What the dashboard reminds of: a revised exploratory workshop after 24 months, a
    needs inventory every 12 months (seed 000)."""
    latest = NeedsInventory.objects.filter(program=program, date__lte=today).aggregate(
        exploratory=Max("date", filter=Q(kind__in=NeedsInventory.EXPLORATORY_KINDS)),
        any=Max("date"),
    )
    reminders = []
    if latest["exploratory"] is None:
        reminders.append(_("No exploratory workshop is recorded yet: the needs come first."))
    elif _months_between(latest["exploratory"], today) >= EXPLORATORY_MAX_MONTHS:
        reminders.append(
            _(
                "The last exploratory workshop was held on %(date)s, more than %(months)d "
                "months ago. Plan a revised exploratory workshop."
            )
            % {"date": date_format(latest["exploratory"]), "months": EXPLORATORY_MAX_MONTHS}
        )
    if latest["any"] is not None and _months_between(latest["any"], today) >= INVENTORY_MAX_MONTHS:
        reminders.append(
            _(
                "The last needs inventory was held on %(date)s, more than %(months)d months "
                "ago. A needs inventory is due once a year."
            )
            % {"date": date_format(latest["any"]), "months": INVENTORY_MAX_MONTHS}
        )
    return reminders


# The report


def needs_summary(program: Program, period: Period) -> dict[str, Any]:
    """The facts behind the report's "Behov och inriktning" subsection.

    Inventories held in the period, the needs raised at them, the prioritised needs with
    the workshops that address them, the unmet needs, active workshops without a
    documented need, and statements counted by source, theme and layer of determinants.
    Plain data (strings, numbers, lists) so that any renderer can use it.
    """
    inventories = list(
        NeedsInventory.objects.filter(program=program, date__gte=period.start, date__lte=period.end)
        .select_related("academic_partner")
        .annotate(statement_count=Count("statements", distinct=True))
        .order_by("date", "pk")
    )
    statements = NeedStatement.objects.filter(inventory__in=inventories).select_related("theme")
    by_source: Counter[str] = Counter()
    by_theme: Counter[str] = Counter()
    by_layer: Counter[str] = Counter()
    for s in statements:
        by_source[s.get_source_display()] += 1
        by_theme[s.theme.name if s.theme else _("No theme")] += 1
        for layer in {
            determinants.LAYER_OF[k].key for k in s.determinants if k in determinants.LAYER_OF
        }:
            by_layer[layer] += 1
    raised = Need.objects.filter(program=program, inventories__in=inventories).distinct()

    def need_row(need: Need) -> dict[str, Any]:
        workshops = list(need.workshops.all())
        return {
            "key": need.key,
            "title": need.title,
            "priority": need.priority,
            "theme": need.theme.name if need.theme else "",
            "determinants": need.determinant_labels(),
            "workshops": [w.name for w in workshops if w.status == Workshop.Status.ACTIVE],
            "met": any(w.status == Workshop.Status.ACTIVE for w in workshops),
        }

    prioritised = needs_with_workshops(program).filter(priority__isnull=False)
    last_exploratory = (
        NeedsInventory.objects.filter(
            program=program,
            kind__in=NeedsInventory.EXPLORATORY_KINDS,
            date__lte=period.end,
        )
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    return {
        "period": period.as_dict(),
        "inventories": [
            {
                "key": i.key,
                "title": i.title,
                "kind": i.get_kind_display(),
                "method": i.get_method_display(),
                "date": i.date.isoformat(),
                "place": i.place,
                "academic_partner": str(i.academic_partner or ""),
                "participants": {
                    "child_youth": i.participants_child_youth,
                    "adult": i.participants_adult,
                    "professional": i.participants_professional,
                    "total": i.participants_total,
                },
                "statements": i.statement_count,
            }
            for i in inventories
        ],
        "statements": sum(i.statement_count for i in inventories),
        "statements_by_source": dict(by_source.most_common()),
        "statements_by_theme": dict(by_theme.most_common()),
        "statements_by_determinant_layer": {
            str(layer.label): by_layer[layer.key] for layer in determinants.LAYERS
        },
        "needs_raised": raised.count(),
        "prioritised_needs": [need_row(n) for n in prioritised],
        "unmet_needs": [need_row(n) for n in unmet_needs(program)],
        "active_workshops_without_need": [w.name for w in active_workshops_without_need(program)],
        "last_exploratory_workshop": last_exploratory.isoformat() if last_exploratory else None,
    }
