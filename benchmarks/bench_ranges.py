"""Single-request medians of the figures at scale 10: plain recomputation against the
aggregates, measured alternately so that other work on a shared machine slows both alike.

    DATABASE_URL=postgres://…/jamlik_load uv run python benchmarks/bench_ranges.py \
        [--program city-10] [--repeat 15] [--seed 1]

Runs against a database that holds the program (e.g. the load benchmark's). For
`--repeat` random date ranges (as the load benchmark's leaders ask: 14–200 days from
2023-01-01 on) it times `compute_figures` and `figures_for` (added up from the
aggregates; a date range is never cached), checks that they are equal, and prints the
medians. Then the write side: `figures_changed` for one day (what a mark adds), and the
half-year that day is in read again just after it (stale in the cache, so added up from
the aggregates).
"""

import argparse
import os
import random
import statistics
import time
from datetime import date, timedelta


def timed(call) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--program", default="city-10")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jamlik.settings")
    import django

    django.setup()
    from jamlik.activities.models import Activity
    from jamlik.lib.periods import Period
    from jamlik.programs.models import Program
    from jamlik.reports.aggregates import ensure_built
    from jamlik.reports.figures import compute_figures, figures_changed, figures_for

    program = Program.objects.get(slug=args.program)
    build_ms, _ = timed(lambda: ensure_built(program))
    rng = random.Random(args.seed)  # noqa: S311 - a load pattern
    plain, fast = [], []
    for _ in range(args.repeat):
        first = date(2023, 1, 1) + timedelta(days=rng.randint(0, 800))
        last = first + timedelta(days=rng.randint(14, 200))
        period = Period.parse(f"{first}..{last}")
        ms_plain, expected = timed(lambda p=period: compute_figures(program=program, period=p))
        ms_fast, got = timed(lambda p=period: figures_for(program=program, period=p))
        assert got == expected, period.label
        plain.append(ms_plain)
        fast.append(ms_fast)
    day = Activity.objects.filter(program=program, status="held").latest("date").date
    half = Period.half_year_of(day)
    marks, rereads, plain_half = [], [], []
    for _ in range(args.repeat):
        ms, _ = timed(lambda: figures_changed(program=program, days=[day]))
        marks.append(ms)
        ms, got = timed(lambda: figures_for(program=program, period=half))
        rereads.append(ms)
        ms, expected = timed(lambda: compute_figures(program=program, period=half))
        plain_half.append(ms)
        assert got == expected
    med = statistics.median
    print(f"program {args.program}; aggregates built (or checked) in {build_ms:.0f} ms")
    print(f"| median of {args.repeat} | plain (compute_figures) | aggregates (figures_for) |")
    print("|---|---|---|")
    print(f"| a random date range | {med(plain):.1f} ms | {med(fast):.1f} ms |")
    after_write = f"{med(plain_half):.1f} ms | {med(rereads):.1f} ms"
    print(f"| {half.label} just after a write in it | {after_write} |")
    print(f"| figures_changed for one day (a mark's share) | | {med(marks):.1f} ms |")


if __name__ == "__main__":
    main()
