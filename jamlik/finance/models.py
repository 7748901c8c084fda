"""Money in a program: IOP agreements with capped funding lines, budgets, expenses,
salaried FTE per line, partners' contributions and what happens to a period's surplus.

All amounts are Decimal kronor with two decimals (öre); nothing here uses float.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jamlik.lib.periods import Period

MONEY = {"max_digits": 14, "decimal_places": 2}
KEY_HELP = _("Letters, digits, '-' and '_'.")
# Share of a cap at which the line is shown with a warning.
WARNING_SHARE = Decimal("0.90")


class CostCategory(models.TextChoices):
    """The cost categories (kostnadsslag) of the agreement and the income statement."""

    SALARIES = "salaries", _("Salaries")
    OPERATING = "operating", _("Operating costs")
    OVERHEAD = "overhead", _("Overhead")


class PeriodFields(models.Model):
    """A reporting period stored as its label (2023H2, 2024) and its inclusive dates."""

    period = models.CharField(_("period"), max_length=30)
    period_start = models.DateField(editable=False)
    period_end = models.DateField(editable=False)

    class Meta:
        abstract = True

    def set_period(self, period: Period) -> None:
        self.period, self.period_start, self.period_end = (period.label, period.start, period.end)

    def get_period(self) -> Period:
        return Period(self.period, self.period_start, self.period_end)


class Agreement(models.Model):
    """An IOP agreement (idéburet offentligt partnerskap) that funds the program."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="agreements"
    )
    key = models.SlugField(_("key"), max_length=60, help_text=KEY_HELP)
    name = models.CharField(_("name"), max_length=200)
    case_number = models.CharField(_("case number"), max_length=60, blank=True)
    parties = models.ManyToManyField(
        "partners.Partner", related_name="agreements", verbose_name=_("parties")
    )
    payer = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        related_name="agreements_paid",
        verbose_name=_("payer"),
    )
    payment_recipient = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        related_name="agreements_received",
        verbose_name=_("payment recipient"),
    )
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    conditions = models.TextField(_("conditions"), blank=True)

    class Meta:
        ordering = ["-start", "name"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "key"], name="agreement_key_unique_in_program"
            ),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="agreement_end"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("finance:agreement", args=[self.program.slug, self.key])

    def half_years(self) -> list[Period]:
        """The half-year sub-periods the agreement reports in, first to last."""
        periods = []
        period = Period.half_year_of(self.start)
        while period.start <= self.end:
            periods.append(period)
            period = period.following()
        return periods

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


class FundingLine(models.Model):
    """One line of an agreement's funding with a cap for the whole agreement period."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="lines")
    key = models.SlugField(_("key"), max_length=60, help_text=KEY_HELP)
    name = models.CharField(_("name"), max_length=200)
    cost_category = models.CharField(_("cost category"), max_length=20, choices=CostCategory)
    cap = models.DecimalField(_("cap (SEK)"), **MONEY)
    fte_cap_percent = models.DecimalField(
        _("FTE cap %"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("For salaries: the most full-time equivalents the line pays, e.g. 275."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["agreement", "position", "pk"]
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "key"], name="funding_line_key_unique_in_agreement"
            ),
            models.CheckConstraint(condition=Q(cap__gte=0), name="funding_line_cap_not_negative"),
            models.CheckConstraint(
                condition=Q(fte_cap_percent__isnull=True)
                | Q(cost_category=CostCategory.SALARIES, fte_cap_percent__gt=0),
                name="funding_line_fte_cap_only_for_salaries",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Budget(PeriodFields):
    """The budget of one funding line in one period, optionally one workshop's part of it.

    A line's budget for a period is the sum of its rows: the workshops' parts, the part
    not assigned to a workshop, and amounts carried over from an earlier period.
    """

    line = models.ForeignKey(FundingLine, on_delete=models.CASCADE, related_name="budgets")
    workshop = models.ForeignKey(
        "workshops.Workshop",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budgets",
        verbose_name=_("workshop"),
    )
    amount = models.DecimalField(_("amount (SEK)"), **MONEY)
    # Set on the rows a carry-over adds to the following period.
    carried_from = models.ForeignKey(
        "PeriodClose",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="carried_budgets",
    )

    class Meta:
        ordering = ["period_start", "line", "workshop"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        constraints = [
            models.UniqueConstraint(
                fields=["line", "period_start", "period_end"],
                condition=Q(workshop__isnull=True, carried_from__isnull=True),
                name="one_line_budget_per_period",
            ),
            models.UniqueConstraint(
                fields=["line", "period_start", "period_end", "workshop"],
                condition=Q(workshop__isnull=False, carried_from__isnull=True),
                name="one_workshop_budget_per_line_and_period",
            ),
            models.UniqueConstraint(
                fields=["line", "carried_from"],
                condition=Q(carried_from__isnull=False),
                name="one_carried_budget_per_line_and_close",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="budget_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line} {self.period}"


class Expense(models.Model):
    """One booked cost, charged to exactly one funding line.

    A voucher (verifikation) is booked once in the program: the same cost cannot be
    funded twice, so a second booking of a voucher is refused whatever its line.
    """

    class Source(models.TextChoices):
        MANUAL = "manual", _("Entered by hand")
        TABLE = "table", _("Imported from CSV/XLSX")
        SIE = "sie", _("Imported from SIE")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="expenses"
    )
    line = models.ForeignKey(
        FundingLine,
        on_delete=models.PROTECT,
        related_name="expenses",
        verbose_name=_("funding line"),
    )
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount (SEK)"), **MONEY)
    cost_category = models.CharField(_("cost category"), max_length=20, choices=CostCategory)
    workshop = models.ForeignKey(
        "workshops.Workshop",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expenses",
        verbose_name=_("workshop"),
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    voucher = models.CharField(_("voucher reference"), max_length=60)
    # Why spending beyond the line's cap was allowed; empty when it was within the cap.
    over_cap_reason = models.TextField(_("reason for exceeding the cap"), blank=True)
    source = models.CharField(max_length=10, choices=Source, default=Source.MANUAL)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "voucher"], name="voucher_booked_once_in_program"
            ),
            models.CheckConstraint(condition=~Q(voucher=""), name="expense_has_voucher"),
            models.CheckConstraint(condition=~Q(amount=0), name="expense_amount_not_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.voucher} {self.amount}"


class FteAllocation(models.Model):
    """A health promoter's salary share paid by a funding line from one day on."""

    line = models.ForeignKey(
        FundingLine,
        on_delete=models.CASCADE,
        related_name="fte_allocations",
        verbose_name=_("funding line"),
    )
    promoter = models.ForeignKey(
        "people.HealthPromoter",
        on_delete=models.PROTECT,
        related_name="fte_allocations",
        verbose_name=_("health promoter"),
    )
    percent = models.DecimalField(_("FTE %"), max_digits=5, decimal_places=1)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("FTE allocation")
        verbose_name_plural = _("FTE allocations")
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gt=0, percent__lte=100), name="fte_allocation_percent"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="fte_allocation_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.promoter} {self.percent} % {self.line}"

    def active_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class Contribution(PeriodFields):
    """What a partner puts in besides the agreement's money: money, time or other resources."""

    class Kind(models.TextChoices):
        MONEY = "money", _("Money")
        HOURS = "hours", _("Working hours")
        OTHER = "other", _("Other resources")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="contributions")
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("partner"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    description = models.CharField(_("description"), max_length=300)
    # Money and other resources: their value; working hours: hours × hourly value.
    amount = models.DecimalField(_("value (SEK)"), null=True, blank=True, **MONEY)
    hours = models.DecimalField(_("hours"), max_digits=9, decimal_places=1, null=True, blank=True)
    hourly_value = models.DecimalField(
        _("hourly value (SEK)"), max_digits=9, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["period_start", "partner__name", "pk"]
        verbose_name = _("partner contribution")
        verbose_name_plural = _("partner contributions")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="hours", hours__gt=0, hourly_value__gte=0, amount__isnull=True)
                    | (~Q(kind="hours") & Q(amount__gte=0, hours__isnull=True))
                ),
                name="contribution_value_fits_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} {self.period} {self.get_kind_display()}"

    @property
    def value(self) -> Decimal:
        if self.kind == self.Kind.HOURS:
            return (self.hours * self.hourly_value).quantize(Decimal("0.01"))
        return self.amount


