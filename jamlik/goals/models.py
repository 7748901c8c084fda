"""Goals with indicators, the half-year evaluation and the partnership's CBPR evaluation.

Goals span the program and its workshops (seed 000: long- and short-term goals with
indicators, set in the direction phase and anchored in the strategic group); each
indicator is either computed from data Jämlik already has (a source from the list in
`indicators.py`, never code) or entered by hand per half-year.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jamlik.lib.periods import Period, PeriodError


class GoalCategory(models.Model):
    """One of the program's own result categories or goal areas (seed 003), editable."""

    class Kind(models.TextChoices):
        RESULT = "result", _("Result category")
        AREA = "area", _("Goal area")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="goal_categories"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.RESULT)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["kind", "position", "name"]
        verbose_name = _("goal category")
        verbose_name_plural = _("goal categories")
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="goal_category_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Goal(models.Model):
    class Term(models.TextChoices):
        LONG = "long", _("Long-term goal")
        SHORT = "short", _("Short-term goal")

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="goals")
    workshop = models.ForeignKey(
        "workshops.Workshop",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("workshop"),
        help_text=_("Empty for a goal of the whole program."),
    )
    category = models.ForeignKey(
        GoalCategory,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("result category or goal area"),
    )
    term = models.CharField(_("term"), max_length=10, choices=Term, default=Term.LONG)
    text = models.TextField(_("goal"))
    anchored_by = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anchored_goals",
        verbose_name=_("anchoring steering-group decision"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["term", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("goals:goal", args=[self.program.slug, self.pk])

    @property
    def is_anchored(self) -> bool:
        return self.anchored_by_id is not None

    def clean(self) -> None:
        if self.workshop_id and self.workshop.program_id != self.program_id:
            raise ValidationError({"workshop": _("The workshop belongs to another program.")})
        if self.category_id and self.category.program_id != self.program_id:
            raise ValidationError({"category": _("The category belongs to another program.")})


class Indicator(models.Model):
    class Kind(models.TextChoices):
        COMPUTED = "computed", _("Computed from Jämlik's data")
        MANUAL = "manual", _("Entered by hand")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.COMPUTED)
    # A key of indicators.SOURCES (computed indicators only).
    source = models.CharField(_("computed from"), max_length=120, blank=True)
    source_note = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_(
            "Where hand-entered values come from, e.g. the school or the area's statistics."
        ),
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction, default=Direction.HIGHER
    )
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    min_value = models.DecimalField(
        _("lowest possible value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("highest possible value"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["goal", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="computed", source=""),
                name="computed_indicator_has_source",
            ),
            models.CheckConstraint(
                condition=models.Q(min_value__isnull=True)
                | models.Q(max_value__isnull=True)
                | models.Q(max_value__gt=models.F("min_value")),
                name="indicator_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def higher_is_better(self) -> bool:
        return self.direction == self.Direction.HIGHER

    def clean(self) -> None:
        from jamlik.goals.indicators import SOURCES

        if self.kind == self.Kind.COMPUTED:
            if self.source not in SOURCES:
                raise ValidationError({"source": _("Choose what the indicator is computed from.")})
        else:
            self.source = ""
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.max_value <= self.min_value
        ):
            raise ValidationError(
                {"max_value": _("The highest value must be above the lowest value.")}
            )

    def check_value(self, value: Decimal) -> None:
        """Refuses a value outside the indicator's declared range, with a clear message."""
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(
                {
                    "value": _("%(value)s is below the lowest possible value, %(low)s.")
                    % {"value": value, "low": self.min_value}
                }
            )
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(
                {
                    "value": _("%(value)s is above the highest possible value, %(high)s.")
                    % {"value": value, "high": self.max_value}
                }
            )


def validate_half_year(label: str) -> None:
    try:
        period = Period.parse(label)
    except PeriodError as exc:
        raise ValidationError(str(exc)) from None
    if period.label != label or len(label) != 6:
        raise ValidationError(_("Write a half-year, e.g. 2024H1."))


class IndicatorValue(models.Model):
    """A hand-entered value of an indicator for one half-year."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period_label = models.CharField(_("half-year"), max_length=6, validators=[validate_half_year])
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "period_label"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_label"], name="indicator_value_once_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period_label}: {self.value}"


class HalfYearEvaluation(models.Model):
    """The hub's evaluation of a half-year (seed 000: "Verksamheten utvärderas varje halvår")."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        APPROVED = "approved", _("Approved")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="half_year_evaluations"
    )
    period_label = models.CharField(_("half-year"), max_length=6, validators=[validate_half_year])
    works = models.TextField(_("what works"), blank=True)
    does_not_work = models.TextField(_("what does not work"), blank=True)
    changes = models.TextField(_("what to change"), blank=True)
    decisions = models.ManyToManyField(
        "governance.Decision",
        blank=True,
        related_name="half_year_evaluations",
        verbose_name=_("decisions taken"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    approved_at_meeting = models.ForeignKey(
        "governance.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_evaluations",
        verbose_name=_("approved at the hub meeting"),
    )
    # What Jämlik prepared, frozen when the evaluation is approved (empty while a draft).
    prepared = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_label"]
        verbose_name = _("half-year evaluation")
        verbose_name_plural = _("half-year evaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "period_label"], name="one_evaluation_per_half_year"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="approved", approved_at_meeting__isnull=True),
                name="approved_evaluation_names_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} {self.period_label}"

    def get_absolute_url(self) -> str:
        return reverse("goals:evaluation", args=[self.program.slug, self.period_label])

    @property
    def period(self) -> Period:
        return Period.parse(self.period_label)

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class CbprRound(models.Model):
    """One CBPR evaluation of the partnership (seed 000: 1–2 times a year)."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="cbpr_rounds"
    )
    name = models.CharField(_("name"), max_length=200)
    planned_on = models.DateField(_("planned for"))
    # The partnership questionnaire's wave: its phone form and scores are the surveys app's
    # (deleting the wave deletes the round with its answers).
    wave = models.OneToOneField(
        "surveys.Wave",
        on_delete=models.CASCADE,
        related_name="cbpr_round",
        verbose_name=_("questionnaire wave"),
    )
    records = models.ManyToManyField(
        "surveys.QualitativeRecord",
        blank=True,
        related_name="cbpr_rounds",
        verbose_name=_("focus groups and interviews"),
    )
    analysis = models.TextField(
        _("analysis"), blank=True, help_text=_("Written together with academia and the parties.")
    )
    analysed_with = models.ForeignKey(
        "partners.Partnership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("analysed with (academia)"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-planned_on", "-pk"]
        verbose_name = _("CBPR evaluation")
        verbose_name_plural = _("CBPR evaluations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("goals:cbpr", args=[self.program.slug, self.pk])


class CbprPartyResponse(models.Model):
    """Which party a representative's answers speak for (never who answered)."""

    round = models.ForeignKey(CbprRound, on_delete=models.CASCADE, related_name="party_responses")
    partnership = models.ForeignKey(
        "partners.Partnership", on_delete=models.PROTECT, related_name="cbpr_responses"
    )
    response = models.OneToOneField(
        "surveys.Response", on_delete=models.CASCADE, related_name="cbpr_party"
    )

    class Meta:
        verbose_name = _("party's response")
        verbose_name_plural = _("parties' responses")

    def __str__(self) -> str:
        return f"{self.round} · {self.partnership}"
