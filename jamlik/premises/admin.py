from django.contrib import admin

from jamlik.premises.models import Premises


@admin.register(Premises)
class PremisesAdmin(admin.ModelAdmin):
    list_display = ["name", "program", "owner", "capacity", "in_use"]
    list_filter = ["program", "in_use"]
    search_fields = ["name", "address"]
