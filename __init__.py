"""ClusterBelt QGIS plugin: standard deviational ellipses and cluster/online-belt matching.

Importing this package must not import QGIS: the engine in ``core`` is used and
tested without it. QGIS is imported only when QGIS asks for the plugin.
"""


def classFactory(iface):  # noqa: N802 (QGIS's name)
    """QGIS entry point. ``iface`` is None under qgis_process."""
    from .plugin import ClusterBeltPlugin

    return ClusterBeltPlugin(iface)
