from django.contrib import admin

from jamlik.workshops.models import Workshop


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "program", "status"]
    list_filter = ["program", "status"]
    filter_horizontal = ["health_promoters"]
