"""Helpers of the form tests: the demo company's facts, and a form rendered and read back.

A module of its own (not conftest) so that tests import it by a name no other test folder uses."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from navigator import PROJECT_ROOT
from navigator.forms import render
from navigator.forms.fill import FilledForm
from navigator.yamlfile import load_facts_yaml

DEMO = PROJECT_ROOT / "examples" / "kigyounai-combined.yaml"


def demo_data() -> dict:
    return load_facts_yaml(DEMO.read_text(encoding="utf-8"))


@dataclass
class Rendered:
    form: FilledForm
    pdf: Path
    text: str  # reading order, one cell after another
    fonts: str
    layout: str  # as laid out on the page (rows of a table on one line)


def squeeze(text: str) -> str:
    """Line breaks and spacing move with the layout; compare text without any whitespace."""
    return re.sub(r"\s+", "", text)


def read_back(form: FilledForm, directory: Path) -> Rendered:
    path = directory / f"{form.doc_id}.pdf"
    path.write_bytes(render.pdf(render.html(form)))
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    layout = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return Rendered(form, path, text, fonts, layout)
