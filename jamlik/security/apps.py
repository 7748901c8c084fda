from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "jamlik.security"
    verbose_name = _("Login security")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from jamlik.security import sessions

        user_logged_in.connect(sessions.on_login, dispatch_uid="jamlik.security.on_login")
