"""Activities are editable in the admin; participants are not.

DESIGN.md: the admin role sees no participant data by default, so participants,
attendance and individual support are managed only through the program's pages.
"""

from django.contrib import admin

from jamlik.activities.models import Activity
from jamlik.reports.admin import FiguresChangedAdmin


@admin.register(Activity)
class ActivityAdmin(FiguresChangedAdmin):
    list_display = ["date", "title", "workshop", "kind", "large_event", "status", "program"]
    list_filter = ["program", "status", "kind", "large_event"]
    search_fields = ["title", "key"]
    date_hierarchy = "date"
    filter_horizontal = ["partners"]
    exclude = ["created_by"]
