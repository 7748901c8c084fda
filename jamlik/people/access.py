"""Who may see what. Every page, API endpoint, command and export asks here.

Each `get_<thing>_for_user` answers Http404 both when the thing is missing and when
the user may not see it, so that a forbidden object cannot be told from a missing one.
"""

from dataclasses import dataclass, field
from typing import TypeVar

from django.core import signing
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from jamlik.activities.models import Activity, IndividualSupport, Participant
from jamlik.finance.models import Agreement, Expense
from jamlik.governance.models import ActionItem, Body, Decision, Meeting, Membership
from jamlik.lib.periods import Period, PeriodError
from jamlik.needs.models import DotVote, Need, NeedsInventory
from jamlik.needs.voting import token_is_valid
from jamlik.organisations.models import Organisation, OrganisationRole
from jamlik.partners.models import Partnership
from jamlik.people.models import ProgramRole
from jamlik.people.policy import roles_with
from jamlik.programs.models import Program
from jamlik.surveys.links import read_token
from jamlik.surveys.models import EthicsApproval, QualitativeRecord, Response, Wave
from jamlik.workshops.models import Workshop

Role = ProgramRole.Role
# The role sets below come from the policy table (people/policy.py), which also gives the
# README's roles tables and the access-matrix tests.
ALL_ROLES = frozenset(Role.values)
PERSONAL_DATA_ROLES = roles_with("participants")
# Roles that see the program's own aggregates unsuppressed (DESIGN.md: the hub works
# with program data); everyone else sees published figures with small counts suppressed.
INTERNAL_AGGREGATE_ROLES = roles_with("figures.internal")
# Those who work in or govern the program see who its health promoters are (names,
# employers, FTE); a viewer (aggregates only, e.g. a municipal officer) does not.
PROMOTER_LIST_ROLES = roles_with("promoters")


@dataclass(frozen=True)
class ProgramAccess:
    """A user's standing in one program."""

    user: object
    program: Program
    role: str
    _own_workshop_ids: frozenset[int] = field(default=frozenset(), repr=False)

    @property
    def is_leader(self) -> bool:
        return self.role == Role.LEADER

    @property
    def is_promoter(self) -> bool:
        return self.role == Role.PROMOTER

    @property
    def sees_personal_data(self) -> bool:
        return self.role in PERSONAL_DATA_ROLES

    @property
    def sees_reports(self) -> bool:
        return self.role in REPORT_READ_ROLES

    @property
    def edits_research(self) -> bool:
        """Keeps the list of research outputs (följeforskning): the leader, hub, researchers."""
        return self.role in RESEARCH_WRITE_ROLES

    @property
    def sees_promoters(self) -> bool:
        return self.role in PROMOTER_LIST_ROLES

    @property
    def sees_governance(self) -> bool:
        return self.role in GOVERNANCE_ROLES

    @property
    def audience(self) -> str:
        """Viewers, steering group and researchers see suppressed aggregates."""
        return "internal" if self.role in INTERNAL_AGGREGATE_ROLES else "external"

    def workshops(self) -> QuerySet[Workshop]:
        """Workshops whose participants and activities this user may work with."""
        qs = Workshop.objects.filter(program=self.program)
        if self.is_leader:
            return qs
        if self.is_promoter:
            return qs.filter(pk__in=self._own_workshop_ids)
        return qs.none()

    def may_work_in(self, workshop: Workshop | None) -> bool:
        if self.is_leader:
            return True
        return self.is_promoter and workshop is not None and workshop.pk in self._own_workshop_ids


M = TypeVar("M", bound=Model)


class PeriodNotAllowed(PeriodError):
    """A period the user's role may not ask for (see `period_for`)."""


WHOLE_PERIODS_ONLY = _(
    "Your role sees whole half-years and years only (for example 2024H1 or 2024), so that "
    "small counts cannot be worked out by comparing overlapping periods."
)


def _first_or_404(queryset: QuerySet[M]) -> M:
    """The object the scoped queryset finds; Http404 when it finds none, so that a
    missing object and a forbidden one look the same."""
    found = queryset.first()
    if found is None:
        raise Http404
    return found


