"""Each step's checklist (seed 000, "Jämlik hälsa-modellens steg").

An item whose evidence Jämlik already holds checks itself and links to it; the others are
ticked by hand (a `ChecklistTick`, with who, when, a note and maybe a document link).
Each `_evidence_*` function answers the evidence of one item, or None while there is none.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jamlik.activities.models import Activity
from jamlik.finance.models import Budget
from jamlik.governance.models import Body, Meeting
from jamlik.needs.models import NeedsInventory
from jamlik.partners.models import Commitment, Sector
from jamlik.people import audit
from jamlik.people.models import ProgramRole
from jamlik.programs.models import ChecklistTick, Program
from jamlik.workshops.models import Workshop

Phase = Program.Phase


@dataclass(frozen=True)
class Evidence:
    text: str
    url: str = ""


def _url(name: str, program: Program, *args: object) -> str:
    return reverse(name, args=[program.slug, *args])


def _inventory(program: Program, kinds, today: date, **filters) -> NeedsInventory | None:
    return (
        NeedsInventory.objects.filter(program=program, kind__in=kinds, date__lte=today, **filters)
        .order_by("-date")
        .first()
    )


def _evidence_exploratory_held(program: Program, today: date) -> Evidence | None:
    """An exploratory workshop (first or revised) recorded as a needs inventory."""
    found = _inventory(program, NeedsInventory.EXPLORATORY_KINDS, today)
    if found is None:
        return None
    return Evidence(f"{found.title} ({found.date.isoformat()})", found.get_absolute_url())


def _evidence_exploratory_analysed(program: Program, today: date) -> Evidence | None:
    """An exploratory workshop with an academic partner who analyses it."""
    found = _inventory(
        program, NeedsInventory.EXPLORATORY_KINDS, today, academic_partner__isnull=False
    )
    if found is None:
        return None
    return Evidence(
        _("%(inventory)s, analysed with %(partner)s")
        % {"inventory": found.title, "partner": found.academic_partner.name},
        found.get_absolute_url(),
    )


def _evidence_revised_held(program: Program, today: date) -> Evidence | None:
    """A revised exploratory workshop recorded as a needs inventory."""
    found = _inventory(program, [NeedsInventory.Kind.REVISED_EXPLORATORY], today)
    if found is None:
        return None
    return Evidence(f"{found.title} ({found.date.isoformat()})", found.get_absolute_url())


def _evidence_budget(program: Program, today: date) -> Evidence | None:
    """An agreement in force today with a budget for the period that holds today."""
    budget = (
        Budget.objects.filter(
            line__agreement__program=program,
            line__agreement__start__lte=today,
            line__agreement__end__gte=today,
            period_start__lte=today,
            period_end__gte=today,
        )
        .select_related("line__agreement")
        .first()
    )
    if budget is None:
        return None
    agreement = budget.line.agreement
    return Evidence(
        _("%(agreement)s: budget for %(period)s")
        % {"agreement": agreement.name, "period": budget.period},
        _url("finance:agreement", program, agreement.key),
    )


def _current_body(program: Program, kinds, today: date) -> Body | None:
    """A body of the kinds with at least one member whose seat holds today."""
    return (
        Body.objects.filter(
            Q(memberships__ends_on__isnull=True) | Q(memberships__ends_on__gte=today),
            program=program,
            kind__in=kinds,
            memberships__starts_on__lte=today,
        )
        .distinct()
        .order_by("kind", "pk")
        .first()
    )


def _evidence_strategic_group(program: Program, today: date) -> Evidence | None:
    """A steering group (or strategic group) with members today."""
    body = _current_body(program, [Body.Kind.STEERING, Body.Kind.STRATEGIC], today)
    if body is None:
        return None
    return Evidence(body.name, _url("governance:body", program, body.key))


def _evidence_hub(program: Program, today: date) -> Evidence | None:
    """A hub that has held a meeting."""
    meeting = (
        Meeting.objects.filter(
            body__program=program,
            body__kind=Body.Kind.HUB,
            status=Meeting.Status.HELD,
            date__lte=today,
        )
        .select_related("body")
        .order_by("-date")
        .first()
    )
    if meeting is None:
        return None
    return Evidence(
        _("%(body)s met on %(date)s") % {"body": meeting.body.name, "date": meeting.date},
        _url("governance:body", program, meeting.body.key),
    )


def _evidence_premises(program: Program, today: date) -> Evidence | None:
    """A partner's commitment of premises in force today, or a place in use in the
    program's register of premises."""
    from jamlik.premises.models import Premises

    place = Premises.objects.filter(program=program, in_use=True).order_by("name").first()
    if place is not None:
        return Evidence(
            _("%(place)s and other places in the register of premises") % {"place": place.name},
            _url("premises:index", program),
        )
    found = (
        Commitment.objects.filter(partnership__program=program, kind=Commitment.Kind.PREMISES)
        .exclude(starts_on__gt=today)
        .exclude(ends_on__lt=today)
        .select_related("partnership__partner")
        .first()
    )
    if found is None:
        return None
    return Evidence(
        _("Premises from %(partner)s") % {"partner": found.partnership.partner.name},
        _url("programs:partners:detail", program, found.partnership_id),
    )


