from django import forms
from django.utils.translation import gettext_lazy as _

from jamlik.programs.cycle import deciding_decisions
from jamlik.programs.models import Program


class DecisionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        text = obj.text if len(obj.text) <= 60 else obj.text[:59] + "…"
        return f"{obj.meeting.body.name} {obj.meeting.date:%Y-%m-%d} §{obj.number}: {text}"


class PhaseChangeForm(forms.Form):
    phase = forms.ChoiceField(label=_("New step"), choices=Program.Phase.choices)
    started_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    decision = DecisionChoice(
        label=_("Decision"),
        queryset=None,
        required=False,
        empty_label=_("Choose the decision of the hub or the steering group"),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = deciding_decisions(program)


class TickForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    document_url = forms.URLField(
        label=_("Link to the document"), required=False, assume_scheme="https"
    )
