from __future__ import annotations

import argparse
import os
import sys

import django


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rumourtracker.settings")
    django.setup()
    from bench import suites  # noqa: F401 - registers the suites
    from bench.harness import SUITES, report, save

    parser = argparse.ArgumentParser(description="Run RumourTracker's benchmarks.")
    parser.add_argument("--suite", choices=sorted(SUITES), help="run one suite; all of them by default")
    options = parser.parse_args()
    names = [options.suite] if options.suite else sorted(SUITES)
    results = {name: SUITES[name]() for name in names}
    print(report(results))
    save(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
