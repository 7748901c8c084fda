"""gunicorn's settings for Jämlik (`jamlik serve`, or `gunicorn -c gunicorn.conf.py`).

Every value can be changed from the environment (docs/deployment.md) or on the command line.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}") from None


wsgi_app = "jamlik.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: two per core and one more, at most 8 (each holds about 150 MB).
workers = _int("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8))
# Reports are rendered by the task worker, so no request should need long.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# Load the application once before forking: a worker's first request is not slow, and a
# broken configuration stops the start instead of every worker failing.
preload_app = True
# Recycle workers now and then so that a slow leak cannot grow without bound.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
# The proxy on this host sets X-Forwarded-*; others are not trusted.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Logs on standard output/error, for journald or the container runtime; the access log
# carries the request id so that it matches the application's JSON request log.
accesslog = "-"
errorlog = "-"
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, '
    '"request_id": "%({x-request-id}o)s"}'
)
# No runtime control socket: systemd's signals (reload, stop) are enough.
control_socket_disable = True


def when_ready(server):
    """Import the URL configuration (and the views behind it) once, before forking."""
    from django.db import connections
    from django.urls import get_resolver

    server.log.info("URL configuration with %d patterns loaded", len(get_resolver().url_patterns))
    # A connection opened while loading must not be shared by the forked workers.
    connections.close_all()
