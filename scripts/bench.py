"""Benchmark figures for the README (a measurement, not a test: it fails nothing).

``make bench`` runs ``scripts/bench.py --output bench_output``. Everything is generated here from
fixed seeds and is SYNTHETIC (random points around random centres, random industry names), not
real firms. Each figure runs in a fresh subprocess (one figure, one process), timed with
``timeit`` (the median of ``--repeats`` runs) and with its peak resident memory taken from
``/usr/bin/time -v`` (or ``getrusage`` when that program is missing). Printed and saved to
``bench_output/bench_table.md`` and ``bench_output/bench_results.json``:

1. engine: grouped weighted moments, ellipses and shares inside for 10 million points in 1,000
   cases; the same through PySAL pointpats ``ellipse()`` called per case (in a separate virtual
   environment, ``build/bench-venv``, fed the same ``.npy`` arrays) and through a pure-Python
   three-pass loop per case (the way Tveite's QGIS plugin computes) on a 1-million-point sample;
2. end to end: ``clusterbelt:standarddeviationalellipse`` on a 1-million-point GeoPackage, read in
   bulk (default) and feature by feature, against a bare loop that only reads the same features'
   geometry and fields through the QGIS API; the reading alone; a cProfile of each tool run;
3. matching: 1 million belts x 10,000 clusters;
4. streaming: 100 million points generated in chunks, two passes, bounded memory, checked
   against a direct computation on a prefix that fits;
5. progress and cancel: the largest gap between progress reports and the time from cancel to
   return, for the tool (both read paths) and the streamed engine;
6. gazetteer: the first load of the bundled gazetteer (cities and counties), and 1 million messy
   city and county names (codes, short and compound names, full-width, traditional, unknown,
   empty) located, without and with a province column.

Workers (``--worker NAME``) print one line ``BENCH_RESULT {json}``; the orchestrator collects them.
This module imports only the standard library and numpy at the top, so the pointpats worker runs
in the benchmark's own environment, and tests/core can import :func:`stream_ellipses`.
"""
import argparse
import json
import math
import os
import pathlib
import re
import statistics
import subprocess
import sys
import threading
import time
import timeit

import numpy as np

SCRIPTS = pathlib.Path(__file__).resolve().parent
REPOSITORY = SCRIPTS.parent
sys.path.insert(0, str(SCRIPTS))

SEED = 20221212
RESULT_PREFIX = "BENCH_RESULT "
BENCH_VENV = REPOSITORY / "build" / "bench-venv"


# ----------------------------------------------------------------------------- synthetic data

def synthetic_points(n_points, n_cases, seed=SEED):
    """Seeded synthetic points: case centres in a lon/lat box over China, normal spread around them."""
    rng = np.random.default_rng(seed)
    case = rng.integers(0, n_cases, n_points)
    centre_x = rng.uniform(80, 130, n_cases)
    centre_y = rng.uniform(20, 45, n_cases)
    x = centre_x[case] + rng.normal(0, 1.5, n_points)
    y = centre_y[case] + rng.normal(0, 0.8, n_points)
    weight = rng.uniform(0.1, 10, n_points)
    return x, y, weight, case


def synthetic_chunk(number, chunk_size, n_cases, seed=SEED):
    """Chunk ``number`` of an endless synthetic stream; the same arguments give the same chunk."""
    centres = np.random.default_rng([seed, n_cases])
    centre_x = centres.uniform(80, 130, n_cases)
    centre_y = centres.uniform(20, 45, n_cases)
    rng = np.random.default_rng([seed, n_cases, number])
    case = rng.integers(0, n_cases, chunk_size)
    x = centre_x[case] + rng.normal(0, 1.5, chunk_size)
    y = centre_y[case] + rng.normal(0, 0.8, chunk_size)
    weight = rng.uniform(0.1, 10, chunk_size)
    return x, y, weight, case


def engine_arrays_path(out, n_points, n_cases):
    return out / "data" / f"engine_{n_points}_{n_cases}"


def write_engine_arrays(out, n_points, n_cases):
    """Save the engine's input as .npy files (x, y, weight, case), the peers' common input."""
    base = engine_arrays_path(out, n_points, n_cases)
    if all((base.parent / f"{base.name}_{name}.npy").exists() for name in ("x", "y", "w", "case")):
        return base
    base.parent.mkdir(parents=True, exist_ok=True)
    for name, values in zip(("x", "y", "w", "case"), synthetic_points(n_points, n_cases)):
        np.save(base.parent / f"{base.name}_{name}.npy", values)
    return base


def load_engine_arrays(base, limit=None):
    arrays = [np.load(base.parent / f"{base.name}_{name}.npy", mmap_mode="r") for name in ("x", "y", "w", "case")]
    return [np.array(values[:limit]) for values in arrays]


def write_geopackage(path, x, y, weight, case, batch=1_000_000, case_columns=None):
    """A GeoPackage point layer ``firms`` (EPSG:4326) with fields ``weight`` and ``case_id``
    (or the integer columns of ``case_columns``, a dict name -> values, instead of ``case_id``).

    OGR creates the empty layer (metadata tables, triggers); the rows then go in through
    sqlite3 in bulk, their geometry blobs (GeoPackage header + little-endian WKB point) built
    with numpy: 10 million points take about a minute instead of many minutes feature by feature.
    """
    import sqlite3

    from osgeo import ogr, osr

    driver = ogr.GetDriverByName("GPKG")
    if path.exists():
        driver.DeleteDataSource(str(path))
    dataset = driver.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    layer = dataset.CreateLayer("firms", srs, ogr.wkbPoint, options=["SPATIAL_INDEX=NO"])
    case_columns = case_columns or {"case_id": case}
    layer.CreateField(ogr.FieldDefn("weight", ogr.OFTReal))
    for name in case_columns:
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTInteger))
    geometry_column = layer.GetGeometryColumn()
    layer = None  # GDAL 3.6: release children before the dataset
    dataset = None

    # GeoPackage blob: "GP", version 0, flags 0b00000001 (little endian, no envelope), srs_id;
    # then the WKB point: byte order 1, type 1, x, y.
    record = np.dtype([("magic", "S2"), ("version", "u1"), ("flags", "u1"), ("srs", "<i4"),
                       ("order", "u1"), ("kind", "<u4"), ("x", "<f8"), ("y", "<f8")])
    connection = sqlite3.connect(str(path))
    try:
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA journal_mode = MEMORY")
        # OGR's trigger counts features one insert at a time: set aside, count once at the end.
        triggers = connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                      "AND name LIKE 'trigger_insert_feature_count_%'").fetchall()
        for name, _ in triggers:
            connection.execute(f'DROP TRIGGER "{name}"')
        for start in range(0, len(x), batch):
            part = slice(start, start + batch)
            blobs = np.zeros(len(x[part]), dtype=record)
            blobs["magic"], blobs["version"], blobs["flags"], blobs["srs"] = b"GP", 0, 1, 4326
            blobs["order"], blobs["kind"], blobs["x"], blobs["y"] = 1, 1, x[part], y[part]
            raw = blobs.view(np.uint8).reshape(len(blobs), record.itemsize)
            rows = zip(map(bytes, raw), weight[part].tolist(),
                       *(values[part].tolist() for values in case_columns.values()))
            names = ", ".join(["weight"] + list(case_columns))
            marks = ", ".join("?" * (2 + len(case_columns)))
            connection.executemany(f'INSERT INTO firms ("{geometry_column}", {names}) VALUES ({marks})', rows)
        connection.execute("UPDATE gpkg_ogr_contents SET feature_count = "
                           "(SELECT COUNT(*) FROM firms) WHERE table_name = 'firms'")
        for _, sql in triggers:
            connection.execute(sql)
        connection.commit()
    finally:
        connection.close()


def synthetic_matching_tables(n_clusters, n_belts, seed=SEED):
    """Seeded synthetic clusters and belts: 300 city codes; industries from the bundled relation
    table's names plus 5,000 invented ones, so the table, the same-name rule and misses all occur."""
    import pandas as pd

    relations = pd.read_csv(REPOSITORY / "resources" / "data" / "industry_relations.csv")
    names = sorted(set(relations["industry_a"]) | set(relations["industry_b"]))
    rng = np.random.default_rng(seed)
    cities = np.array([f"{code:06d}" for code in rng.choice(np.arange(110000, 660000, 100), 300, replace=False)])
    vocabulary = np.array(names + [f"合成产业{i}" for i in range(5000)], dtype=object)
    clusters = pd.DataFrame({
        "city": cities[rng.integers(0, cities.size, n_clusters)],
        "industry": vocabulary[rng.integers(0, vocabulary.size, n_clusters)],
        "type": rng.choice(["seic", "icp", "amc"], n_clusters),
    })
    belts = pd.DataFrame({
        "city": cities[rng.integers(0, cities.size, n_belts)],
        "industry": vocabulary[rng.integers(0, vocabulary.size, n_belts)],
        "year": rng.choice([2019, 2020, 2021], n_belts),
    })
    return clusters, belts


