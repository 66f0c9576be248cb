"""Import the repository as the package ``clusterbelt`` for the scripts, whatever the clone's folder is called.

No QGIS here: the engine scripts (evaluation, sample data) use it without starting QGIS.
"""
import importlib.util
import pathlib
import sys

PLUGIN_ROOT = pathlib.Path(__file__).resolve().parent.parent


def import_plugin_package():
    """The package ``clusterbelt`` (the repository root), imported once."""
    if "clusterbelt" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "clusterbelt", PLUGIN_ROOT / "__init__.py", submodule_search_locations=[str(PLUGIN_ROOT)]
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules["clusterbelt"] = module
        spec.loader.exec_module(module)
    return sys.modules["clusterbelt"]
