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