def synthetic_place_names(n_rows, seed=SEED):
    """Seeded messy place texts drawn from the bundled gazetteer files: for each row a city or county
    written one of 10 ways (full name, short name, code as text/int/float, 省+市+县 compound, city +
    short name, full-width, padded, traditional), 3 % invented names and 2 % empty; with each row's
    province (as a context column). SYNTHETIC rows of real names."""
    import pandas as pd

    data = REPOSITORY / "resources" / "data"
    cities = pd.read_csv(data / "china_prefecture_gazetteer.csv", dtype=str, keep_default_na=False)
    counties = pd.read_csv(data / "china_county_gazetteer.csv", dtype=str, keep_default_na=False)
    counties = counties.merge(cities[["city_code", "city_name", "province"]], on="city_code")
    places = pd.concat([
        cities.rename(columns={"city_name": "name", "city_code": "code"}).assign(city=""),
        counties.rename(columns={"place_name": "name", "place_code": "code", "city_name": "city"}),
    ], ignore_index=True)[["name", "code", "city", "province"]]
    rng = np.random.default_rng(seed)
    pick = places.iloc[rng.integers(0, len(places), n_rows)].reset_index(drop=True)
    short = pick["name"].str.replace(r"(市|县|区|自治州|地区|盟)$", "", regex=True)
    traditional = str.maketrans("区县东广乡阳门义乌龙", "區縣東廣鄉陽門義烏龍")
    forms = [
        pick["name"], short, pick["code"], pick["code"].astype(int), pick["code"].astype(float),
        pick["province"] + pick["city"] + pick["name"], pick["city"] + short,
        pick["name"].str.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"}) + "\u3000",
        "  " + pick["name"] + " ", pick["name"].str.translate(traditional),
    ]
    way = rng.integers(0, len(forms), n_rows)
    names = np.empty(n_rows, dtype=object)
    for index, form in enumerate(forms):
        chosen = way == index
        names[chosen] = form.to_numpy(dtype=object)[chosen]
    invented = rng.random(n_rows) < 0.03
    names[invented] = [f"合成地名{i}" for i in rng.integers(0, 5000, int(invented.sum()))]
    names[rng.random(n_rows) < 0.02] = None
    return pd.Series(names, dtype=object), pick["province"]


# ----------------------------------------------------------------------------- computations

def stream_ellipses(make_chunks, n_chunks, n_cases, method=0, size=1.0, progress=None, is_canceled=None):
    """Ellipses and shares inside over a stream of chunks too large to hold at once.

    ``make_chunks()`` returns a fresh iterator of ``(x, y, weights, case_index)`` chunks (called
    twice: moments, then points inside the ellipses); ``n_chunks`` is their number, for
    progress. Moments merge exactly (:meth:`GroupedMoments.merge`) and counts inside add up, so
    the result equals :func:`sde.standard_deviational_ellipses` on all points at once, up to
    rounding. ``progress(fraction)`` is called after every chunk of each pass; when
    ``is_canceled()`` turns True the next chunk is not read and None is returned.
    """
    from clusterbelt.core import sde

    def report(done):
        if progress is not None:
            progress(done / (2 * n_chunks))

    moments = sde.GroupedMoments.empty(n_cases)
    rows_seen = 0
    for number, (x, y, weights, case) in enumerate(make_chunks(), start=1):
        if is_canceled is not None and is_canceled():
            return None
        moments = moments.merge(sde.GroupedMoments.from_points(x, y, weights, case, n_cases, row_offset=rows_seen))
        rows_seen += len(x)
        report(number)
    table = sde.ellipses_from_moments(moments, method, size)
    table.attrs["n_clipped_weights"] = int(moments.n_clipped.sum())
    n_inside = np.zeros(n_cases, dtype=np.int64)
    weight_inside = np.zeros(n_cases)
    for number, (x, y, weights, case) in enumerate(make_chunks(), start=1):
        if is_canceled is not None and is_canceled():
            return None
        chunk_count, chunk_weight = sde.count_inside(x, y, weights, case, table)
        n_inside += chunk_count
        weight_inside += chunk_weight
        report(n_chunks + number)
    table["pct_inside"], table["pct_weight_inside"] = sde.percent_inside(n_inside, weight_inside, table)
    return table


def three_pass_python(xs, ys, ws, cases, n_cases):
    """Per case, the way Tveite's QGIS plugin computes, in plain Python over lists of floats:
    pass 1 the weighted mean; pass 2 the sums of squares and products -> the two axis angles
    (Yuill's tan theta); pass 3 the weighted spread along each axis. Returns per case
    ``(mean_x, mean_y, sd_1, sd_2, theta_1)``, sd in coordinate units (Yuill, k = 1)."""
    groups = [[] for _ in range(n_cases)]
    for x, y, w, case in zip(xs, ys, ws, cases):
        groups[case].append((x, y, w))
    results = []
    for points in groups:
        sum_w = sum_x = sum_y = 0.0
        for x, y, w in points:
            sum_x += x * w
            sum_y += y * w
            sum_w += w
        mean_x, mean_y = sum_x / sum_w, sum_y / sum_w
        xyw = x2w = y2w = 0.0
        for x, y, w in points:
            dx, dy = x - mean_x, y - mean_y
            xyw += dx * dy * w
            x2w += dx * dx * w
            y2w += dy * dy * w
        top1 = x2w - y2w
        top2 = math.sqrt(top1 * top1 + 4 * xyw * xyw)
        theta1 = math.atan((-top1 + top2) / (2 * xyw))
        theta2 = math.atan((-top1 - top2) / (2 * xyw))
        cos1, sin1, cos2, sin2 = math.cos(theta1), math.sin(theta1), math.cos(theta2), math.sin(theta2)
        term1 = term2 = 0.0
        for x, y, w in points:
            dx, dy = x - mean_x, y - mean_y
            along1 = dy * cos1 - dx * sin1
            along2 = dy * cos2 - dx * sin2
            term1 += along1 * along1 * w
            term2 += along2 * along2 * w
        results.append((mean_x, mean_y, math.sqrt(term1 / sum_w), math.sqrt(term2 / sum_w), theta1))
    return results


def pointpats_per_case(points, weights, cases, n_cases):
    """pointpats ``ellipse()`` (CrimeStat method, its default) once per case, cases found by one sort."""
    from pointpats.centrography import ellipse

    order = np.argsort(cases, kind="stable")
    bounds = np.searchsorted(cases[order], np.arange(n_cases + 1))
    points = points[order]
    weights = weights[order]
    return [ellipse(points[start:stop], weights[start:stop]) for start, stop in zip(bounds[:-1], bounds[1:])]


def max_relative_difference(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), np.finfo(float).tiny)))


# ----------------------------------------------------------------------------- worker plumbing

def timed(function, repeats):
    """timeit's repeat (one call per run): all run times in seconds."""
    return timeit.Timer(function).repeat(repeat=repeats, number=1)


def current_rss_mb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def peak_rss_mb():
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def emit(**result):
    result.setdefault("self_peak_rss_mb", peak_rss_mb())
    print(RESULT_PREFIX + json.dumps(result), flush=True)


class ProgressClock:
    """Timestamps of progress reports; the largest gap, start and end included."""

    def __init__(self):
        self.times = []

    def start(self):
        self.times = [time.perf_counter()]

    def tick(self, *_):
        self.times.append(time.perf_counter())

    def largest_gap(self):
        self.tick()
        return float(np.max(np.diff(self.times))), len(self.times) - 2


def cancel_after(delay, cancel):
    """Call ``cancel()`` from another thread after ``delay`` s; returns a dict that gets the time."""
    fired = {}

    def fire():
        fired["at"] = time.perf_counter()
        cancel()

    timer = threading.Timer(delay, fire)
    timer.daemon = True
    timer.start()
    return fired, timer


# ----------------------------------------------------------------------------- workers

def worker_engine(args):
    from qgis_session import import_plugin_package

    import_plugin_package()
    from clusterbelt.core import sde

    x, y, w, case = load_engine_arrays(pathlib.Path(args.arrays))
    baseline = current_rss_mb()
    if args.variant == "full":
        def run():
            return sde.standard_deviational_ellipses(x, y, weights=w, case_index=case, n_cases=args.cases)
    else:
        def run():
            step = sde.DEFAULT_CHUNK_SIZE
            blocks = [slice(start, start + step) for start in range(0, x.size, step)]
            moments = sde.GroupedMoments.from_chunks(
                [(x[block], y[block], w[block], case[block]) for block in blocks], args.cases)
            return sde.ellipses_from_moments(moments)
    times = timed(run, args.repeats)
    table = sde.standard_deviational_ellipses(x, y, weights=w, case_index=case, n_cases=args.cases,
                                              method=sde.METHOD_CRIMESTAT)
    reference = pathlib.Path(args.arrays + "_clusterbelt_crimestat.npy")
    np.save(reference, table[["major_sd", "minor_sd", "azimuth"]].to_numpy())
    emit(times=times, baseline_rss_mb=baseline, input_mb=sum(a.nbytes for a in (x, y, w, case)) / 2**20)


