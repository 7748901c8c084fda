from django.urls import path

from jamlik.governance import views

app_name = "governance"

urlpatterns = [
    # Governance
    path("", views.index, name="index"),
    path("bodies/new/", views.body_new, name="body_new"),
    path("power-shift/", views.power_shift, name="power_shift"),
    path("power-shift.svg", views.power_shift_chart, name="power_shift_chart"),
    path("feed/<str:token>.ics", views.feed_by_token, name="feed_token"),
    # Bodies
    path("<slug:body>/", views.body_detail, name="body"),
    path("<slug:body>/settings/", views.body_settings, name="body_settings"),
    path("<slug:body>/members/", views.member_new, name="member_new"),
    path("<slug:body>/members/<int:pk>/end/", views.member_end, name="member_end"),
    path("<slug:body>/meetings/", views.meeting_new, name="meeting_new"),
    path("<slug:body>/meetings.ics", views.feed, name="feed"),
    # Meetings
    path("<slug:body>/<slug:key>/", views.meeting_detail, name="meeting"),
    path("<slug:body>/<slug:key>/details/", views.meeting_update, name="meeting_update"),
    path("<slug:body>/<slug:key>/agenda/", views.agenda_item_new, name="agenda_item_new"),
    path("<slug:body>/<slug:key>/agenda/send/", views.agenda_send, name="agenda_send"),
    path("<slug:body>/<slug:key>/agenda/<int:pk>/", views.agenda_item_edit, name="agenda_item"),
    path(
        "<slug:body>/<slug:key>/agenda/<int:pk>/delete/",
        views.agenda_item_delete,
        name="agenda_item_delete",
    ),
    path("<slug:body>/<slug:key>/attendance/", views.attendance, name="attendance"),
    path("<slug:body>/<slug:key>/decisions/", views.decision_new, name="decision_new"),
    path("<slug:body>/<slug:key>/decisions/<int:number>/votes/", views.votes, name="votes"),
    path("<slug:body>/<slug:key>/decisions/<int:number>/anchor/", views.anchor, name="anchor"),
    path("<slug:body>/<slug:key>/minutes/", views.minutes, name="minutes"),
    path("<slug:body>/<slug:key>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("<slug:body>/<slug:key>/approve/", views.approve_previous, name="approve_previous"),
    path("<slug:body>/<slug:key>/actions/", views.action_new, name="action_new"),
    path("<slug:body>/<slug:key>/actions/<int:pk>/", views.action_status, name="action_status"),
]
