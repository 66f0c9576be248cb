"""Everything that talks to QGIS: the Processing provider and its algorithms."""
