"""The compiled kernels (core/kernels.py, numba) and the numpy path of core/sde.py give the same numbers.

numba is installed by `make test` (scripts/ensure_env.sh), so the rest of the suite runs the compiled
path; here every computation runs on both paths in the same process, the numpy one forced with
CLUSTERBELT_NO_NUMBA=1. Counts, statuses, NaNs, shares inside and errors must be identical; sums of
floating-point numbers may differ by where numpy's blocks cut the additions: a few ulps.
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest

from clusterbelt.core import kernels, sde
from clusterbelt.core.errors import BadValueError

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import sde_cases  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")

#: Agreement of sums taken in another grouping (relative to the size of the quantity).
RELATIVE = 1e-13
LENGTHS = ["XStdDist", "YStdDist", "major_sd", "minor_sd", "area"]


def on_both_paths(monkeypatch, function):
    """``function()`` with the kernels, then with numpy; an exception counts as the outcome."""
    outcomes = []
    for switched_off in ("", "1"):
        monkeypatch.setenv(kernels.DISABLE_VARIABLE, switched_off)
        try:
            outcomes.append(function())
        except BadValueError as error:
            outcomes.append(("error", str(error), error.row))
    return outcomes


def assert_same_tables(compiled, numpy_table):
    """Identical counts, statuses, methods, NaNs and shares inside; other numbers to RELATIVE of
    their scale (a length of the case's major axis, a centre of its size, an angle in degrees)."""
    assert list(compiled.columns) == list(numpy_table.columns)
    for column in ("n", "status", "method", "pct_inside"):
        pd.testing.assert_series_equal(compiled[column], numpy_table[column])
    major = np.abs(numpy_table["major_sd"].to_numpy(float))
    for column in numpy_table.select_dtypes("float64").columns.drop("pct_inside"):
        got, expected = compiled[column].to_numpy(float), numpy_table[column].to_numpy(float)
        np.testing.assert_array_equal(np.isnan(got), np.isnan(expected), err_msg=column)
        defined = ~np.isnan(expected)
        scale = np.abs(expected)
        if column in LENGTHS:
            scale = np.maximum(scale, major * (major if column == "area" else 1.0))
        elif column in ("Rotation", "azimuth"):
            scale = np.full(scale.shape, 180.0)
        gap = np.abs(got - expected)[defined]
        assert np.all(gap <= RELATIVE * scale[defined]), (column, float(np.max(gap / scale[defined])))
    assert compiled.attrs == numpy_table.attrs


def assert_same_moments(compiled, numpy_moments):
    for name in ("n", "n_clipped"):
        np.testing.assert_array_equal(getattr(compiled, name), getattr(numpy_moments, name), err_msg=name)
    for name in ("weight_sum", "mean_x", "mean_y", "sxx", "syy"):
        np.testing.assert_allclose(getattr(compiled, name), getattr(numpy_moments, name), rtol=RELATIVE,
                                   atol=0, equal_nan=True, err_msg=name)
    # sxy may be about zero: compare it to the spread it comes from.
    spread = np.sqrt(numpy_moments.sxx * numpy_moments.syy)
    assert np.all(np.abs(compiled.sxy - numpy_moments.sxy) <= RELATIVE * spread)


def many_cases(seed, n_points=60_000, n_cases=3_000, weighted=True):
    """Projected coordinates near 1e6 around random centres, turned spreads, negative and zero
    weights, and cases that are degenerate: empty, one or two points, identical, collinear, all
    weights 0."""
    rng = np.random.default_rng(seed)
    case = rng.integers(0, n_cases - 10, n_points)
    centre_x, centre_y = rng.uniform(2e5, 8e5, n_cases), rng.uniform(2e6, 5e6, n_cases)
    turn = rng.uniform(0, np.pi, n_cases)
    along, across = rng.normal(0, 1, n_points) * rng.uniform(1, 500, n_cases)[case], rng.normal(0, 30, n_points)
    x = centre_x[case] + along * np.cos(turn[case]) - across * np.sin(turn[case])
    y = centre_y[case] + along * np.sin(turn[case]) + across * np.cos(turn[case])
    weight = rng.uniform(-0.5, 10, n_points)
    weight[rng.random(n_points) < 0.05] = 0.0
    extra = [  # (case, x, y, weight)
        *[(n_cases - 9, 0.1 + 1e6, 0.7 + 3e6, 1.5)] * 5,  # identical points
        *[(n_cases - 8, 1e6 + 3 * t, 3e6 + 4 * t, 1.0 + t) for t in range(6)],  # collinear
        (n_cases - 7, 5e5, 4e6, 2.0), (n_cases - 6, 5e5, 4e6, 1.0), (n_cases - 6, 5e5 + 1, 4e6 + 2, 1.0),
        *[(n_cases - 5, 7e5 + t, 3e6 - t * t, 0.0) for t in range(4)],  # weights all 0
    ]  # cases n_cases - 4 .. n_cases - 1: no point at all
    case = np.concatenate([case, [row[0] for row in extra]])
    order = rng.permutation(case.size)
    columns = [np.concatenate([values, [row[i] for row in extra]])[order]
               for i, values in ((1, x), (2, y), (3, weight))]
    return columns[0], columns[1], columns[2] if weighted else None, case[order], n_cases


def test_numba_is_installed_and_the_switch_turns_it_off(monkeypatch):
    monkeypatch.delenv(kernels.DISABLE_VARIABLE, raising=False)
    assert kernels.load() == kernels.status() and kernels.status()["state"] == "compiled"
    assert kernels.shifted_moments(np.zeros(1), np.zeros(1), None, np.zeros(1, dtype=np.intp), 1,
                                   (np.zeros(1), np.zeros(1), np.zeros(1, dtype=bool))) is not None
    assert kernels.status()["state"] == "compiled"
    monkeypatch.setenv(kernels.DISABLE_VARIABLE, "1")
    assert kernels.status()["state"] == f"switched off by {kernels.DISABLE_VARIABLE}"
    assert kernels.count_inside(np.zeros(1), np.zeros(1), None, np.zeros(1, dtype=np.intp), 1,
                                sde._inside_parameters(sde.standard_deviational_ellipses([0.0], [0.0]))) is None


@pytest.mark.parametrize("weighted", [True, False])
@pytest.mark.parametrize("method", [sde.METHOD_ARCGIS, sde.METHOD_CRIMESTAT, sde.METHOD_COVERAGE])
def test_ellipses_of_many_cases_are_the_same_on_both_paths(monkeypatch, weighted, method):
    x, y, w, case, n_cases = many_cases(seed=7 + weighted, weighted=weighted)
    compiled, numpy_table = on_both_paths(
        monkeypatch, lambda: sde.standard_deviational_ellipses(x, y, w, case, n_cases, method=method))
    assert_same_tables(compiled, numpy_table)
    assert set(numpy_table["status"]) == set(sde.STATUSES) - {sde.STATUS_NOT_FINITE}


def test_moments_at_once_and_streamed_are_the_same_on_both_paths(monkeypatch):
    x, y, w, case, n_cases = many_cases(seed=11)

    def streamed():
        stream = sde.MomentsStream()
        for start in range(0, x.size, 4_096):  # blocks meet new cases, as a reader's batches do
            block = slice(start, start + 4_096)
            stream.add(x[block], y[block], w[block], case[block])
        return stream.result(n_cases)

    for compute in (lambda: sde.GroupedMoments.from_points(x, y, w, case, n_cases), streamed):
        assert_same_moments(*on_both_paths(monkeypatch, compute))


def test_the_share_inside_of_the_same_ellipses_is_identical(monkeypatch):
    x, y, w, case, n_cases = many_cases(seed=13)
    table = sde.standard_deviational_ellipses(x, y, w, case, n_cases)
    compiled, numpy_counts = on_both_paths(monkeypatch, lambda: sde.count_inside(x, y, w, case, table))
    np.testing.assert_array_equal(compiled[0], numpy_counts[0])
    np.testing.assert_allclose(compiled[1], numpy_counts[1], rtol=RELATIVE, atol=0)
    # Points exactly on the boundary count as inside on both paths.
    ring = sde.ellipse_rings(table.iloc[:50], 8)[:, :-1].reshape(-1, 2)
    on_ring = np.repeat(np.arange(50), 8)
    defined = ~np.isnan(ring[:, 0])
    outcomes = on_both_paths(monkeypatch, lambda: sde.count_inside(
        ring[defined, 0], ring[defined, 1], None, on_ring[defined], table)[0])
    np.testing.assert_array_equal(*outcomes)
    assert outcomes[0][:50].sum() == defined.sum()


@pytest.mark.parametrize("case", sde_cases.load_reference().cases[::3], ids=lambda case: case.label)
def test_reference_cases_are_the_same_on_both_paths(monkeypatch, case):
    assert_same_tables(*on_both_paths(monkeypatch, lambda: sde.standard_deviational_ellipses(
        case.x, case.y, case.weights, method=case.method, size=case.size, coverage_percent=case.coverage_percent)))


@pytest.mark.parametrize("points, weights", [
    ([[1e308, 1e308], [-1e308, 0.0], [0.0, 1e308]], None),  # moments overflow: not_finite
    ([[0.0, 0.0], [1.0, 1.0], [2.0, 0.5]], [1e308, 1e308, 1e308]),  # the sum of weights overflows
    ([[0.1, 0.7]] * 4, None),  # identical points that do not round-trip through sums
    ([[0.0, 0.0], [3.0, 4.0]], None),  # too few
    ([[1e7, 1e7 + 1e-2], [1e7 + 1e-2, 1e7], [1e7, 1e7]], [1.0, 2.0, 0.0]),  # centimetres at 1e7
])
def test_degenerate_cases_are_the_same_on_both_paths(monkeypatch, points, weights):
    points = np.asarray(points, dtype=float)
    for case_index in (None, np.arange(len(points)) % 2):
        assert_same_tables(*on_both_paths(monkeypatch, lambda case_index=case_index: sde.standard_deviational_ellipses(
            points[:, 0], points[:, 1], weights, case_index)))


@pytest.mark.parametrize("bad", [
    {"x": np.nan}, {"y": np.inf}, {"w": -np.inf}, {"w": np.nan}, {"case": -1}, {"case": 5},
])
def test_bad_values_raise_the_same_errors_on_both_paths(monkeypatch, bad):
    x, y, w, case = np.arange(10.0), np.arange(10.0) ** 2, np.ones(10), np.arange(10) % 3
    name, value = next(iter(bad.items()))
    {"x": x, "y": y, "w": w, "case": case}[name][6] = value

    def stream():
        moments = sde.MomentsStream()
        moments.add(x[:5], y[:5], w[:5], case[:5])
        moments.add(x[5:], y[5:], w[5:], case[5:])
        return moments.result(5)

    for compute in (lambda: sde.standard_deviational_ellipses(x, y, w, case, 5), stream,
                    lambda: sde.GroupedMoments.from_points(x, y, w, case, 5)):
        compiled, numpy_outcome = on_both_paths(monkeypatch, compute)
        assert compiled[0] == "error" and compiled == numpy_outcome


def test_non_contiguous_and_narrow_inputs_are_the_same_on_both_paths(monkeypatch):
    x, y, w, case, n_cases = many_cases(seed=17, n_points=20_000, n_cases=300)
    compiled, numpy_table = on_both_paths(monkeypatch, lambda: sde.standard_deviational_ellipses(
        x[::2], y[::2], w[::2].astype(np.float32), case[::2].astype(np.int32), n_cases))
    assert_same_tables(compiled, numpy_table)


CACHE_PROBE = textwrap.dedent("""
    import importlib.util, json, sys
    import numpy as np
    spec = importlib.util.spec_from_file_location("kernels", sys.argv[1])
    kernels = sys.modules["kernels"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(kernels)
    n = kernels.shifted_moments(np.arange(4.0), np.ones(4), None, np.array([0, 0, 1, 1]), 2,
                                (np.zeros(2), np.zeros(2), np.zeros(2, dtype=bool)))[0]
    print(json.dumps({"n": n.tolist(), **kernels.status()}))
""")


def probe_cache(folder, environment):
    completed = subprocess.run([sys.executable, "-c", CACHE_PROBE, str(folder / "kernels.py")],
                               capture_output=True, text=True, env=environment)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_compiled_code_is_cached_next_to_the_module_else_in_the_user_cache_else_per_session(tmp_path):
    """numba's own order of cache folders (NUMBA_CACHE_DIR unset); where none can be written the
    kernels are compiled for the session. Folders are made unwritable by putting a file where the
    folder should be (file modes do not stop root)."""
    plugin = tmp_path / "plugin"
    plugin.mkdir()
    shutil.copy(pathlib.Path(kernels.__file__), plugin / "kernels.py")
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("NUMBA_CACHE_DIR", kernels.DISABLE_VARIABLE)}
    environment["XDG_CACHE_HOME"] = str(tmp_path / "user-cache")

    writable = probe_cache(plugin, environment)
    assert writable == {"n": [2, 2], "state": "compiled", "cache": str(plugin / "__pycache__")}
    assert any(path.suffix == ".nbi" for path in (plugin / "__pycache__").iterdir())
    assert probe_cache(plugin, environment) == writable  # the second session loads it

    shutil.rmtree(plugin / "__pycache__")
    (plugin / "__pycache__").write_text("a read-only plugin folder")
    user_wide = probe_cache(plugin, environment)
    assert user_wide["state"] == "compiled" and user_wide["cache"].startswith(str(tmp_path / "user-cache" / "numba"))

    shutil.rmtree(tmp_path / "user-cache")
    (tmp_path / "user-cache").write_text("no cache folder either")
    assert probe_cache(plugin, environment) == {"n": [2, 2], "state": "compiled", "cache": None}


