from django.urls import include, path

from jamlik.partners import views as partner_views
from jamlik.programs import views, views_data

app_name = "programs"

urlpatterns = [
    # Program
    path("", views.dashboard, name="dashboard"),
    path("partners/", partner_views.register, name="partners"),
    path("partners/", include("jamlik.partners.urls")),
    path("promoters/", views.promoters, name="promoters"),
    path("data/", views_data.data, name="import"),
    path("data/export.zip", views_data.export_zip, name="export"),
]
