"""Without pandas (or numpy) the plugin still loads and lists its tools; running one says what to install.

Each case runs in a child Python where the package is hidden (``sys.modules[name] = None`` makes
every ``import name`` fail, as on a QGIS install without it) before QGIS and the plugin are imported.
The child loads the plugin as QGIS does (classFactory, initGui, initProcessing), lists the provider's
tools and runs one through processing.run, and prints what it saw as JSON.
"""
import json
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]

CHILD = r"""
import json, os, sys
for hidden in sys.argv[1].split(","):
    sys.modules[hidden] = None
sys.path.insert(0, os.path.join(sys.argv[2], "scripts"))
from unittest import mock

from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer
from qgis.PyQt.QtWidgets import QMainWindow

application = QgsApplication([], True)
application.initQgis()
sys.path.append(os.path.join(QgsApplication.pkgDataPath(), "python", "plugins"))
log = []
QgsApplication.messageLog().messageReceived.connect(lambda message, tag, level: log.append([tag, message]))
from processing.core.Processing import Processing
Processing.initialize()
import processing

from plugin_package import import_plugin_package
clusterbelt = import_plugin_package()

main_window = QMainWindow()
iface = mock.MagicMock()
iface.mainWindow.return_value = main_window
plugin = clusterbelt.classFactory(iface)
plugin.initGui()
plugin.initProcessing()
provider = QgsApplication.processingRegistry().providerById("clusterbelt")
tools = sorted(algorithm.name() for algorithm in provider.algorithms())
help_text = QgsApplication.processingRegistry().algorithmById("clusterbelt:splitmulticity").shortHelpString()

class Feedback(QgsProcessingFeedback):
    errors = []
    def reportError(self, error, fatal_error=False):
        self.errors.append(error)

table = QgsVectorLayer("None?field=city:string", "cities", "memory")
feedback = Feedback()
raised = None
try:
    processing.run("clusterbelt:splitmulticity", {"INPUT": table, "CITY_FIELD": "city", "OUTPUT": "memory:"},
                   feedback=feedback)
except QgsProcessingException as error:
    raised = str(error)
QgsApplication.processEvents()
plugin.unload()
print("RESULT " + json.dumps({"tools": tools, "raised": raised, "errors": feedback.errors, "log": log,
                              "help": help_text, "pandas_loaded": sys.modules.get("pandas") is not None}))
"""


def run_child(hidden):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    completed = subprocess.run([sys.executable, "-c", CHILD, hidden, str(ROOT)], capture_output=True, text=True,
                               env=env, timeout=240)
    assert completed.returncode == 0, completed.stderr[-3000:]
    lines = [line for line in completed.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, completed.stdout[-2000:] + completed.stderr[-2000:]
    return json.loads(lines[-1][len("RESULT "):])


@pytest.fixture
def tools_with_pandas(clusterbelt_provider):
    return sorted(algorithm.name() for algorithm in clusterbelt_provider.algorithms())


@pytest.mark.parametrize("hidden, named", [("pandas", "pandas"), ("numpy", "numpy")])
def test_missing_package_leaves_the_tools_listed_and_running_one_says_how_to_install_it(
        hidden, named, tools_with_pandas):
    result = run_child(hidden)
    assert not result["pandas_loaded"]
    assert result["tools"] == tools_with_pandas  # every tool and model still in the toolbox
    assert "splitmulticity" in result["tools"]
    assert result["raised"] is not None  # processing.run failed with a QgsProcessingException, not a crash
    reported = "\n".join([result["raised"]] + result["errors"])  # the exception and the dialog's log
    logged = "\n".join(message for tag, message in result["log"] if tag == "ClusterBelt")
    for text in (reported, logged, result["help"]):
        assert f"python -m pip install {named}" in text  # Windows, OSGeo4W Shell
        assert "OSGeo4W installer" in text and f"python3-{named}" in text
        assert "macOS" in text and f"-m pip install {named}" in text
        assert f"sudo apt install python3-{named}" in text and f"sudo dnf install python3-{named}" in text
    assert "Traceback" not in reported


def test_message_names_every_missing_package_and_why():
    from clusterbelt.ui.dependencies import missing_dependency_message

    message = missing_dependency_message([("numpy", "No module named 'numpy'"), ("pandas", "numpy is missing")])
    assert "numpy, pandas" in message and "No module named 'numpy'; numpy is missing" in message
    assert "python -m pip install numpy pandas" in message
    assert "sudo apt install python3-numpy python3-pandas" in message


def test_with_every_package_present_nothing_is_reported_missing():
    from clusterbelt.ui.dependencies import missing_packages

    assert missing_packages() == []
