"""Matching at the official catalog size: 16,000 generated courses (official course-search columns,
imported through the same importer HR uses) plus the real catalog.

Measures the index build (cold, from cache, and incremental after editing a few courses), the
process's peak memory, and the latency of a whole query (embedding the note included, warm) over
the evaluation notes. Prints a table with medians.

Run: .venv/bin/python bench/match.py [--courses 16000] [--queries 300]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from navigator import PROJECT_ROOT
from navigator.catalog import load_catalog
from navigator.matching.evaluate import load_cases
from navigator.matching.matcher import Matcher
from navigator.matching.model import Embedder
from navigator.matching.settings import settings

TOPICS = [
    ("Python", "Pythonの基礎から、データの集計と可視化までを学ぶ"), ("データ分析", "統計の基礎とExcel・BIツールでの分析を実習する"),
    ("機械学習", "機械学習のアルゴリズムを理解し、モデルを作って評価する"), ("Webアプリ開発", "HTML・JavaScriptとサーバーサイドでWebアプリを作る"),
    ("クラウド基礎", "クラウドの仕組みとサーバー構築を学ぶ"), ("情報セキュリティ", "情報セキュリティの基礎と対策を学ぶ"),
    ("簿記2級", "商業簿記と工業簿記を学び、日商簿記2級の合格を目指す"), ("社会保険労務士", "労働法と社会保険の制度を学び、社労士試験に備える"),
    ("介護職員初任者研修", "介護の基本的な知識と技術を学ぶ"), ("医療事務", "診療報酬の仕組みとレセプト作成を学ぶ"),
    ("英語ビジネス会話", "会議やメールで使う英語を練習する"), ("中国語", "日常会話とビジネスの中国語を学ぶ"),
    ("Webデザイン", "デザインの基礎とWebサイト制作を学ぶ"), ("CAD製図", "2次元・3次元CADで図面を作成する"),
    ("電気工事士", "電気工事の基礎理論と技能を学び、第二種電気工事士を目指す"), ("溶接技術", "アーク溶接の基本と安全を学ぶ"),
    ("宅地建物取引士", "不動産取引の法律を学び、宅建試験の合格を目指す"), ("キャリアコンサルタント養成", "カウンセリングの理論と実技を学ぶ"),
    ("保育士", "保育の原理と実技を学び、保育士試験に備える"), ("マーケティング", "市場調査とデジタルマーケティングの手法を学ぶ"),
    ("プロジェクトマネジメント", "計画・進捗管理とチーム運営の手法を学ぶ"), ("生成AI活用", "生成AIを業務に活用する方法を実習する"),
    ("看護師養成", "看護の専門知識と臨床実習を学ぶ"), ("調理師", "調理の理論と実技、衛生管理を学ぶ"),
]
LEVELS = ["入門", "基礎", "実践", "応用", "集中", "速習", "養成", "資格対策"]
METHODS = ["通学（昼間）", "通学（夜間）", "通学（夜間、土日）", "eラーニング", "通信", "通信、eラーニング", "通学（土日）"]
BENEFIT_PERIODS = ["令和07年04月01日～令和10年03月31日", "令和07年10月01日～令和10年09月30日", "令和08年04月01日～令和11年03月31日",
                   "令和04年04月01日～令和07年03月31日"]  # the last one has ended


def generate_courses(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        topic, content = rng.choice(TOPICS)
        level = rng.choice(LEVELS)
        school = f"{rng.choice(['未来', '東都', '関西', 'みなと', '青葉', '中央', 'ひかり', 'さくら'])}{rng.choice(['スクール', 'アカデミー', '専門学校', 'カレッジ'])}{i % 97 + 1}校"
        rows.append({
            "スクール名": school, "入学定員": f"{rng.choice([10, 20, 30, 40])}人", "受講料合計": f"{rng.randrange(30, 900) * 1000:,}円",
            "実施方法": rng.choice(METHODS), "実施者": f"株式会社{school[:4]}", "指定期間": rng.choice(BENEFIT_PERIODS),
            "指定番号": f"{13 + i % 30:02d}{i:05d}-25{i:05d}-{i % 10}", "訓練時間": f"{rng.choice([0, 30, 60, 120, 240, 480])}時間",
            "訓練期間": f"{rng.choice([1, 2, 3, 6, 12, 24])}ヶ月", "講座内容": f"{content}。{level}レベルの講座。",
            "講座名称": f"{topic}{level}コース（{rng.choice(['平日', '週末', 'オンライン', '短期'])}）", "開講月": rng.choice(["毎月", "4月、10月", "4月"]),
        })
    return rows


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--courses", type=int, default=16000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--index-dir", type=Path, default=None,
                        help="keep the vector cache here between runs (default: a temporary folder, so the build is cold)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="navigator-bench-"))
    try:
        root = work / "catalog"
        shutil.copytree(PROJECT_ROOT / "catalog", root)
        data = work / "data" / "courses"
        data.mkdir(parents=True)
        shutil.copy(PROJECT_ROOT / "data" / "courses" / "designated-courses-2022-04.json", data)
        rows = generate_courses(args.courses)
        (data / "generated.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        (root / "courses" / "generated.yaml").write_text(
            "import:\n  file: data/courses/generated.json\n  format: official-course-search\n  benefit: 一般教育訓練\n"
            "  source: {kind: data, ref: bench で生成した講座, section: bench/match.py}\n", encoding="utf-8")

        t = time.perf_counter()
        catalog = load_catalog(root)
        t_load = time.perf_counter() - t
        embedder = Embedder(settings().model_path)
        rss_model = peak_rss_mb()
        index_dir, barriers = args.index_dir or work / "index", root / "barriers.yaml"

        t = time.perf_counter()
        matcher = Matcher(catalog, embedder, index_dir, barriers, progress=True)
        t_cold, built = time.perf_counter() - t, matcher.index.built
        rss_built = peak_rss_mb()
        t = time.perf_counter()
        Matcher(catalog, embedder, index_dir, barriers, progress=False)
        t_cached = time.perf_counter() - t

        for i in range(10):  # HR edits ten courses (a fresh copy each run, so the edit is always new)
            rows[i * (len(rows) // 10)]["講座内容"] += f"（{time.strftime('%H:%M:%S')}に内容を改訂）"
        (data / "generated.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        edited = load_catalog(root)
        t = time.perf_counter()
        matcher = Matcher(edited, embedder, index_dir, barriers, progress=False)
        t_incremental, rebuilt = time.perf_counter() - t, matcher.index.built

        as_of, cases = load_cases()
        for case in cases[:10]:  # warm up
            matcher.match(case.note, role=case.role, as_of=as_of)
        total, embed = [], []
        for q in range(args.queries):
            case = cases[q % len(cases)]
            t = time.perf_counter()
            result = matcher.match(case.note, role=case.role, as_of=as_of, limit=10)
            total.append((time.perf_counter() - t) * 1000)
            embed.append(result.timings_ms["embed"])
        total.sort()
        p95 = total[min(len(total) - 1, int(round(0.95 * len(total))) - 1)]
        active = sum(e.status(as_of) != "終了" for e in edited)

        print()
        print(f"カタログ {len(edited):,}件（生成講座 {args.courses:,}、実カタログ {len(edited) - args.courses}、判定日に有効 {active:,}）")
        print(f"{'measure':<44} {'value':>12}")
        rows_out = [
            ("catalog load + import (s)", f"{t_load:.1f}"),
            (f"index build (s, {built:,} embedded)", f"{t_cold:.1f}"),
            ("index load from cache (s)", f"{t_cached:.2f}"),
            (f"index rebuild after editing 10 courses (s, {rebuilt} embedded)", f"{t_incremental:.2f}"),
            ("peak RSS after model load (MB)", f"{rss_model:.0f}"),
            ("peak RSS after index build (MB)", f"{rss_built:.0f}"),
            (f"query latency median (ms, n={len(total)})", f"{statistics.median(total):.1f}"),
            ("query latency p95 (ms)", f"{p95:.1f}"),
            ("query latency max (ms)", f"{total[-1]:.1f}"),
            ("query embedding median (ms)", f"{statistics.median(embed):.1f}"),
        ]
        for name, value in rows_out:
            print(f"{name:<44} {value:>12}")
        print(f"p95 <= 50 ms: {'yes' if p95 <= 50 else 'NO'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
