from django.contrib import admin

from jamlik.partners.models import Commitment, Partner, Partnership


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "sector", "org_number"]
    list_filter = ["sector"]
    search_fields = ["name", "org_number"]


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["partner", "program", "role", "joined_on", "left_on", "letter_signed_on"]
    list_filter = ["program", "role"]
    autocomplete_fields = ["partner"]
    raw_id_fields = ["discussed_in"]
    inlines = [CommitmentInline]
