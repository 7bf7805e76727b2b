"""The one scoring function of matching. Every ranking decision is made here.

    total = (W_DENSE * dense + W_LEXICAL * lexical + W_WORDS * words + W_BARRIER * barrier)
            * audience * region * designation

dense    The note's e5 cosine with the program, calibrated per note: e5 cosines sit close together
         (most fall in 0.75–0.90), so the raw value is rescaled between the median over the
         programs that are not designated courses (0) and the best candidate for this note (1).
         The median leaves courses out so that the scale does not move with the size of the course
         list (96 shipped, 16,000 in the official search, all alike to e5). Only the order within
         a note counts.
lexical  0–1: program, qualification and trade names found in the note (rapidfuzz), weighted down
         when a name is shared by many programs (lexical.py).
words    0–1: BM25 of the note's words against the program's text (bm25.py), the best candidate = 1.
         It finds a course whose description teaches what the note names (「データ分析」「統計」)
         where e5 finds every IT course about equally close.
barrier  0–1: the share of the barriers the note shows (時間がない / 目指すキャリアが不明確 /
         学び方がわからない, weighted by how clearly it shows them) that the program says it
         addresses. A note that shows no time lifts leave and time programs even when no word
         matches: embeddings miss such indirect links.
audience 1 when the program is for the role asking (employee / employer), AUDIENCE_OTHER when it
         is for someone else (an employee may still hear of a subsidy their employer can use).
region   For a program limited to one prefecture: REGION_SAME when the note or the person's
         facts name that prefecture, REGION_OTHER when they name another, REGION_UNKNOWN when none.
designation  DESIGNATION_ENDED for a designated course (教育訓練給付の指定講座) whose designation
         period ended before the day asked about, 1 otherwise. The shipped course list is a 2022
         snapshot and courses are commonly re-designated, so such a course stays a candidate (its
         eligibility says 対象外 with the dates and how to check the current designation); among
         equally relevant courses the one designated now comes first. Other programs that ended are
         not candidates at all (unless the person asks for ended ones too).

Candidates: programs in their period of validity, and designated courses whose designation ended
(see designation). A designated course is recommended for what it teaches, so the combined ranker
takes one only when the note names something in its text: its `words` reach COURSE_WORDS or a
name of it is in the note (`lexical`). e5 alone finds the IT courses about as close to any note
as the programs that answer it: for 「週末は子どものサッカーの付き添いと買い出しで終わってしまう。」
the best of the 96 shipped courses has cosine 0.829, the best program 0.829, their median 0.794.

The lists shown (`pick`):
- Real programs and company samples (見本: the fictional サンプル株式会社 of catalog/company-samples/)
  are never mixed. The main list holds real programs only. Samples go to a short list of their
  own, at most SAMPLES_SHOWN, and only samples that score at least as high as the last real
  program listed: a sample is shown as "a company program like this", never above or instead of a
  real program.
- At most one entry of a family (one program split into entries, e.g. 技能検定 by trade group;
  the designated courses of one school with the same 講座内容, offered as several plans such as
  8/12/16週間 or 昼間/夜間): its best-scoring entry stands for it.
- At most COURSES_SHOWN designated courses in the main list. A note about learning data analysis
  wants the benefit that pays for a course, where to find courses, and a few courses that teach
  it, not ten of the thousands of courses (a catalog may hold 16,000) pushing the programs out.

The baseline ranker of the evaluation (`baseline`) uses words only: `words` averaged with
`lexical`, no embeddings, no barriers.

The weights were set by hand and checked on the evaluation notes (bench/match_eval.py); they are
not fitted to that set. W_WORDS, COURSE_WORDS and COURSES_SHOWN were chosen among a few round
values (0.1–0.3, 0.1–0.3, 2–4) by the older notes (groups t–h); the independent notes (group n)
were measured, not used to choose.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

W_DENSE, W_LEXICAL, W_WORDS, W_BARRIER = 0.55, 0.25, 0.30, 0.20
AUDIENCE_OTHER = 0.6
REGION_SAME, REGION_OTHER, REGION_UNKNOWN = 1.1, 0.1, 0.7
DESIGNATION_ENDED = 0.9
SAMPLES_SHOWN = 3
COURSES_SHOWN = 3
COURSE_WORDS = 0.2


def calibrate_dense(cosines: np.ndarray, among: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Rescale raw cosines: the median of the reference candidates -> 0, the best candidate -> 1.

    among: the candidates; reference: the programs whose median sets 0 (all candidates when none)."""
    pool = cosines[among] if among.any() else cosines
    if pool.size == 0:
        return np.zeros_like(cosines)
    base = cosines[among & reference] if (among & reference).any() else pool
    low, high = float(np.median(base)), float(pool.max())
    return np.clip((cosines - low) / max(high - low, 1e-6), 0.0, 1.0)


