from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from jamlik.people.models import ProgramRole
from jamlik.programs.models import Program


class PeriodForm(forms.Form):
    period = forms.CharField(label=_("Period"), max_length=30, required=False)


class ProgramForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    slug = forms.SlugField(label=_("short name"), max_length=60)
    area = forms.CharField(label=_("housing area"), max_length=200, required=False)

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Program.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("A program with this short name already exists."))
        return slug


class RoleForm(forms.Form):
    program = forms.ChoiceField(label=_("program"))
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("role"), choices=ProgramRole.Role.choices)

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].choices = [(p.slug, p.name) for p in programs]

    def clean_username(self):
        username = self.cleaned_data["username"]
        if not get_user_model().objects.filter(username=username, is_active=True).exists():
            raise forms.ValidationError(_("No active user has this username."))
        return username
