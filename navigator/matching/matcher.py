"""Rank the catalog for a note: dense retrieval + lexical evidence + barriers, each result explained.

Real programs and company samples (見本) come in separate lists (scoring.pick says why)."""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from navigator.catalog import BARRIERS, Catalog, load_catalog
from navigator.prefectures import PREFECTURES

from . import scoring
from .barriers import BarrierDetector, BarrierSignal
from .bm25 import BM25Index
from .eligibility import Eligibility, judge
from .index import DenseIndex, Encoder, build_index, passage_spans
from .lexical import LexicalIndex, TermHit
from .text import Span, normalize, sentences

RANKERS = ("combined", "dense", "bm25")  # dense and bm25 (words only) are the evaluation's baselines
ROLES = ("employee", "employer")
SHOWN_BARRIER = 0.3  # a barrier this weak still scores, but is not given as a reason


def _prefecture_pattern(name: str) -> str:
    short = name if name == "北海道" else name[:-1]
    lead = "(?<!東)" if short == "京都" else ""
    return f"{lead}{re.escape(short)}(?:{name[-1]})?"


_PREF_RE = [(p, re.compile(_prefecture_pattern(p))) for p in PREFECTURES]


def prefectures_in(text: str) -> list[str]:
    return [name for name, pattern in _PREF_RE if pattern.search(text)]


@dataclass
class Evidence:
    kind: str  # 意味の近さ / 名称の一致 / 語の一致 / 壁
    note_sentence: str | None
    program_sentence: str | None
    detail: str


@dataclass
class Designation:
    """A designated course's 指定 (教育訓練給付): its number, benefit and period, and whether the
    period covers the day asked about (the shipped list is a 2022 snapshot)."""

    number: str
    benefit: str
    school: str
    start: str | None
    end: str | None
    current: bool


@dataclass
class Recommendation:
    rank: int
    id: str
    name: str
    provider: str
    provider_name: str
    kind: str
    status: str
    sample: bool  # a company sample (見本): only ever in MatchResult.samples
    course: Designation | None  # for a designated course
    score: dict[str, float]
    why: list[str]
    evidence: list[Evidence]
    barriers: list[str]
    eligibility: Eligibility
    cost_for_person: str
    time_for_person: str
    how_to_apply: str
    figures: list[str]
    sources: list[str]
    rule: str | None


@dataclass
class MatchResult:
    note: str
    role: str
    ranker: str
    as_of: str
    barriers: list[dict]
    prefectures: list[str]
    recommendations: list[Recommendation]  # real programs, best first
    samples: list[Recommendation]  # company samples (見本) that fit as well, in their own short list
    timings_ms: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def _family(entry) -> str | None:
    """The entry's family (scoring.pick): its own, or for a designated course its school and
    講座内容 (the description without the part the importer adds: 「（専門実践教育訓練の指定講座、…）」)."""
    if entry.family or entry.course is None:
        return entry.family
    content = entry.description.split(f"（{entry.course.benefit}の指定講座")[0]
    return f"course:{entry.course.school}:{content}"


def _designation(entry, as_of: dt.date) -> Designation | None:
    if entry.course is None:
        return None
    period = entry.validity
    return Designation(entry.course.designation_number, entry.course.benefit, entry.course.school,
                       period.start.isoformat() if period.start else None, period.end.isoformat() if period.end else None,
                       period.status(as_of) == "実施中")


def _sentence_at(spans: list[Span], position: int) -> str | None:
    for span in spans:
        if span.start <= position < span.end:
            return span.text
    return None


