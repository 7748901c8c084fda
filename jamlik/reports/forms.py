from django import forms
from django.utils.translation import gettext_lazy as _

from jamlik.lib.periods import Period, PeriodError
from jamlik.reports.models import Audience


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


class NarrativeForm(forms.Form):
    text = forms.CharField(label=_("Text"), required=False, max_length=50_000, strip=False)


class ApproveForm(forms.Form):
    note = forms.CharField(
        label=_("Decision"),
        required=False,
        max_length=300,
        help_text=_("For example the steering group's minutes: 'Styrgruppen 2026-01-20 § 4'."),
    )


class SendForm(forms.Form):
    sent_to = forms.CharField(
        label=_("Sent to"), max_length=300, help_text=_("For example: Stadskontoret, Malmö stad.")
    )
