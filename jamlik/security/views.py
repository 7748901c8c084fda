from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jamlik.people import audit
from jamlik.people.models import AuditEvent
from jamlik.security import sessions, twofactor
from jamlik.security.forms import CodeForm


@login_required
@require_http_methods(["GET"])
def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "authenticator": twofactor.confirmed_authenticator(user),
        "recovery_left": twofactor.remaining_recovery_codes(user),
        "required": twofactor.is_required(user),
        "idle_minutes": settings.SESSION_IDLE_TIMEOUT_MINUTES,
    }
    return render(request, "security/overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if twofactor.confirmed_authenticator(user) and not user.is_verified():
        return redirect("security:two_factor_verify")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        codes = twofactor.confirm_authenticator(request=request, token=form.cleaned_data["token"])
        if codes is not None:
            audit.record(
                user=user, program=None, action=AuditEvent.Action.CREATE, object_type="two_factor"
            )
            context = {"codes": codes, "next": _safe_next(request)}
            return render(request, "security/recovery_codes.html", context)
        form.add_error("token", _("That code did not match. Check the clock of the phone."))
    device = twofactor.pending_authenticator(user)
    context = {
        "form": form,
        "qr": segno.make(device.config_url, error="m").svg_inline(scale=5),
        "secret": _grouped(b32encode(device.bin_key).decode()),
        "required": twofactor.is_required(user),
        "next": request.GET.get("next", ""),
    }
    return render(request, "security/two_factor_setup.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if twofactor.verify(request=request, token=form.cleaned_data["token"]):
            return redirect(_safe_next(request))
        form.add_error("token", _("That code did not match."))
    context = {"form": form, "next": request.GET.get("next") or request.POST.get("next", "")}
    return render(request, "security/two_factor_verify.html", context)


@login_required
@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    if not request.user.is_verified():
        return redirect("security:two_factor_verify")
    codes = twofactor.new_recovery_codes(user=request.user)
    audit.record(
        user=request.user,
        program=None,
        action=AuditEvent.Action.UPDATE,
        object_type="two_factor",
        detail={"recovery_codes": "new"},
    )
    return render(request, "security/recovery_codes.html", {"codes": codes, "next": ""})


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    if not request.user.is_verified():
        return redirect("security:two_factor_verify")
    twofactor.disable(request=request)
    audit.record(
        user=request.user, program=None, action=AuditEvent.Action.DELETE, object_type="two_factor"
    )
    messages.success(request, _("Two-factor authentication is off."))
    return redirect("security:overview")


@login_required
@require_POST
def log_out_everywhere(request: HttpRequest) -> HttpResponse:
    user = request.user
    sessions.log_out_everywhere(user=user)
    audit.record(user=user, program=None, action=AuditEvent.Action.DELETE, object_type="sessions")
    logout(request)
    messages.success(request, _("You are logged out on every device."))
    return redirect("login")


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
