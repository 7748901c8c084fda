from django import forms
from django.utils.translation import gettext_lazy as _

from jamlik.needs.models import Need
from jamlik.partners.models import Partner
from jamlik.strategy.models import (
    DecisionPoint,
    DialogueSheet,
    PolicyIssue,
    Stakeholder,
    StakeholderAnalysis,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
QUESTIONS = (
    # The dialogue chain's four questions (seed 002, case 2), in the sheet's language.
    _("What is your main task and goal?"),
    _("Does the public health situation matter for it?"),
    _("In what way?"),
    _("Can we and you influence the public health situation? If so, how?"),
)


class AnalysisChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.made_on:%Y-%m-%d} {obj.note}".strip()


class AnalysisForm(forms.Form):
    made_on = forms.DateField(label=_("Date"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    repeat_of = AnalysisChoiceField(
        label=_("Start from the analysis of"),
        queryset=StakeholderAnalysis.objects.none(),
        required=False,
        empty_label=_("– an empty analysis –"),
    )

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["repeat_of"].queryset = StakeholderAnalysis.objects.filter(program=program)


class StakeholderForm(forms.ModelForm):
    class Meta:
        model = Stakeholder
        fields = [
            "name",
            "kind",
            "partner",
            "inside_partnership",
            "influence",
            "necessary",
            "action_what",
            "action_who",
            "action_when",
        ]
        widgets = {"action_when": DATE}

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        # The program's partnership register, not every program's partners.
        self.fields["partner"].queryset = (
            Partner.objects.filter(partnerships__program=program).distinct().order_by("name")
        )
        self.fields["name"].required = False

    def clean(self):
        data = super().clean()
        if not (data.get("name") or "").strip():
            if data.get("partner"):
                data["name"] = data["partner"].name
            else:
                self.add_error("name", _("Write a name or pick a partner."))
        return data


class StakeholderEditForm(StakeholderForm):
    """The same without the partner list, so a page of many forms runs no query per form."""

    class Meta(StakeholderForm.Meta):
        fields = [f for f in StakeholderForm.Meta.fields if f != "partner"]

    def __init__(self, *args, **kwargs):
        forms.ModelForm.__init__(self, *args, **kwargs)
        self.fields["name"].required = False


class EraseForm(forms.Form):
    name = forms.CharField(label=_("The person's name"), max_length=200)


class CompareForm(forms.Form):
    older = AnalysisChoiceField(
        label=_("Earlier analysis"), queryset=StakeholderAnalysis.objects.none()
    )
    newer = AnalysisChoiceField(
        label=_("Later analysis"), queryset=StakeholderAnalysis.objects.none()
    )

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        analyses = StakeholderAnalysis.objects.filter(program=program)
        self.fields["older"].queryset = analyses
        self.fields["newer"].queryset = analyses
        if not self.is_bound:
            latest = list(analyses.order_by("-made_on", "-pk").values_list("pk", flat=True)[:2])
            if len(latest) == 2:
                self.initial = {"newer": latest[0], "older": latest[1], **self.initial}


class DecisionPointForm(forms.ModelForm):
    class Meta:
        model = DecisionPoint
        fields = ["date", "title", "kind", "level"]
        widgets = {"date": DATE}


class PolicyIssueForm(forms.ModelForm):
    class Meta:
        model = PolicyIssue
        fields = [
            "title",
            "problem_present",
            "problem_note",
            "needs",
            "politics_present",
            "politics_note",
            "policy_present",
            "policy_note",
            "decision_points",
        ]
        widgets = {
            "problem_note": forms.Textarea(attrs={"rows": 3}),
            "politics_note": forms.Textarea(attrs={"rows": 3}),
            "policy_note": forms.Textarea(attrs={"rows": 3}),
            "needs": forms.CheckboxSelectMultiple,
            "decision_points": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "problem_note": _(
                "Is the problem recognised? Link the figures, needs and evaluation results "
                "that show it."
            ),
            "politics_note": _("The political goal the issue connects to."),
            "policy_note": _("A concrete proposal."),
        }

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = Need.objects.filter(program=program)
        self.fields["decision_points"].queryset = DecisionPoint.objects.filter(program=program)


class DialogueSheetForm(forms.ModelForm):
    class Meta:
        model = DialogueSheet
        fields = [
            "counterpart",
            "counterpart_kind",
            "meeting_on",
            "their_goals",
            "their_activities",
            "health_link",
            "figures_period",
            "needs",
        ]
        widgets = {
            "meeting_on": DATE,
            "their_goals": forms.Textarea(attrs={"rows": 3}),
            "their_activities": forms.Textarea(attrs={"rows": 3}),
            "health_link": forms.Textarea(attrs={"rows": 3}),
            "needs": forms.CheckboxSelectMultiple,
        }
        help_texts = {"figures_period": _("A half-year (2024H1) or a year (2024).")}

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = Need.objects.filter(program=program)

    def clean_figures_period(self):
        from jamlik.lib.periods import Period, PeriodError

        text = self.cleaned_data["figures_period"].strip()
        if text:
            try:
                if not Period.parse(text).is_whole:
                    raise PeriodError(text)
            except PeriodError:
                raise forms.ValidationError(_("A half-year (2024H1) or a year (2024).")) from None
        return text


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = DialogueSheet
        fields = ["answer_1", "answer_2", "answer_3", "answer_4", "outcome"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for index, question in enumerate(QUESTIONS, start=1):
            self.fields[f"answer_{index}"].label = question


class ApproveForm(forms.Form):
    model = forms.CharField(max_length=100)
    decision_reference = forms.CharField(
        label=_("Decision reference"), max_length=100, required=False
    )
