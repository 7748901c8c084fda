"""The smoke test runs against a started production server, never in the normal run.

Set JAMLIK_SMOKE_URL (and JAMLIK_SMOKE_USER / JAMLIK_SMOKE_PASSWORD / JAMLIK_SMOKE_PROGRAM)
to run it, as .ci/run does after starting `jamlik serve` with DEBUG off on PostgreSQL.
Without the URL the test module is not even collected, so `pytest tests/smoke` stops with
"no tests ran" (exit status 5): in CI a lost variable fails the step instead of skipping.
"""

import os

if not os.environ.get("JAMLIK_SMOKE_URL"):
    collect_ignore = ["test_production.py"]
