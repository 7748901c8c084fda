from django.urls import path

from jamlik.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.index, name="index"),
    # Waves
    path("waves/new/", views.wave_new, name="wave_new"),
    path("waves/<slug:key>/", views.wave_detail, name="wave"),
    path("waves/<slug:key>/qr.svg", views.wave_qr, name="wave_qr"),
    path("waves/<slug:key>/assist/", views.assist, name="assist"),
    path("waves/<slug:key>/xlsform.xlsx", views.wave_xlsform, name="xlsform"),
    path("waves/<slug:key>/import/", views.wave_import, name="import"),
    path("waves/<slug:key>/charts/<str:ref>/<slug:scale>.svg", views.wave_chart, name="chart"),
    # The respondent's form (public: a signed link, then the response's unguessable id)
    path("f/<str:token>/", views.start, name="start"),
    path("r/<uuid:response_uuid>/", views.fill, name="fill"),
    path("r/<uuid:response_uuid>/done/", views.done, name="done"),
    # Ethics approvals, registered by the program leader
    path("ethics/", views.ethics_list, name="ethics"),
    path("ethics/new/", views.ethics_new, name="ethics_new"),
    path("ethics/<slug:study>/", views.ethics_edit, name="ethics_edit"),
    # Research exports
    path("exports/<slug:study>/", views.research_export, name="export"),
    # Focus groups and interviews
    path("records/new/", views.record_new, name="record_new"),
]
