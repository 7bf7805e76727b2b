"""`navigator` command. Each part of the product registers its own subcommands."""

from __future__ import annotations

import argparse

from navigator.matching import commands as matching_commands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="navigator", description="学びナビ")
    subparsers = parser.add_subparsers(dest="command", required=True)
    matching_commands.register(subparsers)
    args = parser.parse_args(argv)
    return args.func(args) or 0


if __name__ == "__main__":
    raise SystemExit(main())
