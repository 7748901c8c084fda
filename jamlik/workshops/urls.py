from django.urls import path

from jamlik.workshops import views

app_name = "workshops"

urlpatterns = [
    # Workshops
    path("", views.workshop_list, name="list"),
    path("new/", views.workshop_new, name="new"),
    path("<slug:key>/", views.workshop_detail, name="detail"),
    path("<slug:key>/edit/", views.workshop_edit, name="edit"),
]
