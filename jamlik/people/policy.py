"""The access policy as data: which role has which capability, and which URL needs which.

`access.py` takes its role sets from `CAPABILITIES`; the README's roles tables are printed
from here (`uv run jamlik access_table`, checked by a test); the access-matrix tests are
generated from `CAPABILITIES` and `URLS`, and a test fails for any URL of the project that
`URLS` does not classify. The wording of the tables lives here too, in English.

To classify a new URL, add one line to `URLS`: its name (with namespace, e.g.
"reports:index"; an API operation is "api:<function name>"; "two_factor:*" a whole
namespace) and a capability key or one of `OPEN_CLASSES`.
"""

from dataclasses import dataclass

from jamlik.people.models import ProgramRole

Role = ProgramRole.Role
L, P, H, S, R, V = Role.LEADER, Role.PROMOTER, Role.HUB, Role.STEERING, Role.RESEARCHER, Role.VIEWER
ROLES = (L, P, H, S, R, V)
ALL = frozenset(ROLES)


@dataclass(frozen=True)
class Capability:
    key: str
    says: str  # the README's wording
    roles: frozenset[str]


def _cap(key: str, says: str, *roles: str) -> Capability:
    return Capability(key, says, frozenset(roles))


CAPABILITIES: tuple[Capability, ...] = (
    _cap("program", "dashboard, workshops, needs and their matrix, partnership register, power "
         "shift, questionnaire waves (aggregates)", *ALL),
    _cap("promoters", "the health promoters: names, employers and FTE", L, P, H, S, R),
    _cap("figures.internal", "figures with small counts shown, any period", L, P, H),
    _cap("figures.external", "published figures only: counts below `SUPPRESS_BELOW` as \"<5\", "
         "whole half-years and years", S, R, V),
    _cap("participants", "participants, activities, attendance, headcounts, individual support "
         "(a promoter: own workshops only)", L, P),
    _cap("data", "import and export the program's record", L),
    _cap("participants.rights", "the data subject's rights: erase a participant, extract all "
         "data held about a code, withdraw research consent", L),
    _cap("workshops.write", "start workshops and change their name, status, promoters and needs",
         L),
    _cap("needs.statements", "the verbatim statements of needs inventories", L, P, H, S, R),
    _cap("needs.write", "capture needs inventories, run dot votes, group statements", L, P, H),
    _cap("needs.link", "link workshops to needs, activate workshops, import needs", L),
    _cap("surveys.field", "run questionnaires in the field: links, QR codes, XLSForm, assisted "
         "filling, focus-group notes", L, P),
    _cap("surveys.admin", "create questionnaire waves, import responses, register ethics "
         "approvals", L),
    _cap("research.export", "pseudonymised questionnaire exports under a current ethics "
         "approval", R),
    _cap("governance", "bodies, meetings and approved minutes; keep the record of one's own "
         "body (hub: leader, hub, promoters; steering group: leader, steering group)", L, P, H, S),
    _cap("governance.admin", "set up bodies and their voting rules", L),
    _cap("partners.write", "keep the partnership register and commitments", L, H),
    _cap("partners.letters", "read letters of intent", L, H, S),
    _cap("finance", "finance pages (a promoter: own workshops' budget and spending)",
         L, P, H, S, V),
    _cap("finance.totals", "each agreement's spending against the caps of its funding lines",
         L, H, S, V),
    _cap("finance.aggregates", "agreements, budget against outcome by cost category, "
         "workshops' budgets, contributions, FTE", L, H, S),
    _cap("finance.workshops", "workshops' budgets and spending (a promoter: own workshops')",
         L, P, H, S),
    _cap("finance.rows", "expense rows (a promoter: own workshops')", L, P),
    _cap("finance.write", "keep the books: agreements and funding lines, funded FTE, budgets, "
         "expenses, imports, period close", L),
    _cap("reports", "reports back to the funder (steering group: the external version)", L, H, S),
    _cap("reports.write", "write report drafts", L, H),
    _cap("reports.approve", "approve a report version", L, S),
    _cap("reports.send", "send reports, link decisions, keep the reporting rules", L),
    _cap("research", "read the research publications", L, H, S, R),
    _cap("research.write", "keep the research publications", L, H, R),
    _cap("goals", "goals and their indicators' progress (published figures for those who see "
         "only those)", *ALL),
    _cap("goals.write", "keep goals, result categories, indicators and hand-entered values; "
         "hold the half-year evaluation; plan CBPR evaluations and send the parties' links",
         L, H),
    _cap("evaluations", "the half-year evaluations", L, P, H, S),
    _cap("cbpr", "the CBPR evaluations of the partnership: results per item and per party", L, H,
         S, R),
    _cap("cbpr.analysis", "write the analysis of a CBPR evaluation", L, H, R),
    _cap("cycle", "the model's cycle: its steps, their history and checklists (a promoter: read "
         "only)", L, P, H, S),
    _cap("cycle.write", "tick checklist items; record a step change by a decision of the hub or "
         "the steering group", L, H),
    _cap("fidelity", "model fidelity: each criterion of the model for a period, with its "
         "evidence", *ALL),
    _cap("people.recruitment", "recruit health promoters: candidates, their steps and the "
         "team's mix", L, H),
    _cap("people.plans", "competence plans and trainings (a promoter: own plan only)", L, P),
    _cap("people.write", "employ and end health promoters, keep the training catalogue and "
         "the competence plans", L),
    _cap("volunteers", "health coaches, ambassadors and volunteers (pseudonymous codes) and "
         "their hours", L, P, H),
    _cap("volunteers.write", "register coaches, ambassadors, volunteers and their hours", L, P),
    _cap("communication", "the communication plan and what was done, the media log, posters "
         "of the public calendar", *ALL),
    _cap("communication.write", "keep the communication plan and the media log", L, P, H),
    _cap("strategy", "the strategy tools: stakeholder analyses (named persons too), policy "
         "windows, dialogue-chain sheets, the socio-economic estimate", L, H, S),
    _cap("strategy.write", "keep stakeholder analyses, decision points, policy issues and "
         "dialogue-chain sheets; erase a named stakeholder on request", L, H),
    _cap("strategy.approve", "approve a socio-economic model for external reports", L, S),
)  # fmt: skip

