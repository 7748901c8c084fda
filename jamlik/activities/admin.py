"""Activities are editable in the admin; participants are not.

DESIGN.md: the admin role sees no participant data by default, so participants,
attendance and individual support are managed only through the program's pages.
"""

from django.contrib import admin

from jamlik.activities.models import Activity
from jamlik.programs.models import Program
from jamlik.reports.figures import figures_changed


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["date", "title", "workshop", "kind", "large_event", "status", "program"]
    list_filter = ["program", "status", "kind", "large_event"]
    search_fields = ["title", "key"]
    date_hierarchy = "date"
    filter_horizontal = ["partners"]
    exclude = ["created_by"]

    # The admin writes past the services, so it says itself that figures changed: for the
    # program an activity leaves as well as the one it is in.
    def save_model(self, request, obj, form, change):
        before = Activity.objects.filter(pk=obj.pk).values_list("program", flat=True).first()
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
