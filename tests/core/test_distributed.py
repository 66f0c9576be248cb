"""core/distributed.py: the same ellipses and standard distances as the single-machine engine,
computed by a local Dask cluster of 2 worker processes over partitioned Parquet files."""
import builtins
import os
import pathlib
import sys

import numpy as np
import pandas as pd
import pytest

from clusterbelt.core import distributed, distribution, sde

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
NUMBERS = ("weight_sum", "CenterX", "CenterY", "XStdDist", "YStdDist", "Rotation", "major_sd", "minor_sd",
           "azimuth", "scale", "coverage_expected", "pct_inside", "pct_weight_inside", "area", "flattening")


def hostile_points(seed=11, size=60_000):
    """Points at 1e7 offsets with metre spread, zero weights, a NULL case, missing coordinates and
    weights, and degenerate cases (identical, collinear, too few, all weights 0)."""
    rng = np.random.default_rng(seed)
    industry = rng.choice(np.array(["steel", "tea", "chips", "silk", None], dtype=object), size)
    year = rng.choice([2019, 2020, 2021], size)
    x = 1e7 + rng.normal(0, 30, size) + (industry == "tea") * 500.0
    y = 3e6 + rng.normal(0, 10, size)
    weight = rng.uniform(0, 8, size)
    weight[rng.random(size) < 0.05] = 0.0
    x[rng.random(size) < 0.01] = np.nan
    weight[rng.random(size) < 0.01] = np.nan
    frame = pd.DataFrame({"x": x, "y": y, "weight": weight, "industry": industry, "year": year})
    special = pd.DataFrame({
        "x": [5e6] * 4 + [1.0, 2.0, 3.0, 4.0] + [7.0, 8.0] + [1.0, 2.0, 3.0],
        "y": [5e6] * 4 + [1.0, 2.0, 3.0, 4.0] + [7.0, 9.0] + [1.0, 5.0, 2.0],
        "weight": [1.0, 2.0, 3.0, 4.0] + [1.0] * 4 + [1.0, 1.0] + [0.0, 0.0, 0.0],
        "industry": ["identical"] * 4 + ["line"] * 4 + ["pair"] * 2 + ["weightless"] * 3,
        "year": [2020] * 13,
    })
    # the special cases are spread over the file, so partitions hold parts of them
    frame = pd.concat([frame, special], ignore_index=True)
    return frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)


def single_machine(frame, method=sde.METHOD_ARCGIS):
    """The engine on the rows with finite x, y, weight; cases numbered as the keys first appear."""
    usable = np.isfinite(frame[["x", "y", "weight"]]).all(axis=1).to_numpy()
    codes, uniques = pd.factorize(pd.MultiIndex.from_frame(frame[["industry", "year"]]))
    table = sde.standard_deviational_ellipses(
        frame["x"].to_numpy()[usable], frame["y"].to_numpy()[usable], frame["weight"].to_numpy()[usable],
        codes[usable], len(uniques), method=method)
    distances = distribution.standard_distance(
        frame["x"].to_numpy()[usable], frame["y"].to_numpy()[usable], frame["weight"].to_numpy()[usable],
        codes[usable], len(uniques))
    skipped = np.bincount(codes[~usable], minlength=len(uniques))
    return uniques, table, distances, skipped


def assert_same_numbers(ours, reference, columns):
    for name in columns:
        a = ours[name].to_numpy(dtype=np.float64)
        b = reference[name].to_numpy(dtype=np.float64)
        assert np.array_equal(np.isnan(a), np.isnan(b)), name
        both = ~np.isnan(a)
        scale = np.maximum(np.abs(b[both]), 1e-300)
        # angles near 0/180 and flattening near 0 compare on their own scale
        if name in ("Rotation", "azimuth"):
            scale = np.maximum(scale, 180.0)
        if name == "flattening":
            scale = np.maximum(scale, 1.0)
        assert np.all(np.abs(a[both] - b[both]) <= 1e-12 * scale), (name, np.max(np.abs(a[both] - b[both]) / scale))


@pytest.fixture(scope="module")
def cluster_client(tmp_path_factory):
    """A local Dask cluster of 2 worker processes that can import this package as clusterbelt."""
    from distributed import Client, LocalCluster

    # Workers are fresh processes: they find the package through a folder named clusterbelt
    # (a link to the repository) on the sys.path they inherit.
    packages = tmp_path_factory.mktemp("packages")
    os.symlink(REPOSITORY, packages / "clusterbelt")
    sys.path.insert(0, str(packages))
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()
        sys.path.remove(str(packages))


