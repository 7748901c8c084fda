from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jamlik.communication.models import (
    LANGUAGE_NAMES,
    PUBLIC_LANGUAGES,
    CommunicationAction,
    CommunicationPlan,
    MediaMention,
    PlanEntry,
    PublicListing,
)
from jamlik.communication.services import LISTING_FIELDS
from jamlik.partners.models import Partner


class ListingForm(forms.ModelForm):
    class Meta:
        model = PublicListing
        fields = LISTING_FIELDS
        widgets = {
            "title_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
            "description_sv": forms.Textarea(attrs={"rows": 3, "lang": "sv"}),
            "description_en": forms.Textarea(attrs={"rows": 3, "lang": "en"}),
            "description_ar": forms.Textarea(attrs={"rows": 3, "dir": "rtl", "lang": "ar"}),
        }


class PlanForm(forms.ModelForm):
    class Meta:
        model = CommunicationPlan
        fields = ["year", "goals"]
        widgets = {"goals": forms.Textarea(attrs={"rows": 3})}


class EntryForm(forms.ModelForm):
    class Meta:
        model = PlanEntry
        fields = ["audience", "channel", "message", "responsible", "when"]
        widgets = {"message": forms.Textarea(attrs={"rows": 2})}


def _url_field(model) -> forms.URLField:
    field = model._meta.get_field("url")
    return forms.URLField(label=field.verbose_name, required=False, assume_scheme="https")


class ActionForm(forms.ModelForm):
    url = _url_field(CommunicationAction)

    class Meta:
        model = CommunicationAction
        fields = ["date", "channel", "description", "entry", "reach", "url"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, plan: CommunicationPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = plan.entries.all()


class MentionForm(forms.ModelForm):
    url = _url_field(MediaMention)

    class Meta:
        model = MediaMention
        fields = ["date", "kind", "outlet", "title", "url", "file", "reported_by"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reported_by"].queryset = Partner.objects.filter(
            partnerships__program=program
        ).distinct()


class PosterForm(forms.Form):
    SIZES = (("A4", "A4"), ("A3", "A3"))
    SPANS = (("week", _("A week")), ("month", _("A month")))

    size = forms.ChoiceField(label=_("Paper size"), choices=SIZES, initial="A4")
    span = forms.ChoiceField(label=_("Period"), choices=SPANS, initial="week")
    start = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=[(code, LANGUAGE_NAMES[code]) for code in PUBLIC_LANGUAGES],
        initial=["sv"],
        widget=forms.CheckboxSelectMultiple,
    )

    def period(self):
        start = self.cleaned_data.get("start") or timezone.localdate()
        if self.cleaned_data["span"] == "week":
            start -= timedelta(days=start.weekday())
            return start, start + timedelta(days=6)
        first = start.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return first, following - timedelta(days=1)
