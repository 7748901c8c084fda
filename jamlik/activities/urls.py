from django.urls import path

from jamlik.activities import views, views_rights

app_name = "activities"

urlpatterns = [
    # Activities
    path("activities/", views.activity_list, name="list"),
    path("activities/new/", views.activity_new, name="new"),
    path("activities/<slug:key>/", views.attendance, name="attendance"),
    path("activities/<slug:key>/search/", views.participant_search, name="search"),
    path("activities/<slug:key>/attendance/", views.mark, name="mark"),
    path("activities/<slug:key>/participants/", views.participant_new, name="participant_new"),
    path("activities/<slug:key>/headcounts/", views.headcount, name="headcount"),
    path("activities/<slug:key>/status/", views.status, name="status"),
    # Participants
    path("participants/<str:code>/", views.participant_detail, name="participant"),
    path("participants/<str:code>/support/", views.support_new, name="support_new"),
    # The data subject's rights (the leader's)
    path("privacy/", views_rights.lookup, name="rights_lookup"),
    path("participants/<str:code>/rights/", views_rights.rights, name="rights"),
    path(
        "participants/<str:code>/extract.<str:fmt>",
        views_rights.extract_download,
        name="extract",
    ),
    path(
        "participants/<str:code>/withdraw-consent/",
        views_rights.withdraw_consent,
        name="withdraw_consent",
    ),
    path("participants/<str:code>/erase/", views_rights.erase, name="erase"),
]
