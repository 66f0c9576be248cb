"""Run inside QGIS desktop (qgis --code) by scripts/screenshots.sh: the first five minutes of a new user.

Each step does what the user does, waits until QGIS has drawn it, and has the X server photograph the
screen (ImageMagick's `import -window root`): the pictures show the real window, not a rendering.
Environment: CLUSTERBELT_SHOTS_DIR (where the PNGs go), CLUSTERBELT_SHOTS_LANG (file name suffix: en, zh).
"""
import os
import subprocess
import traceback

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QDockWidget
from qgis.utils import iface, plugins

OUT = os.environ["CLUSTERBELT_SHOTS_DIR"]
LANG = os.environ["CLUSTERBELT_SHOTS_LANG"]
STATE = {}


def shot(name):
    QgsApplication.processEvents()
    subprocess.run(["import", "-window", "root", os.path.join(OUT, f"{name}_{LANG}.png")], check=True)


def finish(error=None):
    with open(os.path.join(OUT, f"done_{LANG}"), "w", encoding="utf-8") as marker:
        marker.write(error or "ok")
    QgsProject.instance().setDirty(False)


def steps():
    """The user's steps as generators: each yields the milliseconds to wait (for QGIS to draw) before going on."""
    window = iface.mainWindow()
    # No window manager under Xvfb: the window takes the whole screen itself.
    window.setGeometry(QgsApplication.primaryScreen().geometry())
    window.findChild(QDockWidget, "Browser").hide()
    yield 2000
    # 1. The Processing toolbox with ClusterBelt's groups.
    toolbox = window.findChild(QDockWidget, "ProcessingToolbox")
    toolbox.show()
    toolbox.raise_()
    layers = window.findChild(QDockWidget, "Layers")
    for dock in (layers, toolbox):
        dock.setMinimumWidth(330)
    toolbox.searchBox.setText("clusterbelt")
    toolbox.algorithmTree.expandAll()
    yield 1500
    shot("1_toolbox")
    # 2. Plugins > ClusterBelt > Load sample data: the menu open, then what the click loads.
    plugin_menu = iface.pluginMenu()
    submenu = next(a.menu() for a in plugin_menu.actions() if a.menu() is not None and "ClusterBelt" in a.text())
    bar = window.menuBar()
    plugin_menu.popup(bar.mapToGlobal(bar.actionGeometry(plugin_menu.menuAction()).bottomLeft()))
    yield 500
    plugin_menu.setActiveAction(submenu.menuAction())
    submenu.popup(plugin_menu.mapToGlobal(plugin_menu.actionGeometry(submenu.menuAction()).topRight()))
    submenu.setActiveAction(plugins["clusterbelt"].sample_action)
    yield 800
    shot("2_menu")
    submenu.close()
    plugin_menu.close()
    plugins["clusterbelt"].sample_action.trigger()
    yield 3000
    shot("3_sample_data")
    # 3. The ellipse tool's dialog, filled in as the help suggests.
    import processing

    clusters = QgsProject.instance().layerTreeRoot().children()[0].findLayers()[0].layer()
    dialog = processing.createAlgorithmDialog("clusterbelt:standarddeviationalellipse", {
        "INPUT": clusters, "WEIGHT_FIELD": "city_share", "CASE_FIELD": "cluster_type",
        "OUTPUT_CENTERS": "TEMPORARY_OUTPUT"})
    STATE["dialog"] = dialog
    dialog.resize(1000, 720)
    dialog.show()
    yield 2000
    shot("4_dialog")
    # 4. Run: the ellipses join the map.
    before = len(QgsProject.instance().mapLayers())
    dialog.runButton().click()
    for _ in range(60):
        yield 500
        if len(QgsProject.instance().mapLayers()) > before:
            break
    yield 1000
    dialog.close()
    iface.mapCanvas().refreshAllLayers()
    yield 3000
    shot("5_result_map")


def run(sequence):
    try:
        wait = next(sequence)
    except StopIteration:
        finish()
        return
    except Exception:  # noqa: BLE001 (report any failure to the shell script, then stop)
        finish(traceback.format_exc())
        return
    QTimer.singleShot(wait, lambda: run(sequence))


QTimer.singleShot(3000, lambda: run(steps()))
