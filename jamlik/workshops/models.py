from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

KEY_HELP = _("Letters, digits, '-' and '_'; unique within the program.")
NO_NEED_MESSAGE = _(
    "A workshop can only become active when it addresses at least one documented need. "
    "Link the needs it meets first."
)


class Workshop(models.Model):
    """A health workshop (hälsoverkstad) led by one or more health promoters."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        CLOSED = "closed", _("Closed")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="workshops"
    )
    key = models.SlugField(_("key"), max_length=60, help_text=KEY_HELP)
    name = models.CharField(_("name"), max_length=200)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.ACTIVE)
    health_promoters = models.ManyToManyField(
        "people.HealthPromoter",
        blank=True,
        related_name="workshops",
        verbose_name=_("health promoters"),
    )
    # Needs come first: the documented needs this workshop was set up to meet.
    needs = models.ManyToManyField(
        "needs.Need", blank=True, related_name="workshops", verbose_name=_("needs addressed")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "key"], name="workshop_key_unique_in_program"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("workshops:detail", args=[self.program.slug, self.key])

    def check_may_activate(self) -> None:
        """Raises ValidationError unless the workshop addresses at least one need."""
        if not self.needs.exists():
            raise ValidationError(NO_NEED_MESSAGE, code="no_need")

    def activate(self) -> None:
        self.check_may_activate()
        self.status = self.Status.ACTIVE
        self.save(update_fields=["status"])
