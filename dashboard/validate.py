"""Command line validator: ``python -m dashboard.validate [PATH]``.

Prints one ``file:line:column: problem`` line per problem and exits 1 if there is any,
0 if the file is clean. Run it after every edit of ``data/measures.csv``; with ``--accept``,
a clean file is recorded as accepted (``data/manifest.json``: its rows and digest), so that a
copy that later loses rows is refused instead of served.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.constants import MIN_MEASURES_PER_LAND
from dashboard.data import (
    MEASURES_PATH,
    completeness_problems,
    load_measures,
    manifest_problems,
    with_sources,
    write_manifest,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.validate", description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=MEASURES_PATH, help="CSV file (default: %(default)s)")
    parser.add_argument("--min-per-land", type=int, default=MIN_MEASURES_PER_LAND, metavar="N",
                        help="a complete file has at least N valid measures for every Land (default: %(default)s)")
    parser.add_argument("--accept", action="store_true",
                        help="record a clean file as accepted (manifest.json beside it: rows and digest)")
    parser.add_argument("--sources", type=Path, metavar="PATH",
                        help="the evidence file (default: sources.csv beside the measures file)")
    args = parser.parse_args(argv)
    try:
        result = load_measures(args.path)
    except OSError as error:
        print(f"{args.path}: cannot read file: {error.strerror or error}", file=sys.stderr)
        return 2
    result, source_problems = with_sources(result, args.sources or args.path.with_name("sources.csv"))
    problems = result.problems + completeness_problems(result, args.path.name, args.min_per_land) + source_problems
    if not args.accept:  # accepting is saying that the rows that are gone were meant to go
        problems += manifest_problems(result, args.path)
    for problem in problems:
        print(problem)
    status = "FAILED" if problems else "OK"
    print(f"{status}: {result.rows_read} rows read, {len(result.every_row)} valid, {len(problems)} problem(s)",
          file=sys.stderr)
    if args.accept and not problems:
        print(f"accepted: {write_manifest(args.path, result)}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