@pytest.fixture(scope="module")
def parquet_points(tmp_path_factory):
    import dask.dataframe as dd

    frame = hostile_points()
    folder = tmp_path_factory.mktemp("parquet") / "points"
    dd.from_pandas(frame, npartitions=7).to_parquet(str(folder), write_index=False)
    assert len(list(folder.glob("*.parquet"))) == 7
    return frame, folder


@pytest.mark.parametrize("method", [sde.METHOD_ARCGIS, sde.METHOD_CRIMESTAT])
def test_cluster_gives_the_single_machine_numbers(cluster_client, parquet_points, method):
    import dask.dataframe as dd

    frame, folder = parquet_points
    points = dd.read_parquet(str(folder))
    assert points.npartitions == 7
    ours = distributed.ellipses(points, weight="weight", case="industry", period="year", method=method,
                                split_every=3)
    uniques, reference, _, skipped = single_machine(frame, method)
    # the same cases, in order of first appearance, NULL industry included
    def keys(pairs):
        return [(None if pd.isna(industry) else industry, int(year)) for industry, year in pairs]

    assert keys(zip(ours["industry"], ours["year"])) == keys(uniques)
    assert any(industry is None for industry, _ in keys(uniques))
    assert ours["n"].tolist() == reference["n"].tolist()
    assert ours["n_skipped"].tolist() == skipped.tolist() and skipped.sum() > 0
    assert (ours["n"] + ours["n_skipped"]).sum() == len(frame)
    assert ours["status"].tolist() == reference["status"].tolist()
    assert {"ok", "identical_points", "collinear", "too_few_points", "zero_weight"} <= set(ours["status"])
    assert_same_numbers(ours, reference, NUMBERS)


def test_cluster_gives_the_single_machine_standard_distances(cluster_client, parquet_points):
    import dask.dataframe as dd

    frame, folder = parquet_points
    ours = distributed.standard_distances(dd.read_parquet(str(folder)), weight="weight", case="industry",
                                          period="year")
    _, _, reference, skipped = single_machine(frame)
    assert ours["status"].tolist() == reference["status"].tolist()
    assert ours["n_skipped"].tolist() == skipped.tolist()
    assert_same_numbers(ours, reference, ("weight_sum", "CenterX", "CenterY", "StdDist"))


def test_without_keys_and_weights_one_ellipse_of_all_points(cluster_client, parquet_points):
    import dask.dataframe as dd

    frame, folder = parquet_points
    ours = distributed.ellipses(dd.read_parquet(str(folder), columns=["x", "y"]))
    usable = np.isfinite(frame[["x", "y"]]).all(axis=1).to_numpy()
    reference = sde.standard_deviational_ellipses(frame["x"].to_numpy()[usable], frame["y"].to_numpy()[usable])
    assert len(ours) == 1 and ours["n"].iloc[0] == usable.sum()
    assert_same_numbers(ours, reference, NUMBERS)


def test_partial_moments_merge_to_the_whole_without_a_cluster():
    """The merge alone, on pandas: any split of the rows merges to the moments of all rows."""
    frame = hostile_points(seed=5, size=5_000).dropna(subset=["x", "weight"])
    columns, keys = ("x", "y", "weight"), ["industry", "year"]
    whole = distributed._partial_moments(frame, columns, keys)
    rng = np.random.default_rng(1)
    cuts = np.sort(rng.choice(len(frame), 9, replace=False))
    parts = [distributed._partial_moments(part, columns, keys) for part in np.split(frame, cuts)]
    merged = distributed._merge_moments(pd.concat(parts[::-1], ignore_index=True), keys)
    merged = merged.set_index(keys).reindex(whole.set_index(keys).index).reset_index()
    assert merged["n"].tolist() == whole["n"].tolist()
    for axis in ("x", "y"):
        np.testing.assert_allclose(merged[f"reference_{axis}"] + merged[f"mean_{axis}"],
                                   whole[f"reference_{axis}"] + whole[f"mean_{axis}"], rtol=1e-15)
    for name in ("weight_sum", "sxx", "syy", "sxy"):
        np.testing.assert_allclose(merged[name], whole[name], rtol=1e-12, atol=1e-12 * float(whole[name].abs().max()))


def test_missing_dask_says_what_to_install(monkeypatch):
    """The plugin runs without Dask: the module imports, and calling it names the packages."""
    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name == "dask" or name.startswith("dask.") or name == "distributed":
            raise ImportError(f"No module named '{name}'")
        return real_import(name, *args, **kwargs)

    for name in [module for module in sys.modules if module == "dask" or module.startswith("dask.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(builtins, "__import__", no_dask)
    with pytest.raises(distributed.MissingDependencyError, match="python3-dask and python3-distributed") as error:
        distributed.ellipses(pd.DataFrame({"x": [0.0], "y": [0.0]}))
    assert "pyarrow or fastparquet" in str(error.value)
    assert isinstance(error.value, ImportError)
