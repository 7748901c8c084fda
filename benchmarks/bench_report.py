"""Benchmark: the report back to the funder at scale 1 and scale 10.

    uv run python benchmarks/bench_report.py [--scales 1 10] [--repeat 5] [--period 2024H1]

Seeds a program per scale with the demo seeder on a fresh SQLite file in a temporary
folder (or on DATABASE_URL if set, which must point at an empty database), then
measures the median of collecting the report's data (all figures, months and
half-years), of building the PDF from collected data, and of each download format.
Prints medians, the scale-10/scale-1 ratio and peak Python memory.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path


def median_s(repeat: int, func) -> float:
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--period", default="2024H1")
    args = parser.parse_args()

    os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="jamlik-bench-report-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jamlik.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import logging

    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    from django.core.management import call_command
    from django.db import connection
    from django.utils import translation

    from jamlik.lib.periods import Period
    from jamlik.programs.models import Program
    from jamlik.reports.collect import collect_report_data, figures_sha256
    from jamlik.reports.render.document import Meta, build_document
    from jamlik.reports.services import render_document

    try:
        from jamlik.programs.demo import seed_program
    except ImportError:
        print("The demo seeder (jamlik.programs.demo.seed_program) is not available.")
        return

    call_command("migrate", verbosity=0)
    period = Period.parse(args.period)
    print(f"database: {connection.vendor}; period: {period.label}; repeats: {args.repeat}")
    header = ("scale", "seed s", "collect s", "pdf s", "docx s", "xlsx s", "total pdf s", "MiB")
    print(" ".join(f"{h:>11}" for h in header))
    totals: dict[int, float] = {}
    for scale in args.scales:
        slug = f"bench-report-{scale}"
        t0 = time.perf_counter()
        if not Program.objects.filter(slug=slug).exists():
            seed_program(slug=slug, seed=1, scale=scale)
        seeded = time.perf_counter() - t0
        program = Program.objects.get(slug=slug)

        def collect(program=program):
            return collect_report_data(program=program, period=period, audience="external")

        data = collect()
        with translation.override("sv"):
            doc = build_document(
                data, {}, Meta(title="Bench", status_label="Utkast", sha256=figures_sha256(data))
            )
        collect_s = median_s(args.repeat, collect)
        formats = {
            fmt: median_s(args.repeat, lambda fmt=fmt, doc=doc: render_document(doc, fmt))
            for fmt in ("pdf", "docx", "xlsx")
        }
        tracemalloc.start()
        t0 = time.perf_counter()
        render_document(doc, "pdf")
        collect()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        totals[scale] = collect_s + formats["pdf"]
        row = (
            scale,
            f"{seeded:.1f}",
            f"{collect_s:.2f}",
            f"{formats['pdf']:.2f}",
            f"{formats['docx']:.2f}",
            f"{formats['xlsx']:.2f}",
            f"{totals[scale]:.2f}",
            f"{peak / 2**20:.0f}",
        )
        print(" ".join(f"{v:>11}" for v in row))
    if len(totals) > 1:
        small, large = min(totals), max(totals)
        print(
            f"ratio of the PDF report's time, scale {large} / scale {small}: "
            f"{totals[large] / totals[small]:.2f}"
        )


if __name__ == "__main__":
    main()
