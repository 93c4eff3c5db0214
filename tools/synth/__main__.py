"""CLI: python -m tools.synth render SCENARIO.toml [...] --out DIR

Run from the repository root with the `.[synth]` extra installed (see README.md).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("PYOPENGL_PLATFORM", "egl")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.synth", description="Render synthetic overhead squat videos with ground truth."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    render = sub.add_parser("render", help="render scenario TOML files to OUT/NAME.mp4 + NAME.truth.json/.npz")
    render.add_argument("scenarios", nargs="+", type=Path, help="scenario .toml files (or folders of them)")
    render.add_argument("--out", type=Path, required=True, help="output folder")
    render.add_argument("--crf", type=int, default=28, help="x264 constant rate factor (higher = smaller)")
    render.add_argument(
        "--preview", type=int, nargs="*", default=[], metavar="FRAME", help="also save these frames as PNG"
    )
    render.add_argument("--truth-only", action="store_true", help="rewrite only the truth files, keep the videos")
    table = sub.add_parser("table", help="print a markdown table of the clips in a folder (from their truth files)")
    table.add_argument("folder", type=Path)
    wide = sub.add_parser(
        "plan-wide", help="write the scenario files of the wide set: tuning, held-out and test splits (issue 11)"
    )
    wide.add_argument("out", type=Path, help="folder for tuning/, heldout/ and test/")
    args = parser.parse_args(argv)

    if args.command == "plan-wide":
        from .wide_set import write_wide_set

        print(f"{len(write_wide_set(args.out))} scenario files -> {args.out}")
        return 0

    if args.command == "table":
        from .truth import markdown_table

        print(markdown_table(args.folder))
        return 0

    from .render import render_scenario
    from .scenario import load_scenario

    files: list[Path] = []
    for path in args.scenarios:
        files.extend(sorted(p for p in path.glob("*.toml") if p.name != "bodies.toml") if path.is_dir() else [path])
    for path in files:
        render_scenario(
            load_scenario(path), args.out, crf=args.crf, preview_frames=tuple(args.preview), video=not args.truth_only
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
