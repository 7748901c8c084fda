from django.urls import include, path

from jamlik.partners import views as partner_views
from jamlik.programs import views, views_cycle, views_data

app_name = "programs"

urlpatterns = [
    # Program
    path("", views.dashboard, name="dashboard"),
    path("partners/", partner_views.register, name="partners"),
    path("partners/", include("jamlik.partners.urls")),
    path("promoters/", views.promoters, name="promoters"),
    path("data/", views_data.data, name="import"),
    path("data/export.zip", views_data.export_zip, name="export"),
    # The model's cycle and fidelity
    path("model/", views_cycle.model, name="model"),
    path("model/step/", views_cycle.phase_change, name="phase_change"),
    path("model/checklist/<slug:item>/", views_cycle.checklist_tick, name="checklist_tick"),
    path("fidelity/", views_cycle.fidelity, name="fidelity"),
]