def worker_pointpats(args):
    import pointpats

    x, y, w, case = load_engine_arrays(pathlib.Path(args.arrays), limit=args.limit)
    points = np.column_stack([x, y])
    baseline = current_rss_mb()
    times = timed(lambda: pointpats_per_case(points, w, case, args.cases), args.repeats)
    results = np.array(pointpats_per_case(points, w, case, args.cases))
    extra = {"pointpats_version": pointpats.__version__, "numpy_version": np.__version__}
    reference = pathlib.Path(args.arrays + "_clusterbelt_crimestat.npy")
    if args.limit is None and reference.exists():
        ours = np.load(reference)
        extra["max_rel_diff_axes"] = max(max_relative_difference(results[:, 0], ours[:, 0]),
                                         max_relative_difference(results[:, 1], ours[:, 1]))
    emit(times=times, baseline_rss_mb=baseline, **extra)


def worker_python_loop(args):
    from qgis_session import import_plugin_package

    import_plugin_package()
    from clusterbelt.core import sde

    x, y, w, case = load_engine_arrays(pathlib.Path(args.arrays), limit=args.limit)
    lists = (x.tolist(), y.tolist(), w.tolist(), case.tolist())
    baseline = current_rss_mb()
    loop_times = timed(lambda: three_pass_python(*lists, args.cases), args.repeats)
    loop_peak = peak_rss_mb()
    ours = sde.standard_deviational_ellipses(x, y, weights=w, case_index=case, n_cases=args.cases,
                                             method=sde.METHOD_YUILL)
    engine_times = timed(lambda: sde.standard_deviational_ellipses(x, y, weights=w, case_index=case,
                                                                   n_cases=args.cases), args.repeats)
    theirs = np.array(three_pass_python(*lists, args.cases))
    major = np.maximum(theirs[:, 2], theirs[:, 3])
    minor = np.minimum(theirs[:, 2], theirs[:, 3])
    difference = max(max_relative_difference(major, ours["major_sd"]),
                     max_relative_difference(minor, ours["minor_sd"]),
                     max_relative_difference(theirs[:, 0], ours["CenterX"]))
    emit(times=loop_times, engine_times=engine_times, baseline_rss_mb=baseline, self_peak_rss_mb=loop_peak,
         max_rel_diff_axes=difference)


def worker_matching(args):
    from qgis_session import import_plugin_package

    import_plugin_package()
    from clusterbelt.core import matching

    clusters, belts = synthetic_matching_tables(args.clusters, args.belts)
    baseline = current_rss_mb()

    def run():
        return matching.match_clusters_to_belts(
            clusters, belts, cluster_city="city", cluster_industry="industry", cluster_type="type",
            belt_city="city", belt_industry="industry", belt_year="year", years={2020, 2021}, with_pairs=True)

    times = timed(run, args.repeats)
    result = run()
    emit(times=times, baseline_rss_mb=baseline,
         classes=result.clusters["match_class"].value_counts().to_dict(), pairs=int(len(result.pairs)))


def worker_gazetteer(args):
    from qgis_session import import_plugin_package

    import_plugin_package()
    from clusterbelt.core import cities

    names, provinces = synthetic_place_names(args.place_names)
    began = time.perf_counter()
    gazetteer = cities.Gazetteer.bundled()
    load_s = time.perf_counter() - began
    baseline = current_rss_mb()
    times = timed(lambda: gazetteer.locate(names), args.repeats)
    context_times = timed(lambda: gazetteer.locate(names, province=provinces), args.repeats)
    located = gazetteer.locate(names)
    emit(times=times, context_times=context_times, load_s=load_s, baseline_rss_mb=baseline,
         rows=len(names), distinct=int(names.nunique()), places=len(gazetteer.places),
         statuses=located["locate_status"].value_counts().to_dict(),
         below_city=int(gazetteer.below_city(located).sum()))


def worker_stream(args):
    from qgis_session import import_plugin_package

    import_plugin_package()
    from clusterbelt.core import kernels, sde

    # numba and its kernels load once per session, at the first chunk of the first run (one pause
    # of 0.3-0.7 s before its first report): timed apart, so that the gaps are those of the loop.
    load_started = time.perf_counter()
    kernels_state = kernels.load()["state"]
    kernels_load_s = time.perf_counter() - load_started
    n_chunks = args.stream_points // args.chunk
    chunk_bytes = 4 * 8 * args.chunk / 2**20

    def chunks(count=n_chunks):
        return (synthetic_chunk(number, args.chunk, args.cases) for number in range(count))

    baseline = current_rss_mb()
    clock = ProgressClock()
    clock.start()
    started = time.perf_counter()
    table = stream_ellipses(chunks, n_chunks, args.cases, progress=clock.tick)
    seconds = time.perf_counter() - started
    gap, reports = clock.largest_gap()
    peak = peak_rss_mb()

    # Exactness: the streamed result on a prefix that fits in memory against one direct call.
    prefix = 5
    streamed = stream_ellipses(lambda: chunks(prefix), prefix, args.cases)
    x, y, w, case = (np.concatenate(parts) for parts in zip(*chunks(prefix)))
    direct = sde.standard_deviational_ellipses(x, y, weights=w, case_index=case, n_cases=args.cases)
    del x, y, w, case
    difference = max(max_relative_difference(streamed[name], direct[name])
                     for name in ("CenterX", "CenterY", "major_sd", "minor_sd", "area"))
    inside_difference = float(np.max(np.abs(streamed["pct_inside"] - direct["pct_inside"])))

    flag = threading.Event()
    fired, timer = cancel_after(args.cancel_after, flag.set)
    cancelled = stream_ellipses(chunks, n_chunks, args.cases, is_canceled=flag.is_set) is None
    latency = time.perf_counter() - fired["at"] if cancelled else None
    timer.cancel()
    emit(times=[seconds], baseline_rss_mb=baseline, self_peak_rss_mb=peak, chunk_input_mb=chunk_bytes,
         n_points=n_chunks * args.chunk, max_progress_gap_s=gap, progress_reports=reports,
         prefix_points=prefix * args.chunk, max_rel_diff_vs_direct=difference,
         max_pct_inside_diff_vs_direct=inside_difference,
         cancel_latency_s=latency, cancelled=cancelled, ok_cases=int((table["status"] == "ok").sum()),
         kernels=kernels_state, kernels_load_s=kernels_load_s)


def worker_qgis(args):
    """QGIS figures on the GeoPackage: ``bare``, ``tool`` (with ``--read-path``) or ``read``."""
    from qgis_session import start_qgis

    application, _provider = start_qgis()
    import processing
    from qgis.core import QgsFeatureRequest, QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

    from clusterbelt.ui.io import fast_read

    fast_read.BULK_READ_ENABLED = args.read_path == "bulk"
    layer = QgsVectorLayer(f"{args.gpkg}|layername=firms", "firms", "ogr")
    weight_index = layer.fields().lookupField("weight")
    case_index = layer.fields().lookupField("case_id")
    result = {}

    def bare_loop():
        request = QgsFeatureRequest().setSubsetOfAttributes([weight_index, case_index])
        total = 0.0
        for feature in layer.getFeatures(request):
            point = feature.geometry().constGet()
            total += point.x() + point.y() + feature[weight_index] + feature[case_index]
        return total

    def run_tool(feedback=None):
        parameters = {"INPUT": layer, "WEIGHT_FIELD": "weight", "CASE_FIELD": "case_id",
                      "OUTPUT": str(pathlib.Path(args.output) / f"ellipses_{args.read_path}.gpkg")}
        if args.calc_crs:
            parameters["CALC_CRS"] = args.calc_crs
        try:
            return processing.run("clusterbelt:standarddeviationalellipse", parameters,
                                  context=QgsProcessingContext(), feedback=feedback or QgsProcessingFeedback())
        except Exception as error:  # a cancelled run may end in an exception
            return {"error": str(error)}

    def read_only():
        columns = fast_read.read_point_columns(layer, weight_index, case_index, None, layer=layer)
        assert columns.path == args.read_path, columns.fallback_reason
        return columns

    baseline = current_rss_mb()
    function = {"bare": bare_loop, "tool": run_tool, "read": read_only}[args.what]
    result["times"] = timed(function, args.repeats)
    result["baseline_rss_mb"] = baseline
    result["self_peak_rss_mb"] = peak_rss_mb()

    if args.what == "tool" and args.measure_progress:
        feedback = QgsProcessingFeedback()
        clock = ProgressClock()
        feedback.progressChanged.connect(clock.tick)
        clock.start()
        run_tool(feedback)
        result["max_progress_gap_s"], result["progress_reports"] = clock.largest_gap()

        feedback = QgsProcessingFeedback()
        fired, timer = cancel_after(args.cancel_after, feedback.cancel)
        run_tool(feedback)
        returned = time.perf_counter()
        timer.cancel()
        # Cancelled means the cancel came while the run was going (it then stops early).
        result["cancelled"] = "at" in fired and fired["at"] < returned
        result["cancel_latency_s"] = returned - fired["at"] if result["cancelled"] else None

    if args.profile and args.what == "tool":
        import cProfile
        import io
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        run_tool()
        profiler.disable()
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(15)
        profile_path = pathlib.Path(args.output) / f"profile_tool_{args.read_path}.txt"
        profile_path.write_text(text.getvalue())
        result["profile"] = str(profile_path)

    layer = None  # a layer outliving exitQgis crashes the process
    emit(**result)
    application.exitQgis()


# ----------------------------------------------------------------------------- issue 13 targets

