from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jamlik.activities.models import Gender
from jamlik.finance.models import CostCategory, FundingLine
from jamlik.governance.models import Body, Decision
from jamlik.lib.uploads import UploadValidator
from jamlik.partners.models import Commitment, Partner
from jamlik.people.models import CERTIFICATE_KINDS, AgeBand, Candidate, Training
from jamlik.workshops.models import Workshop

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _partners(program):
    return Partner.objects.filter(partnerships__program=program).order_by("name")


class CandidateForm(forms.Form):
    name = forms.CharField(label=_("First name or alias"), max_length=100)
    source = forms.ChoiceField(label=_("Came from"), choices=Candidate.Source.choices)
    source_workshop = forms.ModelChoiceField(
        queryset=Workshop.objects.none(), label=_("Workshop"), required=False
    )
    languages = forms.CharField(label=_("Languages spoken"), max_length=200, required=False)
    would_lead = forms.CharField(label=_("Would lead"), max_length=200, required=False)

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_workshop"].queryset = Workshop.objects.filter(program=program)


class StepForm(forms.Form):
    """What the next step needs: the hub's decision, or the employer's commitment."""

    decision = forms.ModelChoiceField(
        queryset=Decision.objects.none(), label=_("Hub decision"), required=False
    )
    commitment = forms.ModelChoiceField(
        queryset=Commitment.objects.none(), label=_("Employer's commitment"), required=False
    )

    def __init__(self, *args, program, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = Decision.objects.filter(
            meeting__body__program=program, meeting__body__kind=Body.Kind.HUB
        ).select_related("meeting")
        self.fields["decision"].label_from_instance = lambda d: (
            f"{d.meeting.date:%Y-%m-%d} §{d.number} {d.text[:60]}"
        )
        self.fields["commitment"].queryset = Commitment.objects.filter(
            partnership__program=program, kind=Commitment.Kind.EMPLOYS_PROMOTER
        ).select_related("partnership__partner")
        self.fields["commitment"].label_from_instance = lambda c: (
            f"{c.partnership.partner.name} {c.fte_percent or ''} % {c.description}".strip()
        )
        if choices is not None:  # the choices of the first form: one query per page, not row
            self.fields["decision"].choices, self.fields["commitment"].choices = choices

    def choice_lists(self) -> tuple[list, list]:
        return list(self.fields["decision"].choices), list(self.fields["commitment"].choices)


class PromoterForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    employer = forms.ModelChoiceField(
        queryset=Partner.objects.none(), label=_("Employer"), required=False
    )
    fte_percent = forms.DecimalField(
        label=_("FTE %"), min_value=Decimal("0.1"), max_value=100, decimal_places=1
    )
    started_on = forms.DateField(label=_("Employed from"), widget=DATE)
    ended_on = forms.DateField(label=_("Employed until"), widget=DATE, required=False)
    workshops = forms.ModelMultipleChoiceField(
        queryset=Workshop.objects.none(),
        label=_("Workshops"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.CharField(label=_("Languages spoken"), max_length=200, required=False)
    age_band = forms.ChoiceField(
        label=_("Age band"), choices=[("", "–"), *AgeBand.choices], required=False
    )
    gender = forms.ChoiceField(
        label=_("Gender"), choices=[("", "–"), *Gender.choices], required=False
    )

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = _partners(program)
        self.fields["workshops"].queryset = Workshop.objects.filter(program=program)


class EndForm(forms.Form):
    ended_on = forms.DateField(label=_("Last day of employment"), widget=DATE)


class FteForm(forms.Form):
    """Funded FTE for one promoter; the service checks both caps."""

    line = forms.ModelChoiceField(queryset=FundingLine.objects.none(), label=_("Funding line"))
    percent = forms.DecimalField(
        label=_("FTE %"), min_value=Decimal("0.1"), max_value=100, decimal_places=1
    )
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("Until"), widget=DATE, required=False)

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = FundingLine.objects.filter(
            agreement__program=program,
            cost_category=CostCategory.SALARIES,
            fte_cap_percent__isnull=False,
        ).select_related("agreement")
        self.fields["line"].label_from_instance = lambda line: (
            f"{line.agreement.name}: {line.name} ({line.fte_cap_percent:g} %)"
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The last day cannot come before the first day."))
        return cleaned


class PlanForm(forms.Form):
    goals = forms.CharField(
        label=_("Goals"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    led_by = forms.ModelChoiceField(
        queryset=Partner.objects.none(), label=_("Led by partner"), required=False
    )
    follow_up_on = forms.DateField(label=_("Next follow-up"), widget=DATE, required=False)

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["led_by"].queryset = _partners(program)


class PlanTrainingForm(forms.Form):
    training = forms.ModelChoiceField(queryset=Training.objects.none(), label=_("Training"))
    by = forms.DateField(label=_("Planned by"), widget=DATE, required=False)

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["training"].queryset = Training.objects.filter(program=program)


class FollowUpForm(forms.Form):
    held_on = forms.DateField(label=_("Held"), widget=DATE)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    next_on = forms.DateField(label=_("Next follow-up"), widget=DATE, required=False)


class TrainingRecordForm(forms.Form):
    training = forms.ModelChoiceField(queryset=Training.objects.none(), label=_("Training"))
    completed_on = forms.DateField(label=pgettext_lazy("training", "Completed"), widget=DATE)
    certificate = forms.FileField(
        label=_("Certificate (PDF or image)"),
        required=False,
        validators=[UploadValidator(kinds=CERTIFICATE_KINDS)],
    )

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["training"].queryset = Training.objects.filter(program=program)


class TrainingForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    provider = forms.ModelChoiceField(
        queryset=Partner.objects.none(), label=_("Given by"), required=False
    )
    description = forms.CharField(label=_("Description"), max_length=300, required=False)

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = _partners(program)
