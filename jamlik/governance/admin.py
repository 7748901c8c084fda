from django.contrib import admin

from jamlik.governance.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Body,
    Decision,
    Meeting,
    Membership,
    Vote,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["partner", "health_promoter", "user"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "program", "kind", "cadence"]
    list_filter = ["program", "kind"]
    inlines = [MembershipInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    raw_id_fields = ["proposed_by", "follow_up_of"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["membership"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["body", "date", "status", "chair", "agenda_sent_at", "minutes_approved_at"]
    list_filter = ["body__program", "body__kind", "status"]
    date_hierarchy = "date"
    raw_id_fields = ["chair", "minutes_approved_in"]
    inlines = [AgendaItemInline, AttendanceInline]

    def save_model(self, request, obj, form, change):
        # A change of time, place or status is a new revision for calendar programs.
        if change and {"date", "starts_at", "ends_at", "location", "status"} & set(
            form.changed_data
        ):
            obj.revision += 1
        super().save_model(request, obj, form, change)


class VoteInline(admin.TabularInline):
    model = Vote
    extra = 0
    raw_id_fields = ["membership"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "method", "category", "initiated_by", "anchored_by"]
    list_filter = ["meeting__body__program", "category", "method", "initiated_by"]
    raw_id_fields = ["meeting", "agenda_item", "anchored_by"]
    inlines = [VoteInline]


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ["text", "meeting", "owner", "due_on", "status"]
    list_filter = ["meeting__body__program", "status"]
    raw_id_fields = ["meeting", "decision", "owner", "closed_in"]
