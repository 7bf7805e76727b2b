"""Reads a text file named on the command line ('-' = standard input).

Every command reads its input through here, so that a missing file, a folder, a file without
permission or one not in UTF-8 gets the same Japanese message and exit code 2 (navigator.cli),
never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path


class InputFileError(ValueError):
    """`str(error)` is the Japanese message; `path` the file as given."""

    def __init__(self, path: str, message: str):
        super().__init__(message)
        self.path = path


def read_text(name: str | Path) -> str:
    if str(name) == "-":
        return sys.stdin.read()
    path = Path(name)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputFileError(str(path), "ファイルが見つかりません") from None
    except IsADirectoryError:
        raise InputFileError(str(path), "フォルダーです。ファイルを指定してください") from None
    except PermissionError:
        raise InputFileError(str(path), "読み取る権限がありません") from None
    except UnicodeDecodeError:
        raise InputFileError(
            str(path), "UTF-8 のテキストとして読めません（文字コードを UTF-8 にしてください）") from None
    except OSError as exc:
        raise InputFileError(str(path), f"読み込めません（{exc.strerror or exc}）") from None