def period_for(access: ProgramAccess, text: str) -> Period:
    """The period `text` names, if the user's role may ask for it.

    Roles that see only published (suppressed) figures get whole half-years and years:
    two overlapping date ranges would otherwise reveal a suppressed count as a difference.
    Roles that see the unsuppressed figures (and the `figures` command) may ask for any
    period, also in its external version. The dashboard and every API answer that
    suppresses small counts by period ask here.
    Raises PeriodError when the text is no period, PeriodNotAllowed when it is refused.
    """
    period = Period.parse(text)
    if access.audience != "internal" and not period.is_whole:
        raise PeriodNotAllowed(str(WHOLE_PERIODS_ONLY))
    return period


def audience_for(access: ProgramAccess, requested: str = "") -> str:
    """The audience of figures asked for, or the user's own when none is asked for.

    Internal (unsuppressed) figures asked for by a role that sees only published ones
    answer 404, like anything else a role may not see.
    """
    if not requested:
        return access.audience
    if requested == "internal" and access.audience != "internal":
        raise Http404
    return requested


def programs_for_user(user) -> QuerySet[Program]:
    if not user.is_authenticated:
        return Program.objects.none()
    return Program.objects.filter(roles__user=user).distinct()


def get_program_access(user, slug: str, *, roles: frozenset[str] = ALL_ROLES) -> ProgramAccess:
    if not user.is_authenticated:
        raise Http404
    membership = _first_or_404(
        ProgramRole.objects.select_related("program").filter(
            user=user, program__slug=slug, role__in=roles
        )
    )
    own: frozenset[int] = frozenset()
    if membership.role == Role.PROMOTER:
        own = frozenset(
            Workshop.objects.filter(
                program=membership.program, health_promoters__user=user
            ).values_list("pk", flat=True)
        )
    return ProgramAccess(
        user=user, program=membership.program, role=membership.role, _own_workshop_ids=own
    )


def participants_for(access: ProgramAccess) -> QuerySet[Participant]:
    """Participants the user may see: all for the leader, own workshops' for a promoter."""
    qs = Participant.objects.filter(program=access.program)
    if access.is_leader:
        return qs
    if access.is_promoter:
        own = access._own_workshop_ids
        return qs.filter(
            Q(registered_in__in=own)
            | Q(attendances__activity__workshop__in=own)
            # Program-wide activities the promoter created count as their own (activities_for).
            | Q(
                attendances__activity__workshop__isnull=True,
                attendances__activity__created_by=access.user,
            )
        ).distinct()
    return qs.none()


def sees_profile(access: ProgramAccess, participant: Participant) -> bool:
    """Whether the user sees what was recorded when the participant registered (gender,
    birth year, home area, the workshop): the leader, and the promoters of that workshop.

    A promoter who marked someone from another workshop present (by their exact code) sees
    that person's code and category, and only the attendance and support recorded in the
    promoter's own workshops (`activities_for`, `support_contacts_for`).
    """
    if access.is_leader:
        return True
    return access.is_promoter and participant.registered_in_id in access._own_workshop_ids


def support_contacts_for(access: ProgramAccess) -> QuerySet[IndividualSupport]:
    """Support contacts: all for the leader, own workshops' for a promoter.

    A contact with no workshop is program-wide: only the leader records and sees those.
    """
    qs = IndividualSupport.objects.filter(program=access.program)
    if access.is_leader:
        return qs
    if access.is_promoter:
        return qs.filter(workshop__in=access._own_workshop_ids)
    return qs.none()


def activities_for(access: ProgramAccess) -> QuerySet[Activity]:
    """Activities whose attendance the user may see and record."""
    qs = Activity.objects.filter(program=access.program)
    if access.is_leader:
        return qs
    if access.is_promoter:
        # Program-wide activities are the leader's, except those the promoter created.
        return qs.filter(
            Q(workshop__in=access._own_workshop_ids)
            | Q(workshop__isnull=True, created_by=access.user)
        )
    return qs.none()


# Starting a workshop and changing its name, status, promoters and needs.
WORKSHOP_WRITE_ROLES = roles_with("workshops.write")


def get_workshop_for_user(
    user, slug: str, key: str, *, roles: frozenset[str] = ALL_ROLES
) -> tuple[ProgramAccess, Workshop]:
    access = get_program_access(user, slug, roles=roles)
    workshop = _first_or_404(Workshop.objects.filter(program=access.program, key=key))
    return access, workshop


