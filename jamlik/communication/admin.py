from django.contrib import admin

from jamlik.communication.models import (
    CommunicationAction,
    CommunicationPlan,
    MediaMention,
    PlanEntry,
    PublicListing,
)


@admin.register(PublicListing)
class PublicListingAdmin(admin.ModelAdmin):
    list_display = ["activity", "published", "audience", "sign_up"]
    list_filter = ["published"]
    raw_id_fields = ["activity"]


class PlanEntryInline(admin.TabularInline):
    model = PlanEntry
    extra = 0


@admin.register(CommunicationPlan)
class CommunicationPlanAdmin(admin.ModelAdmin):
    list_display = ["program", "year"]
    inlines = [PlanEntryInline]


@admin.register(CommunicationAction)
class CommunicationActionAdmin(admin.ModelAdmin):
    list_display = ["plan", "date", "channel", "description"]


@admin.register(MediaMention)
class MediaMentionAdmin(admin.ModelAdmin):
    list_display = ["program", "date", "kind", "outlet", "title"]
