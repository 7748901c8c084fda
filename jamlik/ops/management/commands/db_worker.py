"""`jamlik db_worker`: django-tasks' worker, run at a lower CPU priority.

Rendering a report PDF takes one CPU for seconds; at the default priority it competes with
the web workers, and the dashboards answer slower while PDFs render. The worker therefore
lowers its own priority (`TASK_WORKER_NICE`, 10 by default; 0 leaves it) before it starts
taking tasks, in production (systemd) and in the benchmark alike. `jamlik.ops` is listed
before `django_tasks_db` in INSTALLED_APPS so that this command is the one `db_worker` runs.
"""

import os

from django.conf import settings
from django_tasks_db.management.commands.db_worker import Command as WorkerCommand


def lower_priority(nice: int) -> int:
    """Set this process's niceness to at least `nice` (never raise the priority); return it."""
    current = os.getpriority(os.PRIO_PROCESS, 0)
    if nice > current:
        os.setpriority(os.PRIO_PROCESS, 0, nice)
    return os.getpriority(os.PRIO_PROCESS, 0)


class Command(WorkerCommand):
    help = (
        "Run the task worker (report files, agenda e-mails) at the CPU priority "
        "TASK_WORKER_NICE (default 10), so that web requests go first."
    )

    def handle(self, *args, **options):
        lower_priority(settings.TASK_WORKER_NICE)
        return super().handle(*args, **options)