def get_activity_for_user(user, slug: str, key: str) -> tuple[ProgramAccess, Activity]:
    access = get_program_access(user, slug, roles=PERSONAL_DATA_ROLES)
    activity = _first_or_404(activities_for(access).select_related("workshop").filter(key=key))
    return access, activity


def get_participant_for_user(user, slug: str, code: str) -> tuple[ProgramAccess, Participant]:
    access = get_program_access(user, slug, roles=PERSONAL_DATA_ROLES)
    participant = _first_or_404(participants_for(access).filter(code=code))
    return access, participant


# Needs. Needs, the matrix and the unmet needs are program data every role may read.
# The verbatim statements are withheld from viewers (aggregates only); capturing,
# voting and analysis are the work of the leader, the health promoters and the hub;
# linking workshops to needs, the activation rule's other half, is the leader's.
NEEDS_STATEMENT_ROLES = roles_with("needs.statements")
NEEDS_WRITE_ROLES = roles_with("needs.write")
NEEDS_LINK_ROLES = roles_with("needs.link")


def _needs_roles(write: bool) -> frozenset[str]:
    return NEEDS_WRITE_ROLES if write else NEEDS_STATEMENT_ROLES


def get_inventory_for_user(user, slug: str, key: str, *, write: bool = False):
    access = get_program_access(user, slug, roles=_needs_roles(write))
    inventory = _first_or_404(
        NeedsInventory.objects.select_related("program", "academic_partner").filter(
            program=access.program, key=key
        )
    )
    return access, inventory


def get_need_for_user(user, slug: str, key: str, *, write: bool = False):
    access = get_program_access(user, slug, roles=NEEDS_WRITE_ROLES if write else ALL_ROLES)
    need = _first_or_404(
        Need.objects.select_related("theme").filter(program=access.program, key=key)
    )
    return access, need


def get_vote_for_user(user, slug: str, public_id, *, write: bool = False):
    access = get_program_access(user, slug, roles=_needs_roles(write))
    vote = _first_or_404(
        DotVote.objects.select_related("inventory", "inventory__program").filter(
            inventory__program=access.program, public_id=public_id
        )
    )
    return access, vote


def get_open_vote_for_token(slug: str, public_id, token: str):
    """The open vote a QR code points to, for anyone holding the code; no login.

    Http404 unless the vote is open and the token was signed with the vote's current salt.
    """
    vote = (
        DotVote.objects.select_related("inventory")
        .filter(inventory__program__slug=slug, public_id=public_id, status=DotVote.Status.OPEN)
        .first()
    )
    if vote is None or not token_is_valid(vote, token):
        raise Http404
    return vote


# Finance. The program leader keeps the books. The hub and the steering group see
# agreements, caps, budget vs outcome and contributions as aggregates. A viewer (e.g. a
# municipal officer) sees the totals only: each agreement's spending against the caps of
# its funding lines, the figures the funder set in the agreement itself; not the
# statement by cost category, the FTE, the parties' contributions or the workshops'
# budgets, which with one health promoter per workshop come close to one person's salary.
# A health promoter sees the budget and spending of their own workshops only. Expense rows
# may name people (salaries), so only the leader and, for their workshops, the promoter see them.
FINANCE_AGGREGATE_ROLES = roles_with("finance.aggregates")
FINANCE_TOTAL_ROLES = roles_with("finance.totals")
FINANCE_ROW_ROLES = roles_with("finance.rows")
FINANCE_SCOPES = {
    "any": roles_with("finance"),
    "totals": FINANCE_TOTAL_ROLES,
    "aggregates": FINANCE_AGGREGATE_ROLES,
    "workshops": roles_with("finance.workshops"),
    "rows": FINANCE_ROW_ROLES,
    "write": roles_with("finance.write"),
}


def get_finance_access(user, slug: str, *, scope: str = "any") -> ProgramAccess:
    """The user's access to a program's finance. Scopes: "any" (some finance page),
    "totals" (agreements' caps and spending), "aggregates" (budget vs outcome, FTE,
    contributions), "workshops" (workshops' budgets: all, or a promoter's own), "rows"
    (expense rows: the leader's all, a promoter's own workshops'), "write" (the leader)."""
    return get_program_access(user, slug, roles=FINANCE_SCOPES[scope])


