"""Start a headless QGIS with Processing and the ClusterBelt provider, for scripts run outside QGIS.

Used by ``make demo`` and the benchmark; tests use pytest-qgis instead.
"""
import importlib.util
import os
import pathlib
import sys

PLUGIN_ROOT = pathlib.Path(__file__).resolve().parent.parent


def import_plugin_package():
    """Import the repository as the package ``clusterbelt``, whatever the folder's name."""
    if "clusterbelt" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "clusterbelt", PLUGIN_ROOT / "__init__.py", submodule_search_locations=[str(PLUGIN_ROOT)]
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules["clusterbelt"] = module
        spec.loader.exec_module(module)
    return sys.modules["clusterbelt"]


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
