from django import forms
from django.utils.translation import gettext_lazy as _

from jamlik.workshops.models import NO_NEED_MESSAGE, Workshop


class WorkshopForm(forms.ModelForm):
    """A workshop as the program leader starts or changes it.

    The rule that an active workshop meets at least one documented need is checked here
    against the needs chosen in the same form, so both can be set in one step.
    """

    class Meta:
        model = Workshop
        fields = ["key", "name", "theme", "status", "health_promoters", "needs"]
        widgets = {
            "health_promoters": forms.CheckboxSelectMultiple,
            "needs": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.program = program
        self.fields["health_promoters"].queryset = program.health_promoters.order_by("name")
        self.fields["needs"].queryset = program.needs.order_by("title")
        self.fields["needs"].label_from_instance = lambda need: need.title
        if self.instance.pk:
            # Activities, links and exports refer to the key: it is set once.
            self.fields["key"].disabled = True
        else:
            self.fields["status"].initial = Workshop.Status.PLANNED

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Workshop.Status.ACTIVE and not cleaned.get("needs"):
            self.add_error("needs", NO_NEED_MESSAGE)
        return cleaned

    def clean_key(self):
        key = self.cleaned_data["key"]
        if key == "new":
            # /workshops/new/ is the page that starts a workshop.
            raise forms.ValidationError(_("This key is reserved; choose another."))
        others = Workshop.objects.filter(program=self.instance.program, key=key)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another workshop of the program has this key."))
        return key