def get_agreement_for_user(
    user, slug: str, key: str, *, write: bool = False, scope: str = "aggregates"
):
    """An agreement: its detail ("aggregates"), its caps ("totals") or to change ("write")."""
    access = get_finance_access(user, slug, scope="write" if write else scope)
    agreement = _first_or_404(
        Agreement.objects.select_related("program", "payer", "payment_recipient").filter(
            program=access.program, key=key
        )
    )
    return access, agreement


def finance_workshops_for(access: ProgramAccess) -> QuerySet[Workshop]:
    """Workshops whose budget and spending the user may see one by one."""
    if access.role in FINANCE_AGGREGATE_ROLES:
        return Workshop.objects.filter(program=access.program)
    return access.workshops()


def expenses_for(access: ProgramAccess) -> QuerySet[Expense]:
    """Expense rows: all for the leader, own workshops' for a promoter, none otherwise."""
    qs = Expense.objects.filter(program=access.program)
    if access.is_leader:
        return qs
    if access.is_promoter:
        return qs.filter(workshop__in=access._own_workshop_ids)
    return qs.none()


# Surveys (evaluation)

SURVEY_FIELD_ROLES = roles_with("surveys.field")


def waves_for(access: ProgramAccess) -> QuerySet[Wave]:
    """Waves the user sees: a promoter sees program-wide waves and own workshops' waves."""
    qs = Wave.objects.filter(program=access.program)
    if access.is_promoter:
        return qs.filter(Q(workshop__isnull=True) | Q(workshop__in=access._own_workshop_ids))
    return qs


def get_wave_for_user(
    user, slug: str, key: str, *, roles: frozenset[str] = ALL_ROLES
) -> tuple[ProgramAccess, Wave]:
    access = get_program_access(user, slug, roles=roles)
    wave = _first_or_404(waves_for(access).select_related("workshop", "baseline").filter(key=key))
    return access, wave


def get_wave_for_link(slug: str, token: str) -> tuple[Wave, Participant | None]:
    """The wave (and, for a personal link, the participant) of a signed public link."""
    data = read_token(token)
    if data is None:
        raise Http404
    wave = _first_or_404(
        Wave.objects.select_related("program").filter(pk=data["w"], program__slug=slug)
    )
    participant = None
    if data.get("p") is not None:
        participant = _first_or_404(Participant.objects.filter(pk=data["p"], program=wave.program))
    return wave, participant


def get_response_for_filling(slug: str, response_uuid) -> Response:
    """A response by its unguessable id: whoever holds the link may go on filling it in."""
    response = _first_or_404(
        Response.objects.select_related("wave", "wave__program", "participant").filter(
            uuid=response_uuid, wave__program__slug=slug
        )
    )
    return response


def get_ethics_approval_for_user(
    user, slug: str, study: str, *, today
) -> tuple[ProgramAccess, EthicsApproval]:
    """A researcher's own approval, valid today; anyone else (and any other day) gets 404."""
    access = get_program_access(user, slug, roles=frozenset({Role.RESEARCHER}))
    approval = _first_or_404(
        EthicsApproval.objects.filter(
            program=access.program,
            study=study,
            researchers=user,
            valid_from__lte=today,
            valid_until__gte=today,
        ).prefetch_related("waves")
    )
    return access, approval


def ethics_approvals_for(access: ProgramAccess, *, today) -> QuerySet[EthicsApproval]:
    """The valid approvals under which this user may export research data."""
    if access.role != Role.RESEARCHER:
        return EthicsApproval.objects.none()
    return EthicsApproval.objects.filter(
        program=access.program,
        researchers=access.user,
        valid_from__lte=today,
        valid_until__gte=today,
    )


def qualitative_records_for(access: ProgramAccess) -> QuerySet[QualitativeRecord]:
    """Focus groups and interviews: their notes are for the people who work with them."""
    qs = QualitativeRecord.objects.filter(program=access.program)
    if access.role in (Role.LEADER, Role.HUB, Role.RESEARCHER):
        return qs
    if access.is_promoter:
        return qs.filter(Q(workshop__isnull=True) | Q(workshop__in=access._own_workshop_ids))
    return qs.none()


