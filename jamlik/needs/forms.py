import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from jamlik.needs import determinants
from jamlik.needs.models import ActionPlanRow, DotVote, Need, NeedsInventory, NeedStatement, Theme
from jamlik.partners.models import Partner, Sector

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
UNKNOWN_THEME = _("Unknown theme: choose one of the program's themes.")
# Offered first on the capture page; any other language code may be typed.
COMMON_LANGUAGES = ["sv", "ar", "so", "en", "fa", "ti", "bs", "pl", "tr", "ku"]


def _theme_field(program, **kwargs) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=Theme.objects.filter(program=program),
        required=False,
        label=_("Theme"),
        error_messages={"invalid_choice": UNKNOWN_THEME},
        **kwargs,
    )


def _determinants_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=determinants.choices(),
        required=False,
        label=_("Determinants of health"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Unknown determinant of health: %(value)s.")},
    )


class InventoryForm(forms.ModelForm):
    class Meta:
        model = NeedsInventory
        fields = [
            "title",
            "kind",
            "method",
            "date",
            "place",
            "facilitators",
            "academic_partner",
            "participants_child_youth",
            "participants_adult",
            "participants_professional",
            "report",
        ]
        widgets = {"date": DATE_WIDGET, "report": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["academic_partner"].queryset = Partner.objects.filter(sector=Sector.ACADEMIA)


class StatementForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Statement"),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto", "autocomplete": "off"}),
        error_messages={"required": _("Write the statement before saving it.")},
    )
    language = forms.CharField(
        label=_("Language"),
        max_length=12,
        initial="sv",
        widget=forms.TextInput(attrs={"list": "languages", "size": 4, "autocapitalize": "off"}),
        help_text=_("Language code, for example sv, ar, so."),
    )
    text_sv = forms.CharField(
        label=_("Swedish translation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    phase = forms.ChoiceField(
        label=_("Phase or round"),
        required=False,
        error_messages={"invalid_choice": _("%(value)s is not a phase of this method.")},
    )
    source = forms.ChoiceField(
        label=_("Source"),
        choices=NeedStatement.Source.choices,
        initial=NeedStatement.Source.RESIDENTS,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, inventory: NeedsInventory, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("client_id", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [("", _("No phase")), *inventory.phases()]
        self.fields["phase"].widget = forms.RadioSelect(choices=self.fields["phase"].choices)
        self.fields["theme"] = _theme_field(inventory.program, widget=forms.RadioSelect)
        self.fields["theme"].empty_label = _("Sort later")
        self.fields["determinants"] = _determinants_field()

    def clean_language(self) -> str:
        code = self.cleaned_data["language"].strip().lower()
        if not code.replace("-", "").isalpha():
            raise forms.ValidationError(_("Write a language code such as sv, ar or so."))
        return code


class StatementEditForm(StatementForm):
    """A saved statement corrected afterwards: its words, translation, sorting and need."""

    need = forms.ModelChoiceField(
        queryset=Need.objects.none(), required=False, label=_("Need"), empty_label=_("Not grouped")
    )

    def __init__(self, *args, statement: NeedStatement, **kwargs):
        fields = ("text", "language", "text_sv", "phase", "source", "theme", "determinants")
        initial = {name: getattr(statement, name) for name in fields}
        initial.update(client_id=statement.client_id, need=statement.need)
        super().__init__(*args, inventory=statement.inventory, initial=initial, **kwargs)
        del self.fields["client_id"]
        self.fields["need"].queryset = statement.inventory.program.needs.order_by("title")
        self.fields["need"].label_from_instance = lambda need: need.title


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = ["title", "description", "theme", "priority"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"] = _theme_field(program)
        self.fields["determinants"] = _determinants_field()
        if self.instance.pk:
            self.initial["determinants"] = self.instance.determinants


class GroupForm(forms.Form):
    statements = forms.ModelMultipleChoiceField(
        queryset=NeedStatement.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick the statements that belong together.")},
    )
    need = forms.ModelChoiceField(queryset=Need.objects.none(), required=False, label=_("Need"))
    new_title = forms.CharField(label=_("or a new need"), max_length=200, required=False)

    def __init__(self, *args, inventory: NeedsInventory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statements"].queryset = inventory.statements.all()
        self.fields["need"].queryset = Need.objects.filter(program=inventory.program)

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("need")) == bool(cleaned.get("new_title", "").strip()):
            raise forms.ValidationError(_("Choose a need or write a new one, not both."))
        return cleaned


class WorkshopNeedsForm(forms.Form):
    needs = forms.ModelMultipleChoiceField(
        queryset=Need.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Needs this workshop addresses"),
    )

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = Need.objects.filter(program=program)


class ActionRowForm(forms.ModelForm):
    class Meta:
        model = ActionPlanRow
        fields = ["what", "when", "how", "who", "need"]
        widgets = {"how": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = Need.objects.filter(program=program)


class VoteForm(forms.ModelForm):
    class Meta:
        model = DotVote
        fields = ["title", "dots", "phase"]
        widgets = {"dots": forms.NumberInput(attrs={"min": 1, "max": 20})}

    def __init__(self, *args, inventory: NeedsInventory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [("", _("All phases")), *inventory.phases()]
        self.fields["dots"].min_value = 1
        self.fields["dots"].max_value = 20


class PaperBallotsForm(forms.Form):
    entry_id = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    sheets = forms.IntegerField(label=_("Paper ballots counted"), min_value=1, initial=1)


class ThemeForm(forms.Form):
    name = forms.CharField(label=_("New theme"), max_length=100)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
