from django.urls import path

from jamlik.security import views

app_name = "security"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("two-factor/disable/", views.two_factor_disable, name="two_factor_disable"),
    path("log-out-everywhere/", views.log_out_everywhere, name="log_out_everywhere"),
]
