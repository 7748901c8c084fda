from django import forms
from django.contrib import admin

from jamlik.programs.models import Program
from jamlik.reports.figures import figures_changed
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
class WorkshopAdmin(admin.ModelAdmin):
    form = WorkshopAdminForm
    list_display = ["name", "key", "program", "status"]
    list_filter = ["program", "status"]
    filter_horizontal = ["health_promoters", "needs"]

    # A workshop's key names its figures (by_workshop).
    def save_model(self, request, obj, form, change):
        before = Workshop.objects.filter(pk=obj.pk).values_list("program", flat=True).first()
        super().save_model(request, obj, form, change)
        for program_id in {before, obj.program_id} - {None}:
            figures_changed(program=Program(pk=program_id))

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        figures_changed(program=Program(pk=obj.program_id))

    def delete_queryset(self, request, queryset):
        program_ids = set(queryset.values_list("program", flat=True))
        super().delete_queryset(request, queryset)
        for program_id in program_ids:
            figures_changed(program=Program(pk=program_id))
