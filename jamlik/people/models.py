import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jamlik.activities.models import Gender
from jamlik.lib.uploads import UploadValidator


class ProgramRole(models.Model):
    """What a user may do in one program. A user has at most one role per program."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Program leader")
        PROMOTER = "promoter", _("Health promoter")
        HUB = "hub", _("Hub member")
        STEERING = "steering", _("Steering-group member")
        RESEARCHER = "researcher", _("Researcher")
        VIEWER = "viewer", _("Viewer (aggregates only)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="program_roles"
    )
    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=Role)

    class Meta:
        verbose_name = _("program role")
        verbose_name_plural = _("program roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "program"], name="one_role_per_program"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.program}"


class AgeBand(models.TextChoices):
    UNDER_30 = "under_30", _("Under 30")
    FROM_30_TO_49 = "30_49", _("30–49")
    FROM_50 = "50_plus", _("50 or older")


class HealthPromoter(models.Model):
    """A locally recruited health promoter who leads one or more workshops."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="health_promoters"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="promoter_profiles",
    )
    name = models.CharField(_("name"), max_length=200)
    employer = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employed_promoters",
        verbose_name=_("employer"),
    )
    fte_percent = models.DecimalField(_("FTE %"), max_digits=5, decimal_places=1, default=100)
    languages = models.CharField(_("languages spoken"), max_length=200, blank=True)
    # Employment on pages (issue 17): the period, and the age band and gender the team's
    # mix is compared with; nothing finer.
    started_on = models.DateField(_("employed from"), null=True, blank=True)
    ended_on = models.DateField(_("employed until"), null=True, blank=True)
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("health promoter")
        verbose_name_plural = _("health promoters")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fte_percent__gte=0, fte_percent__lte=100),
                name="promoter_fte_between_0_and_100",
            ),
            models.UniqueConstraint(
                fields=["program", "user"], name="one_promoter_profile_per_user_and_program"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AuditEvent(models.Model):
    """A read of personal data or a change, kept for accountability (GDPR Art. 5(2))."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        IMPORT = "import", _("Imported")
        EXPORT = "export", _("Exported")

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Append-only (a trigger on PostgreSQL refuses UPDATE and DELETE): a user or program
    # with events cannot be deleted; a user leaving is made inactive (users.retire_user).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # The actor's username as it was, so that the event names them on its own.
    username = models.CharField(max_length=150, blank=True)
    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action)
    object_type = models.CharField(max_length=60)
    object_ref = models.CharField(max_length=100, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_ref}"


# Recruitment, training and competence (issue 17). Rules live in people/recruitment.py and
# people/competence.py; the models hold the data and its invariants.


class Candidate(models.Model):
    """Someone the leader and the hub consider for health promoter.

    Minimal by design: a first name or alias, where they came from, languages and what
    they would lead. When a candidate is declined these are erased (recruitment.decline)
    and only the step reached and the source remain, for the recruitment's history.
    """

    class Step(models.TextChoices):
        IDENTIFIED = "identified", _("Identified")
        TALKED = "talked", _("Talked with")
        AGREED = "agreed", _("Agreed in the hub")
        EMPLOYER = "employer", _("Employer found")
        EMPLOYED = "employed", _("Employed")
        DECLINED = "declined", _("Declined")

    class Source(models.TextChoices):
        EXPLORATORY = "exploratory", _("Exploratory workshop")
        WORKSHOP = "workshop", _("A health workshop")
        PARTNER = "partner", _("A partner")
        OTHER = "other", pgettext_lazy("candidate source", "Other")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="candidates"
    )
    name = models.CharField(_("first name or alias"), max_length=100, blank=True)
    source = models.CharField(_("came from"), max_length=20, choices=Source)
    source_workshop = models.ForeignKey(
        "workshops.Workshop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("workshop"),
    )
    languages = models.CharField(_("languages spoken"), max_length=200, blank=True)
    would_lead = models.CharField(_("would lead"), max_length=200, blank=True)
    step = models.CharField(_("step"), max_length=12, choices=Step, default=Step.IDENTIFIED)
    step_on = models.DateField(_("since"))
    decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hub decision"),
    )
    commitment = models.ForeignKey(
        "partners.Commitment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("employer's commitment"),
    )
    promoter = models.OneToOneField(
        HealthPromoter,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidate",
        verbose_name=_("health promoter"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["step_on", "pk"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(step="declined")
                | models.Q(name="", languages="", would_lead=""),
                name="declined_candidate_erased",
            ),
        ]

    def __str__(self) -> str:
        return self.name or f"#{self.pk}"


class Training(models.Model):
    """An entry of the program's training catalogue."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="trainings"
    )
    name = models.CharField(_("name"), max_length=200)
    provider = models.ForeignKey(
        "partners.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("given by"),
    )
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="one_training_per_name"),
        ]

    def __str__(self) -> str:
        return self.name


def certificate_upload_to(instance: "TrainingRecord", filename: str) -> str:
    # A random name: the original one may hold the promoter's name.
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"certificates/{instance.promoter.program_id}/{uuid.uuid4().hex}{suffix}"


CERTIFICATE_KINDS = ("pdf", "png", "jpeg")


class TrainingRecord(models.Model):
    """A training a health promoter took, with its certificate if there is one."""

    promoter = models.ForeignKey(
        HealthPromoter, on_delete=models.CASCADE, related_name="training_records"
    )
    training = models.ForeignKey(
        Training, on_delete=models.PROTECT, related_name="records", verbose_name=_("training")
    )
    completed_on = models.DateField(_("completed"))
    certificate = models.FileField(
        _("certificate"),
        upload_to=certificate_upload_to,
        blank=True,
        validators=[UploadValidator(kinds=CERTIFICATE_KINDS)],
    )

    class Meta:
        ordering = ["-completed_on", "pk"]
        verbose_name = _("completed training")
        verbose_name_plural = _("completed trainings")

    def __str__(self) -> str:
        return f"{self.training} {self.completed_on}"


class CompetencePlan(models.Model):
    """A health promoter's individual plan for the competences they need (seed 000)."""

    promoter = models.OneToOneField(
        HealthPromoter, on_delete=models.CASCADE, related_name="competence_plan"
    )
    goals = models.TextField(_("goals"), blank=True)
    led_by = models.ForeignKey(
        "partners.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("led by partner"),
    )
    follow_up_on = models.DateField(_("next follow-up"), null=True, blank=True)

    class Meta:
        verbose_name = _("competence plan")
        verbose_name_plural = _("competence plans")

    def __str__(self) -> str:
        return str(self.promoter)


class PlannedTraining(models.Model):
    plan = models.ForeignKey(CompetencePlan, on_delete=models.CASCADE, related_name="planned")
    training = models.ForeignKey(
        Training, on_delete=models.PROTECT, related_name="+", verbose_name=_("training")
    )
    by = models.DateField(_("planned by"), null=True, blank=True)

    class Meta:
        ordering = ["by", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "training"], name="training_planned_once"),
        ]

    def __str__(self) -> str:
        return f"{self.training} {self.by or ''}".strip()


class FollowUp(models.Model):
    """A follow-up of a competence plan: when it was held and what was noted."""

    plan = models.ForeignKey(CompetencePlan, on_delete=models.CASCADE, related_name="follow_ups")
    held_on = models.DateField(_("held"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.plan} {self.held_on}"
