from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from jamlik.programs.cycle import phase_of
from jamlik.programs.models import Program


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "area", "current_phase"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description=_("step of the cycle"))
    def current_phase(self, program: Program) -> str:
        phase = phase_of(program)
        return Program.Phase(phase).label if phase else "–"