def timed_cpu(function, repeats):
    """Wall-clock and CPU (process) seconds of each of ``repeats`` calls. CPU time is what the
    process itself spent: on a machine shared with other work it moves less than wall time."""
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus


def alternated(measured, floor, pairs):
    """Wall and CPU seconds of ``pairs`` runs of ``measured`` and of ``floor``, run in pairs whose
    order alternates (floor first, then measured first: ABBA), so that a drift of the machine's
    speed during the run weighs on both alike. Returns (walls, cpus, floor walls, floor cpus), the
    i-th of each from the same pair."""
    walls, cpus, floor_walls, floor_cpus = [], [], [], []
    for index in range(pairs):
        order = ((floor, floor_walls, floor_cpus), (measured, walls, cpus))
        for function, wall_list, cpu_list in (order if index % 2 == 0 else order[::-1]):
            (wall,), (cpu,) = timed_cpu(function, 1)
            wall_list.append(wall)
            cpu_list.append(cpu)
    return walls, cpus, floor_walls, floor_cpus


def two_pass_floor(x, y, w, case, n_cases):
    """The floor of the engine: the same grouped moments in two plain passes of ``np.bincount``
    (means, then sums of squared deviations), no shift, no checks, no statuses."""
    weight_sum = np.bincount(case, w, n_cases)
    count = np.bincount(case, minlength=n_cases)
    mean_x = np.bincount(case, w * x, n_cases) / weight_sum
    mean_y = np.bincount(case, w * y, n_cases) / weight_sum
    dx = x - mean_x[case]
    dy = y - mean_y[case]
    w_dx = w * dx
    return (count, weight_sum, mean_x, mean_y, np.bincount(case, w_dx * dx, n_cases),
            np.bincount(case, w_dx * dy, n_cases), np.bincount(case, w * dy * dy, n_cases))


def inside_floor(x, y, w, case, n_cases, table):
    """The floor of the share inside: one plain pass testing each point against its ellipse."""
    from clusterbelt.core import sde

    centre_x, centre_y, cos_phi, sin_phi, major, minor = sde._ellipse_parameters(table)
    dx = x - centre_x[case]
    dy = y - centre_y[case]
    along = (dx * cos_phi[case] + dy * sin_phi[case]) / major[case]
    across = (dy * cos_phi[case] - dx * sin_phi[case]) / minor[case]
    inside = along * along + across * across <= 1.0
    return np.bincount(case[inside], minlength=n_cases), np.bincount(case[inside], w[inside], n_cases)


def worker_engine_floor(args):
    """Engine against its floors on the same arrays: moments + ellipses against the two-pass
    bincount floor; the full engine (with the share inside) against two passes + the inside pass."""
    from qgis_session import import_plugin_package

    import_plugin_package()
    from clusterbelt.core import sde

    x, y, w, case = load_engine_arrays(pathlib.Path(args.arrays))
    n_cases = int(case.max()) + 1
    table = sde.standard_deviational_ellipses(x, y, w, case, n_cases)
    figures = {
        "floor_two_pass": lambda: two_pass_floor(x, y, w, case, n_cases),
        "floor_three_pass": lambda: (two_pass_floor(x, y, w, case, n_cases),
                                     inside_floor(x, y, w, case, n_cases, table)),
        "engine_moments": lambda: sde.ellipses_from_moments(
            sde.GroupedMoments.from_points(x, y, w, case, n_cases)),
        "engine_full": lambda: sde.standard_deviational_ellipses(x, y, w, case, n_cases),
    }
    result = {}
    for name, function in figures.items():
        walls, cpus = timed_cpu(function, args.repeats)
        result[name] = {"wall_s": statistics.median(walls), "cpu_s": statistics.median(cpus)}
    # The floor and the engine agree (the floor is exact enough on these synthetic data).
    floor = two_pass_floor(x, y, w, case, n_cases)
    result["max_rel_diff_sxx_vs_floor"] = max_relative_difference(
        sde.GroupedMoments.from_points(x, y, w, case, n_cases).sxx, floor[4])
    emit(times=[result["engine_full"]["wall_s"]], figures=result, n_cases=n_cases, n_points=int(x.size))


def arrow_read_floor(path, columns):
    """Read ``columns`` and the geometry of ``path``'s layer through GDAL's Arrow stream into
    numpy batches, and nothing else: the floor of any bulk reader of these columns."""
    from osgeo import gdal

    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY)
    layer = dataset.GetLayerByName("firms")
    definition = layer.GetLayerDefn()
    names = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    layer.SetIgnoredFields([name for name in names if name not in columns] + ["OGR_STYLE"])
    stream = layer.GetArrowStreamAsNumPy(["INCLUDE_FID=NO", "MAX_FEATURES_IN_BATCH=65536"])
    rows = 0
    for batch in stream:
        rows += len(batch[columns[0]])
    stream = layer = None  # GDAL 3.6: release children before the dataset
    dataset = None
    return rows


def worker_target(args):
    """End to end against the Arrow floor on one GeoPackage and case field: the floor, the tool
    (time spent writing the output measured inside the run), and the tool's peak memory."""
    if args.plugin:  # the tools of another checkout, run by this script
        import plugin_package

        plugin_package.PLUGIN_ROOT = pathlib.Path(args.plugin)
    from qgis_session import start_qgis

    application, _provider = start_qgis()
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

    from clusterbelt.ui.algorithms import standard_deviational_ellipse as tool

    layer = QgsVectorLayer(f"{args.gpkg}|layername=firms", "firms", "ogr")
    features = layer.featureCount()
    write_seconds, write_cpu_seconds = [], []
    original_write = tool.StandardDeviationalEllipseAlgorithm._write_outputs

    def timed_write(self, *arguments, **keywords):
        started, started_cpu = time.perf_counter(), time.process_time()
        try:
            return original_write(self, *arguments, **keywords)
        finally:
            write_seconds.append(time.perf_counter() - started)
            write_cpu_seconds.append(time.process_time() - started_cpu)

    tool.StandardDeviationalEllipseAlgorithm._write_outputs = timed_write

    def destination(output):
        return ("TEMPORARY_OUTPUT" if args.output_kind == "temporary"
                else str(pathlib.Path(args.output) / f"target_{args.case_field}_{output}.gpkg"))

    def run_tool():
        parameters = {"INPUT": layer, "WEIGHT_FIELD": "weight", "CASE_FIELD": args.case_field,
                      "CALC_CRS": "EPSG:4326", "OUTPUT": destination("output")}
        if args.time_field:  # the distribution over time tool
            parameters.update(TIME_FIELD=args.time_field, OUTPUT_TRAJECTORY=destination("trajectory"),
                              OUTPUT_SHIFTS=destination("shifts"))
        return processing.run(f"clusterbelt:{args.tool}", parameters,
                              context=QgsProcessingContext(), feedback=QgsProcessingFeedback())

    result = {"features": features, "tool": args.tool}
    floor_columns = ["weight", args.case_field] + ([args.time_field] if args.time_field else [])
    if args.what == "floor":
        walls, cpus = timed_cpu(lambda: arrow_read_floor(args.gpkg, floor_columns), args.repeats)
    else:
        try:
            from clusterbelt.core import kernels
        except ImportError:  # a --plugin checkout from before the compiled kernels
            kernels = None
        if kernels is not None:
            # numba and its compiled code are loaded once per QGIS session, not per run: load them
            # first, so the run's peak counts what the run itself holds, and report them apart.
            before = current_rss_mb()
            result["kernels"] = kernels.load()["state"]
            result["kernels_mb"] = current_rss_mb() - before
        baseline = current_rss_mb()
        run_tool()  # first run: the peak memory of one run over the baseline
        result["peak_over_baseline_mb"] = peak_rss_mb() - baseline
        result["arrays_mb"] = features * (3 * 8 + 8) / 2**20  # x, y, weight (float64) + case code (int64)
        write_seconds.clear()
        write_cpu_seconds.clear()
        # The floor is read in this same process, alternately with the tool: the two see the same
        # page cache, the same neighbours and the same clock speed, which separate processes minutes
        # apart did not (the same floor moved by up to 50 % between runs on a shared machine).
        walls, cpus, floor_walls, floor_cpus = alternated(
            run_tool, lambda: arrow_read_floor(args.gpkg, floor_columns), args.repeats)
        result.update(floor_times=floor_walls, floor_cpu_times=floor_cpus,
                      ratios_wall=[a / b for a, b in zip(walls, floor_walls)],
                      ratios_cpu=[a / b for a, b in zip(cpus, floor_cpus)])
        if write_seconds:  # the ellipse tool's writing (other tools are not instrumented)
            result["write_s"] = statistics.median(write_seconds)
            result["write_cpu_s"] = statistics.median(write_cpu_seconds)
    result.update(times=walls, cpu_times=cpus, cpu_s=statistics.median(cpus))
    layer = None  # a layer outliving exitQgis crashes the process
    emit(**result)
    application.exitQgis()


