from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from jamlik.finance.formatting import AmountError, parse_amount
from jamlik.finance.models import Agreement, Contribution, CostCategory, FundingLine, PeriodClose
from jamlik.governance.models import Decision
from jamlik.governance.reports import steering_decisions
from jamlik.lib.periods import Period, PeriodError
from jamlik.partners.models import Partner
from jamlik.programs.models import Program

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AmountField(forms.CharField):
    """Kronor as people type them ("1 200,50", "1200.50"), cleaned to a Decimal."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_amount(value)
        except AmountError:
            raise forms.ValidationError(
                _("Write an amount in kronor, e.g. 1 200 or 1 200,50."), code="amount"
            ) from None


class PeriodField(forms.Field):
    """A period label (2024H1, 2024, 2024-01-01..2024-03-31), cleaned to a Period."""

    widget = forms.TextInput(attrs={"placeholder": "2024H1", "autocomplete": "off"})

    def to_python(self, value):
        value = (value or "").strip()
        if value in self.empty_values:
            return None
        try:
            return Period.parse(value[:40])
        except PeriodError:
            raise forms.ValidationError(
                _("Write a period such as 2024H1, 2024 or 2024-01-01..2024-03-31."),
                code="period",
            ) from None


def _lines(program: Program):
    return FundingLine.objects.filter(agreement__program=program).select_related("agreement")


class _Form(forms.Form):
    def __init__(self, *args, program: Program, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.program = program
        if "line" in self.fields:
            self.fields["line"].queryset = _lines(program)
        if "workshop" in self.fields:
            self.fields["workshop"].queryset = program.workshops.order_by("name")


class ExpenseForm(_Form):
    line = forms.ModelChoiceField(label=_("Funding line"), queryset=FundingLine.objects.none())
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET, initial=timezone.localdate)
    amount = AmountField(label=_("Amount (kr)"))
    voucher = forms.CharField(
        label=_("Voucher reference"),
        max_length=60,
        help_text=_("As in the bookkeeping; a voucher is booked once."),
    )
    workshop = forms.ModelChoiceField(
        label=_("Workshop"),
        queryset=None,
        required=False,
        empty_label=_("None: program-wide"),
    )
    cost_category = forms.ChoiceField(
        label=_("Cost category"),
        choices=[("", _("As the funding line")), *CostCategory.choices],
        required=False,
    )
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    override_reason = forms.CharField(
        label=_("Reason for exceeding the cap"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only needed when the expense takes the line beyond its cap; it is logged."),
    )


class BudgetForm(_Form):
    line = forms.ModelChoiceField(label=_("Funding line"), queryset=FundingLine.objects.none())
    period = PeriodField(label=_("Period"))
    workshop = forms.ModelChoiceField(
        label=_("Workshop"),
        queryset=None,
        required=False,
        empty_label=_("None: the line's program-wide part"),
    )
    amount = AmountField(label=_("Amount (kr)"))


class ContributionForm(_Form):
    agreement = forms.ModelChoiceField(label=_("Agreement"), queryset=Agreement.objects.none())
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.none())
    period = PeriodField(label=_("Period"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Contribution.Kind.choices)
    description = forms.CharField(label=_("Description"), max_length=300)
    amount = AmountField(
        label=_("Value (kr)"), required=False, help_text=_("For money and other resources.")
    )
    hours = forms.DecimalField(label=_("Hours"), required=False, min_value=0, decimal_places=1)
    hourly_value = AmountField(label=_("Hourly value (kr)"), required=False)

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, program=program, **kwargs)
        self.fields["agreement"].queryset = program.agreements.all()
        self.fields["partner"].queryset = Partner.objects.filter(
            partnerships__program=program
        ).distinct()


class SteeringDecisionField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Decision) -> str:
        return f"{obj.meeting.date:%Y-%m-%d} § {obj.number} – {Truncator(obj.text).chars(80)}"


class CloseForm(forms.Form):
    agreement = forms.ModelChoiceField(label=_("Agreement"), queryset=Agreement.objects.none())
    handling = forms.ChoiceField(
        label=_("Surplus"),
        choices=[
            (PeriodClose.Handling.REPAY, PeriodClose.Handling.REPAY.label),
            (PeriodClose.Handling.CARRY_OVER, PeriodClose.Handling.CARRY_OVER.label),
            (PeriodClose.Handling.NONE, PeriodClose.Handling.NONE.label),
        ],
        widget=forms.RadioSelect,
    )
    carried = AmountField(
        label=_("Amount carried over (kr)"),
        required=False,
        help_text=_("As the decision says; empty: the whole surplus."),
    )
    carried_to = PeriodField(
        label=_("Carried to period"), required=False, help_text=_("Empty: the next half-year.")
    )
    decision = SteeringDecisionField(
        label=_("Steering-group decision"),
        queryset=Decision.objects.none(),
        required=False,
        empty_label=_("None (a decision taken elsewhere)"),
    )
    decision_reference = forms.CharField(
        label=_("Decision"),
        max_length=200,
        required=False,
        help_text=_("Who decided and its reference, e.g. “Steering group 2024-03-12 § 4”."),
    )
    decision_date = forms.DateField(label=_("Decision date"), required=False, widget=DATE_WIDGET)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, program: Program, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = program.agreements.all()
        self.fields["decision"].queryset = steering_decisions(program)


class ImportForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV or XLSX export of the bookkeeping, or an SIE 4 file (.se, .si)."),
    )


class MappingForm(forms.Form):
    """One choice per account: a funding line, or “not charged to an agreement”."""

    IGNORE = "-"

    def __init__(self, *args, program: Program, accounts: dict[str, str], **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.lines = {str(line.pk): line for line in _lines(program)}
        choices = [
            ("", _("Choose…")),
            (self.IGNORE, _("Not charged to an agreement")),
            *((pk, line.name) for pk, line in self.lines.items()),
        ]
        self.accounts = accounts
        for account, name in accounts.items():
            self.fields[f"account_{account}"] = forms.ChoiceField(
                label=f"{account} {name}".strip(), choices=choices
            )
            self.fields[f"name_{account}"] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=name
            )

    def mapping(self) -> tuple[dict[str, FundingLine | None], dict[str, str]]:
        mapping, names = {}, {}
        for account in self.accounts:
            choice = self.cleaned_data[f"account_{account}"]
            mapping[account] = None if choice == self.IGNORE else self.lines[choice]
            names[account] = self.cleaned_data.get(f"name_{account}", "")
        return mapping, names


# The leader's pages for agreements, their funding lines and funded FTE ------------------


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "name",
            "key",
            "case_number",
            "start",
            "end",
            "payer",
            "payment_recipient",
            "parties",
            "conditions",
        ]
        widgets = {
            "start": DATE_WIDGET,
            "end": DATE_WIDGET,
            "parties": forms.CheckboxSelectMultiple,
            "conditions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.program = program
        partners = Partner.objects.filter(partnerships__program=program).distinct().order_by("name")
        for name in ("payer", "payment_recipient", "parties"):
            self.fields[name].queryset = partners
        if self.instance.pk:
            # Links, imports and period closes refer to the key: it is set once.
            self.fields["key"].disabled = True

    def clean_key(self):
        key = self.cleaned_data["key"]
        if key == "new":
            raise forms.ValidationError(_("This key is reserved; choose another."))
        taken = Agreement.objects.filter(program=self.instance.program, key=key)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another agreement of the program has this key."))
        return key

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The last day must come after the first day."))
        return cleaned


class FundingLineForm(forms.ModelForm):
    cap = AmountField(label=_("cap (SEK)"))

    class Meta:
        model = FundingLine
        fields = ["position", "key", "name", "cost_category", "cap", "fte_cap_percent"]
        widgets = {"position": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"})}

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("fte_cap_percent") is not None
            and cleaned.get("cost_category") != CostCategory.SALARIES
        ):
            self.add_error("fte_cap_percent", _("Only a salaries line has an FTE cap."))
        cap = cleaned.get("cap")
        if cap is not None and cap < 0:
            self.add_error("cap", _("A cap cannot be negative."))
        return cleaned


class _LineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        keys = [
            form.cleaned_data.get("key")
            for form in self.forms
            if form.has_changed() and not self._should_delete_form(form) and form.cleaned_data
        ]
        duplicated = sorted({k for k in keys if k and keys.count(k) > 1})
        if duplicated:
            raise forms.ValidationError(
                _("Two funding lines have the key %(key)s.") % {"key": duplicated[0]}
            )


FundingLineFormSet = forms.inlineformset_factory(
    Agreement,
    FundingLine,
    form=FundingLineForm,
    formset=_LineFormSet,
    extra=2,
    can_delete=True,
)


class FteAllocationForm(forms.Form):
    line = forms.ModelChoiceField(queryset=FundingLine.objects.none(), label=_("Funding line"))
    promoter = forms.ModelChoiceField(queryset=None, label=_("Health promoter"))
    percent = forms.DecimalField(
        label=_("FTE %"), min_value=Decimal("0.1"), max_value=100, decimal_places=1
    )
    start = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    end = forms.DateField(label=_("Until"), widget=DATE_WIDGET, required=False)

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = agreement.lines.filter(
            cost_category=CostCategory.SALARIES, fte_cap_percent__isnull=False
        )
        self.fields["promoter"].queryset = agreement.program.health_promoters.order_by("name")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The last day cannot come before the first day."))
        return cleaned
