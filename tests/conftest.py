"""Make the repository importable as the package ``clusterbelt``.

The repository root is the plugin folder and a clone may have any name, so the
package is mapped under its own name (scripts/plugin_package.py, shared with the
scripts) instead of relying on the folder name.
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "scripts"))
from plugin_package import import_plugin_package  # noqa: E402

import_plugin_package()