def test_the_compiled_check_passes_only_what_numpy_neither_refuses_nor_clips(monkeypatch):
    monkeypatch.delenv(kernels.DISABLE_VARIABLE, raising=False)
    x, y, w, case = np.arange(10.0), np.arange(10.0) ** 2, np.ones(10), np.arange(10) % 3
    assert kernels.points_clean(x, y, w, case, 3) is True
    assert kernels.points_clean(x[:0], y[:0], w[:0], case[:0], 0) is True
    assert kernels.points_clean(x, y, None, case, 3) is True
    for name, value in (("x", np.nan), ("y", -np.inf), ("w", np.inf), ("w", -1.0), ("w", -0.0 - 1e-300),
                        ("case", -1), ("case", 3)):
        arrays = {"x": x.copy(), "y": y.copy(), "w": w.copy(), "case": case.copy()}
        arrays[name][9] = value
        assert kernels.points_clean(arrays["x"], arrays["y"], arrays["w"], arrays["case"], 3) is False, (name, value)
    clipped = w.copy()
    clipped[4] = -2.0
    compiled, numpy_moments = on_both_paths(monkeypatch, lambda: sde.GroupedMoments.from_points(x, y, clipped, case, 3))
    assert_same_moments(compiled, numpy_moments)
    assert compiled.n_clipped.tolist() == [0, 1, 0]