def worker_write_floor(args):
    """Writing ``--cases`` ellipses of 361 vertices to a temporary (memory) layer, in a fresh process:
    the memory the output layer holds once written (what any run producing this output must hold);
    the floor of the per-feature QGIS calls (QgsFeature, setAttributes, fromWkb, setGeometry and
    addFeatures, every WKB and attribute list prepared before the timing); ``addFeatures`` alone on
    prepared features; and the tool's writer (ui/io/bulk_write.py: rings, WKB and attributes too)."""
    from qgis_session import start_qgis

    application, _provider = start_qgis()
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransformContext, QgsFields, QgsVectorLayer

    from clusterbelt.core import schema, sde
    from clusterbelt.ui.algorithms.point_statistics import ellipse_geometries
    from clusterbelt.ui.compat import FAST_INSERT, make_field
    from clusterbelt.ui.io import bulk_write
    from clusterbelt.ui.io.tables import schema_fields

    n_cases = args.cases
    x, y, weight, case = synthetic_points(50 * n_cases, n_cases)
    table = sde.standard_deviational_ellipses(x, y, weight, case, n_cases)
    del x, y, weight, case
    table["n_skipped"] = 0
    table["calc_crs"] = "EPSG:4326"
    table["center_x_calc_crs"], table["center_y_calc_crs"] = table["CenterX"], table["CenterY"]
    fields = QgsFields()
    fields.append(make_field("case_code", "longlong"))
    for field in schema_fields(schema.ELLIPSE):
        fields.append(field)
    crs = QgsCoordinateReferenceSystem("EPSG:4326")
    columns = [list(range(n_cases))] + bulk_write.attribute_columns(table, fields.names()[1:])
    geometries = ellipse_geometries(table, 360, crs, crs, QgsCoordinateTransformContext(), [True] * n_cases)
    blocks = [slice(start, start + bulk_write.FEATURES_PER_BLOCK)
              for start in range(0, n_cases, bulk_write.FEATURES_PER_BLOCK)]

    def new_layer():
        layer = QgsVectorLayer("Polygon?crs=EPSG:4326", "floor", "memory")
        layer.dataProvider().addAttributes(fields.toList())
        layer.updateFields()
        return layer

    # Memory first, in the fresh process: the output layer as QGIS holds it, written by the tool's writer.
    layer = new_layer()
    before = current_rss_mb()
    bulk_write.write_blocks(layer.dataProvider(), fields, columns, n_cases, geometries)
    result = {"cases": n_cases, "layer_mb": current_rss_mb() - before, "vertices": 361}
    layer = None

    def timed_into_new_layers(write):
        """Median wall and CPU seconds of ``write(provider)`` into a fresh layer each time (made and
        dropped outside the timing)."""
        walls, cpus = [], []
        for _ in range(args.repeats):
            layer = new_layer()
            provider = layer.dataProvider()
            wall, cpu = time.perf_counter(), time.process_time()
            write(provider)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            layer = None
        return statistics.median(walls), statistics.median(cpus)

    result["writer_s"], result["writer_cpu_s"] = timed_into_new_layers(
        lambda provider: bulk_write.write_blocks(provider, fields, columns, n_cases, geometries))
    prepared = [(geometries(block), [column[block] for column in columns]) for block in blocks]
    result["qgis_floor_s"], result["qgis_floor_cpu_s"] = timed_into_new_layers(
        lambda provider: [bulk_write.write_features(provider, fields, wkb, block_columns)
                          for wkb, block_columns in prepared])

    def prepared_features():
        return [bulk_write.write_features(_FeatureCollector(), fields, wkb, block_columns)
                for wkb, block_columns in prepared]

    features = prepared_features()
    result["add_features_s"], result["add_features_cpu_s"] = timed_into_new_layers(
        lambda provider: [provider.addFeatures(block_features, FAST_INSERT) for block_features in features])
    features = prepared = None
    emit(times=[result["qgis_floor_s"]], **result)
    application.exitQgis()


class _FeatureCollector:
    """A sink that keeps the features it is given (to time ``addFeatures`` alone on prepared features)."""

    def addFeatures(self, features, flags=None):  # noqa: N802 - QGIS's name
        return features


# ----------------------------------------------------------------------------- Dask

def worker_dask(args):
    """core/distributed.py on a local cluster of 2 worker processes: the time of the ellipses (two
    passes over the Parquet files) as the same points are split into more partitions, against the
    single-machine engine on the same points in memory, and the largest relative difference."""
    import tempfile

    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client, LocalCluster
    from qgis_session import import_plugin_package

    import_plugin_package()
    from clusterbelt.core import distributed, sde

    x, y, w, case = synthetic_points(args.dask_points, args.cases)
    frame = pd.DataFrame({"x": x, "y": y, "weight": w, "case": case})
    single_walls, _ = timed_cpu(lambda: sde.standard_deviational_ellipses(x, y, w, case, args.cases), args.repeats)
    reference = sde.standard_deviational_ellipses(x, y, w, case, args.cases)
    packages = tempfile.mkdtemp(prefix="bench-packages-")
    os.symlink(REPOSITORY, os.path.join(packages, "clusterbelt"))  # the workers import the package by name
    sys.path.insert(0, packages)
    rows = []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster):
        for partitions in (int(value) for value in args.dask_partitions.split(",")):
            folder = pathlib.Path(args.output) / "data" / f"parquet_{args.dask_points}_{partitions}"
            if not folder.exists():
                dd.from_pandas(frame, npartitions=partitions).to_parquet(str(folder), write_index=False)
            points = dd.read_parquet(str(folder))

            def run(points=points):
                return distributed.ellipses(points, weight="weight", case="case")

            walls, cpus = timed_cpu(run, args.repeats)
            table = run().sort_values("case").reset_index(drop=True)
            difference = max(max_relative_difference(table[name], reference[name])
                             for name in ("CenterX", "CenterY", "major_sd", "minor_sd", "area"))
            rows.append({"partitions": points.npartitions, "wall_s": statistics.median(walls),
                         "max_rel_diff": difference,
                         "pct_inside_equal": bool(np.array_equal(table["pct_inside"], reference["pct_inside"]))})
    emit(times=single_walls, partitions=rows, n_points=args.dask_points)


def render_dask(value, out):
    """The partitions table, and a figure of it (bench_output/dask_partitions.png) when matplotlib is there."""
    if not value or value.get("error"):
        return "Dask figure failed (see the log above)." if value else ""
    lines = ["| partitions | points per partition | median s | vs single machine | max rel. diff. | pct_inside equal |",
             "|---:|---:|---:|---:|---:|---|"]
    single = value.get("median_s")
    for row in value["partitions"]:
        lines.append(f"| {row['partitions']} | {value['n_points'] // row['partitions']:,} | {row['wall_s']:.3f} | "
                     f"{row['wall_s'] / single:.1f}x | {row['max_rel_diff']:.1e} | {row['pct_inside_equal']} |")
    lines.append(f"| single machine (core/sde.py, arrays in memory) | {value['n_points']:,} | {single:.3f} | 1.0x "
                 "| - | - |")
    try:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib import pyplot
    except ImportError:
        return "\n".join(lines)
    figure, axes = pyplot.subplots(figsize=(6, 3.5))
    partitions = [row["partitions"] for row in value["partitions"]]
    axes.plot(partitions, [row["wall_s"] for row in value["partitions"]], "o-", label="Dask, 2 worker processes")
    axes.axhline(single, color="grey", linestyle="--", label="single machine, in memory")
    axes.set_xscale("log", base=2)
    axes.set_xlabel("Parquet partitions")
    axes.set_ylabel("seconds (median)")
    axes.set_title(f"Ellipses of {value['n_points']:,} points: time against partitions")
    axes.legend()
    figure.tight_layout()
    figure.savefig(out / "dask_partitions.png", dpi=100)
    pyplot.close(figure)
    return "\n".join(lines) + "\n\nFigure: bench_output/dask_partitions.png"


WORKERS = {
    "engine": worker_engine,
    "pointpats": worker_pointpats,
    "python_loop": worker_python_loop,
    "matching": worker_matching,
    "gazetteer": worker_gazetteer,
    "stream": worker_stream,
    "qgis": worker_qgis,
    "engine_floor": worker_engine_floor,
    "target": worker_target,
    "write_floor": worker_write_floor,
    "dask": worker_dask,
}


# ----------------------------------------------------------------------------- orchestration

def run_worker(name, python, options, out, repository=REPOSITORY):
    """Run one worker in a fresh process under /usr/bin/time -v; its result with the peak RSS.
    ``repository``: the checkout whose scripts/bench.py (and so whose plugin) runs the worker."""
    script = pathlib.Path(repository).resolve() / "scripts" / "bench.py"
    command = [str(python), str(script), "--worker", name, "--output", str(out)] + options
    time_program = pathlib.Path("/usr/bin/time")
    if time_program.exists():
        command = [str(time_program), "-v"] + command
    print(f"  running {name} {' '.join(options)}", flush=True)
    started = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, cwd=repository)
    wall = time.perf_counter() - started
    lines = [line for line in completed.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    if completed.returncode != 0 or not lines:
        tail = "\n".join((completed.stderr or completed.stdout).strip().splitlines()[-15:])
        print(f"  {name} failed (exit {completed.returncode}):\n{tail}", flush=True)
        return {"error": tail or f"exit {completed.returncode}", "wall_s": wall}
    result = json.loads(lines[-1][len(RESULT_PREFIX):])
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", completed.stderr)
    result["peak_rss_mb"] = int(peak.group(1)) / 1024 if peak else result.get("self_peak_rss_mb")
    result["peak_rss_source"] = "/usr/bin/time -v" if peak else "getrusage"
    result["wall_s"] = wall
    if result.get("times"):
        result["median_s"] = statistics.median(result["times"])
    return result


def ensure_bench_venv():
    """build/bench-venv with pointpats (its own numpy): the plugin's environment keeps Debian's."""
    python = BENCH_VENV / "bin" / "python"
    check = [str(python), "-c", "import pointpats, numpy; print(pointpats.__version__)"]
    if python.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return python, None
    try:
        if not python.exists():
            subprocess.run(["/usr/bin/python3", "-m", "venv", str(BENCH_VENV)], check=True, capture_output=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "pointpats"], check=True,
                       capture_output=True, text=True, timeout=600)
    except (subprocess.SubprocessError, OSError) as error:
        reason = getattr(error, "stderr", "") or str(error)
        return None, f"pip could not install pointpats into {BENCH_VENV}: {reason.strip().splitlines()[-1:]}"
    if subprocess.run(check, capture_output=True).returncode != 0:
        return None, "pointpats installed but does not import"
    return python, None


