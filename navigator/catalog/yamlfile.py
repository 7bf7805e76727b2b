"""Read YAML keeping the line of every node, so that errors can name the line."""

from __future__ import annotations

from typing import Any

import yaml


class Located:
    """Parsed YAML data plus a way to find the line (1-based) of a value by its path."""

    def __init__(self, text: str):
        loader = yaml.SafeLoader(text)
        try:
            self.node = loader.get_single_node()
            self.data: Any = loader.construct_document(self.node) if self.node is not None else None
        finally:
            loader.dispose()

    def line(self, *path: Any) -> int | None:
        node = self.node
        best = node.start_mark.line + 1 if node is not None else None
        for key in path:
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == key:
                        node = v
                        # a mapping key's own line is where a person looks
                        best = k.start_mark.line + 1
                        break
                else:
                    return best
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
                best = node.start_mark.line + 1
            else:
                return best
        return best


def parse(text: str) -> Located:
    """Parse YAML; a syntax error becomes a ValueError naming the line in Japanese."""
    try:
        return Located(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{mark.line + 1}行目: " if mark else ""
        raise ValueError(f"{where}YAMLの書き方に誤りがあります（{exc.problem or exc}）") from None
