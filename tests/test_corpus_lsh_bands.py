"""The LSH band shape is chosen without scipy, and is the one datasketch's MinHashLSH would choose."""

import pytest
from datasketch.lsh import _optimal_param

from winnow.corpus.lsh_bands import _nodes, band_shape
from winnow.corpus.near_duplicates import DedupSettings


def test_the_default_dedup_settings_get_the_shape_datasketch_picks_for_them():
    settings = DedupSettings()
    assert settings.lsh_shape == _optimal_param(settings.candidate_threshold, settings.num_perm, 0.2, 0.8)


@pytest.mark.parametrize("num_perm", [4, 16, 64])
@pytest.mark.parametrize("weights", [(0.5, 0.5), (0.2, 0.8), (0.9, 0.1)])
def test_every_threshold_gets_datasketchs_shape(num_perm, weights):
    for threshold in (0.05, 0.15, 0.3, 0.5, 0.7, 0.85, 0.95):
        assert band_shape(threshold, num_perm, weights) == _optimal_param(threshold, num_perm, *weights), threshold


def test_the_index_uses_the_computed_shape():
    settings = DedupSettings(candidate_threshold=0.4, num_perm=32)
    index = settings.new_index()
    assert (index.b, index.r) == settings.lsh_shape == _optimal_param(0.4, 32, 0.2, 0.8)


def test_shapes_use_at_most_num_perm_hash_values_and_tighten_with_the_threshold():
    shapes = [band_shape(threshold, 128) for threshold in (0.1, 0.3, 0.5, 0.7, 0.9)]
    assert all(bands * rows <= 128 for bands, rows in shapes)
    rows = [r for _, r in shapes]
    assert rows == sorted(rows) and rows[0] < rows[-1]  # a stricter threshold wants longer bands


def test_the_quadrature_is_exact_for_the_candidate_probability_polynomials():
    # the integral of 1 - (1 - s)^3 over [0, t] is t - (1 - (1 - t)^4) / 4
    points, weights = _nodes(0.0, 0.3, 3)
    assert weights @ (1 - (1 - points) ** 3) == pytest.approx(0.3 - (1 - 0.7**4) / 4, rel=1e-12)
    points, weights = _nodes(0.2, 1.0, 5)
    assert weights @ points**9 == pytest.approx((1 - 0.2**10) / 10, rel=1e-12)


@pytest.mark.parametrize("threshold, num_perm", [(-0.1, 128), (1.5, 128), (0.5, 0)])
def test_impossible_parameters_are_refused(threshold, num_perm):
    with pytest.raises(ValueError):
        band_shape(threshold, num_perm)
