from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Program(models.Model):
    """One Jämlik hälsa program in one housing area."""

    class Phase(models.TextChoices):
        """The seven steps of the model's cycle (seed 000), in their order."""

        INITIATIVE = "initiative", _("Initiative")
        EXPLORATORY = "exploratory", _("Exploratory workshop")
        FORMATION = "formation", _("Formation")
        DIRECTION = "direction", _("Direction")
        BUILD_UP = "build_up", _("Build-up of the workshops")
        ONGOING = "ongoing", _("Ongoing development")
        REVISED = "revised_exploratory", _("Revised exploratory workshop")

    class Retention(models.TextChoices):
        ANONYMISE = "anonymise", _("Anonymise (keep the records without identity)")
        ERASE = "erase", _("Erase")

    slug = models.SlugField(_("short name"), unique=True, max_length=60)
    name = models.CharField(_("name"), max_length=200)
    area = models.CharField(_("housing area"), max_length=200, blank=True)
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


class PhaseStep(models.Model):
    """A step of the cycle the program was in, from `started_on` until `ended_on`.

    The program's phase is its latest step (`jamlik.programs.cycle.current_step`). A step
    is entered by a decision of the hub or the steering group; a revised exploratory
    workshop starts a new round of the cycle.
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="phase_steps")
    phase = models.CharField(_("step"), max_length=20, choices=Program.Phase)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    started_on = models.DateField(_("started"))
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    # Steps recorded before the phase history existed have no decision.
    decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="phase_steps",
        verbose_name=_("decision"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["program", "started_on", "pk"]
        verbose_name = _("step of the cycle")
        verbose_name_plural = _("steps of the cycle")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="phase_step_ends_after_start",
            ),
            models.CheckConstraint(condition=models.Q(round__gte=1), name="phase_step_round"),
        ]

    def __str__(self) -> str:
        return f"{self.program}: {self.get_phase_display()} ({self.started_on})"


class ChecklistTick(models.Model):
    """A checklist item of a step ticked by hand, with who, when and a note.

    Items that Jämlik can check from its own record are not ticked: see checklist.py.
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="checklist_ticks")
    item = models.CharField(_("item"), max_length=40)
    done_on = models.DateField(_("done"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    document_url = models.URLField(
        _("document"),
        blank=True,
        help_text=_("A link to the document, for example in the shared archive."),
    )
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ticked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["program", "item"]
        verbose_name = _("checklist tick")
        verbose_name_plural = _("checklist ticks")
        constraints = [
            models.UniqueConstraint(fields=["program", "item"], name="one_tick_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.program}: {self.item}"


class FidelityStamp(models.Model):
    """One row (pk 1) whose token changes with every write to what the model-fidelity
    criteria read (`jamlik.programs.fidelity`); cached results under another token are
    never read again."""

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token


class CachedFidelity(models.Model):
    """A program-period's fidelity rows as `fidelity.compute_fidelity` gave them for `today`
    in `language` under `stamp` (the code's and the data's version)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    start = models.DateField()
    end = models.DateField()
    language = models.CharField(max_length=10)
    today = models.DateField()
    stamp = models.CharField(max_length=80)
    rows = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["program", "start", "end", "language"], name="cached_fidelity_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.program_id} {self.start}..{self.end} {self.language}"
