from django.urls import path

from jamlik.programs import views

app_name = "programs"

urlpatterns = [
    # Program
    path("", views.dashboard, name="dashboard"),
    path("partners/", views.partners, name="partners"),
    path("promoters/", views.promoters, name="promoters"),
]
