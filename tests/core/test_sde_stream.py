"""Streaming: ellipses over chunks (as the benchmark's 100-million-point figure computes them)
equal one direct computation on all points at once; progress and cancel behave as documented."""
import pathlib
import sys

import numpy as np
import pandas as pd
import pytest

from clusterbelt.core import sde
from clusterbelt.core.errors import BadValueError

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "scripts"))
import bench  # noqa: E402  (scripts/bench.py: stream_ellipses, synthetic_chunk)

EXACT = ["n", "pct_inside", "scale", "coverage_expected"]
LENGTHS = ["CenterX", "CenterY", "XStdDist", "YStdDist", "major_sd", "minor_sd"]
ANGLES = ["Rotation", "azimuth"]


def uneven_chunks(seed, n_cases=7):
    """Chunks of uneven sizes (one empty, some missing cases), projected coordinates near 1e6,
    some negative and zero weights, and one case that is a single repeated point."""
    rng = np.random.default_rng(seed)
    chunks = []
    for size in (0, 1, 5, 300, 2, 1000, 17):
        case = rng.integers(0, n_cases - 1, size)
        x = 1e6 + 50 * case + rng.normal(0, 3, size) * (1 + case)
        y = 4e6 - 20 * case + rng.normal(0, 1, size)
        weight = rng.uniform(-0.5, 5, size)
        weight[rng.random(size) < 0.05] = 0.0
        chunks.append((x, y, weight, case))
    chunks.append((np.full(4, 1e6 + 1), np.full(4, 4e6 - 1), np.ones(4), np.full(4, n_cases - 1)))
    return chunks, n_cases


def assert_tables_equal(streamed, direct):
    """Equal up to rounding: merged moments differ from one-pass moments by a few ulps of the
    second moments, so lengths agree to 1e-10 of the case's major semi-axis (the minor axis
    inherits the major's rounding), angles to 1e-8 degree,
    sums of weights to 1e-13; counts and the share of points inside exactly."""
    for column in EXACT:
        np.testing.assert_array_equal(streamed[column].to_numpy(float), direct[column].to_numpy(float), err_msg=column)
    size = direct["major_sd"].to_numpy(float)
    for column in LENGTHS:
        got, expected = streamed[column].to_numpy(float), direct[column].to_numpy(float)
        np.testing.assert_array_equal(np.isnan(got), np.isnan(expected), err_msg=column)
        defined = ~np.isnan(expected)
        assert np.all(np.abs(got - expected)[defined] <= 1e-10 * size[defined] + 1e-15 * np.abs(expected[defined])), column
    for column in ANGLES:
        np.testing.assert_allclose(streamed[column].to_numpy(float), direct[column].to_numpy(float),
                                   rtol=0, atol=1e-8, equal_nan=True, err_msg=column)
    for column in ("weight_sum", "pct_weight_inside"):  # sums of the same weights in another order
        np.testing.assert_allclose(streamed[column], direct[column], rtol=1e-13, equal_nan=True, err_msg=column)
    np.testing.assert_allclose(streamed["area"], direct["area"], rtol=1e-9, equal_nan=True)
    pd.testing.assert_series_equal(streamed["status"], direct["status"])
    pd.testing.assert_series_equal(streamed["method"], direct["method"])


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("method", [sde.METHOD_ARCGIS, sde.METHOD_CRIMESTAT])
def test_streamed_ellipses_equal_one_direct_computation(seed, method):
    chunks, n_cases = uneven_chunks(seed)
    streamed = bench.stream_ellipses(lambda: iter(chunks), len(chunks), n_cases, method=method)
    x, y, w, case = (np.concatenate(parts) for parts in zip(*chunks))
    direct = sde.standard_deviational_ellipses(x, y, weights=w, case_index=case, n_cases=n_cases, method=method)
    assert_tables_equal(streamed, direct)
    assert streamed.attrs["n_clipped_weights"] == direct.attrs["n_clipped_weights"] == int((w < 0).sum()) > 0
    assert streamed["status"].iloc[-1] == sde.STATUS_IDENTICAL  # the repeated point
    assert set(streamed["status"].iloc[:-1]) == {sde.STATUS_OK}


