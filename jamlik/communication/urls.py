"""Communication inside the program, under p/<slug>/communication/."""

from django.urls import path

from jamlik.communication import views

app_name = "communication"

urlpatterns = [
    path("", views.index, name="index"),
    # The communication plan and what was done against it
    path("plans/", views.plan_new, name="plan_new"),
    path("plans/<int:year>/", views.plan, name="plan"),
    path("plans/<int:year>/entries/", views.entry_new, name="entry_new"),
    path("plans/<int:year>/actions/", views.action_new, name="action_new"),
    # The media log
    path("media/", views.media, name="media"),
    path("media/new/", views.media_new, name="media_new"),
    path("media/<int:pk>/file/", views.media_file, name="media_file"),
    # Posters of the public calendar
    path("poster/", views.poster, name="poster"),
    path("poster.pdf", views.poster_pdf, name="poster_pdf"),
    # An activity's public listing; a workshop's outreach list
    path("activities/<slug:key>/public/", views.listing, name="listing"),
    path("workshops/<slug:key>/outreach/", views.outreach, name="outreach"),
]
