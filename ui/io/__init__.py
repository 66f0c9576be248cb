"""Layers and tables in and out of QGIS: features -> numpy arrays / pandas DataFrames -> sinks."""