def test_the_benchmark_stream_regenerates_identical_chunks():
    first = bench.synthetic_chunk(3, 1000, 50)
    again = bench.synthetic_chunk(3, 1000, 50)
    other = bench.synthetic_chunk(4, 1000, 50)
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first[0], other[0])
    # the case centres are shared by all chunks: the same case sits at the same place
    assert abs(np.mean(first[0][first[3] == 7]) - np.mean(other[0][other[3] == 7])) < 1.5


def test_benchmark_chunks_stream_to_the_direct_result():
    n_cases, size, count = 40, 20_000, 6

    def chunks():
        return (bench.synthetic_chunk(number, size, n_cases) for number in range(count))

    streamed = bench.stream_ellipses(chunks, count, n_cases)
    x, y, w, case = (np.concatenate(parts) for parts in zip(*chunks()))
    assert_tables_equal(streamed, sde.standard_deviational_ellipses(x, y, weights=w, case_index=case, n_cases=n_cases))


def test_progress_covers_both_passes_and_cancel_stops_reading():
    chunks, n_cases = uneven_chunks(4)
    reported = []
    bench.stream_ellipses(lambda: iter(chunks), len(chunks), n_cases, progress=reported.append)
    assert len(reported) == 2 * len(chunks)
    assert reported == sorted(reported) and reported[-1] == pytest.approx(1.0)

    read = []

    def counting_chunks():
        for chunk in chunks:
            read.append(1)
            yield chunk

    checks = []

    def is_canceled():
        checks.append(1)
        return len(checks) > 3

    assert bench.stream_ellipses(counting_chunks, len(chunks), n_cases, is_canceled=is_canceled) is None
    assert len(read) == 4  # the chunk read when the cancel is seen is not processed, none after it


@pytest.mark.parametrize("consume", ["benchmark stream", "moments stream"])
def test_bad_rows_name_their_row_across_chunks(consume):
    chunks, n_cases = uneven_chunks(5)
    x, y, w, case = chunks[3]
    x = x.copy()
    x[10] = np.nan
    chunks[3] = (x, y, w, case)
    with pytest.raises(BadValueError, match=r"row 16\b"):  # 0 + 1 + 5 rows before chunk 3
        if consume == "benchmark stream":
            bench.stream_ellipses(lambda: iter(chunks), len(chunks), n_cases)
        else:
            stream_of(chunks)


# ----------------------------------------------------------------------------- moments while reading

def stream_of(chunks):
    """A MomentsStream fed with the chunks, case indices as they come (no n_cases given)."""
    stream = sde.MomentsStream()
    for x, y, w, case in chunks:
        stream.add(x, y, w, case)
    return stream


def assert_moments_agree(streamed, direct):
    """Counts exactly; sums of weights to 1e-13; means to 1e-12 of their size; second moments
    to 1e-12 of the case's total spread (sxx + syy), so a covariance near 0 is not divided by 0."""
    assert streamed.n_cases == direct.n_cases
    np.testing.assert_array_equal(streamed.n, direct.n)
    np.testing.assert_array_equal(streamed.n_clipped, direct.n_clipped)
    np.testing.assert_allclose(streamed.weight_sum, direct.weight_sum, rtol=1e-13, atol=0)
    for name in ("mean_x", "mean_y"):
        got, expected = getattr(streamed, name), getattr(direct, name)
        np.testing.assert_array_equal(np.isnan(got), np.isnan(expected), err_msg=name)
        defined = ~np.isnan(expected)
        assert np.all(np.abs(got - expected)[defined] <= 1e-12 * np.abs(expected[defined])), name
    spread = direct.sxx + direct.syy
    for name in ("sxx", "syy", "sxy"):
        got, expected = getattr(streamed, name), getattr(direct, name)
        assert np.all(np.abs(got - expected) <= 1e-12 * spread), name


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_moments_streamed_block_by_block_equal_the_moments_of_all_points(seed):
    chunks, n_cases = uneven_chunks(seed)
    rng = np.random.default_rng(seed)
    # A one-point case and a case of zero weights only, both first seen in the last block, and a
    # case index that is never used (it must come out empty).
    chunks.append((np.array([2e6, 2e6 + 1, 2e6 + 3]), np.array([5e6, 5e6, 5e6 + 2]), np.array([2.0, 0.0, 0.0]),
                   np.array([n_cases, n_cases + 2, n_cases + 2])))
    n_cases += 4
    streamed = stream_of(chunks).result(n_cases)
    x, y, w, case = (np.concatenate(parts) for parts in zip(*chunks))
    direct = sde.GroupedMoments.from_points(x, y, w, case, n_cases)
    assert_moments_agree(streamed, direct)
    assert streamed.n.tolist()[-4:] == [1, 0, 2, 0]
    assert streamed.weight_sum[-3] == 0 and streamed.weight_sum[-1] == 0  # no weight: zero_weight cases
    assert streamed.n_clipped.sum() == int((w < 0).sum()) > 0
    # the case of one repeated point (first seen in a later block) has moments of exactly 0
    repeated = n_cases - 5
    assert (streamed.sxx[repeated], streamed.syy[repeated], streamed.sxy[repeated]) == (0.0, 0.0, 0.0)
    assert (streamed.mean_x[repeated], streamed.mean_y[repeated]) == (1e6 + 1, 4e6 - 1)
    # unweighted, and blocks of another size: the same moments
    sizes = np.cumsum(rng.integers(1, 200, 40))
    blocks = [(part_x, part_y, None, part_case) for part_x, part_y, part_case
              in zip(np.split(x, sizes), np.split(y, sizes), np.split(case, sizes))]
    assert_moments_agree(stream_of(blocks).result(n_cases), sde.GroupedMoments.from_points(x, y, None, case, n_cases))


