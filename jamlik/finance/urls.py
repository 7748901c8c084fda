from django.urls import path

from jamlik.finance import views

app_name = "finance"

urlpatterns = [
    # Overview
    path("", views.index, name="index"),
    path("agreements/new/", views.agreement_new, name="agreement_new"),
    path("agreements/<slug:key>/", views.agreement_detail, name="agreement"),
    path("agreements/<slug:key>/edit/", views.agreement_edit, name="agreement_edit"),
    path("agreements/<slug:key>/fte/", views.fte_new, name="fte_new"),
    path("workshops/", views.workshops, name="workshops"),
    # Budget vs outcome
    path("periods/<str:period>/", views.period_detail, name="period"),
    path("periods/<str:period>/close/", views.period_close, name="close"),
    path("budgets/", views.budget_set, name="budget_set"),
    # Expenses
    path("expenses/", views.expense_list, name="expenses"),
    path("expenses/new/", views.expense_new, name="expense_new"),
    # Contributions
    path("contributions/", views.contribution_list, name="contributions"),
    path("contributions/new/", views.contribution_new, name="contribution_new"),
    # Import
    path("import/", views.import_page, name="import"),
    path("import/upload/", views.import_upload, name="import_upload"),
    path("import/accounts/", views.account_map, name="account_map"),
]
