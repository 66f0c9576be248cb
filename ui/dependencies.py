"""The Python packages the tools need beyond QGIS, and the one message that says how to install them.

Some QGIS installs come without pandas (or with a numpy it cannot load). The plugin must still load
and list its tools: the Processing side imports numpy, pandas and core/ only when a tool runs
(tests/qgis/test_missing_dependency.py loads the plugin with them hidden). A tool then stops with
the message below, in its error and in the QGIS message log, instead of a traceback at start-up.
"""
import importlib
import os
import sys

from qgis.core import QgsMessageLog, QgsProcessingException
from qgis.PyQt.QtCore import QCoreApplication

from .compat import MESSAGE_CRITICAL
from .help_text import for_this_application

#: Imported by core/ at the top of its modules. For each, the pip name is the import name and the
#: OSGeo4W, Debian/Ubuntu and Fedora packages are python3-<name>.
REQUIRED_PACKAGES = ("numpy", "pandas")
LOG_TAG = "ClusterBelt"
#: The plugin's own package (its folder name): a missing module of its own is a bug, not a dependency.
PLUGIN_PACKAGE = __name__.split(".")[0]

_missing = None


def missing_packages():
    """[(package, why it cannot be imported)] for the required packages this Python lacks (checked once)."""
    global _missing
    if _missing is None:
        _missing = []
        for name in REQUIRED_PACKAGES:
            try:
                importlib.import_module(name)
            except ImportError as error:  # absent, or present but broken (e.g. built for another numpy)
                _missing.append((name, str(error)))
    return _missing


def _macos_python():
    """QGIS's own Python on macOS: the running interpreter when QGIS runs on a Mac, else the usual place."""
    if sys.platform == "darwin":
        for candidate in ("python3", "python"):
            path = os.path.join(sys.exec_prefix, "bin", candidate)
            if os.path.isfile(path):
                return path
    return "/Applications/QGIS.app/Contents/MacOS/bin/python3"


def missing_dependency_message(missing):
    """What is missing, why, and how to install it on Windows, macOS and Linux (translated)."""
    names = [name for name, _ in missing]
    return QCoreApplication.translate(
        "MissingDependency",
        "ClusterBelt needs the Python package(s) {names}, which this QGIS cannot import ({errors}). "
        "Install them into the Python that QGIS uses, then restart QGIS.\n"
        "Windows: open the OSGeo4W Shell (Start menu, QGIS folder) and run: python -m pip install {pip}; "
        "or run the OSGeo4W installer (Advanced Install) and add the package(s) {packages}.\n"
        "macOS: in Terminal run QGIS's own Python: \"{mac_python}\" -m pip install {pip} "
        "(for QGIS-LTR.app put its name in the path).\n"
        "Linux: install your distribution's package(s): sudo apt install {packages} (Debian, Ubuntu) "
        "or sudo dnf install {packages} (Fedora)."  # no trailing comma: pylupdate5 would skip the text
    ).format(
        names=", ".join(names),
        errors="; ".join(error for _, error in missing),
        pip=" ".join(names),
        packages=" ".join(f"python3-{name}" for name in names),
        mac_python=_macos_python(),
    )


def missing_dependency_error(missing):
    """Log the message (QGIS message log, tab ClusterBelt) and return it as a QgsProcessingException."""
    message = missing_dependency_message(missing)
    QgsMessageLog.logMessage(message, LOG_TAG, MESSAGE_CRITICAL)
    return QgsProcessingException(message)


def require_packages():
    """Raise the missing-dependency QgsProcessingException when a required package cannot be imported."""
    missing = missing_packages()
    if missing:
        raise missing_dependency_error(missing)


def guard_algorithm_class(cls):
    """Make a tool class usable without the required packages (called for every tool class).

    Its parameters may take their choices from core/, so without the packages the tool is listed
    with no parameters and a help that says what to install; running it raises the message. A
    package a tool imports only when it runs gives the same message instead of a traceback.
    """
    help_method = cls.__dict__.get("shortHelpString")
    if help_method is not None:
        def short_help_string(self, _help=help_method):
            if missing_packages():
                message = missing_dependency_message(missing_packages())
                return for_this_application("<p>{}</p>".format(message.replace("\n", "</p>\n<p>")))
            return _help(self)

        cls.shortHelpString = short_help_string
    init_method = cls.__dict__.get("initAlgorithm")
    if init_method is not None:
        def init_algorithm(self, config=None, _init=init_method):
            if not missing_packages():
                _init(self, config)

        cls.initAlgorithm = init_algorithm
    process_method = cls.__dict__.get("processAlgorithm")
    if process_method is not None:
        def process_algorithm(self, parameters, context, feedback, _process=process_method):
            require_packages()
            try:
                return _process(self, parameters, context, feedback)
            except ModuleNotFoundError as error:
                package = (error.name or PLUGIN_PACKAGE).split(".")[0]
                if package == PLUGIN_PACKAGE:
                    raise
                raise missing_dependency_error([(package, str(error))]) from error

        cls.processAlgorithm = process_algorithm
