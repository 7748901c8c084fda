from django import forms
from django.contrib import admin

from jamlik.reports.admin import FiguresChangedAdmin
from jamlik.workshops.models import NO_NEED_MESSAGE, Workshop


class WorkshopAdminForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["program", "key", "name", "theme", "status", "health_promoters", "needs"]

    def clean(self):
        cleaned = super().clean()
        # Needs come first: the same rule as Workshop.activate(), checked against the
        # needs chosen in this form (they are saved after the workshop itself).
        becomes_active = cleaned.get("status") == Workshop.Status.ACTIVE and (
            self.instance.pk is None
            or "status" in self.changed_data
            or "needs" in self.changed_data
        )
        if becomes_active and "needs" in cleaned and not cleaned["needs"]:
            self.add_error("needs", NO_NEED_MESSAGE)
        return cleaned


@admin.register(Workshop)
class WorkshopAdmin(FiguresChangedAdmin):  # a workshop's key names its figures
    form = WorkshopAdminForm
    list_display = ["name", "key", "program", "status"]
    list_filter = ["program", "status"]
    filter_horizontal = ["health_promoters", "needs"]
