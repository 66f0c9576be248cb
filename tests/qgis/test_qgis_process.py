"""The ellipse tool through the command line, with the plugin enabled from the working tree."""
import json
import os
import pathlib
import shutil
import subprocess

import pytest

from clusterbelt.core import sde

PLUGIN_ROOT = pathlib.Path(__file__).resolve().parents[2]


def qgis_process_binary():
    # On Debian 12 the /usr/bin/qgis_process wrapper is broken (QGIS issue 57683): call the .bin.
    for candidate in ("/usr/bin/qgis_process.bin", shutil.which("qgis_process.bin"), shutil.which("qgis_process")):
        if candidate and os.path.exists(candidate):
            return candidate
    pytest.fail("qgis_process is not installed (Debian package 'qgis'); `make test` installs it as root.")


@pytest.fixture(scope="module")
def qgis_process_env(tmp_path_factory):
    base = tmp_path_factory.mktemp("qgis_process")
    plugins = base / "plugins"
    plugins.mkdir()
    # The plugin must be found under its own name, whatever the clone's folder is called.
    (plugins / "clusterbelt").symlink_to(PLUGIN_ROOT, target_is_directory=True)
    env = dict(os.environ)
    env.update(
        QGIS_PLUGINPATH=str(plugins),
        QGIS_CUSTOM_CONFIG_PATH=str(base / "profile"),
        QT_QPA_PLATFORM="offscreen",
    )
    binary = qgis_process_binary()
    enabled = subprocess.run(
        [binary, "plugins", "enable", "clusterbelt"], env=env, capture_output=True, text=True, timeout=300
    )
    assert enabled.returncode == 0, enabled.stderr
    return binary, env, base


def write_points_geojson(path, points, weights):
    features = [
        {
            "type": "Feature",
            "properties": {"w": weight, "grp": "a"},
            "geometry": {"type": "Point", "coordinates": [x, y]},
        }
        for (x, y), weight in zip(points, weights)
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")


def test_ellipse_runs_under_qgis_process_and_matches_the_engine(qgis_process_env):
    binary, env, base = qgis_process_env
    points = [(66.22, 32.54), (22.52, 22.39), (31.01, 81.21), (9.47, 31.02), (30.78, 60.1), (75.21, 58.93),
              (79.26, 7.68), (8.23, 39.93), (98.73, 77.17), (89.78, 42.53), (65.19, 92.08)]
    weights = [1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2]
    source = base / "points.geojson"
    write_points_geojson(source, points, weights)
    output = base / "ellipses.gpkg"
    completed = subprocess.run(
        [binary, "--json", "run", "clusterbelt:standarddeviationalellipse", "--",
         f"INPUT={source}", "WEIGHT_FIELD=w", "CASE_FIELD=grp", "METHOD=0", "SIZE=1",
         "CALC_CRS=EPSG:4326", f"OUTPUT={output}"],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout)
    assert pathlib.Path(result["results"]["OUTPUT"].split("|")[0]) == output

    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(str(output), "ellipses", "ogr")
    assert layer.isValid() and layer.featureCount() == 1
    feature = next(layer.getFeatures())
    import numpy as np

    expected = sde.standard_deviational_ellipses(
        np.array([p[0] for p in points]), np.array([p[1] for p in points]), weights=np.array(weights, float)
    ).iloc[0]
    for name in ("CenterX", "CenterY", "XStdDist", "YStdDist", "Rotation", "major_sd", "minor_sd", "azimuth"):
        assert feature[name] == pytest.approx(expected[name], rel=1e-12), name
    assert feature["status"] == "ok" and feature["grp"] == "a" and feature["n"] == 11


def test_qgis_process_reports_a_missing_field_clearly(qgis_process_env):
    binary, env, base = qgis_process_env
    source = base / "points2.geojson"
    write_points_geojson(source, [(0, 0), (1, 2), (3, 1)], [1, 1, 1])
    completed = subprocess.run(
        [binary, "--json", "run", "clusterbelt:standarddeviationalellipse", "--",
         f"INPUT={source}", "WEIGHT_FIELD=no_such_field", f"OUTPUT={base / 'bad.gpkg'}"],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode != 0
    assert "no_such_field" in completed.stderr
    assert "Traceback" not in completed.stderr
