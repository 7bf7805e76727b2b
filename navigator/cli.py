"""`navigator` command line: subcommands registered by each part of the product."""

from __future__ import annotations

import argparse

from navigator.web import commands as web_commands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="navigator", description="学びナビ")
    sub = parser.add_subparsers(dest="command", required=True)
    web_commands.register(sub)
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    raise SystemExit(main())
