"""Warm render time of every form of the demo company, and of the whole set, as a table.

    .venv/bin/python bench/forms.py [--runs 5]

Target: median ≤ 300 ms per form (warm: the process has already laid out one document).
"""

from __future__ import annotations

import argparse
import statistics
import time

from navigator import PROJECT_ROOT
from navigator.forms import render
from navigator.forms.documents import employer_documents, prepare
from navigator.forms.package import application_zip
from navigator.yamlfile import load_facts_yaml


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    data = load_facts_yaml((PROJECT_ROOT / "examples/kigyounai-combined.yaml").read_text(encoding="utf-8"))
    prepared = prepare(data)
    documents = employer_documents(prepared)
    render.pdf(render.html(documents[0]))  # warm-up: fonts, templates
    print(f"{'書類':<44} {'頁':>3} {'中央値 ms':>10} {'最大 ms':>9}")
    medians = []
    for document in documents:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            render.pdf(render.html(document))
            times.append((time.perf_counter() - start) * 1000)
        pages = len(render.document(render.html(document)).pages)
        medians.append(statistics.median(times))
        print(f"{document.doc_id:<44} {pages:>3} {statistics.median(times):>10.0f} {max(times):>9.0f}")
    times = []
    for _ in range(max(1, runs // 2)):
        start = time.perf_counter()
        application_zip(prepare(data))
        times.append((time.perf_counter() - start) * 1000)
    print(f"{'(各書類の中央値の中央値)':<40} {'':>3} {statistics.median(medians):>10.0f} {max(medians):>9.0f}")
    print(f"{'一式（判定+全書類+ZIP）':<40} {'':>3} {statistics.median(times):>10.0f} {max(times):>9.0f}")


if __name__ == "__main__":
    main()
