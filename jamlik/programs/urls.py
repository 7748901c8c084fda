from django.urls import path

from jamlik.programs import views, views_data

app_name = "programs"

urlpatterns = [
    # Program
    path("", views.dashboard, name="dashboard"),
    path("partners/", views.partners, name="partners"),
    path("promoters/", views.promoters, name="promoters"),
    path("data/", views_data.data, name="import"),
    path("data/export.zip", views_data.export_zip, name="export"),
]