# Organisation roles (organisations.OrganisationRole), above programs: a funder officer and
# an organisation admin. They give no program role: a funder officer reaches the programs'
# published figures, sent reports, obligations and spending through the organisation's
# pages only, so every program page answers them 404 (a test walks them all).
FUNDER, ORG_ADMIN = "funder", "admin"
ORGANISATION_ROLES = (FUNDER, ORG_ADMIN)
ORGANISATION_ROLE_NAMES = {FUNDER: "funder officer", ORG_ADMIN: "organisation admin"}
ORGANISATION_CAPABILITIES: tuple[Capability, ...] = (
    _cap("organisation", "the city dashboard of every program of the organisation: published "
         "figures (counts below `SUPPRESS_BELOW` as \"<5\", whole half-years and years), change, "
         "report obligations, spending against caps, reports sent to the funder, pooled "
         "evaluation; never participants, support contacts, internal figures or drafts",
         FUNDER, ORG_ADMIN),
    _cap("organisation.admin", "create programs in the organisation and give program roles in "
         "them", ORG_ADMIN),
)  # fmt: skip
CAPABILITY = {c.key: c for c in CAPABILITIES + ORGANISATION_CAPABILITIES}

# URLs that no program role decides.
OPEN_CLASSES = {
    "public": "anyone, without logging in (log in, password reset, language, the public "
    "calendar, its feeds and embeddable snippet)",
    "token": "whoever holds a signed or unguessable link (ballots, questionnaires, calendar feeds)",
    "login": "any logged-in user, whatever their roles (the list of their programs, API docs)",
    "staff": "Django's admin: staff users, by Django's own permissions",
}

# How each role reads in the README's first table.
ROLE_SUMMARIES = {
    L: "everything in the program: dashboard, all workshops, participants, import and export",
    P: "the program's aggregates, and the participants, activities and attendance of their own "
    "workshops only",
    H: "program aggregates, needs, governance records of the hub, report drafts; no participants",
    S: "published aggregates, approved minutes, reports (external version) and finance totals",
    R: "published aggregates; pseudonymised questionnaire exports only under a current ethics "
    "approval; keeps the list of research publications",
    V: "aggregates only (for example municipal officers): the figures with counts below "
    '`SUPPRESS_BELOW` shown as "<5", workshops, needs (not the residents\' statements), the '
    "partnership register (a commitment's kind and period, not its text, money or FTE), "
    "evaluation results, and the finance totals: each agreement's spending against the caps of "
    "its funding lines. Not the health promoters' names, employers or FTE, nor the finance "
    "detail (budget vs outcome by cost category, workshops' budgets, contributions, FTE), since "
    "with one health promoter per workshop those come close to one person's salary",
}
ROLE_NAMES = {
    L: "program leader",
    P: "health promoter",
    H: "hub member",
    S: "steering-group member",
    R: "researcher",
    V: "viewer",
}
ADMIN_SUMMARY = (
    "users and settings in `/admin/`, linked from their home page with the programs they have "
    "no role in; no participant data unless also given a program role"
)

