from django import forms
from django.utils.translation import gettext_lazy as _

from jamlik.governance.models import Body, Meeting
from jamlik.partners.models import Commitment, Partnership, Sector
from jamlik.partners.validators import normalise_org_number
from jamlik.programs.models import Program

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _hub_meetings(program: Program):
    return Meeting.objects.filter(body__program=program, body__kind=Body.Kind.HUB).order_by("-date")


class OrgNumberField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        return normalise_org_number(value) if value else ""


class PartnershipFields(forms.Form):
    role = forms.ChoiceField(label=_("Role in the program"), choices=Partnership.Role.choices)
    joined_on = forms.DateField(label=_("Joined"), widget=DATE, required=False)
    discussed_in = forms.ModelChoiceField(
        label=_("Hub meeting where joining was discussed"),
        queryset=Meeting.objects.none(),
        required=False,
    )

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["discussed_in"].queryset = _hub_meetings(program)
        self.fields["discussed_in"].label_from_instance = lambda m: f"{m.date:%Y-%m-%d}"

    def clean(self):
        data = super().clean()
        joined, left = data.get("joined_on"), data.get("left_on")
        if joined and left and left < joined:
            self.add_error("left_on", _("A partner cannot leave before joining."))
        return data


class NewPartnershipForm(PartnershipFields):
    name = forms.CharField(label=_("Organisation"), max_length=200)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    org_number = OrgNumberField(label=_("Organisation number"), max_length=20, required=False)

    field_order = ["name", "sector", "org_number", "role", "joined_on", "discussed_in"]


class PartnershipForm(PartnershipFields):
    org_number = OrgNumberField(label=_("Organisation number"), max_length=20, required=False)
    left_on = forms.DateField(label=_("Left"), widget=DATE, required=False)
    letter_signed_on = forms.DateField(
        label=_("Letter of intent signed"), widget=DATE, required=False
    )
    letter_file = forms.FileField(
        label=_("Letter of intent (PDF or scan)"),
        required=False,
        validators=Partnership._meta.get_field("letter_file").validators,
    )

    field_order = [
        "role",
        "org_number",
        "joined_on",
        "left_on",
        "discussed_in",
        "letter_signed_on",
        "letter_file",
    ]


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = [
            "kind",
            "description",
            "amount_sek",
            "fte_percent",
            "hours",
            "starts_on",
            "ends_on",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE}
