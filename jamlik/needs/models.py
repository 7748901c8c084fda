"""Needs first: inventories, the statements residents make, the needs analysed from them,
dot-votes that prioritise them and the Future Workshop's action plan.

How statements become needs: a statement is what one person said at one inventory, in
their own words. During the analysis (with academia, seed 000) statements that say the
same thing are grouped, like sticky notes on a wall, into one `Need`. A need belongs to
the program, not to one inventory, so that a revised inventory can map its statements
onto needs found before: a need raised in both inventories persists, one raised only in
the later one is new, one raised only in the earlier one has faded (`Need.inventories`).
A statement belongs to at most one need. Workshops address needs, and a need's
activities are those of the workshops that address it.
"""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jamlik.needs import determinants
from jamlik.workshops.models import KEY_HELP


def validate_determinants(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
        raise ValidationError(_("Determinants must be a list of keys."), code="invalid")
    if bad := determinants.unknown(value):
        raise ValidationError(
            _("Unknown determinant of health: %(keys)s."),
            code="unknown_determinant",
            params={"keys": ", ".join(bad)},
        )


class Theme(models.Model):
    """A theme that statements and needs are sorted under (mental health, safety, …)."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="need_themes"
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="theme_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class NeedsInventory(models.Model):
    """One occasion on which needs were gathered: an exploratory workshop, its revision,
    the yearly needs inventory, a dialogue café, a focus group or a survey."""

    class Kind(models.TextChoices):
        EXPLORATORY = "exploratory", _("Exploratory workshop")
        REVISED_EXPLORATORY = "revised_exploratory", _("Revised exploratory workshop")
        ANNUAL = "annual", _("Annual needs inventory")
        DIALOGUE_CAFE = "dialogue_cafe", _("Dialogue café")
        FOCUS_GROUP = "focus_group", _("Focus group")
        SURVEY = "survey", _("Survey")
        OTHER = "other", pgettext_lazy("inventory kind", "Other")

    EXPLORATORY_KINDS = frozenset({Kind.EXPLORATORY, Kind.REVISED_EXPLORATORY})

    class Method(models.TextChoices):
        FUTURE_WORKSHOP = "future_workshop", _("Future Workshop")
        WORLD_CAFE = "world_cafe", _("World Café")
        OTHER = "other", pgettext_lazy("inventory method", "Other")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="needs_inventories"
    )
    key = models.SlugField(_("key"), max_length=60, help_text=KEY_HELP)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    method = models.CharField(_("method"), max_length=20, choices=Method, default=Method.OTHER)
    date = models.DateField(_("date"), db_index=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    facilitators = models.CharField(
        _("facilitators"), max_length=300, blank=True, help_text=_("Names or roles.")
    )
    academic_partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("academic partner"),
        help_text=_("The partner from academia who analyses the inventory."),
    )
    participants_child_youth = models.PositiveIntegerField(
        _("children and young people"), default=0
    )
    participants_adult = models.PositiveIntegerField(_("adults"), default=0)
    participants_professional = models.PositiveIntegerField(_("professionals"), default=0)
    report = models.TextField(_("short report"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("needs inventory")
        verbose_name_plural = _("needs inventories")
        constraints = [
            models.UniqueConstraint(fields=["program", "key"], name="inventory_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("needs:inventory", args=[self.program.slug, self.key])

    @property
    def participants_total(self) -> int:
        return (
            self.participants_child_youth + self.participants_adult + self.participants_professional
        )

    def phases(self) -> list[tuple[str, str]]:
        """The phases (Future Workshop) or rounds (World Café) of this inventory's method."""
        allowed = NeedStatement.PHASES_BY_METHOD.get(self.method, ())
        return [(value, label) for value, label in NeedStatement.Phase.choices if value in allowed]


class Need(models.Model):
    """An analysed need of the program's residents; workshops address needs.

    `priority` ranks the prioritised needs (1 is the most important); a need without a
    priority has been identified but not prioritised.
    """

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="needs")
    key = models.SlugField(_("key"), max_length=60, help_text=KEY_HELP)
    title = models.CharField(_("need"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("theme"),
    )
    determinants = models.JSONField(
        _("determinants of health"), default=list, blank=True, validators=[validate_determinants]
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"),
        null=True,
        blank=True,
        help_text=_("1 is the most important; empty if not prioritised."),
    )
    inventories = models.ManyToManyField(
        NeedsInventory, blank=True, related_name="needs", verbose_name=_("raised at")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = [models.F("priority").asc(nulls_last=True), "title"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [
            models.UniqueConstraint(fields=["program", "key"], name="need_key_unique"),
            models.CheckConstraint(
                condition=models.Q(priority__isnull=True) | models.Q(priority__gte=1),
                name="need_priority_from_1",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("needs:need", args=[self.program.slug, self.key])

    @property
    def is_prioritised(self) -> bool:
        return self.priority is not None

    def determinant_labels(self) -> list[str]:
        return determinants.labels(self.determinants)


class NeedStatement(models.Model):
    """One statement captured live: what someone said, in the language they said it in."""

    class Phase(models.TextChoices):
        CRITIQUE = "critique", _("Critique")
        VISION = "vision", _("Vision")
        REALISATION = "realisation", _("Realisation")
        ANALYSIS = "analysis", _("Analysis")
        DEEPER_ANALYSIS = "deeper_analysis", _("Deeper analysis")
        PROPOSALS = "proposals", _("Proposals")

    PHASES_BY_METHOD = {
        NeedsInventory.Method.FUTURE_WORKSHOP: (Phase.CRITIQUE, Phase.VISION, Phase.REALISATION),
        NeedsInventory.Method.WORLD_CAFE: (
            Phase.ANALYSIS,
            Phase.DEEPER_ANALYSIS,
            Phase.PROPOSALS,
        ),
    }

    class Source(models.TextChoices):
        RESIDENTS = "residents", _("Residents")
        LOCAL_ACTORS = "local_actors", _("Local actors")
        CARE_HEALTH = "care_health", _("Care and health actors")
        POLICY = "policy", _("Policy level")

    inventory = models.ForeignKey(
        NeedsInventory, on_delete=models.CASCADE, related_name="statements"
    )
    # Generated by the capturing page, so that sending the same statement again after a
    # lost answer finds the one saved the first time.
    client_id = models.UUIDField(default=uuid.uuid4, editable=False)
    text = models.TextField(_("statement"))
    language = models.CharField(
        _("language"), max_length=12, default="sv", help_text=_("Language code: sv, ar, so, en …")
    )
    text_sv = models.TextField(_("Swedish translation"), blank=True)
    phase = models.CharField(_("phase or round"), max_length=20, choices=Phase, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source, default=Source.RESIDENTS)
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("theme"),
    )
    determinants = models.JSONField(
        _("determinants of health"), default=list, blank=True, validators=[validate_determinants]
    )
    need = models.ForeignKey(
        Need,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("need"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("need statement")
        verbose_name_plural = _("need statements")
        constraints = [
            models.UniqueConstraint(fields=["inventory", "client_id"], name="statement_sent_once"),
            models.CheckConstraint(condition=~models.Q(text=""), name="statement_text_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    def determinant_labels(self) -> list[str]:
        return determinants.labels(self.determinants)


class ActionPlanRow(models.Model):
    """A row of a Future Workshop's action plan, from the realisation phase: what is to be
    done, when, how and by whom. May later be linked to an action item of the hub."""

    inventory = models.ForeignKey(
        NeedsInventory, on_delete=models.CASCADE, related_name="action_plan"
    )
    need = models.ForeignKey(
        Need,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_plan_rows",
        verbose_name=_("need"),
    )
    what = models.CharField(_("what"), max_length=300)
    when = models.CharField(_("when"), max_length=100, blank=True)
    how = models.TextField(_("how"), blank=True)
    who = models.CharField(_("who"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("action-plan row")
        verbose_name_plural = _("action-plan rows")

    def __str__(self) -> str:
        return self.what


def _new_salt() -> str:
    return secrets.token_urlsafe(12)


class DotVote(models.Model):
    """A dot-vote on an inventory's statements. Each participant spends `dots` dots.

    The QR code carries a token signed with this vote's own salt; opening the vote again
    draws a new salt, so an old code stops working.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Not opened yet")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    inventory = models.ForeignKey(NeedsInventory, on_delete=models.CASCADE, related_name="votes")
    title = models.CharField(_("question"), max_length=200)
    dots = models.PositiveSmallIntegerField(
        _("dots per participant"), default=3, help_text=_("Between 1 and 20.")
    )
    phase = models.CharField(
        _("statements of phase"),
        max_length=20,
        choices=NeedStatement.Phase,
        blank=True,
        help_text=_("Empty: all statements of the inventory."),
    )
    statements = models.ManyToManyField(NeedStatement, related_name="votes", blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    salt = models.CharField(max_length=40, default=_new_salt, editable=False)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dot-vote")
        verbose_name_plural = _("dot-votes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dots__gte=1, dots__lte=20), name="vote_dots_between_1_and_20"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("needs:vote", args=[self.inventory.program.slug, self.public_id])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Ballot(models.Model):
    """One phone's ballot, or a batch of paper ballots entered by hand.

    A phone's ballot id comes from the signed cookie it was given when it opened the
    voting page; the unique constraint makes a second ballot from it impossible.
    """

    class Kind(models.TextChoices):
        PHONE = "phone", _("Phone")
        PAPER = "paper", _("Paper")

    vote = models.ForeignKey(DotVote, on_delete=models.CASCADE, related_name="ballots")
    ballot_id = models.UUIDField()
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.PHONE)
    # Paper ballots are entered as a batch: how many sheets the dots came from.
    sheets = models.PositiveSmallIntegerField(default=1)
    language = models.CharField(max_length=12, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(fields=["vote", "ballot_id"], name="one_ballot_per_id"),
            models.CheckConstraint(condition=models.Q(sheets__gte=1), name="ballot_sheets_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.vote_id}/{self.ballot_id}"


class BallotDot(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="dots")
    statement = models.ForeignKey(NeedStatement, on_delete=models.CASCADE, related_name="dots")
    count = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "statement"], name="one_dot_row_per_statement"
            ),
            models.CheckConstraint(condition=models.Q(count__gte=1), name="dot_count_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.count}"
