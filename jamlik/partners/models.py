from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    """The five sectors of the pentahelix partnership."""

    PUBLIC = "public", _("Public sector")
    NONPROFIT = "nonprofit", _("Non-profit sector")
    PRIVATE = "private", _("Private sector")
    ACADEMIA = "academia", _("Academia")
    RESIDENTS = "residents", _("Residents")


class Partner(models.Model):
    """An organisation (or residents' association) that may take part in programs."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name


class Partnership(models.Model):
    """A partner's part in one program."""

    class Role(models.TextChoices):
        IOP_PARTY = "iop_party", _("IOP party")
        ACTIVE = "active", _("Active partner")
        COLLABORATING = "collaborating", _("Collaborating actor")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="partnerships"
    )
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="partnerships")
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.COLLABORATING)
    joined_on = models.DateField(_("joined"), null=True, blank=True)
    left_on = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        ordering = ["partner__name"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "partner"], name="one_partnership_per_partner"
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(joined_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="partnership_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} – {self.program}"
