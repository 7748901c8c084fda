from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Program(models.Model):
    """One Jämlik hälsa program in one housing area."""

    class Phase(models.TextChoices):
        INITIATIVE = "initiative", _("Initiative")
        EXPLORATORY = "exploratory", _("Exploratory workshop")
        FORMATION = "formation", _("Formation")
        DIRECTION = "direction", _("Direction")
        BUILD_UP = "build_up", _("Build-up of the workshops")
        ONGOING = "ongoing", _("Ongoing development")

    class Retention(models.TextChoices):
        ANONYMISE = "anonymise", _("Anonymise (keep the records without identity)")
        ERASE = "erase", _("Erase")

    slug = models.SlugField(_("short name"), unique=True, max_length=60)
    name = models.CharField(_("name"), max_length=200)
    area = models.CharField(_("housing area"), max_length=200, blank=True)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase, default=Phase.ONGOING)
    # Prefix of generated participant codes, e.g. "LIN" gives "LIN-4K7Q".
    code_prefix = models.CharField(_("participant code prefix"), max_length=8, default="P")
    created_at = models.DateTimeField(auto_now_add=True)
    # The city or funder the program belongs to (None: a program on its own).
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programs",
        verbose_name=_("organisation"),
    )
    # What the retention job does with participants past RETENTION_MONTHS. A municipal
    # owner may have to keep records until its archive decision (DESIGN.md): anonymise.
    retention = models.CharField(
        _("after the retention period"),
        max_length=10,
        choices=Retention,
        default=Retention.ANONYMISE,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programs:dashboard", args=[self.slug])
