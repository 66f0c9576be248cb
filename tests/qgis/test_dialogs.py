"""Each tool's Processing dialog opens (offscreen), shows a widget per parameter, and is grabbed as PNG.

The pictures go to build/dialogs/ so a person can look at them after `make test`.
"""
import pathlib

import pytest
from qgis.core import QgsApplication, QgsProcessingDestinationParameter
from qgis.PyQt.QtGui import QImage

from clusterbelt.ui.compat import PARAMETER_FLAG_HIDDEN

SCREENS = pathlib.Path(__file__).resolve().parents[2] / "build" / "dialogs"
ALGORITHMS = ["standarddeviationalellipse", "locatecities", "splitmulticity", "matchclustersbelts",
              "citycolocation", "crosstyperelations", "proposerelations", "paperworkflow"]


def image_is_not_blank(path):
    image = QImage(str(path))
    assert not image.isNull()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    return len(colours) > 10


@pytest.mark.parametrize("algorithm_id", ALGORITHMS)
def test_dialog_has_a_widget_for_every_parameter(clusterbelt_provider, monkeypatch, algorithm_id):
    import processing.gui.AlgorithmDialog as algorithm_dialog_module
    import processing.gui.ParametersPanel as parameters_panel_module
    from processing.gui.AlgorithmDialog import AlgorithmDialog

    # pytest-qgis's stand-in iface lacks browserModel(); with no iface the dialog runs as under qgis_process.
    monkeypatch.setattr(parameters_panel_module, "iface", None, raising=False)
    monkeypatch.setattr(algorithm_dialog_module, "iface", None, raising=False)

    algorithm = QgsApplication.processingRegistry().createAlgorithmById(f"clusterbelt:{algorithm_id}")
    assert algorithm is not None
    dialog = AlgorithmDialog(algorithm, False, None)
    try:
        dialog.resize(1000, 760)
        dialog.show()
        QgsApplication.processEvents()
        panel = dialog.mainWidget()
        inputs = [
            p.name() for p in algorithm.parameterDefinitions()
            if not isinstance(p, QgsProcessingDestinationParameter)
            and not p.flags() & PARAMETER_FLAG_HIDDEN
        ]
        assert inputs
        missing = [name for name in inputs if name not in panel.wrappers]
        assert not missing, missing
        SCREENS.mkdir(parents=True, exist_ok=True)
        picture = SCREENS / f"{algorithm_id}.png"
        assert dialog.grab().save(str(picture))
        assert image_is_not_blank(picture)
    finally:
        dialog.close()
        dialog.deleteLater()
