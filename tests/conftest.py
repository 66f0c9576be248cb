"""Make the repository importable as the package ``clusterbelt``.

The repository root is the plugin folder and a clone may have any name, so the
package is mapped under its own name here instead of relying on the folder name.
"""
import importlib.util
import pathlib
import sys

PLUGIN_ROOT = pathlib.Path(__file__).resolve().parent.parent


def _map_plugin_package():
    if "clusterbelt" in sys.modules:
        return
    spec = importlib.util.spec_from_file_location(
        "clusterbelt",
        PLUGIN_ROOT / "__init__.py",
        submodule_search_locations=[str(PLUGIN_ROOT)],
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["clusterbelt"] = module
    spec.loader.exec_module(module)


_map_plugin_package()
