from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from jamlik.programs.cycle import phase_of
from jamlik.programs.models import PhaseStep, Program


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "area", "current_phase"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description=_("step of the cycle"))
    def current_phase(self, program: Program) -> str:
        phase = phase_of(program)
        return Program.Phase(phase).label if phase else "–"


@admin.register(PhaseStep)
class PhaseStepAdmin(admin.ModelAdmin):
    """Read only: a step changes by a decision, on the program's Modellen page."""

    list_display = ["program", "phase", "round", "started_on", "ended_on", "decision"]
    list_filter = ["program"]
    list_select_related = ["program", "decision__meeting__body"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
