"""Where the plugin's files are: the one computation of the plugin and resources folders.

core/ and ui/ both use these (bundled data, styles, icons, models, translations).
"""
import os

#: The plugin folder (the repository root; the folder QGIS loads the plugin from).
PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESOURCES_DIR = os.path.join(PLUGIN_DIR, "resources")
#: Bundled tables: the gazetteer, the relation table, the taxonomy, the sample data.
DATA_DIR = os.path.join(RESOURCES_DIR, "data")

__all__ = ["DATA_DIR", "PLUGIN_DIR", "RESOURCES_DIR"]
