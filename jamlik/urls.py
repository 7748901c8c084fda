from django.contrib import admin
from django.urls import include, path

from jamlik.api import api
from jamlik.ops import views as ops_views
from jamlik.programs import views as program_views

urlpatterns = [
    path("", program_views.home, name="home"),
    path("healthz", ops_views.healthz, name="healthz"),
    path("account/tokens/", include("jamlik.tokens.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/security/", include("jamlik.security.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("o/", include("jamlik.organisations.urls")),
    path("p/<slug:slug>/", include("jamlik.programs.urls")),
    path("p/<slug:slug>/workshops/", include("jamlik.workshops.urls")),
    path("p/<slug:slug>/", include("jamlik.activities.urls")),
    path("p/<slug:slug>/needs/", include("jamlik.needs.urls")),
    path("p/<slug:slug>/surveys/", include("jamlik.surveys.urls")),
    path("p/<slug:slug>/reports/", include("jamlik.reports.urls")),
    path("p/<slug:slug>/governance/", include("jamlik.governance.urls")),
    path("p/<slug:slug>/finance/", include("jamlik.finance.urls")),
    path("p/<slug:slug>/goals/", include("jamlik.goals.urls")),
    path("p/<slug:slug>/people/", include("jamlik.people.urls")),
    path("p/<slug:slug>/volunteers/", include("jamlik.volunteers.urls")),
    path("p/<slug:slug>/premises/", include("jamlik.premises.urls")),
    path("p/<slug:slug>/communication/", include("jamlik.communication.urls")),
    path("c/<slug:slug>/", include("jamlik.communication.public_urls")),
    path("p/<slug:slug>/strategy/", include("jamlik.strategy.urls")),
]
