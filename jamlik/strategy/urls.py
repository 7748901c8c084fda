"""The strategy tools, under the program's strategy/ pages."""

from django.urls import path

from jamlik.strategy import views

app_name = "strategy"

urlpatterns = [
    path("", views.index, name="index"),
    # Stakeholder analyses
    path("analyses/new/", views.analysis_new, name="analysis_new"),
    path("analyses/compare/", views.compare, name="compare"),
    path("analyses/erase/", views.person_erase, name="person_erase"),
    path("analyses/<int:pk>/", views.analysis, name="analysis"),
    path("analyses/<int:pk>/chart.svg", views.analysis_chart, name="analysis_chart"),
    path("analyses/<int:pk>/stakeholders/", views.stakeholder_new, name="stakeholder_new"),
    path("stakeholders/<int:pk>/", views.stakeholder_edit, name="stakeholder_edit"),
    path("stakeholders/<int:pk>/delete/", views.stakeholder_delete, name="stakeholder_delete"),
    path("stakeholders/<int:pk>/action-item/", views.stakeholder_action, name="stakeholder_action"),
    # Policy windows
    path("windows/", views.windows, name="windows"),
    path("windows/decision-points/", views.decision_point_new, name="decision_point_new"),
    path("windows/issues/new/", views.issue_new, name="issue_new"),
    path("windows/issues/<int:pk>/", views.issue, name="issue"),
    path("windows/issues/<int:pk>/edit/", views.issue_edit, name="issue_edit"),
    # Dialogue chain
    path("dialogue/new/", views.sheet_new, name="sheet_new"),
    path("dialogue/<int:pk>/", views.sheet, name="sheet"),
    path("dialogue/<int:pk>/edit/", views.sheet_edit, name="sheet_edit"),
    path("dialogue/<int:pk>/sheet.pdf", views.sheet_pdf, name="sheet_pdf"),
    # Socio-economic estimate
    path("estimate/", views.estimate, name="estimate"),
    path("estimate/approve/", views.model_approve, name="model_approve"),
]