# Every URL of the project, by name, and what it needs. "namespace:*" classifies a whole
# namespace; an unnamed URL goes by its namespace's name.
URLS: dict[str, str] = {
    # Project
    "admin": "staff",
    "admin:*": "staff",
    "home": "login",
    "login": "public",
    "logout": "login",
    "password_change": "login",
    "password_change_done": "login",
    "password_reset": "public",
    "password_reset_done": "public",
    "password_reset_confirm": "token",
    "password_reset_complete": "public",
    "set_language": "public",
    "healthz": "public",
    "security:*": "login",
    "tokens:*": "login",
    # API
    "api:api-root": "login",
    "api:openapi-json": "login",
    "api:openapi-view": "login",
    "api:figures": "program",
    "api:report_versions": "reports",
    "api:report_version_figures": "reports",
    "api:participant_list": "participants",
    "api:participant_detail": "participants",
    "api:attendance_get": "participants",
    "api:attendance_put": "participants",
    "api:attendance_delete": "participants",
    "api:need_list": "program",
    "api:need_unmet": "program",
    "api:need_summary": "program",
    "api:vote_tally": "needs.statements",
    "api:income_statement": "finance.aggregates",
    "api:caps": "finance.totals",
    "api:evaluation": "program",
    "api:results": "program",
    "api:power_shift": "program",
    "api:bodies": "governance",
    "api:cycle_state": "cycle",
    "api:goal_list": "goals",
    "api:policy_windows": "strategy",
    "api:socio_economic_estimate": "strategy",
    "api:premises_list": "program",
    "api:promoter_figures": "promoters",
    "api:volunteer_figures": "volunteers",
    # Programs and partners
    "programs:dashboard": "program",
    "programs:promoters": "promoters",
    "programs:import": "data",
    "programs:export": "data",
    "programs:partners": "program",
    "programs:partners:new": "partners.write",
    "programs:partners:detail": "program",
    "programs:partners:update": "partners.write",
    "programs:partners:letter": "partners.letters",
    "programs:partners:commitment_new": "partners.write",
    "programs:partners:commitment_delete": "partners.write",
    "programs:model": "cycle",
    "programs:phase_change": "cycle.write",
    "programs:checklist_tick": "cycle.write",
    "programs:fidelity": "fidelity",
    "api:fidelity": "fidelity",
    "workshops:list": "program",
    "workshops:detail": "program",
    "workshops:new": "workshops.write",
    "workshops:edit": "workshops.write",
    # Activities and participants
    "activities:list": "participants",
    "activities:new": "participants",
    "activities:attendance": "participants",
    "activities:search": "participants",
    "activities:mark": "participants",
    "activities:participant_new": "participants",
    "activities:headcount": "participants",
    "activities:status": "participants",
    "activities:participant": "participants",
    "activities:support_new": "participants",
    "activities:rights_lookup": "participants.rights",
    "activities:rights": "participants.rights",
    "activities:extract": "participants.rights",
    "activities:withdraw_consent": "participants.rights",
    "activities:erase": "participants.rights",
    # Needs
    "needs:index": "program",
    "needs:need_new": "needs.write",
    "needs:matrix": "program",
    "needs:unmet": "program",
    "needs:theme_new": "needs.write",
    "needs:data": "needs.link",
    "needs:export": "program",
    "needs:need": "program",
    "needs:need_edit": "needs.write",
    "needs:inventory_new": "needs.write",
    "needs:inventory": "needs.statements",
    "needs:inventory_edit": "needs.write",
    "needs:capture": "needs.write",
    "needs:statement_new": "needs.write",
    "needs:statement_edit": "needs.write",
    "needs:statement_delete": "needs.write",
    "needs:group": "needs.write",
    "needs:action_new": "needs.write",
    "needs:compare": "needs.statements",
    "needs:vote_new": "needs.write",
    "needs:workshop_needs": "program",
    "needs:workshop_activate": "needs.link",
    "needs:vote": "needs.statements",
    "needs:vote_tally": "needs.statements",
    "needs:vote_open": "needs.write",
    "needs:vote_close": "needs.write",
    "needs:vote_paper": "needs.write",
    "needs:ballot": "token",
    # Surveys
    "surveys:index": "program",
    "surveys:wave_new": "surveys.admin",
    "surveys:wave": "program",
    "surveys:wave_qr": "surveys.field",
    "surveys:assist": "surveys.field",
    "surveys:xlsform": "surveys.field",
    "surveys:import": "surveys.admin",
    "surveys:chart": "program",
    "surveys:start": "token",
    "surveys:fill": "token",
    "surveys:done": "token",
    "surveys:export": "research.export",
    "surveys:record_new": "surveys.field",
    "surveys:ethics": "surveys.admin",
    "surveys:ethics_new": "surveys.admin",
    "surveys:ethics_edit": "surveys.admin",
    # Reports
    "reports:index": "reports",
    "reports:create": "reports.write",
    "reports:download": "reports",
    "reports:draft": "reports",
    "reports:narrative": "reports.write",
    "reports:submit": "reports.write",
    "reports:withdraw": "reports.write",
    "reports:approve": "reports.approve",
    "reports:draft_render": "reports",
    "reports:rendering": "reports",
    "reports:rendering_download": "reports",
    "reports:version_files": "reports",
    "reports:version_render": "reports",
    "reports:version": "reports",
    "reports:version_download": "reports",
    "reports:send": "reports.send",
    "reports:link_decision": "reports.send",
    "reports:board": "reports.send",
    "reports:funder_cycle": "reports",
    "reports:new_draft": "reports.write",
    "reports:research": "research",
    "reports:research_new": "research.write",
    "reports:research_edit": "research.write",
    "reports:research_delete": "research.write",
    "reports:rules": "reports",
    "reports:rule_new": "reports.send",
    "reports:rules_adopt": "reports.send",
    "reports:rule_edit": "reports.send",
    "reports:rule_delete": "reports.send",
    # Governance
    "governance:index": "governance",
    "governance:body_new": "governance.admin",
    "governance:power_shift": "program",
    "governance:power_shift_chart": "program",
    "governance:feed_token": "token",
    "governance:body": "governance",
    "governance:body_settings": "governance.admin",
    "governance:agenda_item": "governance",
    "governance:agenda_item_delete": "governance",
    "governance:member_new": "governance",
    "governance:member_end": "governance",
    "governance:meeting_new": "governance",
    "governance:feed": "governance",
    "governance:meeting": "governance",
    "governance:meeting_update": "governance",
    "governance:agenda_item_new": "governance",
    "governance:agenda_send": "governance",
    "governance:attendance": "governance",
    "governance:decision_new": "governance",
    "governance:votes": "governance",
    "governance:anchor": "governance",
    "governance:minutes": "governance",
    "governance:minutes_pdf": "governance",
    "governance:approve_previous": "governance",
    "governance:action_new": "governance",
    "governance:action_status": "governance",
    # Finance
    "finance:index": "finance",
    "finance:agreement": "finance.aggregates",
    "finance:workshops": "finance.workshops",
    "finance:period": "finance.aggregates",
    "finance:close": "finance.write",
    "finance:agreement_new": "finance.write",
    "finance:agreement_edit": "finance.write",
    "finance:fte_new": "finance.write",
    "finance:budget_set": "finance.write",
    "finance:expenses": "finance.rows",
    "finance:expense_new": "finance.write",
    "finance:contributions": "finance.aggregates",
    "finance:contribution_new": "finance.write",
    "finance:import": "finance.write",
    "finance:import_upload": "finance.write",
    "finance:account_map": "finance.write",
    # Goals and evaluation
    "goals:index": "goals",
    "goals:categories": "goals.write",
    "goals:category_edit": "goals.write",
    "goals:goal_new": "goals.write",
    "goals:goal": "goals",
    "goals:goal_edit": "goals.write",
    "goals:goal_delete": "goals.write",
    "goals:indicator_new": "goals.write",
    "goals:indicator_edit": "goals.write",
    "goals:indicator_delete": "goals.write",
    "goals:value": "goals.write",
    "goals:evaluations": "evaluations",
    "goals:evaluation_new": "goals.write",
    "goals:evaluation": "evaluations",
    "goals:evaluation_edit": "goals.write",
    "goals:evaluation_approve": "goals.write",
    "goals:cbpr_rounds": "cbpr",
    "goals:cbpr_new": "goals.write",
    "goals:cbpr": "cbpr",
    "goals:cbpr_edit": "cbpr.analysis",
    "goals:cbpr_answer": "token",
    # People: recruitment, employment, competence
    "people:recruitment": "people.recruitment",
    "people:candidate_new": "people.recruitment",
    "people:candidate_step": "people.recruitment",
    "people:candidate_decline": "people.recruitment",
    "people:promoter_new": "people.write",
    "people:plans": "people.plans",
    "people:promoter": "people.plans",
    "people:promoter_end": "people.write",
    "people:fte_new": "finance.write",
    "people:plan_edit": "people.write",
    "people:plan_training": "people.write",
    "people:follow_up": "people.write",
    "people:training_record": "people.write",
    "people:certificate": "people.plans",
    "people:trainings": "people.write",
    # Coaches, ambassadors and volunteers
    "volunteers:index": "volunteers",
    "volunteers:new": "volunteers.write",
    "volunteers:hours": "volunteers.write",
    "volunteers:ambassador": "volunteers.write",
    # Premises
    "premises:index": "program",
    "premises:new": "partners.write",
    "premises:edit": "partners.write",
    # Communication: the public calendar, the plan, the media log, outreach
    "public:*": "public",
    "communication:index": "communication",
    "communication:plan": "communication",
    "communication:plan_new": "communication.write",
    "communication:entry_new": "communication.write",
    "communication:action_new": "communication.write",
    "communication:media": "communication",
    "communication:media_new": "communication.write",
    "communication:media_file": "communication",
    "communication:poster": "communication",
    "communication:poster_pdf": "communication",
    "communication:listing": "participants",
    "communication:outreach": "participants",
    # Strategy
    "strategy:index": "strategy",
    "strategy:analysis_new": "strategy.write",
    "strategy:analysis": "strategy",
    "strategy:analysis_chart": "strategy",
    "strategy:stakeholder_new": "strategy.write",
    "strategy:stakeholder_edit": "strategy.write",
    "strategy:stakeholder_delete": "strategy.write",
    "strategy:stakeholder_action": "strategy.write",
    "strategy:compare": "strategy",
    "strategy:person_erase": "strategy.write",
    "strategy:windows": "strategy",
    "strategy:decision_point_new": "strategy.write",
    "strategy:issue_new": "strategy.write",
    "strategy:issue": "strategy",
    "strategy:issue_edit": "strategy.write",
    "strategy:sheet_new": "strategy.write",
    "strategy:sheet": "strategy",
    "strategy:sheet_edit": "strategy.write",
    "strategy:sheet_pdf": "strategy",
    "strategy:estimate": "strategy",
    "strategy:model_approve": "strategy.approve",
    # Organisations (the city's view)
    "organisations:index": "login",
    "organisations:dashboard": "organisation",
    "organisations:download": "organisation",
    "organisations:chart": "organisation",
    "organisations:program": "organisation",
    "organisations:report_download": "organisation",
    "organisations:evaluation": "organisation",
    "organisations:manage": "organisation.admin",
    "organisations:program_new": "organisation.admin",
    "organisations:role_new": "organisation.admin",
    "api:organisation_figures": "organisation",
}


