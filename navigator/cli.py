"""`navigator` command line: each area registers its own subcommands."""

from __future__ import annotations

import argparse
import importlib
import sys

from navigator.inputfile import InputFileError
from navigator.rules import FactsError

# Each module has register(subparsers); a subcommand sets `handler` (args -> exit code).
COMMAND_MODULES = [
    "navigator.rules.commands",
    "navigator.web.commands",
    "navigator.forms.commands",
    "navigator.matching.commands",
    "navigator.store.commands",
    "navigator.careerlog.commands",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="navigator", description="学びナビ: 学びと助成の案内")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except InputFileError as exc:
        print(f"エラー: {exc.path}: {exc}", file=sys.stderr)
        return 2
    except FactsError as exc:  # a facts file that does not fit the vocabulary
        print("入力に誤りがあります:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  ・{problem['label']}（{problem['field']}）: {problem['message']}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