def machine_description():
    import platform

    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as info:
            memory = f", {int(info.readline().split()[1]) / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    versions = ""
    try:
        from osgeo import gdal

        versions = f"; GDAL {gdal.__version__}"
    except ImportError:
        pass
    try:
        import pandas

        versions += f", numpy {np.__version__}, pandas {pandas.__version__}"
    except ImportError:
        pass
    qgis_version = subprocess.run(
        [sys.executable, "-c", "from qgis.core import Qgis; print(Qgis.QGIS_VERSION)"],
        capture_output=True, text=True).stdout.strip()
    return (f"{cpu}, {os.cpu_count()} cores{memory}; {platform.platform()}; Python {platform.python_version()}"
            f"{versions}; QGIS {qgis_version or '?'}")


def fmt_seconds(value):
    return "-" if value is None else f"{value:.3f}"


def fmt_mb(value):
    return "-" if value is None else f"{value:,.0f}"


def orchestrate(args):
    out = pathlib.Path(args.output).resolve()
    out.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    groups = set(args.groups.split(","))
    print("Generating synthetic data (seeded)...", flush=True)
    arrays = write_engine_arrays(out, args.engine_points, args.cases)
    gpkg = out / "data" / f"synthetic_points_{args.points}_{args.cases}.gpkg"
    if not gpkg.exists() and groups & {"qgis"}:
        write_geopackage(gpkg, *synthetic_points(args.points, args.cases))
    here = sys.executable
    common = ["--cases", str(args.cases), "--repeats", str(args.repeats)]
    results = {}
    pointpats_problem = "not run (--groups)"

    if "targets" in groups:
        results["targets"] = run_targets(args, out, here, arrays)
    if "engine" in groups:
        run_engine_figures(args, out, here, arrays, common, results)
    if "qgis" in groups:
        run_qgis_figures(args, out, here, gpkg, common, results)
    if "matching" in groups:
        print("Matching...", flush=True)
        results["matching"] = run_worker(
            "matching", here, common + ["--clusters", str(args.clusters), "--belts", str(args.belts)], out)
    if "gazetteer" in groups:
        print(f"Gazetteer: {args.place_names:,} names...", flush=True)
        results["gazetteer"] = run_worker(
            "gazetteer", here, ["--repeats", str(args.repeats), "--place-names", str(args.place_names)], out)
    if "stream" in groups:
        print(f"Streaming {args.stream_points:,} points...", flush=True)
        results["stream"] = run_worker(
            "stream", here, ["--cases", str(args.cases), "--stream-points", str(args.stream_points),
                             "--chunk", str(args.chunk), "--cancel-after", "2.0"], out)
    if "dask" in groups:
        print(f"Dask: {args.dask_points:,} points in {args.dask_partitions} partitions...", flush=True)
        results["dask"] = run_worker("dask", here, ["--cases", str(args.cases), "--repeats", str(args.repeats),
                                                    "--dask-points", str(args.dask_points),
                                                    "--dask-partitions", args.dask_partitions], out)
    if "engine" in groups:
        pointpats_problem = results.pop("pointpats_problem", None)
    finish(args, out, began, results, pointpats_problem)


#: The integer time column of the target GeoPackage (the distribution over time tool): one of
#: ``TARGET_YEARS`` years per point, drawn with its own seed.
TIME_FIELD = "period"
TARGET_YEARS = range(2011, 2020)
#: The case count of the figures of the tools that came after the ellipse tool.
LATER_TOOLS_CASES = 100


def target_geopackage(out, n_points, case_counts):
    """The GeoPackage of the target figures: points around the centres of the largest case
    count; one integer column ``case_<count>`` per count (the largest modulo the smaller) and the
    year of each point in ``period`` (9 years)."""
    path = out / "data" / f"targets_{n_points}_{'_'.join(map(str, case_counts))}_{TIME_FIELD}.gpkg"
    if not path.exists():
        x, y, weight, case = synthetic_points(n_points, max(case_counts))
        columns = {f"case_{count}": case % count for count in case_counts}
        years = np.random.default_rng(SEED + 1).integers(TARGET_YEARS.start, TARGET_YEARS.stop, n_points)
        columns[TIME_FIELD] = years
        write_geopackage(path, x, y, weight, case, case_columns=columns)
    return path


def run_targets(args, out, here, arrays):
    """Issue 13's figures, each a ratio to a floor measured in the same run (for the tools: in the
    tool's own process, alternately with it, see ``alternated``)."""
    floor_arguments = ["--arrays", str(arrays), "--repeats", str(args.repeats)]
    targets = {"engine": run_worker("engine_floor", here, floor_arguments, out)}
    case_counts = [int(value) for value in args.target_cases.split(",")]
    versions = [("", [])] + ([("before_", ["--plugin", str(pathlib.Path(args.baseline).resolve())])]
                             if args.baseline else [])
    for n_points in (int(value) for value in args.target_points.split(",")):
        print(f"Targets on {n_points:,} points...", flush=True)
        gpkg = target_geopackage(out, n_points, case_counts)
        for count in case_counts:
            options = ["--gpkg", str(gpkg), "--case-field", f"case_{count}", "--repeats", str(args.repeats)]
            # the standard distance tool of issue 12 shares the read path; with --baseline, the tools
            # of the other checkout (``--plugin``), run by this script against their own paired floors
            for prefix, plugin in versions:
                for tool, name in (("standarddeviationalellipse", "tool"), ("standarddistance", "distance")):
                    targets[f"{prefix}{name}_{n_points}_{count}"] = run_worker(
                        "target", here, options + ["--what", "tool", "--tool", tool] + plugin, out)
            if count == LATER_TOOLS_CASES:
                targets.update(later_tool_targets(out, here, options, n_points, versions))
    for count in case_counts:  # writing `count` ellipses through QGIS: the floor and the layer's memory
        targets[f"write_{count}"] = run_worker("write_floor", here, ["--cases", str(count), "--repeats",
                                                                     str(args.repeats)], out)
    return targets


def later_tool_targets(out, here, options, n_points, versions):
    """The distribution over time tool against the Arrow read of its four columns (weight, case, time,
    geometry) and the median centre tool against that of the ellipse tool's three, of this checkout
    and of each other one in ``versions`` ((key prefix, ``--plugin`` options): its older script may
    not know the time field, so this script runs its tools)."""
    figures = {}
    for prefix, plugin in versions:
        figures[f"{prefix}overtime_{n_points}_{LATER_TOOLS_CASES}"] = run_worker(
            "target", here, options + ["--what", "tool", "--tool", "distributionovertime", "--time-field",
                                       TIME_FIELD] + plugin, out)
        figures[f"{prefix}median_{n_points}_{LATER_TOOLS_CASES}"] = run_worker(
            "target", here, options + ["--what", "tool", "--tool", "mediancenter"] + plugin, out)
    return figures


def run_engine_figures(args, out, here, arrays, common, results):
    print("Engine figures...", flush=True)
    results["engine_full"] = run_worker("engine", here, common + ["--arrays", str(arrays), "--variant", "full"], out)
    results["engine_moments"] = run_worker(
        "engine", here, common + ["--arrays", str(arrays), "--variant", "moments"], out)
    bench_python, pointpats_problem = ensure_bench_venv()
    if bench_python is not None:
        results["pointpats"] = run_worker("pointpats", bench_python, common + ["--arrays", str(arrays)], out)
        results["pointpats_sample"] = run_worker(
            "pointpats", bench_python, common + ["--arrays", str(arrays), "--limit", str(args.sample)], out)
    else:
        print(f"  pointpats skipped: {pointpats_problem}", flush=True)
    results["pointpats_problem"] = pointpats_problem
    results["python_loop"] = run_worker(
        "python_loop", here, common + ["--arrays", str(arrays), "--limit", str(args.sample)], out)


