from django.contrib import admin

from jamlik.people.models import AuditEvent, HealthPromoter, ProgramRole, Training


@admin.register(ProgramRole)
class ProgramRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "program", "role"]
    list_filter = ["program", "role"]
    autocomplete_fields = ["user"]


@admin.register(HealthPromoter)
class HealthPromoterAdmin(admin.ModelAdmin):
    list_display = ["name", "program", "employer", "fte_percent"]
    list_filter = ["program"]
    search_fields = ["name"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is evidence and must not be edited."""

    list_display = ["at", "username", "program", "action", "object_type", "object_ref"]
    list_filter = ["action", "object_type", "program"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ["name", "program", "provider"]
    list_filter = ["program"]
