from django.contrib import admin

from jamlik.reports.models import ReportingRule, ResearchOutput


@admin.register(ReportingRule)
class ReportingRuleAdmin(admin.ModelAdmin):
    list_display = ["program", "scope", "due_month", "due_day", "due_next_year", "recipient"]
    list_filter = ["program"]


@admin.register(ResearchOutput)
class ResearchOutputAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "year", "program", "status"]
    list_filter = ["program", "kind", "status"]
    search_fields = ["title", "authors", "venue"]