def _evidence_research(program: Program, today: date) -> Evidence | None:
    """A researcher's role in the program, or an academic partner's research commitment."""
    found = (
        Commitment.objects.filter(
            partnership__program=program,
            partnership__partner__sector=Sector.ACADEMIA,
            kind=Commitment.Kind.RESEARCH_EDUCATION,
        )
        .exclude(starts_on__gt=today)
        .exclude(ends_on__lt=today)
        .select_related("partnership__partner")
        .first()
    )
    if found is not None:
        return Evidence(
            _("Research commitment of %(partner)s") % {"partner": found.partnership.partner.name},
            _url("programs:partners:detail", program, found.partnership_id),
        )
    if ProgramRole.objects.filter(program=program, role=ProgramRole.Role.RESEARCHER).exists():
        return Evidence(_("A researcher has a role in the program"))
    return None


def _evidence_program_leader(program: Program, today: date) -> Evidence | None:
    """A user with the program leader's role."""
    if ProgramRole.objects.filter(
        program=program, role=ProgramRole.Role.LEADER, user__is_active=True
    ).exists():
        return Evidence(_("A program leader has a role in the program"))
    return None


def _evidence_health_promoters(program: Program, today: date) -> Evidence | None:
    """A health promoter attached to an active workshop."""
    workshop = (
        Workshop.objects.filter(
            program=program, status=Workshop.Status.ACTIVE, health_promoters__isnull=False
        )
        .distinct()
        .first()
    )
    if workshop is None:
        return None
    return Evidence(
        _("Health promoters in %(workshop)s and other active workshops")
        % {"workshop": workshop.name},
        _url("workshops:list", program),
    )


def _evidence_workshops_from_needs(program: Program, today: date) -> Evidence | None:
    """Active workshops, every one of them set up for at least one documented need."""
    active = Workshop.objects.filter(program=program, status=Workshop.Status.ACTIVE)
    total = active.count()
    if not total or active.filter(needs__isnull=True).exists():
        return None
    return Evidence(
        _("All %(count)s active workshops serve a documented need") % {"count": total},
        _url("needs:matrix", program),
    )


def _evidence_workshops_running(program: Program, today: date) -> Evidence | None:
    """An active workshop with a health promoter and a held activity."""
    activity = (
        Activity.objects.filter(
            program=program,
            status=Activity.Status.HELD,
            date__lte=today,
            workshop__status=Workshop.Status.ACTIVE,
            workshop__health_promoters__isnull=False,
        )
        .select_related("workshop")
        .order_by("date")
        .first()
    )
    if activity is None:
        return None
    return Evidence(
        _("%(workshop)s held its first activity on %(date)s")
        % {"workshop": activity.workshop.name, "date": activity.date.isoformat()},
        _url("workshops:list", program),
    )


