"""Import the repository as the package ``clusterbelt`` for the scripts, whatever the clone's folder is called.

No QGIS here: the engine scripts (evaluation, sample data) use it without starting QGIS.
"""
import importlib.util
import pathlib
import re
import sys
import warnings

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


def own_modules_pattern():
    """A regular expression matching the names this repository's Python modules run under.

    For warning filters (``module=`` is matched against the name of the module a warning is
    attributed to): the package ``clusterbelt`` and its submodules, a script run directly
    (``__main__``), and the test and script files, which are imported under their file names
    (tests/ and scripts/ have no ``__init__.py``).
    """
    stems = sorted({path.stem for folder in ("tests", "scripts") for path in (PLUGIN_ROOT / folder).rglob("*.py")})
    return r"(clusterbelt(\..+)?|__main__|" + "|".join(re.escape(stem) for stem in stems) + r")\Z"


def deprecations_as_errors():
    """Turn DeprecationWarnings raised from this repository's own modules into errors (tests, the matrix)."""
    warnings.filterwarnings("error", category=DeprecationWarning, module=own_modules_pattern())
