from django.contrib import admin

from jamlik.programs.models import Program


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "area", "phase"]
    prepopulated_fields = {"slug": ["name"]}
