from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jamlik.people.access import ProgramAccess, participants_for, waves_for
from jamlik.surveys.catalog import LANGUAGE_NAMES, all_instruments
from jamlik.surveys.models import EthicsApproval, QualitativeRecord, Wave

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def instrument_choices() -> list[tuple[str, str]]:
    language = get_language() or "en"
    choices = []
    for ref, instrument in sorted(all_instruments().items()):
        label = f"{instrument.title_in(language)} ({ref})"
        if not instrument.available_languages():
            label += " – " + str(_("texts must be added by a licensee"))
        elif not instrument.validated:
            label += " – " + str(_("not validated"))
        choices.append((ref, label))
    return choices


class WaveForm(forms.ModelForm):
    instruments = forms.MultipleChoiceField(
        label=_("Instruments"), widget=forms.CheckboxSelectMultiple, choices=instrument_choices
    )

    class Meta:
        model = Wave
        fields = [
            "key",
            "name",
            "kind",
            "workshop",
            "baseline",
            "instruments",
            "opens_on",
            "closes_on",
        ]
        widgets = {"opens_on": DATE, "closes_on": DATE}

    def __init__(self, *args, access: ProgramAccess, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        self.fields["workshop"].queryset = access.workshops().order_by("name")
        self.fields["baseline"].queryset = waves_for(access).order_by("-opens_on")

    def clean_key(self):
        key = self.cleaned_data["key"]
        if Wave.objects.filter(program=self.access.program, key=key).exists():
            raise forms.ValidationError(_("Another wave already has this key."))
        return key

    def clean_instruments(self):
        refs = self.cleaned_data["instruments"]
        missing = [ref for ref in refs if not all_instruments()[ref].available_languages()]
        if missing:
            raise forms.ValidationError(
                _("%(refs)s cannot be filled in until a licensee adds the texts."),
                params={"refs": ", ".join(missing)},
            )
        return refs

    def clean(self):
        cleaned = super().clean()
        baseline = cleaned.get("baseline")
        if cleaned.get("kind") == Wave.Kind.FOLLOW_UP and baseline is None:
            self.add_error("baseline", _("A follow-up is compared with a baseline wave."))
        return cleaned


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"))

    def __init__(self, *args, languages: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(c, LANGUAGE_NAMES.get(c, c)) for c in languages]


class ConsentForm(LanguageForm):
    consent = forms.BooleanField(
        label=_("I agree that my answers are used for research and evaluation of the program."),
        required=True,
        error_messages={"required": _("Without consent nothing is saved.")},
    )


class AssistForm(ConsentForm):
    participant_code = forms.CharField(
        label=_("Participant code"),
        required=False,
        help_text=_("Leave empty for an anonymous response."),
    )

    def __init__(self, *args, access: ProgramAccess, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access

    def clean_participant_code(self):
        code = self.cleaned_data["participant_code"].strip().upper()
        if not code:
            return None
        participant = participants_for(self.access).filter(code=code).first()
        if participant is None:
            raise forms.ValidationError(_("No participant of yours has this code."))
        return participant


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Export from ODK Central or KoboToolbox (CSV or XLSX)"),
        help_text=_(
            "ODK Central's CSV, or Kobo's export with XML names or with labels, in any of "
            "the form's languages. Rows whose submission id is already imported are left as "
            "they are."
        ),
    )


class QualitativeRecordForm(forms.ModelForm):
    class Meta:
        model = QualitativeRecord
        fields = [
            "kind",
            "date",
            "workshop",
            "wave",
            "participants_count",
            "guide",
            "themes",
            "notes",
        ]
        widgets = {
            "date": DATE,
            "guide": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, access: ProgramAccess, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].queryset = access.workshops().order_by("name")
        self.fields["wave"].queryset = waves_for(access).order_by("-opens_on")


class EthicsApprovalForm(forms.ModelForm):
    """An ethics approval as the program leader registers it.

    Only the program's researchers can be named and only its waves covered; the study key
    is set once, since the study's pseudonyms are keyed to the approval.
    """

    class Meta:
        model = EthicsApproval
        fields = [
            "title",
            "study",
            "reference_number",
            "authority",
            "valid_from",
            "valid_until",
            "scope",
            "waves",
            "researchers",
        ]
        widgets = {
            "valid_from": DATE,
            "valid_until": DATE,
            "scope": forms.Textarea(attrs={"rows": 3}),
            "waves": forms.CheckboxSelectMultiple,
            "researchers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, access: ProgramAccess, **kwargs):
        super().__init__(*args, **kwargs)
        program = access.program
        self.instance.program = program
        self.fields["waves"].queryset = program.waves.order_by("-opens_on")
        self.fields["researchers"].queryset = (
            get_user_model()
            .objects.filter(program_roles__program=program, program_roles__role="researcher")
            .distinct()
            .order_by("username")
        )
        if self.instance.pk:
            self.fields["study"].disabled = True

    def clean_study(self):
        study = self.cleaned_data["study"]
        taken = EthicsApproval.objects.filter(program=self.instance.program, study=study)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another approval of the program has this study key."))
        return study

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The approval cannot end before it starts."))
        return cleaned
