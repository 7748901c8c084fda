from django import forms
from django.utils.dates import MONTHS
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _

from jamlik.governance.models import Decision
from jamlik.governance.reports import steering_decisions
from jamlik.lib.periods import Period, PeriodError
from jamlik.programs.models import Program
from jamlik.reports.models import Audience, BoardHandling, ReportingRule, ResearchOutput


class NewDraftForm(forms.Form):
    period = forms.CharField(
        label=_("Period"),
        max_length=30,
        help_text=_("A half-year (2024H1) or a year (2024)."),
    )
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)

    def __init__(self, *args, audiences: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = [c for c in Audience.choices if c[0] in audiences]

    def clean_period(self) -> Period:
        try:
            return Period.parse(self.cleaned_data["period"])
        except PeriodError as exc:
            raise forms.ValidationError(str(exc)) from None


class DownloadForm(forms.Form):
    """A report for a period in one step: the approved version if there is one, else the
    current draft, else the figures as they stand, marked as a draft."""

    period = forms.CharField(
        label=_("Period"),
        max_length=30,
        help_text=_("A half-year (2024H1) or a year (2024)."),
    )
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("pdf", "PDF"), ("docx", "Word"), ("xlsx", "Excel")],
        initial="pdf",
    )

    def __init__(self, *args, audiences: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = [c for c in Audience.choices if c[0] in audiences]

    def clean_period(self) -> Period:
        try:
            period = Period.parse(self.cleaned_data["period"].strip().upper())
        except PeriodError as exc:
            raise forms.ValidationError(str(exc)) from None
        if ".." in period.label:
            raise forms.ValidationError(_("Choose a half-year (2024H1) or a year (2024)."))
        return period


class NarrativeForm(forms.Form):
    text = forms.CharField(label=_("Text"), required=False, max_length=50_000, strip=False)


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Decision) -> str:
        return f"{obj.meeting.date:%Y-%m-%d} § {obj.number} – {Truncator(obj.text).chars(80)}"


def _decision_field(*, required: bool) -> DecisionChoiceField:
    return DecisionChoiceField(
        label=_("Steering-group decision"),
        queryset=Decision.objects.none(),
        required=required,
        empty_label=_("Choose…") if required else _("Not linked to a decision yet"),
    )


class ApproveForm(forms.Form):
    decision = _decision_field(required=False)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=300,
        help_text=_("For example a decision recorded elsewhere: 'Styrgruppen 2026-01-20 § 4'."),
    )

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = steering_decisions(program)


class LinkDecisionForm(forms.Form):
    decision = _decision_field(required=True)

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = steering_decisions(program)


class SendForm(forms.Form):
    sent_to = forms.CharField(
        label=_("Sent to"),
        max_length=300,
        help_text=_("For example: the city office or the municipal board."),
    )


class HttpsURLField(forms.URLField):
    """A link typed without a scheme ("doi.org/…") is taken to be https."""

    def __init__(self, **kwargs):
        super().__init__(assume_scheme="https", **kwargs)


class ResearchOutputForm(forms.ModelForm):
    class Meta:
        model = ResearchOutput
        fields = ["kind", "status", "title", "authors", "year", "venue", "url"]
        field_classes = {"url": HttpsURLField}
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            # A text box, not type=url: phones then accept "doi.org/…" without a scheme.
            "url": forms.TextInput(attrs={"inputmode": "url", "spellcheck": "false"}),
        }


MONTH_CHOICES = [(number, capfirst(name)) for number, name in MONTHS.items()]


class ReportingRuleForm(forms.ModelForm):
    due_month = forms.TypedChoiceField(
        label=_("Month"),
        choices=MONTH_CHOICES,
        coerce=int,
        error_messages={"invalid_choice": _("Choose a month from January to December.")},
    )

    class Meta:
        model = ReportingRule
        fields = [
            "scope",
            "due_day",
            "due_month",
            "due_next_year",
            "recipient",
            "first_year",
            "last_year",
        ]
        widgets = {
            "due_day": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "first_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "last_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }
        # The day and the month are shown under the legend "Due by" (rule_form.html).
        labels = {"due_day": _("Day"), "first_year": _("First year"), "last_year": _("Last year")}
        help_texts = {"last_year": _("Leave empty while the agreement runs on.")}

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's clean() looks for overlapping rules of this program.
        self.instance.program = program
        self.fields["due_day"].widget.attrs.update(min=1, max=31)


class BoardHandlingForm(forms.Form):
    handled_on = forms.DateField(
        label=_("Handled by the board on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=BoardHandling.Outcome.choices)
    reference = forms.CharField(
        label=_("Reference"),
        max_length=200,
        required=False,
        help_text=_("For example the board's case number or minutes paragraph."),
    )
