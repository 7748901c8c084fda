"""An organisation (a municipality or a funder) above programs, and its roles."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A city or a funder whose programs are compared side by side."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        FUNDER = "funder", _("Funder")

    slug = models.SlugField(_("short name"), unique=True, max_length=60)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.MUNICIPALITY)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:dashboard", args=[self.slug])


class OrganisationRole(models.Model):
    """What a user may do across an organisation's programs; program roles are apart.

    A funder officer reads every program's published figures, the reports sent to the
    funder, obligations and spending against caps, never participant data. An
    organisation admin also creates programs and gives program roles in them."""

    class Role(models.TextChoices):
        FUNDER = "funder", _("Funder officer")
        ADMIN = "admin", _("Organisation admin")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_roles"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=10, choices=Role)

    class Meta:
        verbose_name = _("organisation role")
        verbose_name_plural = _("organisation roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_role_per_organisation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"
