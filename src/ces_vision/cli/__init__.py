"""The `ces-vision` command line: one module per subcommand, each registering itself."""

from __future__ import annotations

import argparse
import sys

from ..logs import log, log_unexpected, start_logging, unexpected_error_line
from . import analyze, backup, batch, clients, progress, report, screen, settings, watch

# Each subcommand module has add_parser(subparsers) and run(args) -> exit status.
SUBCOMMANDS = (analyze, screen, batch, watch, clients, report, backup, progress, settings)


class _Parser(argparse.ArgumentParser):
    """Bad arguments give one plain line (not the usage block), and exit status 2."""

    def error(self, message: str):
        self.exit(2, f"ces-vision: {message} (see: {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ces-vision",
        description="Movement screening from video for corrective exercise specialists. Runs fully offline.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module in SUBCOMMANDS:
        module.add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    start_logging()
    log.info("ces-vision %s", args.command)  # the subcommand only: its arguments may name a client
    try:
        status = args.run(args)
    except KeyboardInterrupt:
        print("ces-vision: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the last net: a bug, not bad input (that is reported where it is met)
        log_unexpected(exc, f"ces-vision {args.command}")
        print(unexpected_error_line(exc, "ces-vision"), file=sys.stderr)
        return 1
    log.info("ces-vision %s exited %s", args.command, status)
    return status


if __name__ == "__main__":
    sys.exit(main())