def roles_with(key: str) -> frozenset[str]:
    """The roles that have a capability."""
    return CAPABILITY[key].roles


def needs(url_name: str) -> str | None:
    """The capability key or open class a URL name needs; None if it is not classified.

    "namespace:*" in URLS classifies a whole namespace (a third-party app's pages)."""
    if url_name in URLS:
        return URLS[url_name]
    parts = url_name.split(":")
    for end in range(len(parts) - 1, 0, -1):
        whole = ":".join(parts[:end]) + ":*"
        if whole in URLS:
            return URLS[whole]
    return None


README_START = (
    "<!-- roles table: generated by `uv run jamlik access_table`; edit people/policy.py -->"
)
README_END = "<!-- end of roles table -->"


def roles_table() -> str:
    """The README's tables, in Markdown: roles in words, then role × capability."""
    lines = ["| role | sees and does |", "|---|---|"]
    lines += [f"| {ROLE_NAMES[role]} | {ROLE_SUMMARIES[role]} |" for role in ROLES]
    lines += [f"| admin (superuser) | {ADMIN_SUMMARY} |", ""]
    lines += [
        "| capability | " + " | ".join(ROLES) + " |",
        "|---|" + "---|" * len(ROLES),
    ]
    for cap in CAPABILITIES:
        marks = " | ".join("✓" if role in cap.roles else "" for role in ROLES)
        lines.append(f"| {cap.says} (`{cap.key}`) | {marks} |")
    names = [ORGANISATION_ROLE_NAMES[role] for role in ORGANISATION_ROLES]
    lines += ["", "| organisation capability | " + " | ".join(names) + " |", "|---|---|---|"]
    for cap in ORGANISATION_CAPABILITIES:
        marks = " | ".join("✓" if role in cap.roles else "" for role in ORGANISATION_ROLES)
        lines.append(f"| {cap.says} (`{cap.key}`) | {marks} |")
    return "\n".join(lines) + "\n"