def test_the_compiled_case_lookup_is_numpys_with_unknown_values_counted():
    table = np.full(50, -1, dtype=np.int64)
    table[[3, 7, 49]] = [0, 1, 2]
    for dtype in (np.int32, np.int64):
        values = np.array([3, 7, 49, 3, 50, -1, 8, 2**31 - 1 if dtype == np.int32 else 2**40], dtype=dtype)
        values.flags.writeable = dtype == np.int64  # GDAL hands read-only columns
        codes, unknown = kernels.table_codes(values, table)
        inside = (values >= 0) & (values < table.size)
        expected = np.where(inside, table[np.clip(values, 0, table.size - 1)], -1)
        assert codes.tolist() == expected.tolist() and unknown == int((expected < 0).sum()) == 4
    assert kernels.table_codes(np.array([1, 2], dtype=np.uint8), table) is None  # other types: numpy's path


def test_the_compiled_wkb_sweep_copies_what_numpys_view_reads(monkeypatch):
    records = np.zeros(1000, dtype=kernels.WKB_POINT)
    records["order"], records["kind"] = 1, 1
    records["x"], records["y"] = np.random.default_rng(3).normal(size=(2, 1000)) * 1e6
    x, y = np.empty(1000), np.empty(1000)
    assert kernels.wkb_points(records, x, y) == 1
    np.testing.assert_array_equal(x, records["x"])
    np.testing.assert_array_equal(y, records["y"])
    records["y"][10] = np.nan
    assert kernels.wkb_points(records, x, y) == 0
    records["kind"][999] = 1001  # a Z point's type code in a 21-byte record: not a 2-D point
    assert kernels.wkb_points(records, x, y) == -1
    records["kind"][999], records["order"][0] = 1, 0  # big-endian order byte
    assert kernels.wkb_points(records, x, y) == -1
    monkeypatch.setenv(kernels.DISABLE_VARIABLE, "1")
    assert kernels.wkb_points(records, x, y) is None and kernels.table_codes(records["kind"], np.zeros(2, int)) is None
