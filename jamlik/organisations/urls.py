from django.urls import path

from jamlik.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.index, name="index"),
    # The city dashboard
    path("<slug:org>/", views.dashboard, name="dashboard"),
    path("<slug:org>/download.<str:fmt>", views.download, name="download"),
    path("<slug:org>/chart.svg", views.chart, name="chart"),
    # One program, as the organisation sees it
    path("<slug:org>/programs/<slug:slug>/", views.program, name="program"),
    path(
        "<slug:org>/programs/<slug:slug>/reports/<int:pk>.<str:fmt>",
        views.report_download,
        name="report_download",
    ),
    # Comparable evaluation
    path("<slug:org>/evaluation/", views.evaluation, name="evaluation"),
    # Organisation admin
    path("<slug:org>/manage/", views.manage, name="manage"),
    path("<slug:org>/manage/programs/new", views.program_new, name="program_new"),
    path("<slug:org>/manage/roles/new", views.role_new, name="role_new"),
]