# Governance. Health promoters sit in the hub (seed 001), so they hold hub meetings with
# the hub members and the leader; the steering group holds its own. Everyone else in
# GOVERNANCE_ROLES reads a body's meetings, and its record (attendance, decisions, votes,
# minutes, action items) once the minutes are approved (seed 001: minutes are made
# available to the steering-group members).
GOVERNANCE_ROLES = roles_with("governance")
PARTNER_WRITE_ROLES = roles_with("partners.write")
# Letters of intent are agreements between organisations: read by those who govern.
PARTNER_DOCUMENT_ROLES = roles_with("partners.letters")


def may_hold_meetings(access: ProgramAccess, body: Body) -> bool:
    """Whether the user keeps this body's record: agenda, attendance, decisions, minutes."""
    if access.is_leader:
        return True
    if body.kind == Body.Kind.STEERING:
        return access.role == Role.STEERING
    return access.role in (Role.HUB, Role.PROMOTER)


def may_read_record(access: ProgramAccess, meeting: Meeting) -> bool:
    return meeting.minutes_approved_at is not None or may_hold_meetings(access, meeting.body)


def bodies_for(access: ProgramAccess) -> QuerySet[Body]:
    if access.role not in GOVERNANCE_ROLES:
        return Body.objects.none()
    return Body.objects.filter(program=access.program)


def get_body_for_user(user, slug: str, key: str, *, write: bool = False):
    access = get_program_access(user, slug, roles=GOVERNANCE_ROLES)
    body = bodies_for(access).filter(key=key).first()
    if body is None or (write and not may_hold_meetings(access, body)):
        raise Http404
    return access, body


def get_membership_for_user(user, slug: str, body_key: str, pk: int):
    """A membership of this body, for those who keep the body's record."""
    access, body = get_body_for_user(user, slug, body_key, write=True)
    membership = _first_or_404(Membership.objects.filter(body=body, pk=pk))
    return access, membership


def get_meeting_for_user(user, slug: str, body_key: str, key: str, *, write: bool = False):
    access, body = get_body_for_user(user, slug, body_key, write=write)
    meeting = _first_or_404(
        Meeting.objects.select_related("body", "body__program", "chair").filter(body=body, key=key)
    )
    return access, meeting


def get_decision_for_user(user, slug: str, body_key: str, key: str, number: int):
    """A decision to vote on or anchor: only for those who keep the meeting's record."""
    access, meeting = get_meeting_for_user(user, slug, body_key, key, write=True)
    decision = _first_or_404(Decision.objects.filter(meeting=meeting, number=number))
    return access, decision


def get_action_item_for_user(user, slug: str, body_key: str, key: str, pk: int):
    """An action item of this body, followed up (written) at the meeting `key`."""
    access, meeting = get_meeting_for_user(user, slug, body_key, key, write=True)
    item = _first_or_404(ActionItem.objects.filter(meeting__body=meeting.body, pk=pk))
    return access, meeting, item


def get_body_for_feed(signed: str) -> Body:
    """The body a calendar-feed link points to, while the link's user may still read it."""
    try:
        data = signing.loads(signed, salt=FEED_SALT)
    except signing.BadSignature:
        raise Http404 from None
    body = Body.objects.select_related("program").filter(pk=data.get("b")).first()
    if (
        body is None
        or not ProgramRole.objects.filter(
            user_id=data.get("u"), program=body.program, role__in=GOVERNANCE_ROLES
        ).exists()
    ):
        raise Http404
    return body


FEED_SALT = "jamlik.governance.feed"


def feed_token(access: ProgramAccess, body: Body) -> str:
    return signing.dumps({"b": body.pk, "u": access.user.pk}, salt=FEED_SALT, compress=True)


# Partnership register: every role reads it (organisations, not people); the leader and
# the hub keep it.


def get_partnership_for_user(user, slug: str, pk: int, *, write: bool = False):
    access = get_program_access(user, slug, roles=PARTNER_WRITE_ROLES if write else ALL_ROLES)
    partnership = _first_or_404(
        Partnership.objects.select_related("partner", "program", "discussed_in").filter(
            program=access.program, pk=pk
        )
    )
    return access, partnership


