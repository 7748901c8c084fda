"""The partnership's bodies and their meetings (seeds 000 and 001).

The rules of the bodies live here and in `rules.py`: a steering-group meeting with a
substitute present cannot take decisions, hub decisions on financing, staff or major
changes need a steering-group decision that anchors them, a steering-group agenda goes
out at least a week ahead, and a vote counts one vote per partner organisation.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jamlik.governance.text import render_markdown

AGENDA_NOTICE_DAYS = 7  # seed 001: "senast en vecka innan respektive möte"


class Initiator(models.TextChoices):
    """Who raised an agenda item or a decision: the power shift is measured with it."""

    RESIDENT = "resident", _("Resident")
    HEALTH_PROMOTER = "health_promoter", _("Health promoter")
    PARTNER_STAFF = "partner_staff", _("Partner staff")
    STRATEGIC = "strategic", _("Strategic or steering level")


# Decision space is meant to move towards these (seed 000, "förskjutning av makt").
COMMUNITY_INITIATORS = frozenset({Initiator.RESIDENT, Initiator.HEALTH_PROMOTER})


class Category(models.TextChoices):
    FINANCING = "financing", _("Financing")
    STAFF = "staff", _("Staff")
    MAJOR_CHANGE = "major_change", _("Major change")
    OTHER = "other", _("Other")


# Proposals in these categories are anchored in the steering group beforehand (seed 001).
ANCHORED_CATEGORIES = frozenset({Category.FINANCING, Category.STAFF, Category.MAJOR_CHANGE})


class Body(models.Model):
    """A steering group, hub (secretariat), strategic group or other body of a program."""

    class Kind(models.TextChoices):
        STEERING = "steering", _("Steering group")
        HUB = "hub", _("Hub (secretariat)")
        STRATEGIC = "strategic", _("Strategic group")
        OTHER = "other", _("Other body")

    class Cadence(models.TextChoices):
        BIWEEKLY = "biweekly", _("Every other week")
        SEMESTER = "semester", _("At least once per semester")
        NONE = "none", _("No fixed cadence")

    class VoteRule(models.TextChoices):
        """How health promoters and resident representatives vote in this body."""

        TOGETHER = "together", _("One vote together")
        EACH = "each", _("One vote each")
        EMPLOYER = "employer", _("Within their employer's vote")
        NONE = "none", _("No vote")

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="bodies")
    key = models.SlugField(_("key"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    cadence = models.CharField(_("cadence"), max_length=20, choices=Cadence, default=Cadence.NONE)
    default_location = models.CharField(_("usual place"), max_length=200, blank=True)
    promoter_votes = models.CharField(
        _("health promoters vote"), max_length=10, choices=VoteRule, default=VoteRule.TOGETHER
    )
    resident_votes = models.CharField(
        _("resident representatives vote"),
        max_length=10,
        choices=VoteRule,
        default=VoteRule.TOGETHER,
    )
    convener = models.ForeignKey(
        "partners.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("convener"),
        help_text=_("The partner that calls the meetings and writes the minutes."),
    )

    class Meta:
        ordering = ["program", "kind", "name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [
            models.UniqueConstraint(fields=["program", "key"], name="body_key_unique_in_program"),
            models.CheckConstraint(
                condition=~models.Q(resident_votes="employer"),
                name="body_residents_have_no_employer_vote",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:body", args=[self.program.slug, self.key])

    @property
    def is_steering(self) -> bool:
        return self.kind == self.Kind.STEERING

    @property
    def is_hub(self) -> bool:
        return self.kind == self.Kind.HUB

    @property
    def agenda_notice_days(self) -> int:
        return AGENDA_NOTICE_DAYS if self.is_steering else 0

    @property
    def substitutes_block_decisions(self) -> bool:
        # Seed 001: a substitute may be sent, "men det innebär att styrgruppen inte är
        # beslutsmässig".
        return self.is_steering

    @classmethod
    def default_cadence(cls, kind: str) -> str:
        return {
            cls.Kind.HUB: cls.Cadence.BIWEEKLY,
            cls.Kind.STEERING: cls.Cadence.SEMESTER,
        }.get(kind, cls.Cadence.NONE)


class Membership(models.Model):
    """A seat in a body: a partner's representative, a health promoter or a resident."""

    class Kind(models.TextChoices):
        PARTNER = "partner", _("Partner representative")
        HEALTH_PROMOTER = "health_promoter", _("Health promoter")
        RESIDENT = "resident", _("Resident representative")

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        SUBSTITUTE = "substitute", _("Substitute")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    kind = models.CharField(_("represents"), max_length=20, choices=Kind)
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("partner"),
    )
    health_promoter = models.ForeignKey(
        "people.HealthPromoter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("health promoter"),
    )
    name = models.CharField(_("name"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("user account"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    role = models.CharField(_("seat"), max_length=20, choices=Role, default=Role.MEMBER)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["body", "role", "name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="partner", partner__isnull=False)
                | ~models.Q(kind="partner"),
                name="membership_partner_seat_names_partner",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="health_promoter", health_promoter__isnull=False)
                | ~models.Q(kind="health_promoter"),
                name="membership_promoter_seat_names_promoter",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_current(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)

    @property
    def email_address(self) -> str:
        return self.email or (self.user.email if self.user_id else "")

    @property
    def represents(self) -> str:
        if self.kind == self.Kind.PARTNER and self.partner_id:
            return self.partner.name
        return self.get_kind_display()

    @property
    def initiator(self) -> str:
        """The power-shift level this seat speaks for."""
        if self.kind == self.Kind.RESIDENT:
            return Initiator.RESIDENT
        if self.kind == self.Kind.HEALTH_PROMOTER:
            return Initiator.HEALTH_PROMOTER
        if self.body.kind in (Body.Kind.STEERING, Body.Kind.STRATEGIC):
            return Initiator.STRATEGIC
        return Initiator.PARTNER_STAFF

    @property
    def is_community(self) -> bool:
        return self.kind in (self.Kind.RESIDENT, self.Kind.HEALTH_PROMOTER)


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings")
    key = models.SlugField(_("key"), max_length=40)
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts"), null=True, blank=True)
    ends_at = models.TimeField(_("ends"), null=True, blank=True)
    location = models.CharField(_("place"), max_length=200, blank=True)
    # A place from the premises register; `location` stays for a one-off place.
    place = models.ForeignKey(
        "premises.Premises",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("place from the register"),
    )
    chair = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings_chaired",
        verbose_name=_("chair"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PLANNED)
    agenda_sent_at = models.DateTimeField(_("agenda sent"), null=True, blank=True)
    minutes = models.TextField(pgettext_lazy("meeting", "minutes"), blank=True)
    minutes_approved_at = models.DateTimeField(_("minutes approved"), null=True, blank=True)
    # Minutes are approved at a later meeting of the same body (seed 001: "följs upp
    # kommande möte").
    minutes_approved_in = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="minutes_approved_here",
        verbose_name=_("minutes approved at"),
    )
    # RFC 5545 SEQUENCE: rises with each change of time, place or status, so that
    # calendar programs take the new version of an invitation.
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["body", "key"], name="meeting_key_unique_in_body"),
            models.CheckConstraint(
                condition=models.Q(minutes_approved_at__isnull=True) | ~models.Q(minutes=""),
                name="meeting_only_written_minutes_are_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting", args=[self.body.program.slug, self.body.key, self.key])

    def schedule(self) -> tuple:
        """What a calendar shows of the meeting: a change is a new revision."""
        return (self.date, self.starts_at, self.ends_at, self.location, self.status)

    @property
    def agenda_due_on(self) -> date | None:
        """The last day the agenda may go out, for bodies with a notice period."""
        days = self.body.agenda_notice_days
        return self.date - timedelta(days=days) if days else None

    def agenda_is_late(self, today: date) -> bool:
        due = self.agenda_due_on
        if due is None or self.status == self.Status.CANCELLED:
            return False
        if self.agenda_sent_at is not None:
            return timezone.localdate(self.agenda_sent_at) > due
        return today > due

    def substitutes_present(self) -> list[Attendance]:
        return [
            a
            for a in self.attendances.all()
            if a.status == Attendance.Status.SUBSTITUTE
            or (
                a.status == Attendance.Status.PRESENT
                and a.membership.role == Membership.Role.SUBSTITUTE
            )
        ]

    def is_decision_capable(self) -> bool:
        if not self.body.substitutes_block_decisions:
            return True
        return not self.substitutes_present()

    @property
    def minutes_are_approved(self) -> bool:
        return self.minutes_approved_at is not None

    def minutes_html(self) -> str:
        return render_markdown(self.minutes)


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        SUBSTITUTE = "substitute", _("Sent a substitute")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    # RESTRICT: a seat with a record stays, but a whole body or meeting may be deleted.
    membership = models.ForeignKey(
        Membership, on_delete=models.RESTRICT, related_name="attendances"
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status)
    substitute_name = models.CharField(_("substitute"), max_length=200, blank=True)

    class Meta:
        ordering = ["membership__role", "membership__name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="one_attendance_per_member_and_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership} – {self.get_status_display()}"

    @property
    def takes_part(self) -> bool:
        return self.status in (self.Status.PRESENT, self.Status.SUBSTITUTE)


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        INFORMATION = "information", _("Information")
        DISCUSSION = "discussion", _("Discussion")
        DECISION = "decision", _("Decision")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.DISCUSSION)
    category = models.CharField(
        _("category"), max_length=20, choices=Category, default=Category.OTHER
    )
    initiated_by = models.CharField(_("initiated by"), max_length=20, choices=Initiator)
    proposed_by = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items_proposed",
        verbose_name=_("proposed by"),
    )
    # Set on the item that follows up an open action item from an earlier meeting.
    follow_up_of = models.ForeignKey(
        "ActionItem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("follows up"),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "follow_up_of"],
                condition=models.Q(follow_up_of__isnull=False),
                name="one_follow_up_per_action_and_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Decision(models.Model):
    class Method(models.TextChoices):
        CONSENSUS = "consensus", _("By consensus")
        VOTE = "vote", _("By vote")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("decision"))
    method = models.CharField(_("taken"), max_length=10, choices=Method, default=Method.CONSENSUS)
    category = models.CharField(
        _("category"), max_length=20, choices=Category, default=Category.OTHER
    )
    initiated_by = models.CharField(_("initiated by"), max_length=20, choices=Initiator)
    anchored_by = models.ForeignKey(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="anchors",
        verbose_name=_("anchoring steering-group decision"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="decision_number_unique_in_meeting"
            ),
            models.CheckConstraint(
                condition=~models.Q(anchored_by=models.F("pk")),
                name="decision_does_not_anchor_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} §{self.number}"

    @property
    def needs_anchoring(self) -> bool:
        return self.meeting.body.is_hub and self.category in ANCHORED_CATEGORIES

    @property
    def is_unanchored(self) -> bool:
        return self.needs_anchoring and self.anchored_by_id is None

    @property
    def taken_without_capacity(self) -> bool:
        """Taken at a steering-group meeting that could not take decisions."""
        return not self.meeting.is_decision_capable()


class Vote(models.Model):
    class Choice(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        ABSTAIN = "abstain", _("Abstain")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="votes")
    membership = models.ForeignKey(Membership, on_delete=models.RESTRICT, related_name="votes")
    choice = models.CharField(_("vote"), max_length=10, choices=Choice)
    # The voting unit ("partner:7", "promoters", "member:12") under the body's rule when the
    # vote was cast, so that a later change of the rule does not recount an old vote.
    unit = models.CharField(max_length=40)

    class Meta:
        ordering = ["decision", "membership__name"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "membership"], name="one_vote_per_member_and_decision"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership}: {self.get_choice_display()}"


class ActionItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("decision"),
    )
    text = models.CharField(_("what"), max_length=300)
    owner = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("who"),
    )
    due_on = models.DateField(_("by"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    closed_in = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items_closed",
        verbose_name=_("closed at"),
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self) -> str:
        return self.text

    def is_overdue(self, today: date) -> bool:
        return self.status == self.Status.OPEN and self.due_on is not None and self.due_on < today