def run_qgis_figures(args, out, here, gpkg, common, results):
    print("End-to-end figures (QGIS)...", flush=True)
    qgis_common = common + ["--gpkg", str(gpkg), "--calc-crs", "EPSG:4326"]
    results["bare_loop"] = run_worker("qgis", here, qgis_common + ["--what", "bare"], out)
    for path in ("iterator", "bulk"):
        results[f"tool_{path}"] = run_worker(
            "qgis", here, qgis_common + ["--what", "tool", "--read-path", path, "--measure-progress", "--profile",
                                         "--cancel-after", "1.0" if path == "iterator" else "0.08"], out)
        results[f"read_{path}"] = run_worker("qgis", here, qgis_common + ["--what", "read", "--read-path", path], out)
    results["tool_bulk_default_crs"] = run_worker(
        "qgis", here, common + ["--gpkg", str(gpkg), "--calc-crs", "", "--what", "tool", "--read-path", "bulk"], out)


def finish(args, out, began, results, pointpats_problem):
    total = time.perf_counter() - began
    table = render_table(results, args, pointpats_problem) if set(results) - {"targets", "dask"} else ""
    if "targets" in results:
        table = render_targets(results["targets"]) + ("\n\n" + table if table else "")
    if "dask" in results:
        table = "\n\n".join(part for part in (table, render_dask(results["dask"], out)) if part)
    machine = machine_description()
    text = (f"Machine: {machine}\nRun: {time.strftime('%Y-%m-%d %H:%M')}, whole benchmark {total:.0f} s; "
            f"medians of {args.repeats} runs unless stated; data are synthetic (seed {SEED}).\n\n{table}")
    print("\n" + text)
    (out / "bench_table.md").write_text(text + "\n", encoding="utf-8")
    (out / "bench_results.json").write_text(
        json.dumps({"machine": machine, "arguments": vars(args), "total_s": total, "results": results}, indent=1),
        encoding="utf-8")
    print(f"Saved {out / 'bench_table.md'} and {out / 'bench_results.json'}.")


def paired_cells(value):
    """The floor, measured, ratio and per-pair cells of a tool timed alternately with its floor
    (``alternated``): medians of the times, and the median of the pairs' ratios, which a drift of
    the machine's speed between pairs does not move."""
    if not value.get("ratios_cpu"):
        return " | ".join(["-"] * 5)
    median = statistics.median
    return " | ".join([
        f"{median(value['floor_times']):.3f} / {median(value['floor_cpu_times']):.3f}",
        f"{median(value['times']):.3f} / {median(value['cpu_times']):.3f}",
        f"{median(value['ratios_wall']):.2f}", f"{median(value['ratios_cpu']):.2f}",
        ", ".join(f"{ratio:.2f}" for ratio in value["ratios_cpu"])])


def render_targets(targets):
    """Issue 13's table: each figure against its floor from the same run, wall and CPU time."""
    lines = ["| target | data | floor s (wall / CPU) | measured s (wall / CPU) | ratio wall | ratio CPU | "
             "CPU ratio of each pair | goal |",
             "|---|---|---:|---:|---:|---:|---|---|"]

    def pair(wall, cpu):
        return "-" if wall is None else f"{wall:.3f} / {cpu:.3f}"

    def ratio(a, b):
        return "-" if a is None or not b else f"{a / b:.2f}"

    engine = (targets.get("engine") or {}).get("figures", {})
    data = (f"{targets.get('engine', {}).get('n_points', 0):,} pts, "
            f"{targets.get('engine', {}).get('n_cases', 0):,} cases (arrays)")
    for name, floor, goal in (("engine_moments", "floor_two_pass", "<= 1.5"),
                              ("engine_full", "floor_three_pass", "-")):
        label = {"engine_moments": "Engine: moments + ellipses / two-pass bincount floor",
                 "engine_full": "Engine with share inside / two passes + inside pass"}[name]
        measured, base = engine.get(name, {}), engine.get(floor, {})
        lines.append(f"| {label} | {data} | {pair(base.get('wall_s'), base.get('cpu_s'))} | "
                     f"{pair(measured.get('wall_s'), measured.get('cpu_s'))} | "
                     f"{ratio(measured.get('wall_s'), base.get('wall_s'))} | "
                     f"{ratio(measured.get('cpu_s'), base.get('cpu_s'))} | - | {goal} |")
    tools = sorted((key for key in targets if key.startswith("tool_")),
                   key=lambda key: tuple(int(part) for part in key.split("_")[1:]))
    same_columns = "end to end / GDAL Arrow read of the same columns"
    for name, label, goal in (
            ("tool", f"Ellipse tool {same_columns}", "<= 1.3"),
            ("distance", f"Standard distance tool {same_columns}", "<= 1.3"),
            # the tools of later_tool_targets; the distribution over time tool's floor reads the time field too
            ("overtime", f"Distribution over time tool {same_columns} (with the time field)", "-"),
            ("median", f"Median centre tool {same_columns}", "-")):
        for prefix, suffix in (("", ""), ("before_", " (before, from the --baseline checkout)")):
            keys = sorted((key for key in targets if key.startswith(f"{prefix}{name}_")),
                          key=lambda key: tuple(int(part) for part in key.split("_")[-2:]))
            for key in keys:
                n_points, n_cases = key.split("_")[-2:]
                lines.append(f"| {label}{suffix} | GeoPackage, {int(n_points):,} pts, {int(n_cases):,} cases | "
                             + paired_cells(targets.get(key) or {}) + f" | {goal} |")
    writing, memory = [], []
    before = sorted((key for key in targets if key.startswith("before_tool_")),
                    key=lambda key: tuple(int(part) for part in key.split("_")[-2:]))
    for key in tools + before:
        n_points, n_cases = key.split("_")[-2:]
        suffix = " (before, from the --baseline checkout)" if key.startswith("before_") else ""
        value = targets.get(key) or {}
        if value.get("write_s") is None or not value.get("median_s"):
            continue  # a failed figure
        share = value["write_s"] / value["median_s"]
        floor = (targets.get(f"write_{n_cases}") or {}).get("qgis_floor_cpu_s")
        floor_share = ("" if floor is None or not value.get("cpu_s")
                       else f" (QGIS's floor alone: {100 * floor / value['cpu_s']:.0f} % of the CPU)")
        write_cpu = value.get("write_cpu_s")  # not measured by versions before the CPU share
        cpu_share = "-" if not write_cpu or not value.get("cpu_s") else f"{100 * write_cpu / value['cpu_s']:.0f} %"
        writing.append(f"| Writing the ellipses (temporary layer) / whole run{suffix} | {int(n_points):,} pts, "
                       f"{int(n_cases):,} ellipses of 361 vertices | "
                       f"{pair(value['median_s'], value.get('cpu_s'))} (run) | "
                       f"{value['write_s']:.3f}" + ("" if write_cpu is None else f" / {write_cpu:.3f}") +
                       f" (writing) | {100 * share:.0f} % | {cpu_share} | - | < 10 %{floor_share} |")
        layer_mb = (targets.get(f"write_{n_cases}") or {}).get("layer_mb")
        needed = value["arrays_mb"] + (layer_mb or 0.0)
        memory.append(f"| Peak memory of a run over the process before it / arrays it must hold{suffix} | "
                      f"{int(n_points):,} pts, {int(n_cases):,} cases | {value['arrays_mb']:,.0f} MB (x, y, weight, "
                      f"case code)" + ("" if layer_mb is None else f" + {layer_mb:,.0f} MB (output layer)") +
                      f" | {value['peak_over_baseline_mb']:,.0f} MB"
                      + ("" if value.get("kernels_mb") is None else
                         f" (numba and its kernels, loaded once per session before the run: "
                         f"{value['kernels_mb']:,.0f} MB)") + " | "
                      f"{value['peak_over_baseline_mb'] / value['arrays_mb']:.2f} (input arrays) | "
                      + ("-" if layer_mb is None else f"{value['peak_over_baseline_mb'] / needed:.2f} (with the "
                                                      "output layer)") + " | - | <= 1.5 |")
    for key in sorted((key for key in targets if key.startswith("write_")), key=lambda key: int(key.split("_")[1])):
        value = targets.get(key) or {}
        if value.get("qgis_floor_s") is None:
            continue
        data = f"{value['cases']:,} ellipses of 361 vertices, temporary layer"
        writing.append(f"| Writing: the tool's writer / QGIS's floor (features from prepared WKB, addFeatures) | "
                       f"{data} | {pair(value['qgis_floor_s'], value['qgis_floor_cpu_s'])} | "
                       f"{pair(value['writer_s'], value['writer_cpu_s'])} | "
                       f"{ratio(value['writer_s'], value['qgis_floor_s'])} | "
                       f"{ratio(value['writer_cpu_s'], value['qgis_floor_cpu_s'])} | - | - |")
        writing.append(f"|   of the floor: addFeatures alone, features prepared | {data} | - | "
                       f"{pair(value['add_features_s'], value['add_features_cpu_s'])} | - | - | - | - |")
    lines += writing + memory
    failed = [key for key, value in targets.items() if isinstance(value, dict) and value.get("error")]
    if failed:
        lines += ["", "Failed target figures (see the log above): " + ", ".join(failed)]
    return "\n".join(lines)


