"""YAML for facts typed by people: dates stay text, so that our own parser reads them.

PyYAML turns `2024-02-30` into a Python error before any field is known; reading dates as text
lets `navigator.dates.parse_date` answer in Japanese and accept 和暦 and full-width digits.
"""

from __future__ import annotations

from typing import Any

import yaml


class _TextDateLoader(yaml.SafeLoader):
    pass


_TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_facts_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_TextDateLoader)  # noqa: S506 - a SafeLoader subclass


class _UniqueKeyLoader(yaml.SafeLoader):
    """Refuses a key written twice in one mapping: YAML would keep the last one silently, so a
    second `stage:` or `expr:` typed by hand would replace the first without a word."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key '{key}' appears twice in one mapping (line {key_node.start_mark.line + 1})",
                    key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_unique_keys(text: str) -> Any:
    """YAML as safe_load reads it, refusing duplicate keys (rule files)."""
    return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
