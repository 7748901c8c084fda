import uuid
from datetime import date
from pathlib import PurePath

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jamlik.lib.uploads import UploadValidator
from jamlik.partners.validators import validate_org_number

# A signed letter: a PDF or a scan. Checked by content (jamlik/lib/uploads.py).
LETTER_KINDS = ("pdf", "png", "jpeg")


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
    org_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        validators=[validate_org_number],
        help_text=_("Swedish organisation number, e.g. 556000-0001."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name


def letter_upload_to(instance: "Partnership", filename: str) -> str:
    # A random name: the original one may hold a person's name and is kept in no URL.
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"letters-of-intent/{instance.program_id}/{uuid.uuid4().hex}{suffix}"


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
    # New partners are first discussed in the hub (seed 000, "Partnerskapet").
    discussed_in = models.ForeignKey(
        "governance.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships_discussed",
        verbose_name=_("hub meeting where joining was discussed"),
    )
    letter_signed_on = models.DateField(_("letter of intent signed"), null=True, blank=True)
    letter_file = models.FileField(
        _("letter of intent"),
        upload_to=letter_upload_to,
        blank=True,
        validators=[UploadValidator(kinds=LETTER_KINDS)],
    )

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

    def get_absolute_url(self) -> str:
        return reverse("programs:partners:detail", args=[self.program.slug, self.pk])

    def is_current(self, today: date) -> bool:
        return self.left_on is None or self.left_on >= today

    @property
    def is_partner(self) -> bool:
        """IOP parties and active partners are the partnership; collaborating actors are not."""
        return self.role in (self.Role.IOP_PARTY, self.Role.ACTIVE)

    def gaps(self, *, commitment_count: int) -> list[str]:
        """What the model asks of a partner and this one lacks (seed 000, "Partnerskapet")."""
        if not self.is_partner or self.left_on is not None:
            return []
        gaps = []
        if self.letter_signed_on is None:
            gaps.append(str(_("no signed letter of intent")))
        if commitment_count == 0:
            gaps.append(str(_("no resource commitment")))
        return gaps


class Commitment(models.Model):
    """A partner's resource commitment: what makes a collaborator an active partner."""

    class Kind(models.TextChoices):
        EMPLOYS_PROMOTER = "employs_promoter", _("Employs a health promoter")
        STAFF = "staff", _("Staff")
        PREMISES = "premises", _("Premises")
        COMPETENCE = "competence", _("Competence")
        RESEARCH_EDUCATION = "research_education", _("Research and education")
        MONEY = "money", _("Money")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="commitments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    description = models.CharField(_("description"), max_length=300, blank=True)
    amount_sek = models.DecimalField(
        _("amount (SEK)"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    fte_percent = models.DecimalField(
        _("share of a full-time post (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    hours = models.DecimalField(_("hours"), max_digits=8, decimal_places=1, null=True, blank=True)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("resource commitment")
        verbose_name_plural = _("resource commitments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_sek__isnull=True) | models.Q(amount_sek__gte=0),
                name="commitment_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(fte_percent__isnull=True)
                | models.Q(fte_percent__gte=0, fte_percent__lte=1000),
                name="commitment_fte_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(hours__isnull=True) | models.Q(hours__gte=0),
                name="commitment_hours_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="commitment_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.partnership.partner}"
