"""How many LSH bands of how many rows: the (bands, rows) datasketch's MinHashLSH would choose, without scipy.

datasketch picks the shape that minimises the weighted sum of the false-positive area (pairs below the
threshold that become candidates) and the false-negative area (pairs above it that do not), integrating with
scipy. Importing scipy for that one choice costs seconds at run time and ~70 MB in the frozen app, so the same
minimisation is done here. A pair of Jaccard similarity s shares at least one of b bands of r rows with
probability 1 - (1 - s^r)^b: a polynomial of degree b*r <= num_perm, which Gauss-Legendre quadrature with
num_perm // 2 + 1 nodes integrates exactly.
"""

from __future__ import annotations

import numpy as np
from numpy.polynomial.legendre import leggauss


def _nodes(lower: float, upper: float, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Gauss-Legendre points and weights on [lower, upper]."""
    points, weights = leggauss(count)
    half = (upper - lower) / 2
    return lower + half * (points + 1), half * weights


def band_shape(threshold: float, num_perm: int, weights: tuple[float, float] = (0.5, 0.5)) -> tuple[int, int]:
    """(bands, rows), bands * rows <= num_perm, minimising false_positive_weight * the area of candidate
    probability below `threshold` + false_negative_weight * the area of miss probability above it. The search
    order and the strict comparison are datasketch's, so a tie resolves the same way (fewest bands first)."""
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be between 0 and 1, not {threshold}")
    if num_perm < 1:
        raise ValueError(f"num_perm must be at least 1, not {num_perm}")
    false_positive_weight, false_negative_weight = weights
    count = num_perm // 2 + 1  # exact for polynomials up to degree 2 * count - 1 >= num_perm
    below, below_weights = _nodes(0.0, threshold, count)
    above, above_weights = _nodes(threshold, 1.0, count)
    best_error, best = float("inf"), (0, 0)
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            false_positive = below_weights @ (1 - (1 - below**rows) ** bands)
            false_negative = above_weights @ ((1 - above**rows) ** bands)
            error = false_positive * false_positive_weight + false_negative * false_negative_weight
            if error < best_error:
                best_error, best = error, (bands, rows)
    return best