def render_table(results, args, pointpats_problem):
    rows = []

    def get(key, field="median_s"):
        value = results.get(key, {})
        return value.get(field) if isinstance(value, dict) else None

    def ratio(numerator, denominator, suffix="x"):
        if numerator is None or denominator in (None, 0):
            return "-"
        return f"{numerator / denominator:.2f}{suffix}"

    def of_bare(seconds, bare_seconds):
        if seconds is None or not bare_seconds:
            return "-"
        share = seconds / bare_seconds
        return f"{share:.2f}x of bare loop" + (f" ({1 / share:.1f}x faster)" if share < 1 else "")

    def add(figure, data, seconds, memory, comparison, note=""):
        rows.append((figure, data, fmt_seconds(seconds), fmt_mb(memory), comparison, note))

    engine_data = f"{args.engine_points:,} pts, {args.cases:,} cases"
    sample_data = f"{args.sample:,} pts, {args.cases:,} cases"
    pointpats_time = get("pointpats")
    add("Engine: moments, ellipses, share inside (core/sde.py)", engine_data, get("engine_full"),
        get("engine_full", "peak_rss_mb"),
        f"{ratio(pointpats_time, get('engine_full'))} faster than pointpats" if pointpats_time else "-",
        f"input arrays {get('engine_full', 'input_mb') or 0:,.0f} MB of the peak; target < 2 s, < 1.5 GB")
    add("Engine: moments and ellipses only", engine_data, get("engine_moments"), get("engine_moments", "peak_rss_mb"),
        f"{ratio(pointpats_time, get('engine_moments'))} faster than pointpats" if pointpats_time else "-",
        "what pointpats computes")
    if pointpats_time is not None:
        version = results["pointpats"].get("pointpats_version")
        add(f"PySAL pointpats {version} ellipse(), once per case", engine_data, pointpats_time,
            get("pointpats", "peak_rss_mb"), "1.00x",
            "max rel. diff. of axes vs ours (CrimeStat): "
            f"{results['pointpats'].get('max_rel_diff_axes', float('nan')):.1e}")
        add(f"PySAL pointpats {version} ellipse(), once per case", sample_data, get("pointpats_sample"),
            get("pointpats_sample", "peak_rss_mb"), "-", "sample for the pure-Python comparison")
    else:
        add("PySAL pointpats ellipse()", engine_data, None, None, "-", f"not measured: {pointpats_problem}")
    loop = results.get("python_loop", {})
    engine_on_sample = statistics.median(loop["engine_times"]) if loop.get("engine_times") else None
    add("Pure-Python three-pass loop per case (as Tveite's plugin)", sample_data, get("python_loop"),
        get("python_loop", "peak_rss_mb"), f"ours {ratio(get('python_loop'), engine_on_sample)} faster",
        f"ours on the same sample, same process: {fmt_seconds(engine_on_sample)} s; "
        f"max rel. diff. vs ours (Yuill): {loop.get('max_rel_diff_axes', float('nan')):.1e}")

    gpkg_data = f"GeoPackage, {args.points:,} pts"
    bare = get("bare_loop")
    add("Bare QGIS read loop (geometry + 2 fields)", gpkg_data, bare, get("bare_loop", "peak_rss_mb"), "1.00x",
        "the floor of any per-feature reader")
    for path, note in (("iterator", "feature by feature (non-GDAL sources, selections...)"),
                       ("bulk", "default for GDAL files: OGR Arrow stream")):
        add(f"standarddeviationalellipse, {path} read", gpkg_data, get(f"tool_{path}"),
            get(f"tool_{path}", "peak_rss_mb"), of_bare(get(f"tool_{path}"), bare),
            f"{note}; CALC_CRS EPSG:4326")
        add(f"  of which reading ({path})", gpkg_data, get(f"read_{path}"), get(f"read_{path}", "peak_rss_mb"),
            of_bare(get(f"read_{path}"), bare), "ui/io/fast_read.read_point_columns alone")
    add("standarddeviationalellipse, bulk read, default CRS", gpkg_data, get("tool_bulk_default_crs"),
        get("tool_bulk_default_crs", "peak_rss_mb"), of_bare(get("tool_bulk_default_crs"), bare),
        "includes the transform to a local equal-area CRS")

    matching = results.get("matching", {})
    add("Matching (core/matching.py), with pair table", f"{args.belts:,} belts x {args.clusters:,} clusters",
        get("matching"), get("matching", "peak_rss_mb"), "-",
        f"classes {matching.get('classes', {})}, {matching.get('pairs', 0):,} related pairs")

    place = results.get("gazetteer", {})
    context = statistics.median(place["context_times"]) if place.get("context_times") else None
    add("Gazetteer: locate messy city and county names (core/cities.py)", f"{args.place_names:,} names, "
        f"{place.get('distinct', 0):,} distinct", get("gazetteer"), get("gazetteer", "peak_rss_mb"),
        f"with a province column: {fmt_seconds(context)} s",
        f"first load of the bundled gazetteer ({place.get('places', 0):,} places): "
        f"{fmt_seconds(place.get('load_s'))} s; "
        f"{place.get('below_city', 0):,} rows through a place below the city; statuses {place.get('statuses', {})}")

    stream = results.get("stream", {})
    add("Streamed engine: chunks, two passes (moments, share inside)", f"{stream.get('n_points', 0):,} pts, "
        f"{args.cases:,} cases", get("stream"), get("stream", "peak_rss_mb"), "single run",
        f"chunks of {args.chunk:,} ({stream.get('chunk_input_mb', 0):.0f} MB); vs direct on "
        f"{stream.get('prefix_points', 0):,} pts: max rel. diff. "
        f"{stream.get('max_rel_diff_vs_direct', float('nan')):.1e}, "
        f"pct_inside diff. {stream.get('max_pct_inside_diff_vs_direct', float('nan')):.1e}")

    lines = ["| figure | data | median s | peak RSS MB | comparison | note |", "|---|---|---:|---:|---|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]

    lines += ["", "| long run | largest gap between progress reports (s) | reports | cancel -> return (s) |",
              "|---|---:|---:|---:|"]
    for key, label in (("tool_iterator", f"tool, iterator read, {args.points:,} points"),
                       ("tool_bulk", f"tool, bulk read, {args.points:,} points"),
                       ("stream", f"streamed engine, {stream.get('n_points', 0):,} points"
                                  + ("" if stream.get("kernels_load_s") is None else
                                     f" (numba loaded before it, once per session: "
                                     f"{stream['kernels_load_s']:.2f} s)"))):
        value = results.get(key, {})
        cancelled = value.get("cancelled")
        latency = fmt_seconds(value.get("cancel_latency_s"))
        if cancelled is False:
            latency = "not measured: the run ended before the cancel"
        lines.append(f"| {label} | {fmt_seconds(value.get('max_progress_gap_s'))} | "
                     f"{value.get('progress_reports', '-')} | {latency} |")
    failed = [key for key, value in results.items() if isinstance(value, dict) and value.get("error")]
    if failed:
        lines += ["", "Failed figures (see the log above): " + ", ".join(failed)]
    lines += ["", "Peak RSS: maximum resident set size of the figure's own process (/usr/bin/time -v), so it "
              "includes the interpreter, QGIS where loaded, and the input arrays."]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default="bench_output")
    parser.add_argument("--points", type=int, default=1_000_000, help="points in the GeoPackage")
    parser.add_argument("--engine-points", type=int, default=10_000_000)
    parser.add_argument("--sample", type=int, default=1_000_000, help="points for the pure-Python loop")
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--clusters", type=int, default=10_000)
    parser.add_argument("--belts", type=int, default=1_000_000)
    parser.add_argument("--stream-points", type=int, default=100_000_000)
    parser.add_argument("--place-names", type=int, default=1_000_000, help="names the gazetteer locates")
    parser.add_argument("--chunk", type=int, default=1_000_000)
    # worker options
    parser.add_argument("--worker", choices=sorted(WORKERS))
    parser.add_argument("--arrays")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--variant", default="full")
    parser.add_argument("--gpkg")
    parser.add_argument("--what")
    parser.add_argument("--read-path", default="bulk")
    parser.add_argument("--calc-crs", default="EPSG:4326")
    parser.add_argument("--measure-progress", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--cancel-after", type=float, default=1.0)
    parser.add_argument("--dask-points", type=int, default=4_000_000)
    parser.add_argument("--dask-partitions", default="2,8,32,128", help="partition counts, comma-separated")
    parser.add_argument("--groups", default="targets,engine,qgis,matching,gazetteer,stream,dask",
                        help="figure groups to run, comma-separated")
    parser.add_argument("--target-points", default="1000000,10000000",
                        help="point counts of the end-to-end targets, comma-separated")
    parser.add_argument("--target-cases", default="100,10000", help="case counts of the targets, comma-separated")
    parser.add_argument("--baseline", help="a folder holding another version of the repository (e.g. from `git "
                        "archive`): its tools are measured in the same run against the same floors (targets group)")
    parser.add_argument("--case-field", default="case_10000")
    parser.add_argument("--tool", default="standarddeviationalellipse")
    parser.add_argument("--output-kind", default="temporary", choices=("temporary", "gpkg"))
    parser.add_argument("--time-field", help="the time field of the distribution over time tool (target worker)")
    parser.add_argument("--plugin", help="the repository whose plugin the worker runs (default: this one)")
    args = parser.parse_args()
    if args.worker:
        WORKERS[args.worker](args)
    else:
        orchestrate(args)


if __name__ == "__main__":
    main()