class PeriodClose(PeriodFields):
    """A closed period of an agreement: its budget, outcome, surplus and the surplus's fate.

    Unused funds are repaid unless a decision lets them carry over; a carry-over adds
    budget rows to the target period so that its budget includes the carried amount.
    """

    class Handling(models.TextChoices):
        REPAY = "repay", _("Repaid to the payer")
        CARRY_OVER = "carry_over", _("Carried over by decision")
        NONE = "none", _("No surplus")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="closes")
    budget = models.DecimalField(_("budget"), **MONEY)
    outcome = models.DecimalField(_("outcome"), **MONEY)
    handling = models.CharField(_("handling"), max_length=12, choices=Handling)
    carried = models.DecimalField(_("carried over"), default=Decimal(0), **MONEY)
    repaid = models.DecimalField(_("repaid"), default=Decimal(0), **MONEY)
    carried_to = models.CharField(_("carried to period"), max_length=30, blank=True)
    # The steering group's decision, or for a decision taken outside the program's bodies
    # (e.g. the municipal board's) its free-text reference, e.g. "KS-2024-17 § 4".
    decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="period_closes",
        verbose_name=_("steering-group decision"),
    )
    decision_reference = models.CharField(_("decision"), max_length=200, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["period_start"]
        verbose_name = _("period close")
        verbose_name_plural = _("period closes")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "period_start", "period_end"], name="one_close_per_period"
            ),
            models.CheckConstraint(
                condition=Q(carried__gte=0, repaid__gte=0), name="close_amounts_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(handling="carry_over", carried__gt=0) & ~Q(carried_to="")
                | Q(handling="repay", carried=0)
                | Q(handling="none", carried=0, repaid=0),
                name="close_handling_fits_amounts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} {self.period}"

    @property
    def surplus(self) -> Decimal:
        return self.budget - self.outcome


class AccountMapping(models.Model):
    """Which funding line a bookkeeping account is charged to; decided once per program.

    A mapping without a line says the account is not charged to any agreement, so its
    transactions are left out of SIE imports.
    """

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="account_mappings"
    )
    account = models.CharField(_("account"), max_length=20)
    account_name = models.CharField(_("account name"), max_length=200, blank=True)
    line = models.ForeignKey(
        FundingLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="account_mappings",
        verbose_name=_("funding line"),
    )

    class Meta:
        ordering = ["account"]
        verbose_name = _("account mapping")
        verbose_name_plural = _("account mappings")
        constraints = [
            models.UniqueConstraint(fields=["program", "account"], name="one_mapping_per_account"),
        ]

    def __str__(self) -> str:
        return f"{self.account} → {self.line or '–'}"
