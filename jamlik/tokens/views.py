from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jamlik.tokens import services
from jamlik.tokens.forms import NewTokenForm
from jamlik.tokens.models import ApiToken


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """The user's own tokens; a new one is shown once, in the answer to its POST."""
    form = NewTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = services.create_token(
            user=request.user,
            name=form.cleaned_data["name"],
            days=form.cleaned_data["days"],
            by=request.user,
        )
        form = NewTokenForm()
    return render(
        request,
        "tokens/list.html",
        {
            "tokens": request.user.api_tokens.all(),
            "form": form,
            "new_token": new_token,
            "docs_url": reverse("api:openapi-view"),
        },
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, prefix: str) -> HttpResponse:
    token = ApiToken.objects.filter(user=request.user, prefix=prefix).first()
    if token is None:
        raise Http404
    services.revoke_token(token=token, by=request.user)
    messages.success(request, _("The token was revoked."))
    return redirect("tokens:list")
