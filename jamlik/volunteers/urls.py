from django.urls import path

from jamlik.volunteers import views

app_name = "volunteers"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("hours/", views.hours, name="hours"),
    path("ambassador/", views.ambassador, name="ambassador"),
]
