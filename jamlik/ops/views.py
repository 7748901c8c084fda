import tempfile

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _media_writable() -> bool:
    try:
        with tempfile.TemporaryFile(dir=settings.MEDIA_ROOT):
            return True
    except OSError:
        return False


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer and monitoring: no login, no details beyond ok or not."""
    checks = {"database": _database_ok(), "media": _media_writable()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "fail"} | {
        name: "ok" if ok else "fail" for name, ok in checks.items()
    }
    return JsonResponse(body, status=200 if healthy else 503)
