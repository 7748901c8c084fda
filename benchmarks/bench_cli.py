"""Benchmark: wall time of CLI commands on the demo program, as a user runs them.

    uv run python benchmarks/bench_cli.py [--repeat 5] [--var-dir DIR]

Loads the demo into a fresh SQLite file in a temporary folder (`jamlik demo --no-serve`,
not timed; or reuses the one in `--var-dir`), then runs each command `--repeat` times as a
new process (`python -m jamlik.cli …`, the same as `uv run jamlik …` without uv's own start)
and prints the median and the fastest wall time. Compiled modules are kept (`__pycache__`),
as on a user's machine, whatever PYTHONDONTWRITEBYTECODE says. Also times `import jamlik.urls` after
`django.setup()` in a fresh process: the cold start of every command's system checks and
of a web worker.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = "lindangen-demo"
COMMANDS = {
    "figures 2023H2": ["figures", "--program", SLUG, "--period", "2023H2"],
    "check": ["check"],
    "help": ["help"],
}
URLS_IMPORT = (
    "import time, django; django.setup(); t = time.perf_counter(); import jamlik.urls; "
    "print(time.perf_counter() - t)"
)


def wall(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, cwd=ROOT, check=True, capture_output=True)  # noqa: S603
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--var-dir", help="reuse the demo database in this folder")
    args = parser.parse_args()

    var_dir = args.var_dir or tempfile.mkdtemp(prefix="jamlik-bench-cli-")
    env = {**os.environ, "VAR_DIR": var_dir, "DJANGO_SETTINGS_MODULE": "jamlik.settings"}
    env.pop("DATABASE_URL", None)
    # As on a user's machine: Python keeps compiled modules (a warm-up run writes them).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cli = [sys.executable, "-m", "jamlik.cli"]
    if not (Path(var_dir) / "jamlik.sqlite3").exists():
        print(f"loading the demo into {var_dir} …", flush=True)
        subprocess.run([*cli, "demo", "--no-serve"], env=env, cwd=ROOT, check=True)  # noqa: S603
    wall([*cli, *COMMANDS["figures 2023H2"]], env)
    print(f"median and fastest of {args.repeat} runs, each a new process, after a warm-up run")
    for name, command in COMMANDS.items():
        samples = [wall([*cli, *command], env) for _ in range(args.repeat)]
        print(f"jamlik {name:<16} {statistics.median(samples):6.2f} s  {min(samples):6.2f} s")
    samples = []
    for _ in range(args.repeat):
        out = subprocess.run(  # noqa: S603
            [sys.executable, "-c", URLS_IMPORT], env=env, cwd=ROOT, check=True, capture_output=True
        )
        samples.append(float(out.stdout))
    print(f"import jamlik.urls      {statistics.median(samples):6.2f} s  {min(samples):6.2f} s")


if __name__ == "__main__":
    main()
