from django.urls import path

from jamlik.activities import views

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
]
