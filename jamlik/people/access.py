"""Who may see what. Every page, API endpoint, command and export asks here.

Each `get_<thing>_for_user` answers Http404 both when the thing is missing and when
the user may not see it, so that a forbidden object cannot be told from a missing one.
"""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404

from jamlik.activities.models import Activity, Participant
from jamlik.people.models import ProgramRole
from jamlik.programs.models import Program
from jamlik.workshops.models import Workshop

Role = ProgramRole.Role
ALL_ROLES = frozenset(Role.values)
PERSONAL_DATA_ROLES = frozenset({Role.LEADER, Role.PROMOTER})
# Roles that see the program's own aggregates unsuppressed (DESIGN.md: the hub works
# with program data); everyone else sees published figures with small counts suppressed.
INTERNAL_AGGREGATE_ROLES = frozenset({Role.LEADER, Role.PROMOTER, Role.HUB})


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


def programs_for_user(user) -> QuerySet[Program]:
    if not user.is_authenticated:
        return Program.objects.none()
    return Program.objects.filter(roles__user=user).distinct()


def get_program_access(user, slug: str, *, roles: frozenset[str] = ALL_ROLES) -> ProgramAccess:
    if not user.is_authenticated:
        raise Http404
    membership = (
        ProgramRole.objects.select_related("program")
        .filter(user=user, program__slug=slug, role__in=roles)
        .first()
    )
    if membership is None:
        raise Http404
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


def get_workshop_for_user(user, slug: str, key: str) -> tuple[ProgramAccess, Workshop]:
    access = get_program_access(user, slug)
    workshop = Workshop.objects.filter(program=access.program, key=key).first()
    if workshop is None:
        raise Http404
    return access, workshop


def get_activity_for_user(user, slug: str, key: str) -> tuple[ProgramAccess, Activity]:
    access = get_program_access(user, slug, roles=PERSONAL_DATA_ROLES)
    activity = activities_for(access).select_related("workshop").filter(key=key).first()
    if activity is None:
        raise Http404
    return access, activity


def get_participant_for_user(user, slug: str, code: str) -> tuple[ProgramAccess, Participant]:
    access = get_program_access(user, slug, roles=PERSONAL_DATA_ROLES)
    participant = participants_for(access).filter(code=code).first()
    if participant is None:
        raise Http404
    return access, participant
