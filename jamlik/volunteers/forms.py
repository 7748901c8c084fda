from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from jamlik.activities.models import Activity, Category
from jamlik.volunteers.models import Volunteer
from jamlik.workshops.models import Workshop

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


class VolunteerForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Volunteer.Kind.choices)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    workshop = forms.ModelChoiceField(
        queryset=Workshop.objects.none(), label=_("Workshop"), required=False
    )
    training = forms.CharField(label=_("Training"), max_length=200, required=False)
    trained_on = forms.DateField(label=_("Trained"), widget=DATE, required=False)

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].queryset = Workshop.objects.filter(program=program)


class HoursForm(forms.Form):
    volunteer = forms.ModelChoiceField(
        queryset=Volunteer.objects.none(), label=_("Code"), to_field_name="code"
    )
    hours = forms.DecimalField(
        label=_("Hours"), min_value=Decimal("0.5"), max_digits=6, decimal_places=1
    )
    month = forms.DateField(
        label=_("Month"), widget=MONTH, input_formats=["%Y-%m", "%Y-%m-%d"], required=False
    )
    activity = forms.ModelChoiceField(
        queryset=Activity.objects.none(), label=_("Activity"), required=False
    )

    def __init__(self, *args, program, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = Volunteer.objects.filter(program=program)
        self.fields["activity"].queryset = activities


class AmbassadorForm(forms.Form):
    volunteer = forms.ModelChoiceField(
        queryset=Volunteer.objects.none(), label=_("Health coach"), to_field_name="code"
    )
    start = forms.DateField(label=_("Ambassador from"), widget=DATE, required=False)
    end = forms.DateField(label=_("Ambassador until"), widget=DATE, required=False)

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = Volunteer.objects.filter(
            program=program, kind=Volunteer.Kind.COACH
        )
