"""Benchmark figures for the README (a measurement, not a test: it fails nothing).

Generates seeded SYNTHETIC data (random points, not real firms) and prints medians and
ratios measured in the same run:
- engine: grouped weighted moments + ellipses for N points in C cases (numpy only);
- end to end: clusterbelt:standarddeviationalellipse on a point GeoPackage, against a bare
  loop that only reads the same features' geometry and fields through the QGIS API.
"""
import argparse
import pathlib
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from qgis_session import import_plugin_package, start_qgis  # noqa: E402


def median_time(function, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def synthetic_points(n_points, n_cases, seed=20221212):
    rng = np.random.default_rng(seed)
    case = rng.integers(0, n_cases, n_points)
    centre_x = rng.uniform(80, 130, n_cases)
    centre_y = rng.uniform(20, 45, n_cases)
    x = centre_x[case] + rng.normal(0, 1.5, n_points)
    y = centre_y[case] + rng.normal(0, 0.8, n_points)
    weight = rng.uniform(0.1, 10, n_points)
    return x, y, weight, case


def write_geopackage(path, x, y, weight, case):
    from osgeo import ogr, osr

    driver = ogr.GetDriverByName("GPKG")
    if path.exists():
        driver.DeleteDataSource(str(path))
    dataset = driver.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    layer = dataset.CreateLayer("firms", srs, ogr.wkbPoint, options=["SPATIAL_INDEX=NO"])
    layer.CreateField(ogr.FieldDefn("weight", ogr.OFTReal))
    layer.CreateField(ogr.FieldDefn("case_id", ogr.OFTInteger))
    definition = layer.GetLayerDefn()
    layer.StartTransaction()
    for xi, yi, wi, ci in zip(x.tolist(), y.tolist(), weight.tolist(), case.tolist()):
        feature = ogr.Feature(definition)
        feature.SetField(0, wi)
        feature.SetField(1, ci)
        feature.SetGeometryDirectly(ogr.CreateGeometryFromWkt(f"POINT ({xi} {yi})"))
        layer.CreateFeature(feature)
    layer.CommitTransaction()
    dataset = None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--engine-points", type=int, default=10_000_000)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--output", default="bench_output")
    args = parser.parse_args()
    out = pathlib.Path(args.output).resolve()
    out.mkdir(parents=True, exist_ok=True)

    import_plugin_package()
    from clusterbelt.core import sde

    rows = []
    x, y, w, c = synthetic_points(args.engine_points, args.cases)
    engine = median_time(
        lambda: sde.standard_deviational_ellipses(x, y, weights=w, case_index=c, n_cases=args.cases),
        args.repeats,
    )
    rows.append((f"engine: {args.engine_points:,} points, {args.cases} cases (moments, ellipses, share inside)",
                 engine, None))
    del x, y, w, c

    application, _provider = start_qgis()
    import processing
    from qgis.core import QgsFeatureRequest, QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

    gpkg = out / f"synthetic_points_{args.points}.gpkg"
    if not gpkg.exists():
        write_geopackage(gpkg, *synthetic_points(args.points, args.cases))
    layer = QgsVectorLayer(f"{gpkg}|layername=firms", "firms", "ogr")

    weight_index = layer.fields().lookupField("weight")
    case_index = layer.fields().lookupField("case_id")

    def bare_loop():
        request = QgsFeatureRequest().setSubsetOfAttributes([weight_index, case_index])
        total = 0.0
        for feature in layer.getFeatures(request):
            point = feature.geometry().constGet()
            total += point.x() + point.y() + feature[weight_index] + feature[case_index]
        return total

    def run_tool():
        processing.run(
            "clusterbelt:standarddeviationalellipse",
            {"INPUT": layer, "WEIGHT_FIELD": "weight", "CASE_FIELD": "case_id", "CALC_CRS": "EPSG:4326",
             "OUTPUT": str(out / "ellipses.gpkg")},
            context=QgsProcessingContext(), feedback=QgsProcessingFeedback(),
        )

    loop_time = median_time(bare_loop, args.repeats)
    tool_time = median_time(run_tool, args.repeats)
    rows.append((f"bare QGIS read loop: {args.points:,} points (geometry + 2 fields)", loop_time, None))
    rows.append((f"standarddeviationalellipse on the same GeoPackage ({args.cases} cases)", tool_time,
                 tool_time / loop_time))

    print(f"\n{'figure':<80} {'median s':>9} {'ratio':>7}")
    for label, seconds, ratio in rows:
        print(f"{label:<80} {seconds:>9.3f} {'' if ratio is None else f'{ratio:.2f}x':>7}")
    print("ratio = tool time / bare loop time, measured in the same run; data are synthetic.")
    layer = None  # a layer outliving exitQgis crashes the process
    application.exitQgis()


if __name__ == "__main__":
    main()