def get_letter_for_user(user, slug: str, pk: int):
    access = get_program_access(user, slug, roles=PARTNER_DOCUMENT_ROLES)
    partnership = Partnership.objects.filter(program=access.program, pk=pk).first()
    if partnership is None or not partnership.letter_file:
        raise Http404
    return access, partnership


# Setting up bodies is the program leader's.
GOVERNANCE_ADMIN_ROLES = roles_with("governance.admin")


# Reports back to the funder. The leader and the hub write them and see both versions;
# the steering group sees (and approves) the external version only. Approval is the
# steering group's decision, recorded by one of its members or by the program leader.
REPORT_READ_ROLES = roles_with("reports")
REPORT_WRITE_ROLES = roles_with("reports.write")
REPORT_APPROVE_ROLES = roles_with("reports.approve")
REPORT_SEND_ROLES = roles_with("reports.send")
# The reporting rules (when each report is due): read with the reports, kept by the leader.
REPORT_RULE_WRITE_ROLES = roles_with("reports.send")
# The research outputs (följeforskning): kept by leader, hub and researchers, who read them
# with everyone who reads reports.
RESEARCH_WRITE_ROLES = roles_with("research.write")


def report_audiences_for(access: ProgramAccess) -> tuple[str, ...]:
    if access.role in REPORT_WRITE_ROLES:
        return ("internal", "external")
    if access.role in REPORT_READ_ROLES:
        return ("external",)
    return ()


def get_reports_access(user, slug: str, *, roles: frozenset[str] = REPORT_READ_ROLES):
    return get_program_access(user, slug, roles=roles)


def get_research_access(user, slug: str, *, write: bool = False) -> ProgramAccess:
    """Access to the research outputs: to keep them (`write`), or to read them."""
    roles = RESEARCH_WRITE_ROLES if write else roles_with("research")
    return get_program_access(user, slug, roles=roles)


def get_report_draft_for_user(
    user, slug: str, pk: int, *, roles: frozenset[str] = REPORT_READ_ROLES
):
    from jamlik.reports.models import ReportDraft

    access = get_program_access(user, slug, roles=roles)
    draft = _first_or_404(
        ReportDraft.objects.select_related("program", "based_on").filter(
            program=access.program, pk=pk, audience__in=report_audiences_for(access)
        )
    )
    return access, draft


def get_report_version_for_user(
    user, slug: str, pk: int, *, roles: frozenset[str] = REPORT_READ_ROLES
):
    from jamlik.reports.models import ReportVersion

    access = get_program_access(user, slug, roles=roles)
    version = _first_or_404(
        ReportVersion.objects.select_related("program", "draft").filter(
            program=access.program, pk=pk, audience__in=report_audiences_for(access)
        )
    )
    return access, version


# The data subject's rights (access extract, consent withdrawal, erasure) are exercised
# by the program leader, for any participant of the program.
SUBJECT_RIGHTS_ROLES = roles_with("participants.rights")


def get_participant_for_rights(user, slug: str, code: str) -> tuple[ProgramAccess, Participant]:
    access = get_program_access(user, slug, roles=SUBJECT_RIGHTS_ROLES)
    participant = participants_for(access).select_related("registered_in").filter(code=code)
    found = _first_or_404(participant)
    return access, found


def get_report_rendering_for_user(user, slug: str, pk: int, rendering_id):
    """A draft's file rendered for this user: only the user who asked for it sees it."""
    access, draft = get_report_draft_for_user(user, slug, pk)
    rendering = _first_or_404(draft.renderings.filter(pk=rendering_id, requested_by=user))
    return access, draft, rendering


# Goals, indicators and the evaluations (jamlik.goals).
GOALS_WRITE_ROLES = roles_with("goals.write")
EVALUATION_ROLES = roles_with("evaluations")
CBPR_ROLES = roles_with("cbpr")
CBPR_ANALYSIS_ROLES = roles_with("cbpr.analysis")


def get_goals_access(user, slug: str, *, write: bool = False) -> ProgramAccess:
    return get_program_access(user, slug, roles=GOALS_WRITE_ROLES if write else roles_with("goals"))


def get_goal_for_user(user, slug: str, pk: int, *, write: bool = False):
    from jamlik.goals.models import Goal

    access = get_goals_access(user, slug, write=write)
    found = _first_or_404(
        Goal.objects.select_related("program", "workshop").filter(program=access.program, pk=pk)
    )
    return access, found


