"""The program's navigation: each role's few main destinations, the rest in a menu."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jamlik.people.access import (
    FINANCE_SCOPES,
    PLAN_ROLES,
    STRATEGY_ROLES,
    VOLUNTEER_ROLES,
    ProgramAccess,
    Role,
)
from jamlik.people.policy import roles_with


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url: str


# Besides the overview, the two destinations each role acts on most; on a 360 px phone
# the overview, these two and the "More" menu fit in one row.
MAIN = {
    Role.LEADER: ("activities", "reports"),
    Role.PROMOTER: ("activities", "workshops"),
    Role.HUB: ("governance", "needs"),
    Role.STEERING: ("governance", "reports"),
    Role.RESEARCHER: ("surveys", "reports"),
    Role.VIEWER: ("workshops", "needs"),
}


def destinations(access: ProgramAccess) -> list[NavItem]:
    """Every page of the program the user may open, in a fixed order."""
    slug = access.program.slug
    items = [
        ("dashboard", _("Overview"), "programs:dashboard", True),
        ("model", _("The model"), "programs:model", access.role in roles_with("cycle")),
        (
            "fidelity",
            _("Model fidelity"),
            "programs:fidelity",
            access.role not in roles_with("cycle"),
        ),
        ("needs", _("Needs"), "needs:index", True),
        ("workshops", _("Workshops"), "workshops:list", True),
        ("activities", _("Activities"), "activities:list", access.sees_personal_data),
        ("partners", _("Partners"), "programs:partners", True),
        ("governance", _("Governance"), "governance:index", access.sees_governance),
        ("promoters", _("Health promoters"), "programs:promoters", access.sees_promoters),
        ("plans", _("Competence plans"), "people:plans", access.role in PLAN_ROLES),
        (
            "volunteers",
            _("Coaches and volunteers"),
            "volunteers:index",
            access.role in VOLUNTEER_ROLES,
        ),
        ("premises", _("Premises"), "premises:index", True),
        ("surveys", _("Evaluation"), "surveys:index", True),
        ("goals", _("Goals"), "goals:index", True),
        ("finance", _("Finance"), "finance:index", access.role in FINANCE_SCOPES["any"]),
        ("reports", pgettext_lazy("navigation", "Reports"), "reports:index", access.sees_reports),
        (
            "reports",
            pgettext_lazy("report section", "Accompanying research"),
            "reports:research",
            access.edits_research and not access.sees_reports,
        ),
        ("communication", _("Communication"), "communication:index", True),
        ("strategy", _("Strategy"), "strategy:index", access.role in STRATEGY_ROLES),
        ("data", _("Import and export"), "programs:import", access.is_leader),
    ]
    return [NavItem(key, label, reverse(name, args=[slug])) for key, label, name, ok in items if ok]


def program_nav(access: ProgramAccess, current: str | None) -> dict:
    """The overview and the role's main destinations; the rest goes in the menu."""
    main_keys = ("dashboard", *MAIN.get(access.role, ()))
    items = destinations(access)
    main = sorted(
        (item for item in items if item.key in main_keys), key=lambda i: main_keys.index(i.key)
    )
    more = [item for item in items if item.key not in main_keys]
    return {
        "main": main,
        "more": more,
        "current": current,
        "more_current": any(item.key == current for item in more),
    }
