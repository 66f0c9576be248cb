"""The ClusterBelt engine: pure Python on numpy and pandas.

Nothing in this package imports qgis, PyQt or processing, so it can be tested,
benchmarked and reused without QGIS. Data flows one way: ui -> core.
"""