def get_indicator_for_user(user, slug: str, pk: int):
    """An indicator to change or to enter values for (those who keep the goals)."""
    from jamlik.goals.models import Indicator

    access = get_goals_access(user, slug, write=True)
    found = _first_or_404(
        Indicator.objects.select_related("goal__program", "goal__workshop").filter(
            goal__program=access.program, pk=pk
        )
    )
    return access, found


def get_evaluation_for_user(user, slug: str, period_label: str, *, write: bool = False):
    from jamlik.goals.models import HalfYearEvaluation

    access = get_program_access(user, slug, roles=GOALS_WRITE_ROLES if write else EVALUATION_ROLES)
    found = _first_or_404(
        HalfYearEvaluation.objects.filter(program=access.program, period_label=period_label)
    )
    return access, found


def get_cbpr_round_for_user(user, slug: str, pk: int, *, roles: frozenset[str] = CBPR_ROLES):
    from jamlik.goals.models import CbprRound

    access = get_program_access(user, slug, roles=roles)
    found = _first_or_404(
        CbprRound.objects.select_related("program", "wave").filter(program=access.program, pk=pk)
    )
    return access, found


def get_cbpr_round_for_link(slug: str, token: str):
    """A party's link to the partnership questionnaire: the round and the party it names."""
    from jamlik.goals.cbpr import read_party_token
    from jamlik.goals.models import CbprRound

    ids = read_party_token(token)
    if ids is None:
        raise Http404
    found = (
        CbprRound.objects.select_related("program", "wave")
        .filter(pk=ids[0], program__slug=slug)
        .first()
    )
    partnership = (
        Partnership.objects.select_related("partner").filter(pk=ids[1], program__slug=slug).first()
    )
    if found is None or partnership is None:
        raise Http404
    return found, partnership


# People (issue 17). Candidates are for the leader and the hub only; a competence plan is
# the leader's to keep and its promoter's to read; coaches and volunteers are pseudonymous
# codes that the leader, promoters and hub see, and the leader and promoters record.
RECRUITMENT_ROLES = roles_with("people.recruitment")
PLAN_ROLES = roles_with("people.plans")
PEOPLE_WRITE_ROLES = roles_with("people.write")
VOLUNTEER_ROLES = roles_with("volunteers")
VOLUNTEER_WRITE_ROLES = roles_with("volunteers.write")


def get_candidate_for_user(user, slug: str, pk: int):
    from jamlik.people.models import Candidate

    access = get_program_access(user, slug, roles=RECRUITMENT_ROLES)
    candidate = _first_or_404(Candidate.objects.filter(program=access.program, pk=pk))
    return access, candidate


def promoters_for(access: ProgramAccess):
    """Health promoters whose plan and trainings the user sees: all for the leader, a
    promoter's own profile for a promoter."""
    from jamlik.people.models import HealthPromoter

    qs = HealthPromoter.objects.filter(program=access.program)
    if access.is_leader:
        return qs
    if access.is_promoter:
        return qs.filter(user=access.user)
    return qs.none()


def get_promoter_for_user(user, slug: str, pk: int, *, write: bool = False):
    access = get_program_access(user, slug, roles=PEOPLE_WRITE_ROLES if write else PLAN_ROLES)
    promoter = _first_or_404(promoters_for(access).select_related("employer").filter(pk=pk))
    return access, promoter


def get_premises_for_user(user, slug: str, pk: int):
    from jamlik.premises.models import Premises

    access = get_program_access(user, slug, roles=PARTNER_WRITE_ROLES)
    premises = _first_or_404(Premises.objects.filter(program=access.program, pk=pk))
    return access, premises


# Communication. The plan, what was done against it and the media log are read by every
# role and kept by the leader, the hub and the health promoters. The outreach list is a
# workshop's (codes who stopped coming): its health promoters' and the leader's.
COMMUNICATION_ROLES = roles_with("communication")
COMMUNICATION_WRITE_ROLES = roles_with("communication.write")


def get_communication_access(user, slug: str, *, write: bool = False) -> ProgramAccess:
    roles = COMMUNICATION_WRITE_ROLES if write else COMMUNICATION_ROLES
    return get_program_access(user, slug, roles=roles)