def test_ellipses_and_standard_distances_from_streamed_moments_equal_the_direct_ones():
    from clusterbelt.core import distribution

    chunks, n_cases = uneven_chunks(6)
    moments = stream_of(chunks).result(n_cases)
    x, y, w, case = (np.concatenate(parts) for parts in zip(*chunks))
    for method in (sde.METHOD_ARCGIS, sde.METHOD_CRIMESTAT):
        direct = sde.standard_deviational_ellipses(x, y, w, case, n_cases, method=method)
        given = sde.standard_deviational_ellipses(x, y, w, case, n_cases, method=method, moments=moments)
        assert_tables_equal(given, direct)
        assert given.attrs["n_clipped_weights"] == direct.attrs["n_clipped_weights"] > 0
    direct = distribution.standard_distance(x, y, w, case, n_cases, size=2.0)
    given = distribution.standard_distance(x, y, w, case, n_cases, size=2.0, moments=moments)
    pd.testing.assert_series_equal(given["status"], direct["status"])
    np.testing.assert_array_equal(given["n"], direct["n"])
    for column in ("StdDist", "CenterX", "CenterY", "weight_sum"):
        np.testing.assert_allclose(given[column], direct[column], rtol=1e-12, equal_nan=True, err_msg=column)


def test_moments_of_other_points_are_refused():
    chunks, n_cases = uneven_chunks(7)
    moments = stream_of(chunks[:-1]).result(n_cases)  # without the last block
    x, y, w, case = (np.concatenate(parts) for parts in zip(*chunks))
    with pytest.raises(BadValueError, match="moments given"):
        sde.standard_deviational_ellipses(x, y, w, case, n_cases, moments=moments)
    from clusterbelt.core import distribution

    with pytest.raises(BadValueError, match="moments given"):
        distribution.standard_distance(x, y, w, case, n_cases, moments=moments)
    with pytest.raises(BadValueError, match="more than"):
        stream_of(chunks).result(n_cases - 1)


def test_the_moments_stream_refuses_negative_case_indices():
    chunks, _ = uneven_chunks(8)
    x, y, w, case = chunks[3]
    chunks[3] = (x, y, w, case - 10)
    with pytest.raises(BadValueError, match="negative case index"):
        stream_of(chunks)


def test_the_median_centre_from_streamed_moments_equals_the_direct_one():
    from clusterbelt.core import distribution

    chunks, n_cases = uneven_chunks(9)
    moments = stream_of(chunks).result(n_cases)
    x, y, w, case = (np.concatenate(parts) for parts in zip(*chunks))
    direct = distribution.median_center(x, y, w, case, n_cases)
    given = distribution.median_center(x, y, w, case, n_cases, moments=moments)
    pd.testing.assert_series_equal(given["status"], direct["status"])
    np.testing.assert_array_equal(given["n"], direct["n"])
    for column in ("CenterX", "CenterY"):  # the same iteration from starting means equal to 1e-15
        np.testing.assert_allclose(given[column], direct[column], rtol=1e-12, equal_nan=True, err_msg=column)
    with pytest.raises(BadValueError, match="moments given"):
        distribution.median_center(x[1:], y[1:], w[1:], case[1:], n_cases, moments=moments)
