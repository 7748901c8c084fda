from django.urls import path

from jamlik.workshops import views

app_name = "workshops"

urlpatterns = [
    # Workshops
    path("", views.workshop_list, name="list"),
    path("<slug:key>/", views.workshop_detail, name="detail"),
]
