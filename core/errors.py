"""Errors the engine raises for bad input.

The engine never imports QGIS; the Processing layer turns these into
``QgsProcessingException`` so the user sees the message as written here.
"""


class InputError(ValueError):
    """Input the engine cannot use: the message names the field, value and row(s) at fault."""
