"""Make the repository importable as the package ``clusterbelt``.

The repository root is the plugin folder and a clone may have any name, so the
package is mapped under its own name (scripts/plugin_package.py, shared with the
scripts) instead of relying on the folder name.
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "scripts"))
from plugin_package import deprecations_as_errors, import_plugin_package, own_modules_pattern  # noqa: E402

# What the next QGIS, Qt, numpy or pandas removes must fail here first, not on a user's machine: a
# DeprecationWarning raised from the plugin's, the tests' or the scripts' own code is an error. Set here for
# the import below; pytest resets the filters around each test, so pytest_configure repeats it as its option.
deprecations_as_errors()
import_plugin_package()


def pytest_configure(config):
    config.addinivalue_line("filterwarnings", f"error::DeprecationWarning:{own_modules_pattern()}")
