"""`python -m devstack run | env | clean`: the one-machine stack behind `make run` and `make clean`."""

from __future__ import annotations

import argparse
import sys

from devstack import datadir, stack


def main(argv: list[str] | None = None) -> int:
    """Parses the command line and runs the chosen command; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m devstack", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser(
        "run",
        help="start PostgreSQL, Temporal, migrations, worker and API; Ctrl-C stops them",
        description="Settings come from QUESTLINE_* variables; QUESTLINE_ENV defaults to dev here.",
    )
    run.add_argument(
        "--temporal-port",
        type=int,
        default=None,
        help="gRPC port of the Temporal dev server (default: QUESTLINE_TEMPORAL_UI_PORT - 1000, so 7233)",
    )
    run.add_argument(
        "--ready-timeout",
        type=float,
        default=180.0,
        help="seconds to wait for /readyz before giving up (default: %(default)s)",
    )
    run.add_argument(
        "--social-emulator",
        action="store_true",
        help="also run the social platforms' emulator (devstack/social_emulator/) and verify social goals against it",
    )
    run.add_argument(
        "--social-emulator-port",
        type=int,
        default=0,
        help="port of the emulator on 127.0.0.1 (default: a free one)",
    )
    commands.add_parser("env", help="print `export QUESTLINE_...` lines for the dev keys")
    commands.add_parser("clean", help="delete the data directory (refused while a stack runs on it)")
    args = parser.parse_args(argv)

    if args.command == "run":
        return stack.run(
            temporal_port=args.temporal_port,
            ready_timeout=args.ready_timeout,
            social_emulator=args.social_emulator,
            social_emulator_port=args.social_emulator_port,
        )
    if args.command == "env":
        return datadir.print_env()
    return datadir.clean()


if __name__ == "__main__":
    sys.exit(main())
