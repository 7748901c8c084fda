from django.contrib import admin

from jamlik.needs.models import ActionPlanRow, DotVote, Need, NeedsInventory, NeedStatement, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "program"]
    list_filter = ["program"]


class StatementInline(admin.TabularInline):
    model = NeedStatement
    fields = ["text", "language", "text_sv", "phase", "source", "theme", "need"]
    extra = 0


class ActionPlanInline(admin.TabularInline):
    model = ActionPlanRow
    extra = 0


@admin.register(NeedsInventory)
class NeedsInventoryAdmin(admin.ModelAdmin):
    list_display = ["date", "title", "kind", "method", "program"]
    list_filter = ["program", "kind", "method"]
    inlines = [StatementInline, ActionPlanInline]


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["title", "priority", "theme", "program"]
    list_filter = ["program"]
    filter_horizontal = ["inventories"]


@admin.register(DotVote)
class DotVoteAdmin(admin.ModelAdmin):
    """Votes are run from the needs pages; ballots are never edited by hand."""

    list_display = ["title", "inventory", "status", "dots"]
    list_filter = ["status"]
    fields = ["title", "inventory", "dots", "phase", "status", "opened_at", "closed_at"]
    readonly_fields = ["inventory", "status", "opened_at", "closed_at"]

    def has_add_permission(self, request):
        return False
