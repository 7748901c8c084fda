from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
