"""The QGIS plugin object: registers the Processing provider.

Under qgis_process ``iface`` is None, so the provider is registered in
initProcessing (called by QGIS in both cases) and iface is touched only in initGui.
"""
from qgis.core import QgsApplication

from .ui.provider import ClusterBeltProvider


class ClusterBeltPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None

    def initProcessing(self):  # noqa: N802 (QGIS calls this name)
        if self.provider is None:
            self.provider = ClusterBeltProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802
        self.initProcessing()

    def unload(self):
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
