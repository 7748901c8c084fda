"""The site's URLs plus three that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from jamlik.urls import urlpatterns as site


def _fail(exception):
    def view(request):
        raise exception

    return view


urlpatterns = [
    path("fail/400/", _fail(SuspiciousOperation("a malformed request"))),
    path("fail/403/", _fail(PermissionDenied())),
    path("fail/500/", _fail(RuntimeError("a bug"))),
    *site,
]
