"""Agreements and their funding lines are registered here; money moves through the
finance pages and services (caps, vouchers and audit), so those models are read-only."""

from django.contrib import admin

from jamlik.finance.models import (
    Agreement,
    Budget,
    Contribution,
    Expense,
    FteAllocation,
    FundingLine,
    PeriodClose,
)


class FundingLineInline(admin.TabularInline):
    model = FundingLine
    extra = 4
    fields = ["position", "key", "name", "cost_category", "cap", "fte_cap_percent"]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["name", "case_number", "program", "start", "end"]
    list_filter = ["program"]
    filter_horizontal = ["parties"]
    inlines = [FundingLineInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Expense)
class ExpenseAdmin(ReadOnlyAdmin):
    list_display = ["date", "voucher", "line", "amount", "workshop"]
    list_filter = ["program", "line"]
    search_fields = ["voucher", "description"]


@admin.register(Budget)
class BudgetAdmin(ReadOnlyAdmin):
    list_display = ["period", "line", "workshop", "amount", "carried_from"]
    list_filter = ["line__agreement", "period"]


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyAdmin):
    list_display = ["period", "partner", "kind", "description"]


@admin.register(FteAllocation)
class FteAllocationAdmin(ReadOnlyAdmin):
    list_display = ["line", "promoter", "percent", "start", "end"]


@admin.register(PeriodClose)
class PeriodCloseAdmin(ReadOnlyAdmin):
    list_display = ["agreement", "period", "budget", "outcome", "handling", "carried", "repaid"]
