"""Health coaches, ambassadors and volunteers: counted, not profiled.

Each is a pseudonymous code with a category, like a participant; no name, no contact.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jamlik.activities.models import Category


class Volunteer(models.Model):
    class Kind(models.TextChoices):
        COACH = "coach", _("Health coach")
        VOLUNTEER = "volunteer", _("Volunteer")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="volunteers"
    )
    code = models.CharField(_("code"), max_length=20)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    category = models.CharField(_("category"), max_length=20, choices=Category)
    workshop = models.ForeignKey(
        "workshops.Workshop",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volunteers",
        verbose_name=_("workshop"),
    )
    training = models.CharField(
        _("training"), max_length=200, blank=True, help_text=_("For example: diabetes coach")
    )
    trained_on = models.DateField(_("trained"), null=True, blank=True)
    ambassador_from = models.DateField(_("ambassador from"), null=True, blank=True)
    ambassador_until = models.DateField(_("ambassador until"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("coach or volunteer")
        verbose_name_plural = _("coaches and volunteers")
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="one_volunteer_per_code"),
            models.CheckConstraint(
                condition=models.Q(ambassador_until__isnull=True)
                | models.Q(
                    ambassador_from__isnull=False, ambassador_until__gte=models.F("ambassador_from")
                ),
                name="ambassador_until_after_from",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="coach") | models.Q(trained_on__isnull=False),
                name="coach_has_training_date",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class VolunteerHours(models.Model):
    """Hours a volunteer gave in one month, at one activity or in general."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="hours")
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    activity = models.ForeignKey(
        "activities.Activity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer_hours",
        verbose_name=_("activity"),
    )
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1)

    class Meta:
        ordering = ["-month", "pk"]
        verbose_name = _("volunteer hours")
        verbose_name_plural = _("volunteer hours")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0), name="volunteer_hours_positive"
            ),
            models.CheckConstraint(condition=models.Q(month__day=1), name="volunteer_hours_month"),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} {self.month:%Y-%m} {self.hours}"
