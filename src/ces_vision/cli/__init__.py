"""The `ces-vision` command line: one module per subcommand, each registering itself."""

from __future__ import annotations

import argparse
import sys

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
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("ces-vision: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
