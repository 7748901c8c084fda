import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jamlik.activities.models import (
    Activity,
    Category,
    Gender,
    IndividualSupport,
    Participant,
)
from jamlik.partners.models import Partner
from jamlik.people.access import ProgramAccess
from jamlik.programs.models import Program

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ActivityForm(forms.ModelForm):
    """A new activity. The key is generated when the form is first shown and travels as a
    hidden field, so sending the same form twice finds the activity made the first time."""

    LARGE_EVENT_CHOICES = [
        ("auto", _("Decided by the kind")),
        ("yes", _("Yes")),
        ("no", _("No")),
    ]
    large_event = forms.ChoiceField(
        label=_("Larger event"),
        choices=LARGE_EVENT_CHOICES,
        initial="auto",
        help_text=_("Area days, dialogue forums and courtyard parties count as larger events."),
    )

    class Meta:
        model = Activity
        fields = [
            "key",
            "workshop",
            "date",
            "start_time",
            "duration_minutes",
            "kind",
            "large_event",
            "title",
            "place",
            "premises",
            "languages",
            "partners",
            "status",
        ]
        widgets = {
            "key": forms.HiddenInput,
            "date": DATE_WIDGET,
            "start_time": TIME_WIDGET,
            "duration_minutes": forms.NumberInput(attrs={"min": 0, "step": 15}),
            "partners": forms.CheckboxSelectMultiple,
            "status": forms.RadioSelect,
        }

    def __init__(self, *args, access: ProgramAccess, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        workshop = self.fields["workshop"]
        workshop.queryset = access.workshops().order_by("name")
        workshop.required = not access.is_leader
        workshop.empty_label = _("None: program-wide") if access.is_leader else None
        workshop.help_text = ""
        self.fields["partners"].queryset = Partner.objects.filter(
            partnerships__program=access.program
        ).distinct()
        self.fields["date"].initial = timezone.localdate
        self.fields["place"].queryset = access.program.premises.filter(in_use=True)
        self.fields["place"].label = _("Place from the register")
        self.fields["premises"].help_text = _("Or write a one-off place.")
        # Planned unless held (only up to today) or cancelled is chosen.
        self.fields["status"].choices = [
            (Activity.Status.PLANNED, Activity.Status.PLANNED.label),
            (Activity.Status.HELD, Activity.Status.HELD.label),
            (Activity.Status.CANCELLED, Activity.Status.CANCELLED.label),
        ]
        self.fields["status"].initial = Activity.Status.PLANNED
        self.fields["kind"].choices = [("", _("Choose…")), *Activity.Kind.choices]
        self.fields["key"].help_text = ""
        self.fields["duration_minutes"].label = _("Duration (min)")
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Leave empty to use the kind as the title.")

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind", "")
        if not cleaned.get("title") and kind:
            cleaned["title"] = str(Activity.Kind(kind).label)
        choice = cleaned.get("large_event")
        if choice == "auto":
            cleaned["large_event"] = Activity.is_large_event_kind(kind)
        else:
            cleaned["large_event"] = choice == "yes"
        return cleaned  # Activity.clean refuses held after today


class ParticipantForm(forms.ModelForm):
    """A participant registered at an activity; the code is generated and hidden."""

    class Meta:
        model = Participant
        fields = ["code", "category", "gender", "birth_year"]
        widgets = {
            "code": forms.HiddenInput,
            "category": forms.RadioSelect,
            "gender": forms.RadioSelect,
            "birth_year": forms.NumberInput(
                attrs={"inputmode": "numeric", "placeholder": _("e.g. 1985")}
            ),
        }

    def __init__(self, *args, program: Program, clash: bool = False, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.program = program
        # True when the code sent was taken by someone else meanwhile: a new one is shown.
        self.clash = clash
        self.fields["category"].choices = Category.choices
        self.fields["gender"].choices = Gender.choices
        self.fields["gender"].required = False
        self.fields["gender"].initial = Gender.UNKNOWN
        self.fields["birth_year"].widget.attrs.update(min=1900, max=timezone.localdate().year)

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        prefix, _sep, rest = code.rpartition("-")
        if prefix != self.program.code_prefix or not 4 <= len(rest) <= 8:
            raise forms.ValidationError(_("This form is out of date; reload the page."))
        return code

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        if year is not None and not 1900 <= year <= timezone.localdate().year:
            raise forms.ValidationError(
                _("“%(value)s” is not a plausible birth year: use a year from %(min)s to %(max)s"),
                params={"value": year, "min": 1900, "max": timezone.localdate().year},
            )
        return year

    def clean_gender(self):
        return self.cleaned_data.get("gender") or Gender.UNKNOWN


class AttendanceForm(forms.Form):
    code = forms.CharField(max_length=20)
    present = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")
    q = forms.CharField(required=False, max_length=40)


class HeadcountForm(forms.Form):
    category = forms.ChoiceField(choices=Category.choices)
    gender = forms.ChoiceField(choices=Gender.choices, required=False)
    count = forms.IntegerField(
        min_value=0,
        max_value=100_000,
        error_messages={
            "min_value": _("Not saved: the number cannot be below 0."),
            "max_value": _("Not saved: the number cannot be above 100 000."),
            "invalid": _("Not saved: write a whole number."),
            "required": _("Not saved: write a number, 0 if nobody came."),
        },
    )

    def clean_gender(self):
        return self.cleaned_data.get("gender") or Gender.UNKNOWN


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Activity.Status.choices)

    def __init__(self, *args, activity: Activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity

    def clean_status(self) -> str:
        status = self.cleaned_data["status"]
        today = timezone.localdate()
        if status == Activity.Status.HELD and not Activity.may_be_held_on(
            self.activity.date, today=today
        ):
            raise forms.ValidationError(Activity.held_in_future_message())
        return status


class SupportForm(forms.ModelForm):
    entry_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = IndividualSupport
        fields = ["date", "kind", "minutes", "workshop"]
        widgets = {
            "date": DATE_WIDGET,
            "minutes": forms.NumberInput(attrs={"min": 0, "step": 5, "inputmode": "numeric"}),
        }

    def __init__(self, *args, access: ProgramAccess, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        workshop = self.fields["workshop"]
        workshop.queryset = access.workshops().order_by("name")
        workshop.required = not access.is_leader
        workshop.empty_label = _("None: program-wide") if access.is_leader else None
        self.fields["date"].initial = timezone.localdate
        self.fields["entry_token"].initial = uuid.uuid4