def _evidence_goals(program: Program, today: date) -> Evidence | None:
    """A goal anchored by a steering-group decision, with at least one indicator."""
    from jamlik.goals.models import Goal

    goal = Goal.objects.filter(
        program=program, anchored_by__isnull=False, indicators__isnull=False
    ).first()
    if goal is None:
        return None
    return Evidence(_("Goals anchored with indicators"), _url("goals:index", program))


def _evidence_competence_plans(program: Program, today: date) -> Evidence | None:
    """Every health promoter employed today has a competence plan with written goals."""
    from jamlik.people.models import HealthPromoter

    employed = (
        HealthPromoter.objects.filter(program=program)
        .exclude(started_on__gt=today)
        .exclude(ended_on__lt=today)
    )
    total = employed.count()
    if not total or employed.exclude(competence_plan__goals__gt="").exists():
        return None
    return Evidence(
        _("All %(count)s employed health promoters have a competence plan") % {"count": total},
        _url("people:plans", program),
    )


def _evidence_half_year_evaluation(program: Program, today: date) -> Evidence | None:
    """The latest ended half-year has an evaluation approved at a hub meeting."""
    from jamlik.goals.models import HalfYearEvaluation
    from jamlik.lib.periods import Period

    last = Period.half_year_of(today).previous()
    if not HalfYearEvaluation.objects.filter(
        program=program, period_label=last.label, status=HalfYearEvaluation.Status.APPROVED
    ).exists():
        return None
    return Evidence(
        _("The evaluation of %(period)s is approved") % {"period": last.label},
        reverse("goals:evaluation", args=[program.slug, last.label]),
    )


def _evidence_cbpr_evaluation(program: Program, today: date) -> Evidence | None:
    """A CBPR evaluation of the partnership planned within the last twelve months."""
    from jamlik.goals.models import CbprRound

    found = (
        CbprRound.objects.filter(
            program=program, planned_on__lte=today, planned_on__gt=today - timedelta(days=365)
        )
        .order_by("-planned_on")
        .first()
    )
    if found is None:
        return None
    return Evidence(
        _("CBPR evaluation %(name)s (%(date)s)")
        % {"name": found.name, "date": found.planned_on.isoformat()},
        reverse("goals:cbpr", args=[program.slug, found.pk]),
    )


@dataclass(frozen=True)
class Item:
    key: str
    phase: str
    label: str
    evidence: Callable[[Program, date], Evidence | None] | None = None
    document: bool = False  # a document (link) belongs to it

    @property
    def is_auto(self) -> bool:
        return self.evidence is not None


