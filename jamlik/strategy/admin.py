from django.contrib import admin

from jamlik.strategy.models import (
    DecisionPoint,
    DialogueSheet,
    EstimateApproval,
    PolicyIssue,
    StakeholderAnalysis,
)


@admin.register(StakeholderAnalysis)
class StakeholderAnalysisAdmin(admin.ModelAdmin):
    list_display = ["program", "made_on", "note"]
    list_filter = ["program"]


@admin.register(DecisionPoint)
class DecisionPointAdmin(admin.ModelAdmin):
    list_display = ["program", "date", "title", "kind", "level"]
    list_filter = ["program", "kind"]


@admin.register(PolicyIssue)
class PolicyIssueAdmin(admin.ModelAdmin):
    list_display = ["program", "title", "problem_present", "politics_present", "policy_present"]
    list_filter = ["program"]


@admin.register(DialogueSheet)
class DialogueSheetAdmin(admin.ModelAdmin):
    list_display = ["program", "meeting_on", "counterpart"]
    list_filter = ["program"]


@admin.register(EstimateApproval)
class EstimateApprovalAdmin(admin.ModelAdmin):
    list_display = ["program", "model_ref", "approved_on", "decision_reference"]
    list_filter = ["program"]
