"""Benchmark: seeding and computing the figures at scale 1 and scale 10.

    uv run python benchmarks/bench_figures.py [--scales 1 10] [--repeat 7]

Runs on a fresh SQLite file in a temporary folder (or on DATABASE_URL if set, which
must point at an empty database). Prints medians and the scale-10/scale-1 ratio of
one run, and the peak Python memory while computing the figures.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path


def median_ms(repeat: int, func, **kwargs) -> float:
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func(**kwargs)
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="jamlik-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jamlik.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from jamlik.lib.periods import Period
    from jamlik.people.models import ProgramRole
    from jamlik.programs.demo import seed_program
    from jamlik.reports.figures import compute_figures, figures_for

    setup_test_environment()
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}; repeats: {args.repeat}")
    print(
        f"{'scale':>5} {'seed s':>8} {'attendance':>11} {'figures 2023H2 ms':>18} "
        f"{'figures 2024 ms':>16} {'cached 2023H2 ms':>17} {'dashboard ms':>13} {'peak KiB':>9}"
    )
    medians: dict[int, float] = {}
    for scale in args.scales:
        slug = f"bench-{scale}"
        started = time.perf_counter()
        result = seed_program(slug=slug, seed=1, scale=scale, name=slug, replace=True)
        seeded = time.perf_counter() - started
        program = result.program

        half = median_ms(
            args.repeat, compute_figures, program=program, period=Period.parse("2023H2")
        )
        year = median_ms(args.repeat, compute_figures, program=program, period=Period.parse("2024"))
        figures_for(program=program, period=Period.parse("2023H2"))
        cached = median_ms(args.repeat, figures_for, program=program, period=Period.parse("2023H2"))
        tracemalloc.start()
        compute_figures(program=program, period=Period.parse("2024"))
        peak = tracemalloc.get_traced_memory()[1] / 2**10
        tracemalloc.stop()

        from django.contrib.auth.models import User

        user, _ = User.objects.get_or_create(username=f"bench-leader-{scale}")
        ProgramRole.objects.get_or_create(user=user, program=program, defaults={"role": "leader"})
        client = Client()
        client.force_login(user)
        samples = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            response = client.get(f"/p/{slug}/?period=2024H1")
            samples.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, response.status_code
        dashboard = statistics.median(samples)
        medians[scale] = half
        print(
            f"{scale:>5} {seeded:>8.1f} {result.attendance:>11} {half:>18.1f} {year:>16.1f} "
            f"{cached:>17.1f} {dashboard:>13.1f} {peak:>9.0f}"
        )
    if len(medians) > 1:
        low, high = min(medians), max(medians)
        print(f"ratio figures 2023H2 scale {high}/scale {low}: {medians[high] / medians[low]:.2f}")


if __name__ == "__main__":
    main()
