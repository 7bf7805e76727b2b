"""The one scoring function of matching. Every ranking decision is made here.

    total = (W_DENSE * dense + W_LEXICAL * lexical + W_BARRIER * barrier) * audience * region

dense    The note's e5 cosine with the program, calibrated per note: e5 cosines sit close together
         (most fall in 0.75–0.90), so the raw value is rescaled between the median over the
         catalog (0) and the best program for this note (1). Only the order within a note counts.
lexical  0–1: program, qualification and trade names found in the note (rapidfuzz), weighted down
         when a name is shared by many programs (lexical.py).
barrier  0–1: the share of the barriers the note shows (時間がない / 目指すキャリアが不明確 /
         学び方がわからない, weighted by how clearly it shows them) that the program says it
         addresses. A note that shows no time lifts leave and time programs even when no word
         matches: embeddings miss such indirect links.
audience 1 when the program is for the role asking (employee / employer), AUDIENCE_OTHER when it
         is for someone else (an employee may still hear of a subsidy their employer can use).
region   For a program limited to one prefecture: REGION_SAME when the note or the person's
         facts name that prefecture, REGION_OTHER when they name another, REGION_UNKNOWN when none.

The list shown (`pick`) holds at most one entry of a family (one program split into entries,
e.g. 技能検定 by trade group): its best-scoring entry stands for it.

The weights were set by hand and checked on the evaluation notes (bench/match_eval.py); they are
not fitted to that set.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

W_DENSE, W_LEXICAL, W_BARRIER = 0.55, 0.25, 0.20
AUDIENCE_OTHER = 0.6
REGION_SAME, REGION_OTHER, REGION_UNKNOWN = 1.1, 0.1, 0.7


def calibrate_dense(cosines: np.ndarray, among: np.ndarray) -> np.ndarray:
    """Rescale raw cosines: the median of the candidates -> 0, the best candidate -> 1."""
    pool = cosines[among] if among.any() else cosines
    if pool.size == 0:
        return np.zeros_like(cosines)
    low, high = float(np.median(pool)), float(pool.max())
    return np.clip((cosines - low) / max(high - low, 1e-6), 0.0, 1.0)


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


@dataclass(frozen=True)
class Components:
    cosine: float
    dense: float
    lexical: float
    barrier: float
    audience: float
    region: float
    total: float

    def as_dict(self) -> dict[str, float]:
        return {k: round(float(v), 4) for k, v in self.__dict__.items()}


def combine(dense: np.ndarray, lexical: np.ndarray, barrier: np.ndarray, audience: np.ndarray, region: np.ndarray) -> np.ndarray:
    """The combined score of every program (arrays of the same length)."""
    return (W_DENSE * dense + W_LEXICAL * lexical + W_BARRIER * barrier) * audience * region


def pick(total: np.ndarray, families: list[str | None], k: int) -> list[int]:
    """Indexes of the k best programs by `total` (-inf = not a candidate), best first, at most
    one of each family."""
    chosen: list[int] = []
    taken: set[str] = set()
    for i in np.argsort(-total, kind="stable"):
        if len(chosen) == k or not np.isfinite(total[i]):
            break
        family = families[i]
        if family is not None:
            if family in taken:
                continue
            taken.add(family)
        chosen.append(int(i))
    return chosen