class Matcher:
    def __init__(self, catalog: Catalog, embedder: Encoder, index_dir: Path, barrier_file: Path, progress: bool = True):
        self.catalog = catalog
        self.entries = catalog.entries
        self.embedder = embedder
        self.index: DenseIndex = build_index(catalog, embedder, index_dir, progress=progress)
        self.lexical = LexicalIndex(self.entries)
        self.bm25 = BM25Index(self.entries)
        self.barriers = BarrierDetector.from_file(barrier_file, embedder)
        self.passage_spans = [passage_spans(e)[1] for e in self.entries]
        far = dt.date.max.toordinal()
        self._end = np.array([e.validity.end.toordinal() if e.validity.end else far for e in self.entries])
        self._audience = {role: np.array([role in e.audience for e in self.entries]) for role in ROLES}
        self._region = np.array([e.region or "" for e in self.entries])
        self._course = np.array([e.course is not None for e in self.entries], dtype=bool)
        self._sample = np.array([e.sample for e in self.entries], dtype=bool)
        self._family = [_family(e) for e in self.entries]
        self._family_names: dict[str, list[str]] = {}
        for e, family in zip(self.entries, self._family):
            if family:
                self._family_names.setdefault(family, []).append(e.display_name())
        self._program_barriers = np.array([[b in e.barriers for b in BARRIERS] for e in self.entries], dtype=np.float32).reshape(len(self.entries), len(BARRIERS))

    @classmethod
    def from_settings(cls, progress: bool = True) -> "Matcher":
        from .model import Embedder
        from .settings import settings

        s = settings()
        catalog = load_catalog(s.catalog_dir)
        return cls(catalog, Embedder(s.model_path), s.index_dir, s.catalog_dir / "barriers.yaml", progress=progress)

    def match(
        self, note: str, role: str = "employee", as_of: dt.date | None = None, include_ended: bool = False,
        limit: int = 10, ranker: str = "combined", person_facts: dict | None = None,
    ) -> MatchResult:
        if role not in ROLES:
            raise ValueError(f"role は {' / '.join(ROLES)} のいずれかです: {role}")
        if ranker not in RANKERS:
            raise ValueError(f"ranker は {' / '.join(RANKERS)} のいずれかです: {ranker}")
        t0 = time.perf_counter()
        as_of = as_of or dt.date.today()
        facts = person_facts or {}
        spans = sentences(note)
        vectors, span_vectors = self.embedder.encode([note], [spans], query=True)
        q, q_spans = vectors[0], span_vectors[0]
        t_embed = time.perf_counter()

        cosines = self.index.vectors @ q
        ended = self._end < as_of.toordinal()
        # a designated course stays a candidate after its designation period (scoring.py, designation)
        candidates = np.ones(len(self.entries), bool) if include_ended else ~ended | self._course
        lexical, term_hits = self.lexical.search(note)
        signals = self.barriers.detect(spans, q_spans)
        strengths = {b: s.strength for b, s in signals.items()}
        known = [facts["prefecture"]] if facts.get("prefecture") else prefectures_in(note)

        words = scoring.words_scores(self.bm25.scores(note), candidates)
        if ranker == "combined":
            candidates = candidates & scoring.teaches_what_the_note_names(words, lexical, self._course)
        dense = scoring.calibrate_dense(cosines, candidates, ~self._course)
        note_strength = np.array([strengths.get(b, 0.0) for b in BARRIERS], dtype=np.float32)
        barrier = scoring.barrier_scores(self._program_barriers, note_strength)
        audience = scoring.audience_factors(self._audience[role])
        region = scoring.region_factors(self._region, known)
        designation = scoring.designation_factors(ended & self._course)
        if ranker == "combined":
            total = scoring.combine(dense, lexical, words, barrier, audience, region, designation)
        elif ranker == "dense":
            total = cosines.astype(np.float64)
        else:
            total = scoring.baseline(words, lexical).astype(np.float64)
            candidates = candidates & (total > 0)  # without a shared word, words find nothing
        total = np.where(candidates, total, -np.inf)

        programs, samples = scoring.pick(total, self._family, self._sample, self._course, limit)
        t_rank = time.perf_counter()
        shown = [*programs, *samples]
        judged = dict(zip(shown, judge([self.entries[i] for i in shown], facts, as_of)))  # one batch

        def explain(rank: int, i: int) -> Recommendation:
            comp = scoring.Components(float(cosines[i]), float(dense[i]), float(lexical[i]), float(words[i]), float(barrier[i]),
                                      float(audience[i]), float(region[i]), float(designation[i]), float(total[i]))
            return self._explain(rank, i, comp, note, spans, q_spans, term_hits.get(i, []), signals, judged[i], as_of)

        recommendations = [explain(rank, i) for rank, i in enumerate(programs, start=1)]
        sample_list = [explain(rank, i) for rank, i in enumerate(samples, start=1)]
        t_done = time.perf_counter()
        return MatchResult(
            note=note, role=role, ranker=ranker, as_of=as_of.isoformat(),
            barriers=[{"barrier": s.barrier, "strength": round(s.strength, 3), "sentence": s.sentence.text, "why": s.why} for s in signals.values()],
            prefectures=known, recommendations=recommendations, samples=sample_list,
            timings_ms={"embed": round((t_embed - t0) * 1000, 2), "rank": round((t_rank - t_embed) * 1000, 2),
                        "explain": round((t_done - t_rank) * 1000, 2), "total": round((t_done - t0) * 1000, 2)},
        )

    def _explain(self, rank, i, comp, note, spans, q_spans, hits: list[TermHit], signals: dict[str, BarrierSignal],
                 eligibility: Eligibility, as_of) -> Recommendation:
        entry = self.entries[i]
        evidence: list[Evidence] = []
        why: list[str] = []
        p_spans, p_vecs = self.passage_spans[i], self.index.spans_of(i)
        if spans and len(q_spans) and len(p_vecs):
            sims = q_spans @ p_vecs.T
            a, b = np.unravel_index(int(np.argmax(sims)), sims.shape)
            evidence.append(Evidence("意味の近さ", spans[a].text, p_spans[b].text, f"文どうしの類似度 {float(sims[a, b]):.3f}"))
            why.append(f"ノートの「{spans[a].text}」が、この制度の「{p_spans[b].text}」と内容が近い。")
        for hit in hits[:3]:
            sentence = _sentence_at(spans, hit.start)
            evidence.append(Evidence("名称の一致", sentence, hit.term, f"一致度 {hit.ratio:.0f}"))
            why.append(f"ノートに「{hit.term}」が出てくる（「{sentence}」）。" if sentence else f"ノートに「{hit.term}」が出てくる。")
        shared: list[str] = []
        if comp.words >= scoring.COURSE_WORDS:
            named = [normalize(h.term) for h in hits]  # a word inside a name already given is not said twice
            shared = [w for w in self.bm25.shared_words(note, entry) if not any(normalize(w) in t for t in named)][:3]
        if shared:
            evidence.append(Evidence("語の一致", None, None, f"共通の語 {'、'.join(shared)}（BM25 {comp.words:.2f}）"))
            why.append(f"ノートの語（{'・'.join(shared)}）が、この制度の説明にも出てくる。")
        addressed = [b for b in entry.barriers if b in signals and signals[b].strength >= SHOWN_BARRIER]
        for b in addressed:
            signal = signals[b]
            evidence.append(Evidence("壁", signal.sentence.text, None, f"{b}（手がかり: {signal.why}、強さ {signal.strength:.2f}）"))
            why.append(f"ノートの「{signal.sentence.text}」に「{b}」の壁が表れている。この制度はその壁に応える。")
        others = [n for n in self._family_names.get(self._family[i] or "", []) if n != entry.display_name()]
        if others:
            shown = "、".join(others[:3]) + (f"ほか{len(others) - 3}件" if len(others) > 3 else "")
            kind = "同じ講座内容のほかのプラン" if entry.course else "同じ制度のほかの区分"
            why.append(f"{kind}（{shown}）の中では、これが一番近い。")
        if comp.region > 1.0:
            why.append(f"{entry.region}の制度で、ノートの地域と合う。")
        elif comp.region < 1.0 and entry.region:
            why.append(f"{entry.region}に限られる制度（地域を確認）。")
        return Recommendation(
            rank=rank, id=entry.id, name=entry.display_name(), provider=entry.provider, provider_name=entry.provider_name,
            kind=entry.kind, status=entry.status(as_of), sample=entry.sample, course=_designation(entry, as_of),
            score=comp.as_dict(), why=why,
            evidence=evidence, barriers=addressed, eligibility=eligibility,
            cost_for_person=entry.cost_for_person, time_for_person=entry.time_for_person, how_to_apply=entry.how_to_apply,
            figures=[f.display() for f in entry.figures], sources=[s.label() for s in entry.sources], rule=entry.rule,
        )
