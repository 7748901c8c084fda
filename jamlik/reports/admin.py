from django.contrib import admin

from jamlik.programs.models import Program
from jamlik.reports.figures import figures_changed
from jamlik.reports.models import ReportingRule, ResearchOutput


class FiguresChangedAdmin(admin.ModelAdmin):
    """For models whose rows count in a program's figures (activities, workshops' keys):
    the admin writes past the services, so it says itself that the figures changed, for
    the program a row leaves as well as the one it is in."""

    def save_model(self, request, obj, form, change):
        before = type(obj).objects.filter(pk=obj.pk).values_list("program", flat=True).first()
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


@admin.register(ReportingRule)
class ReportingRuleAdmin(admin.ModelAdmin):
    list_display = ["program", "scope", "due_month", "due_day", "due_next_year", "recipient"]
    list_filter = ["program"]


@admin.register(ResearchOutput)
class ResearchOutputAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "year", "program", "status"]
    list_filter = ["program", "kind", "status"]
    search_fields = ["title", "authors", "venue"]
