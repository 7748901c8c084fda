from django.contrib import admin

from jamlik.partners.models import Partner, Partnership


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "sector"]
    list_filter = ["sector"]
    search_fields = ["name"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["partner", "program", "role", "joined_on", "left_on"]
    list_filter = ["program", "role"]
    autocomplete_fields = ["partner"]
