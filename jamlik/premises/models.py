from django.db import models
from django.utils.translation import gettext_lazy as _


class Premises(models.Model):
    """A place where the program's work happens, often provided by a partner's commitment."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="premises"
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=200, blank=True)
    owner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="premises",
        verbose_name=_("owner"),
    )
    commitment = models.ForeignKey(
        "partners.Commitment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="premises",
        verbose_name=_("provided by commitment"),
    )
    capacity = models.PositiveIntegerField(_("capacity (people)"), null=True, blank=True)
    accessibility = models.CharField(_("accessibility"), max_length=300, blank=True)
    signage_languages = models.CharField(_("languages of signage"), max_length=200, blank=True)
    opening_times = models.CharField(_("opening times"), max_length=200, blank=True)
    in_use = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("premises")
        verbose_name_plural = _("premises")
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="one_premises_per_name"),
        ]

    def __str__(self) -> str:
        return self.name


def place_of(obj) -> str:
    """Where an activity or meeting is: the register's place, else the free text."""
    place = getattr(obj, "place", None)
    if place is not None:
        return place.name
    return getattr(obj, "premises", "") or getattr(obj, "location", "")
