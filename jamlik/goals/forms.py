from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jamlik.goals import indicators
from jamlik.goals.evaluation import finished_half_years
from jamlik.goals.models import CbprRound, Goal, GoalCategory, HalfYearEvaluation, Indicator
from jamlik.governance.models import Body, Decision, Meeting
from jamlik.lib.periods import Period
from jamlik.partners.models import Partnership, Sector


def _decision_label(decision: Decision) -> str:
    meeting = decision.meeting
    return f"{meeting.date:%Y-%m-%d} {meeting.body.name} §{decision.number}: {decision.text[:80]}"


class CategoryForm(forms.ModelForm):
    class Meta:
        model = GoalCategory
        fields = ["kind", "name", "position"]

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.program = program


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["term", "text", "workshop", "category", "anchored_by"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.program = program
        self.fields["workshop"].queryset = program.workshops.order_by("name")
        self.fields["category"].queryset = GoalCategory.objects.filter(program=program)
        self.fields["anchored_by"].queryset = (
            Decision.objects.filter(
                meeting__body__program=program,
                meeting__body__kind__in=[Body.Kind.STEERING, Body.Kind.STRATEGIC],
            )
            .select_related("meeting__body")
            .order_by("-meeting__date", "number")
        )
        self.fields["anchored_by"].label_from_instance = _decision_label
        self.fields["anchored_by"].help_text = _(
            "The steering-group decision that anchors the goal; until one is chosen the goal "
            "shows as not anchored."
        )


class IndicatorForm(forms.ModelForm):
    source = forms.ChoiceField(label=_("Computed from"), required=False)

    class Meta:
        model = Indicator
        fields = [
            "name",
            "kind",
            "source",
            "source_note",
            "unit",
            "direction",
            "baseline",
            "target",
            "min_value",
            "max_value",
        ]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.goal = goal
        self.fields["source"].choices = [("", "—"), *indicators.source_choices()]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Indicator.Kind.COMPUTED and not cleaned.get("source"):
            self.add_error("source", _("Choose what the indicator is computed from."))
        return cleaned


def half_year_choices(today, back: int = 6) -> list[tuple[str, str]]:
    current = Period.half_year_of(today)
    periods = [current]
    while len(periods) < back:
        periods.append(periods[-1].previous())
    return [(p.label, p.label) for p in periods]


class ValueForm(forms.Form):
    period_label = forms.ChoiceField(label=_("Half-year"))
    value = forms.DecimalField(
        label=_("Value"),
        max_digits=14,
        decimal_places=2,
        required=False,
        help_text=_("Leave empty to remove the half-year's value."),
    )
    source = forms.CharField(label=_("Source"), max_length=200, required=False)

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period_label"].choices = half_year_choices(today or timezone.localdate())


class NewEvaluationForm(forms.Form):
    period_label = forms.ChoiceField(label=_("Half-year"))

    def __init__(self, *args, program, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        today = today or timezone.localdate()
        periods = finished_half_years(program, today)[-4:] + [Period.half_year_of(today)]
        taken = set(
            HalfYearEvaluation.objects.filter(program=program).values_list(
                "period_label", flat=True
            )
        )
        self.fields["period_label"].choices = [
            (p.label, p.label) for p in reversed(periods) if p.label not in taken
        ]


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = HalfYearEvaluation
        fields = ["works", "does_not_work", "changes", "decisions"]
        widgets = {
            "works": forms.Textarea(attrs={"rows": 4}),
            "does_not_work": forms.Textarea(attrs={"rows": 4}),
            "changes": forms.Textarea(attrs={"rows": 4}),
            "decisions": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        evaluation = self.instance
        self.fields["decisions"].queryset = (
            Decision.objects.filter(
                meeting__body__program=evaluation.program,
                meeting__date__gte=evaluation.period.start,
            )
            .select_related("meeting__body")
            .order_by("-meeting__date", "number")
        )
        self.fields["decisions"].label_from_instance = _decision_label


class ApproveEvaluationForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Hub meeting"), queryset=Meeting.objects.none())

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(body__program=program, body__kind=Body.Kind.HUB)
            .exclude(status=Meeting.Status.CANCELLED)
            .select_related("body")
            .order_by("-date")
        )
        self.fields["meeting"].label_from_instance = lambda m: f"{m.date:%Y-%m-%d} {m.body.name}"


class CbprRoundForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    planned_on = forms.DateField(
        label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    closes_on = forms.DateField(
        label=_("Closes on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class CbprEditForm(forms.ModelForm):
    class Meta:
        model = CbprRound
        fields = ["analysis", "analysed_with", "records"]
        widgets = {
            "analysis": forms.Textarea(attrs={"rows": 6}),
            "records": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        program = self.instance.program
        self.fields["analysed_with"].queryset = Partnership.objects.filter(
            program=program, partner__sector=Sector.ACADEMIA
        ).select_related("partner")
        self.fields["analysed_with"].label_from_instance = lambda p: p.partner.name
        self.fields["records"].queryset = program.qualitative_records.order_by("-date")
        self.fields["records"].label_from_instance = lambda r: (
            f"{r.date:%Y-%m-%d} {r.get_kind_display()} ({r.participants_count})"
        )
