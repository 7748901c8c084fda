from django.urls import path

from jamlik.activities import views

app_name = "activities"

urlpatterns = [
    # Activities
    path("activities/", views.activity_list, name="list"),
    path("activities/new/", views.activity_new, name="new"),
    path("activities/<slug:key>/", views.attendance, name="attendance"),
    # Participants
    path("participants/<str:code>/", views.participant_detail, name="participant"),
]
