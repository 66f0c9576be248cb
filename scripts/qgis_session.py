"""Start a headless QGIS with Processing and the ClusterBelt provider, for scripts run outside QGIS.

Used by ``make demo`` and the benchmark; tests use pytest-qgis instead.
"""
import os
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from plugin_package import PLUGIN_ROOT, import_plugin_package  # noqa: E402

__all__ = ["PLUGIN_ROOT", "import_plugin_package", "start_qgis"]


def start_qgis(gui=False):
    """Return (QgsApplication, provider). Call once per process; gui=True for dialogs (offscreen)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    application = QgsApplication([], gui)
    application.initQgis()
    plugins_path = os.path.join(QgsApplication.pkgDataPath(), "python", "plugins")
    if plugins_path not in sys.path:
        sys.path.append(plugins_path)
    from processing.core.Processing import Processing

    Processing.initialize()
    import_plugin_package()
    from clusterbelt.ui.provider import ClusterBeltProvider

    provider = ClusterBeltProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return application, provider
