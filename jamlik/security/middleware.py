import time
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from jamlik.security import sessions, twofactor


class IdleTimeoutMiddleware:
    """Log out a session that has been idle longer than SESSION_IDLE_TIMEOUT_MINUTES."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            if sessions.is_idle(request, now=now):
                logout(request)
                messages.info(
                    request, _("You were logged out after a while without activity. Log in again.")
                )
            else:
                sessions.touch(request, now=now)
        return self.get_response(request)


# Pages a user who still owes the second factor may reach.
OPEN_VIEWS = frozenset(
    {
        "security:two_factor_setup",
        "security:two_factor_verify",
        "logout",
        "admin:logout",
        "login",
        "set_language",
        "javascript-catalog",
    }
)


class TwoFactorMiddleware:
    """Send a user who must pass a second factor to set it up or to give a code.

    Whether one is owed is decided at login (see sessions.on_login), so that requests
    of users who owe none cost no query. The API answers 403 instead of redirecting.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if twofactor.STATE_KEY not in request.session:
            request.session[twofactor.STATE_KEY] = twofactor.state_for(user)
        if request.session[twofactor.STATE_KEY] != twofactor.NEEDED:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        if match is not None and match.namespace == "api":
            return JsonResponse(
                {"detail": _("Two-factor authentication is required: log in on the site.")},
                status=403,
            )
        if twofactor.confirmed_authenticator(user) is None:
            name = "security:two_factor_setup"
        else:
            name = "security:two_factor_verify"
        target = reverse(name)
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)
