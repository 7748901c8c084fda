from django.contrib import admin

from jamlik.organisations.models import Organisation, OrganisationRole


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(OrganisationRole)
class OrganisationRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["organisation", "role"]
    autocomplete_fields = ["user"]
