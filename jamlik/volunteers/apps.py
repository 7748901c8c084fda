from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "jamlik.volunteers"
    verbose_name = _("Coaches and volunteers")
