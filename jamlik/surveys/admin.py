from django.contrib import admin

from jamlik.surveys.models import EthicsApproval, QualitativeRecord, Wave


@admin.register(Wave)
class WaveAdmin(admin.ModelAdmin):
    list_display = ["name", "program", "kind", "opens_on", "closes_on"]
    list_filter = ["program", "kind"]


@admin.register(EthicsApproval)
class EthicsApprovalAdmin(admin.ModelAdmin):
    list_display = ["study", "program", "reference_number", "valid_from", "valid_until"]
    list_filter = ["program"]
    filter_horizontal = ["waves", "researchers"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.registered_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(QualitativeRecord)
class QualitativeRecordAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "program", "participants_count"]
    list_filter = ["program", "kind"]
