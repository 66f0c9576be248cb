"""What every ClusterBelt Processing algorithm shares: translation, ids, icon, help links."""
import os

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESOURCES_DIR = os.path.join(PLUGIN_DIR, "resources")
HELP_BASE_URL = "https://github.com/clusterbelt/clusterbelt/blob/main/README.md"


class ClusterBeltAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses set ALGORITHM_ID, DISPLAY_NAME, GROUP_ID and GROUP_NAME."""

    ALGORITHM_ID = ""
    DISPLAY_NAME = ""
    GROUP_ID = ""
    GROUP_NAME = ""
    HELP_ANCHOR = ""

    def tr(self, text):
        # The class name is the context pylupdate5 files each string under.
        return QCoreApplication.translate(type(self).__name__, text)

    def createInstance(self):  # noqa: N802 (QGIS API name)
        return type(self)()

    def name(self):
        return self.ALGORITHM_ID

    def displayName(self):  # noqa: N802
        return self.tr(self.DISPLAY_NAME)

    def group(self):
        return self.tr(self.GROUP_NAME)

    def groupId(self):  # noqa: N802
        return self.GROUP_ID

    def icon(self):
        return QIcon(os.path.join(RESOURCES_DIR, "icon.svg"))

    def helpUrl(self):  # noqa: N802
        return HELP_BASE_URL + ("#" + self.HELP_ANCHOR if self.HELP_ANCHOR else "")


def raise_input_error(error):
    """Turn an engine ValueError into the message a Processing user sees."""
    raise QgsProcessingException(str(error)) from error
