"""The ellipse tool in the batch dialog: three rows filled as a user would, run, three outputs.

The dialog runs in a child process: QGIS 3.22's batch dialog leaves a proxy progress task behind
that makes pytest-qgis's QgsApplication.exitQgis() wait for ever, so the session would hang at exit.
"""
import json
import os
import pathlib
import subprocess
import sys
import time

from qgis.core import QgsApplication, QgsVectorLayer


def write_points(path, points, weights):
    features = [
        {"type": "Feature", "properties": {"w": w}, "geometry": {"type": "Point", "coordinates": list(p)}}
        for p, w in zip(points, weights)
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")


def wait_until_tasks_are_done(timeout_s):
    """Process events until QGIS's task manager has no active task; fail after timeout_s seconds."""
    manager = QgsApplication.taskManager()
    deadline = time.monotonic() + timeout_s
    while manager.countActiveTasks() > 0:
        assert time.monotonic() < deadline, [task.description() for task in manager.activeTasks()]
        QgsApplication.processEvents()
        time.sleep(0.02)
    QgsApplication.processEvents()  # deliver the tasks' finished signals, which write the results


def run_batch_dialog(monkeypatch, tmp_path):
    import processing.gui.BatchAlgorithmDialog as batch_dialog_module
    import processing.gui.BatchPanel as batch_panel_module
    from processing.gui.BatchAlgorithmDialog import BatchAlgorithmDialog
    from processing.tools import dataobjects

    # pytest-qgis's stand-in iface lacks parts of the real one; with no iface the dialog runs as in a plain session.
    monkeypatch.setattr(batch_panel_module, "iface", None, raising=False)
    monkeypatch.setattr(batch_dialog_module, "iface", None, raising=False)

    base = [(1, 2), (2, 3), (2, 2), (2, 1), (3, 4), (3, 3), (3, 1), (4, 4)]
    inputs, outputs = [], []
    for row in range(3):
        path = tmp_path / f"points_{row}.geojson"
        write_points(path, [(x * (row + 1), y) for x, y in base], [1.0 + row] * len(base))
        inputs.append(str(path))
        outputs.append(str(tmp_path / f"ellipse_{row}.gpkg"))

    algorithm = QgsApplication.processingRegistry().createAlgorithmById("clusterbelt:standarddeviationalellipse")
    dialog = BatchAlgorithmDialog(algorithm)
    try:
        # Shown, as a user sees it: from QGIS 3.40 on, a batch dialog that is not visible deletes itself after
        # its last row, and 3.44 then leaves its "Batch Processing" progress task running for ever.
        dialog.show()
        panel = dialog.mainWidget()
        while panel.batchRowCount() < 3:
            panel.addRow()
        assert panel.batchRowCount() == 3
        context = dataobjects.createContext()
        for row in range(3):
            def set_value(name, value, row=row):
                panel.wrappers[row][panel.parameter_to_column[name]].setParameterValue(value, context)

            set_value("INPUT", inputs[row])
            set_value("WEIGHT_FIELD", "w")
            set_value("METHOD", row % 2)  # ArcGIS, Yuill, ArcGIS
            set_value("SIZE", 1.0 + row)
            set_value("CALC_CRS", "EPSG:4326")  # the points are plain numbers: compute on them as given
            panel.tblParameters.cellWidget(row + 1, panel.parameter_to_column["OUTPUT"]).setValue(outputs[row])
        panel.checkLoadLayersOnCompletion.setChecked(False)
        dialog.runAlgorithm()
        # From QGIS 3.40 on, runAlgorithm() queues the rows as background tasks and returns at once; closing
        # the dialog while they run crashes QGIS. Wait until the task manager is idle (3.22 ran them already)
        # before closing the dialog and reading the outputs.
        wait_until_tasks_are_done(timeout_s=240)
    finally:
        dialog.close()
        dialog.deleteLater()

    for row in range(3):
        layer = QgsVectorLayer(outputs[row], "ellipse", "ogr")
        assert layer.isValid(), outputs[row]
        feature = next(layer.getFeatures())
        assert feature["n"] == 8 and feature["status"] == "ok"
        assert feature["method"] == ("arcgis" if row % 2 == 0 else "yuill")
        assert abs(feature["CenterX"] - sum(x * (row + 1) for x, _ in base) / len(base)) < 1e-12
        assert feature["scale"] == (1.0 + row) * (2 ** 0.5 if row % 2 == 0 else 1.0)


def test_batch_dialog_runs_three_rows(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"))
    completed = subprocess.run(
        [sys.executable, __file__, str(tmp_path)], env=env, capture_output=True, text=True, timeout=300
    )
    assert completed.returncode == 0 and "BATCH OK" in completed.stdout, completed.stdout + completed.stderr


class _SetAttr:
    @staticmethod
    def setattr(module, name, value, raising=False):
        setattr(module, name, value)


if __name__ == "__main__":
    # Child process: a QGIS session with Processing and our provider, then the batch run.
    here = pathlib.Path(__file__).resolve()
    sys.path.insert(0, str(here.parents[2] / "scripts"))
    from plugin_package import deprecations_as_errors
    from qgis_session import start_qgis

    deprecations_as_errors()  # as in the pytest session (tests/conftest.py)

    application, provider = start_qgis(gui=True)
    run_batch_dialog(_SetAttr(), pathlib.Path(sys.argv[1]))
    print("BATCH OK", flush=True)
    os._exit(0)  # skip exitQgis: see the module docstring
