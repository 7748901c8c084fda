from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "jamlik.programs"
    verbose_name = _("Programs")

    def ready(self) -> None:
        from jamlik.lib import checks  # noqa: F401  (registers the system checks)
        from jamlik.programs import fidelity_cache

        fidelity_cache.connect()  # writes the fidelity criteria read change its token