def words_scores(bm25: np.ndarray, among: np.ndarray) -> np.ndarray:
    """BM25 rescaled so that the best candidate is 1 (0 when no candidate shares a word)."""
    best = float(bm25[among].max()) if among.any() else 0.0
    return np.clip(bm25 / best, 0.0, 1.0) if best > 0 else np.zeros_like(bm25)


def barrier_scores(program_barriers: np.ndarray, note_strength: np.ndarray) -> np.ndarray:
    """Share of the note's barriers (by strength) that each program addresses.

    program_barriers: (programs, 3) 0/1; note_strength: (3,) 0-1, in the order of BARRIERS."""
    shown = float(note_strength.sum())
    if shown <= 0:
        return np.zeros(program_barriers.shape[0], dtype=np.float32)
    return (program_barriers @ note_strength) / shown


def audience_factors(for_role: np.ndarray) -> np.ndarray:
    return np.where(for_role, 1.0, AUDIENCE_OTHER)


def region_factors(regions: np.ndarray, known: list[str]) -> np.ndarray:
    """regions: each program's prefecture, or "" when it is not limited to one."""
    regional = regions != ""
    if not known:
        return np.where(regional, REGION_UNKNOWN, 1.0)
    return np.where(regional, np.where(np.isin(regions, known), REGION_SAME, REGION_OTHER), 1.0)


def teaches_what_the_note_names(words: np.ndarray, lexical: np.ndarray, courses: np.ndarray) -> np.ndarray:
    """False for a designated course the note gives no word or name of; True for everything else."""
    return ~courses | (words >= COURSE_WORDS) | (lexical > 0)


def designation_factors(ended_course: np.ndarray) -> np.ndarray:
    """ended_course: each program is a designated course whose designation period has ended."""
    return np.where(ended_course, DESIGNATION_ENDED, 1.0)


@dataclass(frozen=True)
class Components:
    cosine: float
    dense: float
    lexical: float
    words: float
    barrier: float
    audience: float
    region: float
    designation: float
    total: float

    def as_dict(self) -> dict[str, float]:
        return {k: round(float(v), 4) for k, v in self.__dict__.items()}


def combine(dense: np.ndarray, lexical: np.ndarray, words: np.ndarray, barrier: np.ndarray, audience: np.ndarray,
            region: np.ndarray, designation: np.ndarray) -> np.ndarray:
    """The combined score of every program (arrays of the same length)."""
    return (W_DENSE * dense + W_LEXICAL * lexical + W_WORDS * words + W_BARRIER * barrier) * audience * region * designation


def baseline(words: np.ndarray, lexical: np.ndarray) -> np.ndarray:
    """Words only: the BM25 score (words_scores) averaged with the lexical name evidence."""
    return 0.5 * words + 0.5 * lexical


def pick(total: np.ndarray, families: list[str | None], samples: np.ndarray, courses: np.ndarray,
         k: int) -> tuple[list[int], list[int]]:
    """Indexes of the k best real programs by `total` (-inf = not a candidate), best first, with
    at most COURSES_SHOWN designated courses among them; and apart from them the best company
    samples (at most SAMPLES_SHOWN) that score at least as high as the last real program chosen.
    At most one entry of each family in either list."""
    programs: list[int] = []
    chosen_samples: list[int] = []
    taken: set[str] = set()
    n_courses = 0
    for i in np.argsort(-total, kind="stable"):
        if len(programs) == k or not np.isfinite(total[i]):
            break
        family = families[i]
        if family is not None:
            if family in taken:
                continue
            taken.add(family)
        if samples[i]:
            if len(chosen_samples) < SAMPLES_SHOWN:
                chosen_samples.append(int(i))
        elif courses[i]:
            if n_courses < COURSES_SHOWN:
                programs.append(int(i))
                n_courses += 1
        else:
            programs.append(int(i))
    return programs, chosen_samples