ITEMS: tuple[Item, ...] = (
    Item("area_chosen", Phase.INITIATIVE,
         gettext_lazy("The area is chosen and the reasons for it are written down"),
         document=True),
    Item("partners_invited", Phase.INITIATIVE,
         gettext_lazy("Partners from the five sectors are invited")),
    Item("exploratory_held", Phase.EXPLORATORY,
         gettext_lazy("Exploratory workshop held: residents describe their needs"),
         _evidence_exploratory_held),
    Item("exploratory_analysed", Phase.EXPLORATORY,
         gettext_lazy("The workshop's results are analysed together with academia"),
         _evidence_exploratory_analysed),
    Item("budget", Phase.FORMATION, gettext_lazy("1. A budget exists"), _evidence_budget),
    Item("strategic_group", Phase.FORMATION, gettext_lazy("2. A strategic group"),
         _evidence_strategic_group),
    Item("premises", Phase.FORMATION, gettext_lazy("3. Premises"), _evidence_premises),
    Item("research", Phase.FORMATION, gettext_lazy("4. Responsibility for research"),
         _evidence_research),
    Item("program_leader", Phase.FORMATION, gettext_lazy("5. A program leader is hired"),
         _evidence_program_leader),
    Item("hub", Phase.FORMATION, gettext_lazy("6. A hub"), _evidence_hub),
    Item("health_promoters", Phase.FORMATION, gettext_lazy("7. Health promoters"),
         _evidence_health_promoters),
    Item("context_analysis", Phase.DIRECTION, gettext_lazy("Context analysis"),
         document=True),
    Item("policy_inventory", Phase.DIRECTION,
         gettext_lazy("Inventory of policy documents"), document=True),
    Item("value_norms", Phase.DIRECTION, gettext_lazy("Value norms agreed"), document=True),
    Item("goals", Phase.DIRECTION,
         gettext_lazy("Long- and short-term goals with indicators"), _evidence_goals),
    Item("workshops_from_needs", Phase.DIRECTION,
         gettext_lazy("Workshops derived from the documented needs"),
         _evidence_workshops_from_needs),
    Item("workshops_running", Phase.BUILD_UP,
         gettext_lazy("Workshops started with their health promoters"),
         _evidence_workshops_running),
    Item("competence_plans", Phase.BUILD_UP,
         gettext_lazy("Individual competence plans for the health promoters"),
         _evidence_competence_plans),
    Item("half_year_evaluation", Phase.ONGOING,
         gettext_lazy("The half-year is evaluated"), _evidence_half_year_evaluation),
    Item("cbpr_evaluation", Phase.ONGOING,
         gettext_lazy("CBPR evaluation once or twice a year"), _evidence_cbpr_evaluation),
    Item("revised_held", Phase.REVISED,
         gettext_lazy("Revised exploratory workshop held"), _evidence_revised_held),
)  # fmt: skip
ITEM = {item.key: item for item in ITEMS}


@dataclass(frozen=True)
class ItemState:
    item: Item
    done: bool
    evidence: Evidence | None = None
    tick: ChecklistTick | None = None


def checklist(program: Program, *, today: date) -> dict[str, list[ItemState]]:
    """Every step's items with their state, by phase in the cycle's order."""
    ticks = {
        t.item: t for t in ChecklistTick.objects.filter(program=program).select_related("ticked_by")
    }
    found: dict[str, list[ItemState]] = {phase: [] for phase in Phase.values}
    for item in ITEMS:
        if item.is_auto:
            evidence = item.evidence(program, today)
            state = ItemState(item, evidence is not None, evidence=evidence)
        else:
            tick = ticks.get(item.key)
            state = ItemState(item, tick is not None, tick=tick)
        found[item.phase].append(state)
    return found


def open_items(program: Program, phase: str, *, today: date) -> list[ItemState]:
    return [s for s in checklist(program, today=today)[phase] if not s.done]


def tick(
    *, access, item_key: str, done_on: date, note: str = "", document_url: str = ""
) -> ChecklistTick:
    """Ticks a hand-ticked item (again: the new note and date replace the old)."""
    item = ITEM.get(item_key)
    if item is None or item.is_auto:
        raise ValidationError(_("This item checks itself from the record and is not ticked."))
    with transaction.atomic():
        found, created = ChecklistTick.objects.update_or_create(
            program=access.program,
            item=item_key,
            defaults={
                "done_on": done_on,
                "note": note,
                "document_url": document_url,
                "ticked_by": access.user,
            },
        )
        audit.record_by(
            access,
            "create" if created else "update",
            "checklist_tick",
            item_key,
            done_on=done_on.isoformat(),
            document=bool(document_url),
        )
    return found


def untick(*, access, item_key: str) -> bool:
    with transaction.atomic():
        deleted, _count = ChecklistTick.objects.filter(
            program=access.program, item=item_key
        ).delete()
        if deleted:
            audit.record_by(access, "delete", "checklist_tick", item_key)
    return bool(deleted)
