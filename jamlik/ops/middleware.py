"""One log line per request: request id, user id, method, path, status, duration."""

import logging
import re
import time
import uuid

logger = logging.getLogger("jamlik.request")

# An id from the proxy is kept only when it is short and plain, so it cannot forge log lines.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request.id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        start = time.perf_counter()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        logger.info(
            "request",
            extra={
                "request_id": request.id,
                # The numeric id only: a username may be a person's name.
                "user_id": user.pk if user is not None and user.is_authenticated else None,
                "method": request.method,
                # Without the query string, which may carry a participant code.
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - start) * 1000, 1),
            },
        )
        response["X-Request-ID"] = request.id
        return response