def get_outreach_workshop_for_user(user, slug: str, key: str) -> tuple[ProgramAccess, Workshop]:
    access, workshop = get_workshop_for_user(user, slug, key, roles=PERSONAL_DATA_ROLES)
    if not access.may_work_in(workshop):
        raise Http404
    return access, workshop


def get_public_program(slug: str) -> Program:
    """A program's public calendar: anyone may read it; an unknown program is 404."""
    program = _first_or_404(Program.objects.filter(slug=slug))
    return program


# Organisations: a city or funder above its programs. Its roles (funder officer,
# organisation admin) give no program role: they reach the programs only through the
# organisation's pages, with published figures. Every list of an organisation's programs
# goes through `organisation_programs`, so one organisation never sees another's.
ORGANISATION_READ_ROLES = roles_with("organisation")
ORGANISATION_ADMIN_ROLES = roles_with("organisation.admin")


@dataclass(frozen=True)
class OrganisationAccess:
    """A user's standing in one organisation."""

    user: object
    organisation: Organisation
    role: str
    # Organisation roles see published figures only, like the program viewer.
    audience: str = "external"

    @property
    def is_admin(self) -> bool:
        return self.role == OrganisationRole.Role.ADMIN


def organisations_for_user(user) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(roles__user=user).distinct()


def get_organisation_access(
    user, slug: str, *, roles: frozenset[str] = ORGANISATION_READ_ROLES
) -> OrganisationAccess:
    if not user.is_authenticated:
        raise Http404
    membership = _first_or_404(
        OrganisationRole.objects.select_related("organisation").filter(
            user=user, organisation__slug=slug, role__in=roles
        )
    )
    return OrganisationAccess(user=user, organisation=membership.organisation, role=membership.role)


def organisation_programs(access: OrganisationAccess) -> QuerySet[Program]:
    """The organisation's programs: the one place that lists them."""
    return Program.objects.filter(organisation=access.organisation).order_by("name")


def get_organisation_program(access: OrganisationAccess, slug: str) -> Program:
    program = _first_or_404(organisation_programs(access).filter(slug=slug))
    return program


def get_public_workshop(slug: str, key: str) -> tuple[Program, Workshop]:
    workshop = _first_or_404(
        Workshop.objects.select_related("program").filter(program__slug=slug, key=key)
    )
    return workshop.program, workshop


# Strategy (seed 002): the leader, the hub and the steering group; stakeholders may be named
# persons, so neither promoters nor viewers see them.
STRATEGY_ROLES = roles_with("strategy")
STRATEGY_WRITE_ROLES = roles_with("strategy.write")
STRATEGY_APPROVE_ROLES = roles_with("strategy.approve")


def get_strategy_access(user, slug: str, *, write: bool = False) -> ProgramAccess:
    return get_program_access(user, slug, roles=STRATEGY_WRITE_ROLES if write else STRATEGY_ROLES)


def get_strategy_object_for_user(user, slug: str, model, pk: int, *, write: bool = False):
    """A stakeholder analysis, stakeholder, policy issue or dialogue sheet of the program."""
    from jamlik.strategy.models import Stakeholder

    access = get_strategy_access(user, slug, write=write)
    scope = {"analysis__program": access.program} if model is Stakeholder else {}
    found = _first_or_404(model.objects.filter(pk=pk, **(scope or {"program": access.program})))
    return access, found


def organisation_period(text: str) -> Period:
    """A period an organisation role may ask for: whole half-years and years only."""
    period = Period.parse(text)
    if not period.is_whole:
        raise PeriodNotAllowed(str(WHOLE_PERIODS_ONLY))
    return period


def sent_versions_for(access: OrganisationAccess, program: Program):
    """The reports sent to the funder: approved external versions marked as sent."""
    from jamlik.reports.models import ReportVersion

    return ReportVersion.objects.filter(
        program=program, audience="external", sent_at__isnull=False
    ).order_by("-approved_at")


def get_sent_version_for_organisation(user, slug: str, program_slug: str, pk: int):
    access = get_organisation_access(user, slug)
    program = get_organisation_program(access, program_slug)
    version = _first_or_404(sent_versions_for(access, program).filter(pk=pk))
    return access, program, version
